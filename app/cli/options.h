// Command-line options shared by every subcommand and by the window.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace linli::cli {

struct Options {
    std::optional<std::filesystem::path> data_dir;   // --data-dir DIR
    std::vector<std::filesystem::path> libraries;    // --library DIR (repeatable)
    std::optional<std::filesystem::path> screenshot;  // --screenshot FILE (window)
    bool exit_after_first_frame = false;              // --exit-after-first-frame (window)
    std::string open_id;                              // --open ID: start in the reader on ID (window)
    int frame_stats = 0;                              // --frame-stats N: draw N frames, print CPU per frame, exit
    bool help = false, version = false;
    std::vector<std::string> args;                    // the subcommand and its own arguments
};

// Parses global options anywhere on the line; everything else goes to args in order.
// Throws std::invalid_argument with a message for a missing option value.
Options parse_options(int argc, char** argv);

}  // namespace linli::cli
