// Window and view settings that persist between runs: a small key=value file in the config folder.
#pragma once
#include <filesystem>
#include <string>

namespace linli::gui {

struct Settings {
    int window_x = -1, window_y = -1;  // -1: let the window manager place it
    int window_w = 1200, window_h = 800;
    float text_size = 18;   // logical pixels, before the monitor's content scale
    bool dark = false;
    std::string lang = "zh";
    std::string view = "home";
    std::string last_doc;
    float sidebar_w = 190;
    bool welcomed = false;  // the first-run settings page was shown
    std::string editor_pane = "preview";  // 编写's right side: preview | graph | play

    static Settings load(const std::filesystem::path& file);
    void save(const std::filesystem::path& file) const;  // atomically: temp file, then rename
};

}  // namespace linli::gui
