// Library: every document, filtered by kind, tag, stakeholder and read status, sorted, with read marks.
#include <imgui.h>

#include <algorithm>
#include <set>

#include "gui/app.h"

namespace linli::gui {
namespace {

enum class ReadState { Unread, Started, Read };

Str kind_label(DocKind k) { return k == DocKind::Guideline ? Str::KindGuideline : k == DocKind::Case ? Str::KindCase : Str::KindDrill; }

std::vector<std::string> distinct(const Library& lib, std::vector<std::string> Meta::*field) {
    std::set<std::string> s;
    for (const Document& d : lib.documents())
        for (const auto& v : d.meta.*field) s.insert(v);
    return {s.begin(), s.end()};
}

struct Filters {
    int kind = -1;  // -1 all, else DocKind
    std::string tag, stakeholder;
    int status = 0;  // 0 all, 1 unread, 2 read
    int sort = 0;    // 0 title, 1 updated, 2 kind
    bool operator==(const Filters&) const = default;
};

class LibraryView : public View {
public:
    void draw(App& app) override {
        if (choices_for_ != app.library_generation) {  // filter choices depend only on the library
            tags_ = distinct(app.catalog.library, &Meta::tags);
            stakeholders_ = distinct(app.catalog.library, &Meta::stakeholders);
            choices_for_ = app.library_generation;
        }
        ImGui::PushFont(app.fonts.h1);
        ImGui::TextUnformatted(app.title(ViewId::library));
        ImGui::PopFont();
        draw_filters(app);
        derive_rows(app);
        if (rows_.empty()) {
            ImGui::TextDisabled("%s", app.tr(Str::NoMatches));
            return;
        }
        draw_table(app);
    }

private:
    bool filter_combo(App& app, const char* label, std::string& value, const std::vector<std::string>& values) {
        bool changed = false;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::BeginCombo(label, value.empty() ? app.tr(Str::All) : value.c_str())) {
            if (ImGui::Selectable(app.tr(Str::All), value.empty())) { value.clear(); changed = true; }
            for (const auto& v : values)
                if (ImGui::Selectable(v.c_str(), v == value)) { value = v; changed = true; }
            ImGui::EndCombo();
        }
        return changed;
    }

    void draw_filters(App& app) {
        const char* kinds[] = {app.tr(Str::All), app.tr(Str::KindGuideline), app.tr(Str::KindCase), app.tr(Str::KindDrill)};
        int kind_index = filters_.kind + 1;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        if (ImGui::Combo(app.tr(Str::LibraryKind), &kind_index, kinds, 4)) filters_.kind = kind_index - 1;
        ImGui::SameLine();
        filter_combo(app, app.tr(Str::LibraryTag), filters_.tag, tags_);
        ImGui::SameLine();
        filter_combo(app, app.tr(Str::LibraryStakeholder), filters_.stakeholder, stakeholders_);
        const char* statuses[] = {app.tr(Str::All), app.tr(Str::Unread), app.tr(Str::Read)};
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::Combo(app.tr(Str::ColStatus), &filters_.status, statuses, 3);
        ImGui::SameLine();
        const char* sorts[] = {app.tr(Str::SortTitle), app.tr(Str::SortUpdated), app.tr(Str::SortKind)};
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::Combo(app.tr(Str::LibrarySort), &filters_.sort, sorts, 3);
    }

    ReadState read_state(const App& app, const std::string& id) const {
        auto it = app.progress.docs.find(id);
        if (it == app.progress.docs.end()) return ReadState::Unread;
        return it->second.finished_at > 0 ? ReadState::Read : ReadState::Started;
    }

    // The rows for the current filters and sort, with their read marks, found again only when
    // the filters, the library or the progress change: never a filter and sort per frame.
    void derive_rows(const App& app) {
        if (rows_for_ == filters_ && rows_gen_ == app.library_generation && rows_progress_ == app.progress_version) return;
        rows_for_ = filters_;
        rows_gen_ = app.library_generation;
        rows_progress_ = app.progress_version;
        rows_.clear();
        for (const Document& d : app.catalog.library.documents()) {
            const Meta& m = d.meta;
            if (filters_.kind >= 0 && static_cast<int>(m.kind) != filters_.kind) continue;
            if (!filters_.tag.empty() && std::find(m.tags.begin(), m.tags.end(), filters_.tag) == m.tags.end()) continue;
            if (!filters_.stakeholder.empty() &&
                std::find(m.stakeholders.begin(), m.stakeholders.end(), filters_.stakeholder) == m.stakeholders.end())
                continue;
            ReadState rs = read_state(app, m.id);
            if (filters_.status == 1 && rs == ReadState::Read) continue;
            if (filters_.status == 2 && rs != ReadState::Read) continue;
            rows_.push_back({&d, rs});
        }
        std::stable_sort(rows_.begin(), rows_.end(), [&](const Row& a, const Row& b) {
            if (filters_.sort == 1) return a.doc->meta.updated > b.doc->meta.updated;
            if (filters_.sort == 2 && a.doc->meta.kind != b.doc->meta.kind) return a.doc->meta.kind < b.doc->meta.kind;
            return a.doc->meta.title < b.doc->meta.title;
        });
    }

    void draw_table(App& app) {
        if (!ImGui::BeginTable("##docs", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH))
            return;
        const Palette& pal = app.palette();
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(app.tr(Str::ColStatus), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
        ImGui::TableSetupColumn(app.tr(Str::ColTitle), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(app.tr(Str::ColKind), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
        ImGui::TableSetupColumn(app.tr(Str::ColUpdated), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;  // only visible rows are submitted, so 10,000 documents cost what 30 do
        clipper.Begin(static_cast<int>(rows_.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const Document& d = *rows_[i].doc;
                ReadState rs = rows_[i].read;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushStyleColor(ImGuiCol_Text, rs == ReadState::Unread ? pal.link : pal.muted);
                ImGui::TextUnformatted(rs == ReadState::Read ? app.tr(Str::Read) : rs == ReadState::Started ? app.tr(Str::Opened) : app.tr(Str::Unread));
                ImGui::PopStyleColor();
                ImGui::TableNextColumn();
                ImGui::PushID(i);
                const std::string& label = app.text.fit(d.meta.title, ImGui::GetContentRegionAvail().x);
                if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) app.open_document(d.meta.id);
                if (ImGui::IsItemHovered() && !d.meta.summary.empty()) ImGui::SetTooltip("%s", d.meta.summary.c_str());
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(app.tr(kind_label(d.meta.kind)));
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", d.meta.updated.c_str());
            }
        }
        if (app.bench_scroll >= 0) ImGui::SetScrollY(app.bench_scroll * ImGui::GetScrollMaxY());
        ImGui::EndTable();
    }

    struct Row {
        const Document* doc;
        ReadState read;
    };
    Filters filters_, rows_for_{-2};
    int rows_gen_ = -1, rows_progress_ = -1, choices_for_ = -1;
    std::vector<std::string> tags_, stakeholders_;
    std::vector<Row> rows_;
};

}  // namespace

LINLI_DEFINE_VIEW(LibraryView)

}  // namespace linli::gui
