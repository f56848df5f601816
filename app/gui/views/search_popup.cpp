// The Ctrl+K search popup: results as you type, highlighted snippets, arrows to choose, Enter to
// open. It owns its query and hits; it searches again when the query changes or a new index
// appears (after a library reload), never per frame.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "gui/app.h"

namespace linli::gui {
namespace {

class SearchPopup : public View {
public:
    void enter(App&, const Route& route) override {
        if (!route.query.empty()) query_ = route.query;
        open_ = true;
        focus_ = true;
    }
    bool takes_keyboard() const override { return open_; }
    void reloaded(App&) override { hits_.clear(); }  // titles point nowhere now; the new index re-runs

    void draw(App& app) override {
        if (!open_) return;
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        float w = std::min(vp->WorkSize.x * 0.8f, app.fonts.size() * 40);
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + (vp->WorkSize.x - w) / 2, vp->WorkPos.y + vp->WorkSize.y * 0.08f));
        ImGui::SetNextWindowSize(ImVec2(w, vp->WorkSize.y * 0.75f));
        ImGui::SetNextWindowFocus();
        if (!ImGui::Begin("##search", &open_,
                          ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                              ImGuiWindowFlags_NoSavedSettings)) {
            ImGui::End();
            return;
        }
        if (focus_) {
            ImGui::SetKeyboardFocusHere();
            focus_ = false;
        }
        ImGui::SetNextItemWidth(-1);
        // The last query stays, selected: typing replaces it, arrows and Enter reuse it.
        bool changed = ImGui::InputTextWithHint("##q", app.tr(Str::SearchHint), &query_, ImGuiInputTextFlags_AutoSelectAll);
        if (changed) app.need_glyphs(query_);  // a rare name typed gets baked in next frame
        SearchIndex* index = app.search.index();
        if (index && (changed || searched_with_ != app.search.generation())) {
            hits_ = index->search(query_, 30);
            heights_.assign(hits_.size(), 0);
            selected_ = 0;
            searched_with_ = app.search.generation();
        }
        int n = static_cast<int>(hits_.size());
        bool moved = app.pressed(GLFW_KEY_DOWN) || app.pressed(GLFW_KEY_UP);
        if (app.pressed(GLFW_KEY_DOWN) && n) selected_ = (selected_ + 1) % n;
        if (app.pressed(GLFW_KEY_UP) && n) selected_ = (selected_ + n - 1) % n;
        bool enter = app.pressed(GLFW_KEY_ENTER) || app.pressed(GLFW_KEY_KP_ENTER);
        if (app.pressed(GLFW_KEY_ESCAPE)) open_ = false;

        ImGui::TextDisabled("%s", app.tr(Str::SearchHelp));
        ImGui::Separator();
        std::string open_id;
        ImGui::BeginChild("##results");
        if (!index) ImGui::TextDisabled("%s", app.tr(Str::SearchIndexing));
        else if (n == 0 && !query_.empty()) ImGui::TextDisabled("%s", app.tr(Str::SearchNoResults));
        const float width = ImGui::GetContentRegionAvail().x;
        if (width != heights_width_) {
            heights_.assign(hits_.size(), 0);
            heights_width_ = width;
        }
        for (int i = 0; i < n; ++i) {
            const SearchHit& h = hits_[i];
            // A result out of view, once measured, is only stepped over.
            if (heights_[i] > 0 && !(i == selected_ && moved) && !ImGui::IsRectVisible(ImVec2(width, heights_[i]))) {
                ImGui::Dummy(ImVec2(width, heights_[i] - ImGui::GetStyle().ItemSpacing.y));
                continue;
            }
            float top = ImGui::GetCursorPosY();
            ImGui::PushID(i);
            ImGui::PushFont(app.fonts.bold);
            if (ImGui::Selectable(h.title.c_str(), i == selected_)) open_id = h.id;
            ImGui::PopFont();
            if (i == selected_ && moved) ImGui::SetScrollHereY();
            ImGui::Indent();
            app.text.text(h.snippet, app.palette().muted, h.highlights);
            ImGui::Unindent();
            ImGui::PopID();
            heights_[i] = ImGui::GetCursorPosY() - top;
        }
        ImGui::EndChild();
        // Enter pressed before the index was ready opens the first result as soon as there is one.
        if (enter && !index) enter_pending_ = true;
        if ((enter || enter_pending_) && n) {
            open_id = hits_[selected_].id;
            enter_pending_ = false;
        }
        if (changed && index) enter_pending_ = false;
        ImGui::End();
        if (!open_id.empty()) {
            open_ = false;
            app.open_document(open_id);
        }
    }

private:
    bool open_ = false, focus_ = false, enter_pending_ = false;
    std::string query_;
    std::vector<SearchHit> hits_;
    std::vector<float> heights_;  // per hit as last drawn, 0 until measured
    float heights_width_ = 0;
    int selected_ = 0;
    uint64_t searched_with_ = 0;  // the index generation the hits came from
};

}  // namespace

LINLI_DEFINE_VIEW(SearchPopup)

}  // namespace linli::gui
