// Home: continue reading, what is new, and what the library holds.
#include <imgui.h>

#include <algorithm>

#include "app.h"
#include "strings.h"
#include "theme.h"
#include "wrapped_text.h"

namespace linli::gui {

static void heading(App& app, Str s) {
    ImGui::Spacing();
    ImGui::PushFont(app.fonts.h2);
    ImGui::TextUnformatted(tr(s));
    ImGui::PopFont();
}

static bool doc_button(const Document& d, const char* extra) {
    ImGui::PushID(d.meta.id.c_str());
    bool clicked = ImGui::Selectable(d.meta.title.c_str());
    ImGui::PopID();
    ImGui::Indent();
    if (extra && *extra) wrapped_text(extra, palette().muted);
    ImGui::Unindent();
    return clicked;
}

void draw_home(App& app) {
    ImGui::PushFont(app.fonts.h1);
    ImGui::TextUnformatted(tr(Str::AppTitle));
    ImGui::PopFont();
    wrapped_text(tr(Str::HomeWelcome), palette().text);

    heading(app, Str::HomeContinue);
    const Document* last = nullptr;
    double position = 0;
    int64_t newest = -1;
    for (const auto& [id, p] : app.progress_by_id) {
        const Document* d = app.catalog.library.find(id);
        if (d && p.last_opened > newest) { newest = p.last_opened; last = d; position = p.position; }
    }
    if (last) {
        char extra[64];
        std::snprintf(extra, sizeof extra, "%d%%", static_cast<int>(position * 100));
        if (doc_button(*last, extra)) app.open_document(last->meta.id);
    } else {
        ImGui::TextDisabled("%s", tr(Str::HomeContinueNone));
    }

    heading(app, Str::HomeNew);
    // The five most recently updated documents, found once per library load.
    static int recent_for = -1;
    static std::vector<const Document*> recent;
    if (recent_for != app.library_generation) {
        recent.clear();
        for (const Document& d : app.catalog.library.documents()) recent.push_back(&d);
        size_t n = std::min<size_t>(5, recent.size());
        std::partial_sort(recent.begin(), recent.begin() + n, recent.end(),
                          [](auto* a, auto* b) { return a->meta.updated > b->meta.updated; });
        recent.resize(n);
        recent_for = app.library_generation;
    }
    for (size_t i = 0; i < recent.size(); ++i)
        if (doc_button(*recent[i], recent[i]->meta.summary.c_str())) app.open_document(recent[i]->meta.id);

    heading(app, Str::HomeCounts);
    size_t finished = 0;
    for (const auto& [id, p] : app.progress_by_id) finished += p.finished_at > 0 && app.catalog.library.find(id);
    ImGui::Text("%s %zu · %s %zu · %s %zu", tr(Str::KindGuideline), app.catalog.library.count(DocKind::Guideline),
                tr(Str::KindCase), app.catalog.library.count(DocKind::Case), tr(Str::KindDrill), app.catalog.library.count(DocKind::Drill));
    ImGui::Text("%zu %s · %s %zu", app.catalog.library.documents().size(), tr(Str::Documents), tr(Str::ReadCount), finished);
    if (!app.catalog.problems.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().emphasis);
        ImGui::Text("%s: %zu", tr(Str::NavProblems), app.catalog.problems.size());
        ImGui::PopStyleColor();
    }
}

}  // namespace linli::gui
