// Command-line options shared by every subcommand (--data-dir, --library) and the window's own.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace linli::cli {

struct Options {
    std::optional<std::filesystem::path> data_dir;   // --data-dir DIR
    std::vector<std::filesystem::path> libraries;    // --library DIR (repeatable)
    bool english = false;                            // --lang en: messages (lint's too) in English
    std::optional<std::filesystem::path> screenshot;  // --screenshot FILE (window)
    bool exit_after_first_frame = false;              // --exit-after-first-frame (window)
    std::string open_id;                              // --open ID: start in the reader on ID (window)
    int frame_stats = 0;                              // --frame-stats N: draw N frames, print CPU per frame, exit
    std::string start_view;                           // --view KEY: start in this view (home, library, …)
    std::string search_query;                         // --search QUERY: start with the search open on QUERY
    std::vector<int> drill_choices;                   // --drill-choices 1,2: play these in the drill --open shows
    bool resume_workshop = false;                     // --resume-workshop: go on with the last unfinished workshop
};

// The help heading of the window-only options; they are refused alongside a subcommand.
inline constexpr const char* kWindowGroup = "窗口 Window (without a subcommand)";

// --data-dir and --library on the top level; subcommands fall through to them, so they go before
// or after the subcommand.
void add_global_options(CLI::App& app, Options& o);
// The window-only options, one line each in options.cpp.
void add_window_options(CLI::App& app, Options& o);
// The first window-only option given on the line ("--screenshot"), or "" when none was.
std::string window_option_given(const CLI::App& app);

}  // namespace linli::cli
