// The window's chrome: keyboard shortcuts, the menu bar, the sidebar, the frame that hosts the
// current view, and the window title.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "chrome.h"

#include "app.h"
#include "strings.h"
#include "theme.h"
#include "wrapped_text.h"

namespace linli::gui {
namespace {

void draw_menu(App& app, GLFWwindow* win) {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu(tr(Str::MenuView))) {
        if (ImGui::MenuItem(tr(Str::ThemeLight), nullptr, !app.settings.dark)) app.set_theme(false);
        if (ImGui::MenuItem(tr(Str::ThemeDark), nullptr, app.settings.dark)) app.set_theme(true);
        ImGui::Separator();
        if (ImGui::MenuItem(tr(Str::TextBigger), "Ctrl+=")) app.request_text_size(app.settings.text_size + 2);
        if (ImGui::MenuItem(tr(Str::TextSmaller), "Ctrl+-")) app.request_text_size(app.settings.text_size - 2);
        ImGui::Separator();
        if (ImGui::MenuItem(tr(Str::Quit), "Ctrl+Q")) glfwSetWindowShouldClose(win, GLFW_TRUE);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(Str::MenuLanguage))) {
        if (ImGui::MenuItem("简体中文", nullptr, language() == Lang::Zh)) app.set_language_key("zh");
        if (ImGui::MenuItem("English", nullptr, language() == Lang::En)) app.set_language_key("en");
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

void draw_sidebar(App& app) {
    ImGui::BeginChild("##nav", ImVec2(app.settings.sidebar_w * app.content_scale, 0), true);
    auto nav = [&](Str label, View v) {
        if (ImGui::Selectable(tr(label), app.view == v)) {
            if (app.view == View::Reader && v != View::Reader) app.leave_document();
            app.view = v;
        }
    };
    nav(Str::NavHome, View::Home);
    nav(Str::NavLibrary, View::Library);
    if (ImGui::Selectable(tr(Str::NavSearch), false)) {
        app.search_open = true;
        app.search_focus = true;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("Ctrl+K");
    char problems[64];
    std::snprintf(problems, sizeof problems, "%s (%zu)###problems", tr(Str::NavProblems), app.catalog.problems.size());
    if (ImGui::Selectable(problems, app.view == View::Problems)) {
        if (app.view == View::Reader) app.leave_document();
        app.view = View::Problems;
    }
    if (ImGui::Selectable(tr(Str::NavSettings), app.view == View::Settings)) {
        if (app.view == View::Reader) app.leave_document();
        app.view = View::Settings;
    }
    draw_sync_status(app);
    if (!app.history.ids.empty()) {
        ImGui::Separator();
        for (int i = static_cast<int>(app.history.ids.size()) - 1, shown = 0; i >= 0 && shown < 8; --i, ++shown) {
            const Document* d = app.catalog.library.find(app.history.ids[i]);
            if (!d) continue;
            ImGui::PushID(i);
            std::string label = fit_with_ellipsis(d->meta.title, ImGui::GetContentRegionAvail().x);
            if (ImGui::Selectable(label.c_str(), app.view == View::Reader && app.current_id == d->meta.id))
                app.open_document(d->meta.id);
            if (label.size() != d->meta.title.size() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", d->meta.title.c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    // A thin splitter to resize the sidebar.
    ImGui::SameLine(0, 0);
    ImGui::InvisibleButton("##split", ImVec2(6 * app.content_scale, -1));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (ImGui::IsItemActive())
        app.settings.sidebar_w = std::clamp(app.settings.sidebar_w + ImGui::GetIO().MouseDelta.x / app.content_scale, 120.0f, 500.0f);
    ImGui::SameLine(0, 0);
}

}  // namespace

void on_key(GLFWwindow* win, int key, int, int action, int mods) {
    if (action == GLFW_PRESS || action == GLFW_REPEAT)
        static_cast<App*>(glfwGetWindowUserPointer(win))->keys_this_frame.push_back({key, mods});
}

void handle_shortcuts(App& app, GLFWwindow* win, bool& screenshot_requested) {
    constexpr int ctrl = GLFW_MOD_CONTROL, alt = GLFW_MOD_ALT;
    if (app.pressed(GLFW_KEY_K, ctrl)) {
        app.search_open = true;
        app.search_focus = true;
    }
    if (app.pressed(GLFW_KEY_EQUAL, ctrl) || app.pressed(GLFW_KEY_KP_ADD, ctrl))
        app.request_text_size(app.settings.text_size + 2);
    if (app.pressed(GLFW_KEY_MINUS, ctrl) || app.pressed(GLFW_KEY_KP_SUBTRACT, ctrl))
        app.request_text_size(app.settings.text_size - 2);
    if (app.pressed(GLFW_KEY_0, ctrl)) app.request_text_size(18);
    if (app.pressed(GLFW_KEY_Q, ctrl)) glfwSetWindowShouldClose(win, GLFW_TRUE);
    if (app.pressed(GLFW_KEY_LEFT, alt)) app.go_back();
    if (app.pressed(GLFW_KEY_RIGHT, alt)) app.go_forward();
    if (app.pressed(GLFW_KEY_F12)) screenshot_requested = true;
}

void draw_frame(App& app, GLFWwindow* win) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_MenuBar |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleVar();
    ImGui::PushFont(app.fonts.body);
    draw_menu(app, win);
    draw_sidebar(app);
    ImGui::BeginChild("##main", ImVec2(0, 0), false);
    switch (app.view) {
        case View::Home: draw_home(app); break;
        case View::Library: draw_library(app); break;
        case View::Reader: draw_reader(app); break;
        case View::Problems: draw_problems(app); break;
        case View::Drill: draw_drill(app); break;
        case View::Settings: draw_settings(app); break;
    }
    ImGui::EndChild();
    draw_search_popup(app);
    ImGui::PopFont();
    ImGui::End();
}

std::string window_title(const App& app) {
    if (app.view == View::Drill && app.player.drill) {
        const DrillSession& s = app.player.recorder->session();
        std::string t = app.player.drill->doc->meta.title;
        if (s.finished()) {
            std::string prefix = std::string(tr(Str::DrillEnding)) + "：";
            const std::string& end = s.node().title;
            t += " · " + (end.rfind(prefix, 0) == 0 ? end : prefix + end);
        }
        return t + " — 邻里 Linli";
    }
    const Document* d = app.view == View::Reader ? app.current() : nullptr;
    return d ? d->meta.title + " — 邻里 Linli" : "邻里 Linli";
}

}  // namespace linli::gui
