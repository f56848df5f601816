// The help screens: CLI11's layout with Chinese-and-English headings, and each subcommand listed
// with its synopsis built from its options ("linli drill play ID [--choices N,N,...] [--json] [--new]").
#pragma once
#include <string>

namespace CLI {
class App;
}

namespace linli::cli {

inline constexpr const char* kTitle = "邻里 Linli — 社区实务训练 / community-practice trainer";

// Call on the top level before adding options and subcommands: they inherit the formatter,
// the help flag and the footer.
void setup_help(CLI::App& app);

// "linli drill play": the subcommand with the commands above it.
std::string full_name(const CLI::App& app);

// The help of `app` itself (not of a subcommand given on the line).
std::string help_text(const CLI::App& app);

}  // namespace linli::cli
