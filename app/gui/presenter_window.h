// The audience's window: fullscreen on a second monitor (the projector) while the main window on
// the laptop keeps the trainer's controls, as PowerPoint's presenter view does. ImGui 1.86 has no
// multi-viewport, so it is a second GLFW window with its own ImGui context; it shares the main
// window's GL objects (the font atlas's texture) and font atlas, and takes no mouse input: its keys
// go to the main window's key list.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>

#include "frame_cache.h"

struct GLFWwindow;
struct GLFWmonitor;
struct ImGuiContext;

namespace linli::gui {

struct App;

// A screen the audience's window can fill: a monitor (RandR), or a Xinerama screen of one X display
// that RandR sees as one (Xvfb; some multi-head set-ups): then the window is sized to cover it.
struct Screen {
    GLFWmonitor* monitor = nullptr;
    int x = 0, y = 0, w = 0, h = 0;
};

class PresenterWindow {
public:
    // A screen other than the one `main` is on; none when there is one screen.
    static std::optional<Screen> second_screen(GLFWwindow* main);
    static GLFWmonitor* monitor_of(GLFWwindow* w);  // the one holding the window's centre
    // Opens fullscreen on `screen`; false when the window or its context cannot be made.
    bool open(App& app, GLFWwindow* main, const Screen& screen);
    void close();
    bool is_open() const { return window_ != nullptr; }
    // Draws one frame of `content` into the window (between the main window's frames), then makes
    // the main window's GL and ImGui contexts current again; `screenshot`: also written to that PNG.
    void render(App& app, const std::function<void()>& content, const std::filesystem::path* screenshot = nullptr);
    void screen_lost() { cache_.screen_lost(); }  // exposed again: the next frame is swapped whole
    ~PresenterWindow() { close(); }

private:
    GLFWwindow* window_ = nullptr;
    GLFWwindow* main_ = nullptr;
    ImGuiContext* context_ = nullptr;
    int dark_ = -1;  // the theme its style was set for
    FrameCache cache_;  // its own: framebuffer objects belong to one GL context
    SubBufferCopy sub_copy_;
};

}  // namespace linli::gui
