#include "presenter_window.h"

#define GL_SILENCE_DEPRECATION
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <dlfcn.h>
#include <imgui.h>

#include <vector>

#include "app.h"
#include "chrome.h"
#include "screenshot.h"

namespace linli::gui {

GLFWmonitor* PresenterWindow::monitor_of(GLFWwindow* w) {
    int x = 0, y = 0, ww = 0, wh = 0, count = 0;
    glfwGetWindowPos(w, &x, &y);
    glfwGetWindowSize(w, &ww, &wh);
    GLFWmonitor** all = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        int mx = 0, my = 0;
        const GLFWvidmode* mode = glfwGetVideoMode(all[i]);
        glfwGetMonitorPos(all[i], &mx, &my);
        if (mode && x + ww / 2 >= mx && x + ww / 2 < mx + mode->width && y + wh / 2 >= my && y + wh / 2 < my + mode->height)
            return all[i];
    }
    return glfwGetPrimaryMonitor();
}

namespace {

struct _XDisplay;
extern "C" _XDisplay* glfwGetX11Display();  // glfw3native.h's, without pulling in Xlib.h

// libXinerama's screen record (a stable ABI since 1999), read through dlopen: no build dependency,
// and none at run time where the library is absent.
struct XineramaScreen {
    int screen_number;
    short x_org, y_org, width, height;
};

std::vector<Screen> xinerama_screens() {
    std::vector<Screen> out;
    void* lib = dlopen("libXinerama.so.1", RTLD_LAZY | RTLD_LOCAL);
    if (!lib) return out;
    using Query = XineramaScreen* (*)(_XDisplay*, int*);
    using Active = int (*)(_XDisplay*);
    auto query = reinterpret_cast<Query>(dlsym(lib, "XineramaQueryScreens"));
    auto active = reinterpret_cast<Active>(dlsym(lib, "XineramaIsActive"));
    auto release = reinterpret_cast<int (*)(void*)>(dlsym(dlopen("libX11.so.6", RTLD_LAZY | RTLD_NOLOAD), "XFree"));
    _XDisplay* display = glfwGetX11Display();
    int n = 0;
    if (query && active && display && active(display))
        if (XineramaScreen* screens = query(display, &n)) {
            for (int i = 0; i < n; ++i) out.push_back({nullptr, screens[i].x_org, screens[i].y_org, screens[i].width, screens[i].height});
            if (release) release(screens);
        }
    dlclose(lib);
    return out;
}

}  // namespace

std::optional<Screen> PresenterWindow::second_screen(GLFWwindow* main) {
    int count = 0;
    GLFWmonitor** all = glfwGetMonitors(&count);
    if (count >= 2) {
        GLFWmonitor* mine = glfwGetWindowMonitor(main) ? glfwGetWindowMonitor(main) : monitor_of(main);
        for (int i = 0; i < count; ++i)
            if (all[i] != mine) return Screen{all[i]};
    }
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetWindowPos(main, &x, &y);
    glfwGetWindowSize(main, &w, &h);
    std::vector<Screen> screens = xinerama_screens();
    if (screens.size() < 2) return std::nullopt;
    // The window's screen is the first holding its centre (Xvfb puts every screen at the origin).
    size_t mine = 0;
    for (size_t i = 0; i < screens.size(); ++i) {
        const Screen& s = screens[i];
        if (x + w / 2 >= s.x && x + w / 2 < s.x + s.w && y + h / 2 >= s.y && y + h / 2 < s.y + s.h) {
            mine = i;
            break;
        }
    }
    return screens[mine == 0 ? 1 : 0];
}

bool PresenterWindow::open(App& app, GLFWwindow* main, const Screen& screen) {
    if (window_) return true;
    int w = screen.w, h = screen.h;
    if (screen.monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(screen.monitor);
        if (!mode) return false;
        w = mode->width, h = mode->height;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);  // the projector stays up while the trainer works on the laptop
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);
    if (!screen.monitor) glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);  // covers its screen like a fullscreen one
    window_ = glfwCreateWindow(w, h, "邻里 Linli · 投影 Projector", screen.monitor, main);
    glfwDefaultWindowHints();
    if (!window_) return false;
    if (!screen.monitor) glfwSetWindowPos(window_, screen.x, screen.y);
    main_ = main;
    glfwSetWindowUserPointer(window_, &app);
    glfwSetKeyCallback(window_, on_key);  // keys pressed while it has the focus reach the controls
    glfwSetWindowRefreshCallback(window_, [](GLFWwindow* w) { static_cast<App*>(glfwGetWindowUserPointer(w))->presenter.screen_lost(); });
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(0);  // the main window's swap already waits for the display
    sub_copy_ = SubBufferCopy(window_);
    context_ = ImGui::CreateContext(app.fonts.atlas());
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window_, false);
    ImGui_ImplOpenGL3_Init("#version 150");
    FontTexture().create_device_objects();  // shaders only: the atlas's texture is the main window's
    app.theme.apply(app.settings.dark, 1);
    dark_ = int(app.settings.dark);
    ImGui::SetCurrentContext(main_context);
    glfwMakeContextCurrent(main_);
    return true;
}

void PresenterWindow::close() {
    if (!window_) return;
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(window_);
    ImGui::SetCurrentContext(context_);
    cache_.release();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::GetIO().Fonts = nullptr;  // the atlas is the app's, not this context's
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(main_context);
    glfwDestroyWindow(window_);
    glfwMakeContextCurrent(main_);
    window_ = nullptr;
    context_ = nullptr;
}

void PresenterWindow::render(App& app, const std::function<void()>& content, const std::filesystem::path* screenshot) {
    if (!window_) return;
    if (glfwWindowShouldClose(window_)) {
        close();
        return;
    }
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(window_);
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().Fonts = app.fonts.atlas();  // a rebake replaced it
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (dark_ != int(app.settings.dark)) app.theme.apply(app.settings.dark, 1), dark_ = int(app.settings.dark);
    ImGui::NewFrame();
    content();
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    bool shown = cache_.render(ImGui::GetDrawData(), w, h, ImGui::GetStyle().Colors[ImGuiCol_WindowBg], &sub_copy_, screenshot != nullptr);
    if (screenshot) write_framebuffer_png(*screenshot, w, h);
    if (!shown) glfwSwapBuffers(window_);
    ImGui::SetCurrentContext(main_context);
    glfwMakeContextCurrent(main_);
}

}  // namespace linli::gui
