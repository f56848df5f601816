// The `linli` command line (CLI11): global options, the window's options, and the subcommands,
// one file each. Each subcommand only calls the libraries and prints.
#pragma once
#include <functional>

#include "options.h"

namespace linli::cli {

// Exit codes shared by the subcommands; `linli sync` adds 3 (I/O), 4 (busy), 5 (store): README.
enum ExitCode { kOk = 0, kProblems = 1, kUsage = 2 };

// Opens the window; run when the line has no subcommand.
using WindowFn = std::function<int(const Options&)>;

// Parses the line and runs its subcommand, or `window` without one; returns the exit code.
// A wrong line prints a message naming the culprit, Chinese then English, and returns kUsage.
int run(int argc, char** argv, const WindowFn& window);

// A subcommand's work with its parsed values bound; returns the exit code.
using Action = std::function<int()>;

// Each adds its subcommand to `app`; when the subcommand is on the line, parsing sets `action`.
// `opts` is filled by the time the action runs.
void add_lint(CLI::App& app, const Options& opts, Action& action);
void add_list(CLI::App& app, const Options& opts, Action& action);
void add_search(CLI::App& app, const Options& opts, Action& action);
void add_drill(CLI::App& app, const Options& opts, Action& action);  // drill list|play|paths
void add_workshop(CLI::App& app, const Options& opts, Action& action);  // workshop run
void add_report(CLI::App& app, const Options& opts, Action& action);    // the cohort's report
void add_export(CLI::App& app, const Options& opts, Action& action);    // export xapi
void add_profile(CLI::App& app, const Options& opts, Action& action);
void add_sync(CLI::App& app, const Options& opts, Action& action);
void add_status(CLI::App& app, const Options& opts, Action& action);
void add_pack(CLI::App& app, const Options& opts, Action& action);     // pack export|import (case packs)

// Makes `run` the action when `sub` is on the line (a CLI11 callback, run after the whole line parsed).
void on_parsed(CLI::App* sub, Action& action, Action run);

}  // namespace linli::cli
