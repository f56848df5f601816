// Reader: the document with its metadata, links that open other documents, back/forward, and the
// documents that link here. Tracks the reading position and whether it was read to the end.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <ctime>

#include "app.h"
#include "strings.h"
#include "theme.h"
#include "wrapped_text.h"

namespace linli::gui {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

void draw_header(App& app, const Document& doc) {
    ImGui::BeginDisabled(!app.history.can_back());
    if (ImGui::Button((std::string("← ") + tr(Str::Back)).c_str())) app.go_back();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.history.can_forward());
    if (ImGui::Button((std::string(tr(Str::Forward)) + " →").c_str())) app.go_forward();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (doc.meta.kind == DocKind::Drill && app.catalog.drill(doc.meta.id)) {
        ImGui::PushStyleColor(ImGuiCol_Button, palette().accent);
        bool enter = !app.search_open && (app.pressed(GLFW_KEY_ENTER) || app.pressed(GLFW_KEY_KP_ENTER));
        if (ImGui::Button((std::string("▶ ") + tr(Str::DrillStart) + "  (Enter)").c_str()) || enter)
            app.start_drill(doc.meta.id, false);
        ImGui::PopStyleColor();
        ImGui::SameLine();
    }
    auto it = app.progress_by_id.find(doc.meta.id);
    if (it != app.progress_by_id.end() && it->second.finished_at > 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
        ImGui::TextUnformatted((std::string("✓ ") + tr(Str::MarkedRead)).c_str());
        ImGui::PopStyleColor();
    }
    std::string meta = std::string(tr(doc.meta.kind == DocKind::Guideline ? Str::KindGuideline
                                      : doc.meta.kind == DocKind::Case     ? Str::KindCase
                                                                           : Str::KindDrill));
    if (!doc.meta.updated.empty()) meta += std::string(" · ") + tr(Str::Updated) + " " + doc.meta.updated;
    if (!doc.meta.tags.empty()) meta += std::string(" · ") + tr(Str::Tags) + "：" + join(doc.meta.tags, "、");
    if (!doc.meta.stakeholders.empty()) meta += std::string(" · ") + tr(Str::Stakeholders) + "：" + join(doc.meta.stakeholders, "、");
    wrapped_text(meta, palette().muted);
}

void draw_backlinks(App& app, const Document& doc) {
    ImGui::Separator();
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(tr(Str::LinkedFrom));
    ImGui::PopFont();
    const auto& back = app.catalog.library.backlinks(app.catalog.library.index_of(doc.meta.id));
    if (back.empty()) ImGui::TextDisabled("%s", tr(Str::NotLinked));
    for (int i : back) {
        const Document& from = app.catalog.library.documents()[i];
        ImGui::PushID(i);
        if (ImGui::Selectable(from.meta.title.c_str())) app.open_document(from.meta.id);
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(0, app.fonts.size()));
}

}  // namespace

void draw_reader(App& app) {
    const Document* doc = app.current();
    if (!doc) {
        ImGui::TextDisabled("%s", tr(Str::NoDocument));
        return;
    }
    draw_header(app, *doc);
    ImGui::BeginChild("##doc", ImVec2(0, 0), false);
    // The body usually opens with its title as a heading; when it does not, show the title.
    bool body_has_title = !doc->blocks.empty() && doc->blocks.front().kind == BlockKind::Heading &&
                          doc->blocks.front().level == 1;
    if (!body_has_title) {
        ImGui::PushFont(app.fonts.h1);
        wrapped_text(doc->meta.title, palette().text);
        ImGui::PopFont();
    }
    std::string target;
    app.view_for(*doc).draw(app.fonts, [&](const Link& l) { target = l.target_id; });
    draw_backlinks(app, *doc);

    // Reading position: restored once the layout is known, tracked as a fraction of the height.
    float max = ImGui::GetScrollMaxY();
    auto& p = app.progress_by_id[doc->meta.id];
    if (app.scroll_request >= 0) {
        ImGui::SetScrollY(app.scroll_request * max);
        app.scroll_request = -1;
    } else if (app.scroll_restore) {
        ImGui::SetScrollY(static_cast<float>(p.position) * max);
        app.scroll_restore = false;
    } else {
        p.position = max > 0 ? ImGui::GetScrollY() / max : 1.0;
        if (p.finished_at == 0 && ImGui::GetScrollY() >= max - 2) {
            p.finished_at = std::time(nullptr);
            ++app.progress_version;
            if (app.progress) app.progress->mark_finished(doc->meta.id, p.finished_at);
        }
    }
    ImGui::EndChild();
    if (!target.empty()) app.open_document(target);  // after the frame's use of the current document
}

}  // namespace linli::gui
