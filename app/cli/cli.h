// The `linli` subcommands. Each only calls the libraries and prints.
#pragma once
#include "options.h"

namespace linli::cli {

// Runs the subcommand in opts.args (or --help/--version); returns the process exit code.
int run(const Options& opts);
void print_help();

// Exit codes shared by the subcommands.
enum ExitCode { kOk = 0, kProblems = 1, kUsage = 2 };

// Subcommands, one file each.
int cmd_lint(const Options& opts);
int cmd_list(const Options& opts);
int cmd_search(const Options& opts);
int cmd_drill(const Options& opts);
int cmd_sync(const Options& opts);
int cmd_profile(const Options& opts);
int cmd_status(const Options& opts);

}  // namespace linli::cli
