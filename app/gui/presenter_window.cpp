#include "presenter_window.h"

#define GL_SILENCE_DEPRECATION
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "app.h"
#include "chrome.h"

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

GLFWmonitor* PresenterWindow::second_monitor(GLFWwindow* main) {
    int count = 0;
    GLFWmonitor** all = glfwGetMonitors(&count);
    if (count < 2) return nullptr;
    GLFWmonitor* mine = glfwGetWindowMonitor(main) ? glfwGetWindowMonitor(main) : monitor_of(main);
    for (int i = 0; i < count; ++i)
        if (all[i] != mine) return all[i];
    return nullptr;
}

bool PresenterWindow::open(App& app, GLFWwindow* main, GLFWmonitor* monitor) {
    if (window_ || !monitor) return window_ != nullptr;
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    if (!mode) return false;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);  // the projector stays up while the trainer works on the laptop
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);
    window_ = glfwCreateWindow(mode->width, mode->height, "邻里 Linli · 投影 Projector", monitor, main);
    glfwDefaultWindowHints();
    if (!window_) return false;
    main_ = main;
    glfwSetWindowUserPointer(window_, &app);
    glfwSetKeyCallback(window_, on_key);  // keys pressed while it has the focus reach the controls
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(0);  // the main window's swap already waits for the display
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

void PresenterWindow::render(App& app, const std::function<void()>& content) {
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
    glViewport(0, 0, w, h);
    ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window_);
    ImGui::SetCurrentContext(main_context);
    glfwMakeContextCurrent(main_);
}

}  // namespace linli::gui
