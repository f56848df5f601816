#include "settings.h"

#include <algorithm>
#include <fstream>

namespace linli::gui {

Settings Settings::load(const std::filesystem::path& file) {
    Settings s;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        size_t eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        try {
            if (key == "window_x") s.window_x = std::stoi(value);
            else if (key == "window_y") s.window_y = std::stoi(value);
            else if (key == "window_w") s.window_w = std::max(400, std::stoi(value));
            else if (key == "window_h") s.window_h = std::max(300, std::stoi(value));
            else if (key == "text_size") s.text_size = std::clamp(std::stof(value), 10.0f, 40.0f);
            else if (key == "dark") s.dark = value == "1";
            else if (key == "lang") s.lang = value == "en" ? "en" : "zh";
            else if (key == "view") s.view = value;
            else if (key == "last_doc") s.last_doc = value;
            else if (key == "welcomed") s.welcomed = value == "1";
            else if (key == "editor_pane") s.editor_pane = value;
            else if (key == "sidebar_w") s.sidebar_w = std::clamp(std::stof(value), 120.0f, 500.0f);
        } catch (const std::exception&) {
            // A damaged value keeps its default; the rest still apply.
        }
    }
    return s;
}

void Settings::save(const std::filesystem::path& file) const {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    std::filesystem::path tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "window_x=" << window_x << "\nwindow_y=" << window_y << "\nwindow_w=" << window_w
            << "\nwindow_h=" << window_h << "\ntext_size=" << text_size << "\ndark=" << (dark ? 1 : 0)
            << "\nlang=" << lang << "\nview=" << view << "\nlast_doc=" << last_doc << "\nsidebar_w=" << sidebar_w
            << "\nwelcomed=" << (welcomed ? 1 : 0) << "\neditor_pane=" << editor_pane << "\n";
        if (!out) return;
    }
    std::filesystem::rename(tmp, file, ec);
}

}  // namespace linli::gui
