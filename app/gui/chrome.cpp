// The window's chrome: keyboard shortcuts, the menu bar, the sidebar (every Sidebar and Overlay
// view of the table, then the recent documents), the status area under it, the error banner,
// the frame that hosts the current view, and the window title.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/format.h>

#include <algorithm>

#include "chrome.h"

#include "app.h"

namespace linli::gui {
namespace {

void draw_menu(App& app, GLFWwindow* win) {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu(app.tr(Str::MenuView))) {
        if (ImGui::MenuItem(app.tr(Str::ThemeLight), nullptr, !app.settings.dark)) app.set_theme(false);
        if (ImGui::MenuItem(app.tr(Str::ThemeDark), nullptr, app.settings.dark)) app.set_theme(true);
        ImGui::Separator();
        if (ImGui::MenuItem(app.tr(Str::TextBigger), "Ctrl+=")) app.request_text_size(app.settings.text_size + 2);
        if (ImGui::MenuItem(app.tr(Str::TextSmaller), "Ctrl+-")) app.request_text_size(app.settings.text_size - 2);
        ImGui::Separator();
        if (ImGui::MenuItem(app.tr(Str::Quit), "Ctrl+Q")) glfwSetWindowShouldClose(win, GLFW_TRUE);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(app.tr(Str::MenuLanguage))) {
        if (ImGui::MenuItem("简体中文", nullptr, app.strings.language() == Lang::Zh)) app.set_language_key("zh");
        if (ImGui::MenuItem("English", nullptr, app.strings.language() == Lang::En)) app.set_language_key("en");
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

// The sync line and the store's line: what is not right with saving and syncing.
void draw_status(App& app) {
    const Palette& pal = app.palette();
    StoreWriter::Status st = app.store ? app.store->status() : StoreWriter::Status{false, true, true, "", 0};
    if (st.failed) {
        app.text.text(st.unavailable ? app.tr(Str::StoreUnavailable) : app.tr(Str::StoreRetrying), pal.bad);
        if (!st.unavailable && st.pending)
            app.text.text(fmt::format("{} {}", st.pending, app.tr(Str::StorePending)), pal.muted);
        if (!st.message.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", st.message.c_str());
    }
    if (app.sync.shared_path.empty()) return;
    const char* line = app.syncer.running() ? app.tr(Str::SyncRunning)
                       : app.sync.status.empty() ? app.tr(Str::SyncNever)
                                                 : app.sync.status.c_str();
    app.text.text(line, app.sync.failed ? pal.bad : pal.muted);
}

void draw_sidebar(App& app) {
    ImGui::BeginChild("##nav", ImVec2(app.settings.sidebar_w * app.content_scale, 0), true);
    for (size_t i = 0; i < static_cast<size_t>(ViewId::Count); ++i) {
        const ViewInfo& info = view_table()[i];
        if (info.place == Place::Hidden) continue;
        View& v = app.view(info.id);
        std::string label = v.nav_label(app, app.title(info.id)) + "###nav-" + info.key;
        if (ImGui::Selectable(label.c_str(), app.current_view() == info.id)) app.show(info.id);
        if (info.id == ViewId::search) {
            ImGui::SameLine();
            ImGui::TextDisabled("Ctrl+K");
        }
    }
    draw_status(app);
    if (!app.history.ids.empty()) {
        ImGui::Separator();
        bool in_doc = app.current_view() == ViewId::reader || app.current_view() == ViewId::drill;
        for (int i = static_cast<int>(app.history.ids.size()) - 1, shown = 0; i >= 0 && shown < 8; --i, ++shown) {
            const Document* d = app.catalog.library.find(app.history.ids[i]);
            if (!d) continue;
            ImGui::PushID(i);
            const std::string& label = app.text.fit(d->meta.title, ImGui::GetContentRegionAvail().x);
            if (ImGui::Selectable(label.c_str(), in_doc && app.current_id == d->meta.id)) app.open_document(d->meta.id);
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

// Errors caught at a boundary: shown until dismissed, so a failure is never silent.
void draw_errors(App& app) {
    if (app.errors.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4((app.palette().bad & 0x00FFFFFF) | 0x30000000));
    float h = (app.errors.size() + 1.5f) * ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginChild("##errors", ImVec2(0, std::min(h, ImGui::GetContentRegionAvail().y * 0.4f)), true);
    app.text.text(app.tr(Str::FrameError), app.palette().bad);
    for (const std::string& e : app.errors) app.text.text(e, app.palette().text);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (ImGui::SmallButton(app.tr(Str::FrameErrorDismiss))) app.errors.clear();
}

}  // namespace

void on_key(GLFWwindow* win, int key, int, int action, int mods) {
    if (action == GLFW_PRESS || action == GLFW_REPEAT)
        static_cast<App*>(glfwGetWindowUserPointer(win))->keys_this_frame.push_back({key, mods});
}

void handle_shortcuts(App& app, GLFWwindow* win, bool& screenshot_requested) {
    constexpr int ctrl = GLFW_MOD_CONTROL, alt = GLFW_MOD_ALT;
    if (app.pressed(GLFW_KEY_K, ctrl)) app.show(ViewId::search);
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
    const bool stage = app.view(app.current_view()).fills_window(app);
    // No background of its own: the frame is cleared to the window colour already, and a software
    // renderer (llvmpipe under Xvfb) would blend a second full-screen layer on every frame.
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | (stage ? 0 : ImGuiWindowFlags_MenuBar) |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
    ImGui::PushFont(app.fonts.body);
    if (!stage) {
        draw_menu(app, win);
        draw_sidebar(app);
    }
    ImGui::BeginChild("##main", ImVec2(0, 0), false);
    draw_errors(app);
    app.view(app.current_view()).draw(app);
    ImGui::EndChild();
    for (size_t i = 0; i < static_cast<size_t>(ViewId::Count); ++i)
        if (view_table()[i].place == Place::Overlay) app.view(view_table()[i].id).draw(app);
    ImGui::PopFont();
    ImGui::End();
}

std::string window_title(const App& app) {
    std::string t = app.view(app.current_view()).window_title(app);
    return t.empty() ? "邻里 Linli" : t + " — 邻里 Linli";
}

}  // namespace linli::gui
