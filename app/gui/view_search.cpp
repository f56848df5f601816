// The Ctrl+K search popup: results as you type, highlighted snippets, arrows to choose, Enter to open.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app.h"
#include "strings.h"
#include "theme.h"
#include "wrapped_text.h"

namespace linli::gui {

void draw_search_popup(App& app) {
    if (!app.search_open) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float w = std::min(vp->WorkSize.x * 0.8f, app.fonts.size() * 40);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + (vp->WorkSize.x - w) / 2, vp->WorkPos.y + vp->WorkSize.y * 0.08f));
    ImGui::SetNextWindowSize(ImVec2(w, vp->WorkSize.y * 0.75f));
    ImGui::SetNextWindowFocus();
    if (!ImGui::Begin("##search", &app.search_open,
                      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                          ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (app.search_focus) {
        ImGui::SetKeyboardFocusHere();
        app.search_focus = false;
    }
    ImGui::SetNextItemWidth(-1);
    bool changed = ImGui::InputTextWithHint("##q", tr(Str::SearchHint), &app.search_query);
    SearchIndex* index = app.search.index();
    static const SearchIndex* searched_with = nullptr;  // re-run once when an index (re)appears
    if (index && (changed || searched_with != index)) {
        app.search_hits = index->search(app.search_query, 30);
        app.search_selected = 0;
        searched_with = index;
    }
    int n = static_cast<int>(app.search_hits.size());
    bool moved = app.pressed(GLFW_KEY_DOWN) || app.pressed(GLFW_KEY_UP);
    if (app.pressed(GLFW_KEY_DOWN) && n) app.search_selected = (app.search_selected + 1) % n;
    if (app.pressed(GLFW_KEY_UP) && n) app.search_selected = (app.search_selected + n - 1) % n;
    bool enter = app.pressed(GLFW_KEY_ENTER) || app.pressed(GLFW_KEY_KP_ENTER);
    if (app.pressed(GLFW_KEY_ESCAPE)) app.search_open = false;

    ImGui::TextDisabled("%s", tr(Str::SearchHelp));
    ImGui::Separator();
    std::string open_id;
    ImGui::BeginChild("##results");
    if (!index) ImGui::TextDisabled("%s", tr(Str::SearchIndexing));
    else if (n == 0 && !app.search_query.empty()) ImGui::TextDisabled("%s", tr(Str::SearchNoResults));
    for (int i = 0; i < n; ++i) {
        const SearchHit& h = app.search_hits[i];
        ImGui::PushID(i);
        ImGui::PushFont(app.fonts.bold);
        if (ImGui::Selectable(h.title.c_str(), i == app.search_selected)) open_id = h.id;
        ImGui::PopFont();
        if (i == app.search_selected && moved)
            ImGui::SetScrollHereY();
        ImGui::Indent();
        wrapped_text(h.snippet, palette().muted, h.highlights);
        ImGui::Unindent();
        ImGui::PopID();
    }
    ImGui::EndChild();
    // Enter pressed before the index was ready opens the first result as soon as there is one.
    static bool enter_pending = false;
    if (enter && !index) enter_pending = true;
    if ((enter || enter_pending) && n) {
        open_id = app.search_hits[app.search_selected].id;
        enter_pending = false;
    }
    if (changed && index) enter_pending = false;
    ImGui::End();
    if (!open_id.empty()) {
        app.search_open = false;
        app.open_document(open_id);
    }
}

}  // namespace linli::gui
