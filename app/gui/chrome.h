// The window's chrome around the views (chrome.cpp): shortcuts, the menu bar, the sidebar read
// from the view table, the status area, the error banner, and the window title.
#pragma once
#include <string>

struct GLFWwindow;

namespace linli::gui {

struct App;

// Our GLFW key callback, installed before ImGui's: it records every press for App::pressed().
void on_key(GLFWwindow* win, int key, int scancode, int action, int mods);
void handle_shortcuts(App& app, GLFWwindow* win, bool& screenshot_requested);
void draw_frame(App& app, GLFWwindow* win);
std::string window_title(const App& app);

}  // namespace linli::gui
