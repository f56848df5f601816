// Usage errors (exit 2): what a wrong command line prints, Chinese first, then English in brackets.
#pragma once
#include <CLI/Error.hpp>
#include <string>

namespace CLI {
class App;
}

namespace linli::cli {

// A usage error whose message is already written in both languages.
struct UsageError : CLI::ParseError {
    explicit UsageError(std::string message) : CLI::ParseError("UsageError", std::move(message), 2) {}
};

// The message for CLI11's parse error `e` from `app` (the top level), without the "linli: " prefix:
// `--kinde x` → 不认识的参数 --kinde x (unexpected argument: --kinde x).
std::string usage_message(const CLI::App& app, const CLI::Error& e);

// The subcommands given so far, as typed: "linli drill paths".
std::string command_path(const CLI::App& app);

}  // namespace linli::cli
