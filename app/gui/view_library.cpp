// Library: every document, filtered by kind, tag, stakeholder and read status, sorted, with read marks.
#include <imgui.h>

#include <algorithm>
#include <set>

#include "app.h"
#include "strings.h"
#include "theme.h"
#include "wrapped_text.h"

namespace linli::gui {
namespace {

enum class ReadState { Unread, Started, Read };

ReadState read_state(const App& app, const std::string& id) {
    auto it = app.progress_by_id.find(id);
    if (it == app.progress_by_id.end()) return ReadState::Unread;
    return it->second.finished_at > 0 ? ReadState::Read : ReadState::Started;
}

Str kind_label(DocKind k) {
    return k == DocKind::Guideline ? Str::KindGuideline : k == DocKind::Case ? Str::KindCase : Str::KindDrill;
}

// A combo over "all" plus values; returns true when the choice changed.
bool filter_combo(const char* label, std::string& value, const std::vector<std::string>& values) {
    bool changed = false;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::BeginCombo(label, value.empty() ? tr(Str::All) : value.c_str())) {
        if (ImGui::Selectable(tr(Str::All), value.empty())) { value.clear(); changed = true; }
        for (const auto& v : values)
            if (ImGui::Selectable(v.c_str(), v == value)) { value = v; changed = true; }
        ImGui::EndCombo();
    }
    return changed;
}

std::vector<std::string> distinct(const Library& lib, std::vector<std::string> Meta::*field) {
    std::set<std::string> s;
    for (const Document& d : lib.documents())
        for (const auto& v : d.meta.*field) s.insert(v);
    return {s.begin(), s.end()};
}

// The rows for the current filters and sort, recomputed only when those, the library or the read
// marks change: never a filter and sort of the whole library per frame.
const std::vector<const Document*>& filtered_rows(const App& app) {
    static std::string key;
    static std::vector<const Document*> rows;
    std::string now = std::to_string(app.library_generation) + '|' + std::to_string(app.progress_version) + '|' +
                      std::to_string(app.filter_kind) + '|' + app.filter_tag + '|' + app.filter_stakeholder + '|' +
                      std::to_string(app.filter_status) + '|' + std::to_string(app.sort);
    if (now == key) return rows;
    key = std::move(now);
    rows.clear();
    for (const Document& d : app.catalog.library.documents()) {
        const Meta& m = d.meta;
        if (app.filter_kind >= 0 && static_cast<int>(m.kind) != app.filter_kind) continue;
        if (!app.filter_tag.empty() && std::find(m.tags.begin(), m.tags.end(), app.filter_tag) == m.tags.end()) continue;
        if (!app.filter_stakeholder.empty() &&
            std::find(m.stakeholders.begin(), m.stakeholders.end(), app.filter_stakeholder) == m.stakeholders.end())
            continue;
        ReadState rs = read_state(app, m.id);
        if (app.filter_status == 1 && rs == ReadState::Read) continue;
        if (app.filter_status == 2 && rs != ReadState::Read) continue;
        rows.push_back(&d);
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const Document* a, const Document* b) {
        if (app.sort == 1) return a->meta.updated > b->meta.updated;
        if (app.sort == 2 && a->meta.kind != b->meta.kind) return a->meta.kind < b->meta.kind;
        return a->meta.title < b->meta.title;
    });
    return rows;
}

}  // namespace

void draw_library(App& app) {
    // Filter choices depend only on the loaded library: computed once.
    static int cached_for = -1;
    static std::vector<std::string> tags, stakeholders;
    if (cached_for != app.library_generation) {
        tags = distinct(app.catalog.library, &Meta::tags);
        stakeholders = distinct(app.catalog.library, &Meta::stakeholders);
        cached_for = app.library_generation;
    }

    ImGui::PushFont(app.fonts.h1);
    ImGui::TextUnformatted(tr(Str::NavLibrary));
    ImGui::PopFont();

    const char* kinds[] = {tr(Str::All), tr(Str::KindGuideline), tr(Str::KindCase), tr(Str::KindDrill)};
    int kind_index = app.filter_kind + 1;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::Combo(tr(Str::LibraryKind), &kind_index, kinds, 4)) app.filter_kind = kind_index - 1;
    ImGui::SameLine();
    filter_combo(tr(Str::LibraryTag), app.filter_tag, tags);
    ImGui::SameLine();
    filter_combo(tr(Str::LibraryStakeholder), app.filter_stakeholder, stakeholders);
    const char* statuses[] = {tr(Str::All), tr(Str::Unread), tr(Str::Read)};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::Combo(tr(Str::ColStatus), &app.filter_status, statuses, 3);
    ImGui::SameLine();
    const char* sorts[] = {tr(Str::SortTitle), tr(Str::SortUpdated), tr(Str::SortKind)};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::Combo(tr(Str::LibrarySort), &app.sort, sorts, 3);

    const std::vector<const Document*>& rows = filtered_rows(app);
    if (rows.empty()) {
        ImGui::TextDisabled("%s", tr(Str::NoMatches));
        return;
    }
    if (!ImGui::BeginTable("##docs", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(Str::ColStatus), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
    ImGui::TableSetupColumn(tr(Str::ColTitle), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr(Str::ColKind), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
    ImGui::TableSetupColumn(tr(Str::ColUpdated), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;  // only visible rows are submitted, so 10,000 documents cost what 30 do
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Document& d = *rows[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ReadState rs = read_state(app, d.meta.id);
            ImGui::PushStyleColor(ImGuiCol_Text, rs == ReadState::Unread ? palette().link : palette().muted);
            ImGui::TextUnformatted(rs == ReadState::Read ? tr(Str::Read) : rs == ReadState::Started ? tr(Str::Opened) : tr(Str::Unread));
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            std::string label = fit_with_ellipsis(d.meta.title, ImGui::GetContentRegionAvail().x);
            if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) app.open_document(d.meta.id);
            if (ImGui::IsItemHovered() && !d.meta.summary.empty()) ImGui::SetTooltip("%s", d.meta.summary.c_str());
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(tr(kind_label(d.meta.kind)));
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", d.meta.updated.c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace linli::gui
