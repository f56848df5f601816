// 班级看板: the trainer's view of a cohort's shared file — a sortable table of learners (who has
// gone quiet, each one's timeline), each drill's item analysis in play order, and activity by week.
// The report is computed on a worker (dashboard/cohort_load); a frame draws what it derived once
// per report, filter or sort.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "core/cohort_export.h"
#include "core/export_files.h"
#include "gui/app.h"
#include "gui/chart.h"
#include "gui/dashboard/cohort_load.h"
#include "gui/dashboard/db_strings.h"
#include "gui/desktop_open.h"

namespace linli::gui {
namespace {

enum Col { kName, kCohort, kGuidelines, kDrills, kBest, kReviews, kLast, kStatus, kCols };

// A learner's row as drawn: the texts made once per report.
struct Row {
    size_t index;  // into the report's learners
    std::string name, cohort, best, last;
    int best_rank = 0;  // for sorting the best-endings column: good counts most
    std::string best_by_drill = {};  // the tooltip: each drill's best ending
};

class DashboardView : public View {
public:
    void enter(App& app, const Route&) override {
        if (path_[0] == '\0' && !app.sync.shared_path.empty()) {
            std::snprintf(path_, sizeof path_, "%s", app.sync.shared_path.c_str());
            start(app);
        }
    }
    void before_reload(App&) override {
        load_.stop();  // it reads the catalog being replaced
        timeline_load_.stop();
    }
    void reloaded(App& app) override {
        // Titles and drills come from the catalog: read the file again with the new one.
        result_.reset();
        if (path_[0]) start(app);
    }

    // What a trainer (and a test) reads off the title bar: the range shown, and the drill analysed.
    std::string window_title(const App& app) const override {
        if (!result_ || !result_->error.empty()) return dbs(app, D::Title);
        std::string t = fmt::format("{} · {} · {}", dbs(app, D::Title), cohort_.empty() ? dbs(app, D::AllCohorts) : cohort_,
                                    fmt::format(fmt::runtime(dbs(app, D::LearnerCount)), shown_.learners.size()));
        if (tab_ == 1 && !shown_.drills.empty()) t += fmt::format(" · 《{}》", shown_.drills[size_t(drill_)].title);
        return t;
    }

    bool busy() const override { return load_.running(); }

    void draw(App& app) override {
        take_results(app);
        ImGui::PushFont(app.fonts.h1);
        ImGui::TextUnformatted(dbs(app, D::Title));
        ImGui::PopFont();
        app.text.text(dbs(app, D::Hint), app.palette().muted);
        draw_file_row(app);
        if (load_.running()) {
            ImGui::TextUnformatted(dbs(app, D::Reading));
            ImGui::ProgressBar(load_.fraction(), ImVec2(ImGui::GetFontSize() * 20, 0));
            return;
        }
        if (!result_) {
            app.text.text(dbs(app, D::NoFile), app.palette().muted);
            return;
        }
        if (!result_->error.empty()) {
            app.text.text(result_->error, app.palette().bad);
            return;
        }
        draw_filters(app);
        if (ImGui::BeginTabBar("##tabs")) {
            if (ImGui::BeginTabItem(dbs(app, D::TabLearners))) {
                tab_ = 0;
                draw_learners(app);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem(dbs(app, D::TabDrills))) {
                tab_ = 1;
                draw_drills(app);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem(dbs(app, D::TabWeeks))) {
                tab_ = 2;
                draw_weeks(app);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }

private:
    // ---- Loading

    void start(App& app) {
        CohortFilter f;
        f.cohort = cohort_;
        f.since = parse_cst_date(since_).value_or(0);
        f.until = parse_cst_date(until_) ? *parse_cst_date(until_) + 86400 - 1 : 0;
        f.quiet_days = std::clamp(quiet_days_, 1, 3650);
        f.now = int64_t(std::time(nullptr));
        timeline_load_.stop();
        if (std::getenv("LINLI_TRACE")) fmt::print(stderr, "trace: cohort report started at {:.1f} ms\n", ms_since_start());
        load_.start(path_, app.paths.cache_dir / "cohort", app.catalog, f, [] { glfwPostEmptyEvent(); });
    }

    void take_results(App& app) {
        if (auto r = load_.take()) {
            result_ = std::move(r);
            if (result_->error.empty()) {
                // Names, cohorts and titles in any script: the atlas gets their characters.
                std::string chars;
                for (const LearnerRow& l : result_->report.learners) chars += l.name + l.cohort;
                for (const std::string& c : result_->report.cohorts) chars += c;
                app.need_glyphs(chars);
                app.cohort_drills = result_->report.drills;  // for the editor's graph
                ++app.cohort_generation;
            } else {
                app.need_glyphs(result_->error);
            }
            derive(app);
            if (std::getenv("LINLI_TRACE"))  // the benchmark's mark: the table is drawn this frame
                fmt::print(stderr, "trace: cohort report drawn at {:.1f} ms: {} learners, {} events\n", ms_since_start(),
                           shown_.learners.size(), shown_.events_read);
        }
        if (auto t = timeline_load_.take()) {
            timeline_.clear();
            for (auto e = t->rbegin(); e != t->rend(); ++e) timeline_.push_back(fmt::format("{}  {}", cst_date(e->at), e->what));  // newest first
        }
    }

    // What every frame draws, made once per report (and again when 匿名 is switched).
    void derive(const App& app) {
        shown_ = result_->report;
        if (anonymous_) anonymise(shown_);
        rows_.clear();
        quiet_ = 0;
        const auto& ls = shown_.learners;
        for (size_t i = 0; i < ls.size(); ++i) {
            const LearnerRow& l = ls[i];
            int good = 0, fair = 0, bad = 0;
            for (const BestEnding& b : l.best) (b.rating == "good" ? good : b.rating == "fair" ? fair : bad) += !b.rating.empty();
            Row r{i, l.name.empty() ? (anonymous_ ? l.id : fmt::format("{} {}", dbs(app, D::Unnamed), l.id.substr(0, 6))) : l.name, l.cohort,
                  l.best.empty() ? "—" : fmt::format("好{} 尚可{} 糟糕{}", good, fair, bad), cst_date(l.last_active), good * 10000 + fair * 100 + bad};
            for (const BestEnding& b : l.best) {
                const Document* doc = app.catalog.library.find(b.drill_id);
                const char* rating = b.rating == "good" ? "好" : b.rating == "fair" ? "尚可" : b.rating == "bad" ? "糟糕" : "";
                r.best_by_drill += fmt::format("《{}》 {}{}\n", doc ? doc->meta.title : b.drill_id, b.ending_title.empty() ? "—" : b.ending_title,
                                               *rating ? fmt::format("（{}）", rating) : "");
            }
            rows_.push_back(std::move(r));
            quiet_ += l.quiet;
        }
        // The learners' own ids by the ids shown (pseudonyms when anonymised), for the timeline.
        ids_.clear();
        for (const LearnerRow& l : result_->report.learners) ids_.emplace(anonymous_ ? pseudonym(l.id) : l.id, l.id);
        sorted_for_ = -1;
        filter_for_.clear();
        filter_for_ += '\x01';
        drill_ = std::min(drill_, std::max(0, int(shown_.drills.size()) - 1));
        weeks_.clear();
        int most = 1;
        for (const WeekRow& w : shown_.weeks) most = std::max(most, w.active);
        weeks_max_ = most;
        // The latest 26 weeks on the chart: half a year fits a window.
        size_t from = shown_.weeks.size() > 26 ? shown_.weeks.size() - 26 : 0;
        // Every week in the accent; this one, still under way, grey.
        for (size_t i = from; i < shown_.weeks.size(); ++i)
            weeks_.push_back({cst_date(shown_.weeks[i].start).substr(5), "", shown_.weeks[i].active, i + 1 < shown_.weeks.size()});
        selected_ = -1;
        timeline_.clear();
    }

    // ---- The file and the filters

    void draw_file_row(App& app) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
        bool enter = ImGui::InputTextWithHint("##shared", dbs(app, D::SharedFile), path_, sizeof path_, ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::IsItemEdited()) app.need_glyphs(path_);
        ImGui::SameLine();
        if ((ImGui::Button(dbs(app, D::Open)) || enter) && path_[0]) start(app);
    }

    // A label before its field, as a form reads (ImGui puts it after).
    static void label(const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        ImGui::SameLine();
    }

    void draw_filters(App& app) {
        bool again = false;
        label(dbs(app, D::Cohort));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        if (ImGui::BeginCombo("##cohort", cohort_.empty() ? dbs(app, D::AllCohorts) : cohort_.c_str())) {
            if (ImGui::Selectable(dbs(app, D::AllCohorts), cohort_.empty())) cohort_.clear(), again = true;
            for (const std::string& c : result_->report.cohorts)
                if (ImGui::Selectable(c.c_str(), c == cohort_)) cohort_ = c, again = true;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        label(dbs(app, D::Since));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        again |= ImGui::InputTextWithHint("##since", dbs(app, D::DateHint), since_, sizeof since_, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        label(dbs(app, D::Until));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        again |= ImGui::InputTextWithHint("##until", dbs(app, D::DateHint), until_, sizeof until_, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        label(dbs(app, D::QuietDays));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3);
        again |= ImGui::InputInt("##quiet", &quiet_days_, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        if (ImGui::Checkbox(dbs(app, D::Anonymous), &anonymous_)) derive(app);
        ImGui::SameLine();
        if (ImGui::Button(dbs(app, D::Export))) export_report(app);
        if (!exported_.empty()) {
            ImGui::SameLine();
            if (ImGui::SmallButton(dbs(app, D::OpenFolder))) open_with_desktop(exported_, &message_);
        }
        if (!message_.empty()) app.text.text(message_, app.palette().muted);
        if (again) start(app);
    }

    void export_report(App& app) {
        const char* home = std::getenv("HOME");
        std::time_t t = std::time(nullptr);
        std::tm tm{};
        localtime_r(&t, &tm);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H%M%S", &tm);
        std::filesystem::path dir = fmt::format("{}/Linli 报告/{}{}", home ? home : "/tmp", stamp, anonymous_ ? " 匿名" : "");
        try {
            make_export_folder(dir);
            write_file_atomically(dir / "report.md", report_markdown(shown_));
            write_file_atomically(dir / "report.json", report_json(shown_));
            for (const CsvTable& c : report_csv(shown_)) write_file_atomically(dir / (c.name + ".csv"), c.text);
            exported_ = dir;
            message_ = fmt::format(fmt::runtime(dbs(app, D::Exported)), dir.string());
        } catch (const std::exception& e) {
            message_ = e.what();
        }
        app.need_glyphs(message_);
    }

    // ---- Learners

    void draw_learners(App& app) {
        const Palette& pal = app.palette();
        ImGui::Text("%s", fmt::format(fmt::runtime(dbs(app, D::Summary)), rows_.size(), quiet_).c_str());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        if (ImGui::InputTextWithHint("##find", dbs(app, D::Search), find_, sizeof find_)) app.need_glyphs(find_);
        const float side = selected_ >= 0 ? ImGui::GetContentRegionAvail().x * 0.34f : 0;
        ImGui::BeginChild("##table", ImVec2(ImGui::GetContentRegionAvail().x - side, 0));
        // Columns keep their widths and the table scrolls sideways when the timeline takes room.
        constexpr ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                          ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable;
        if (ImGui::BeginTable("##learners", kCols, flags)) {
            const float em = ImGui::GetFontSize();
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(dbs(app, D::ColName), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort, em * 7);
            ImGui::TableSetupColumn(dbs(app, D::ColCohort), ImGuiTableColumnFlags_WidthFixed, em * 7);
            ImGui::TableSetupColumn(dbs(app, D::ColGuidelines), ImGuiTableColumnFlags_WidthFixed, em * 4);
            ImGui::TableSetupColumn(dbs(app, D::ColDrills), ImGuiTableColumnFlags_WidthFixed, em * 4);
            ImGui::TableSetupColumn(dbs(app, D::ColBest), ImGuiTableColumnFlags_WidthFixed, em * 8);
            ImGui::TableSetupColumn(dbs(app, D::ColReviews), ImGuiTableColumnFlags_WidthFixed, em * 3);
            ImGui::TableSetupColumn(dbs(app, D::ColLast), ImGuiTableColumnFlags_WidthFixed, em * 6);
            ImGui::TableSetupColumn(dbs(app, D::ColStatus), ImGuiTableColumnFlags_WidthFixed, em * 4);
            ImGui::TableHeadersRow();
            if (ImGuiTableSortSpecs* s = ImGui::TableGetSortSpecs(); s && s->SpecsCount > 0 && s->SpecsDirty) {
                sort_col_ = s->Specs[0].ColumnIndex;
                sort_desc_ = s->Specs[0].SortDirection == ImGuiSortDirection_Descending;
                s->SpecsDirty = false;
            }
            derive_order();
            const auto& ls = shown_.learners;
            ImGuiListClipper clipper;  // 1,000 learners cost what the 30 on screen do
            clipper.Begin(int(order_.size()));
            while (clipper.Step())
                for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                    const Row& r = rows_[order_[size_t(k)]];
                    const LearnerRow& l = ls[r.index];
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::PushID(int(r.index));
                    if (ImGui::Selectable(r.name.c_str(), selected_ == int(r.index), ImGuiSelectableFlags_SpanAllColumns)) select(app, int(r.index));
                    ImGui::PopID();
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(r.cohort.c_str());
                    ImGui::TableNextColumn();
                    ImGui::Text("%d", l.guidelines_read);
                    ImGui::TableNextColumn();
                    ImGui::Text("%d", l.drills_attempted);
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(r.best.c_str());
                    if (ImGui::IsItemHovered() && !r.best_by_drill.empty()) ImGui::SetTooltip("%s", r.best_by_drill.c_str());
                    ImGui::TableNextColumn();
                    ImGui::Text("%d", l.reviews);
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(r.last.c_str());
                    ImGui::TableNextColumn();
                    ImGui::PushStyleColor(ImGuiCol_Text, l.quiet ? pal.bad : pal.good);
                    ImGui::TextUnformatted(dbs(app, l.quiet ? D::Quiet : D::Active));
                    ImGui::PopStyleColor();
                }
            if (app.bench_scroll >= 0) ImGui::SetScrollY(app.bench_scroll * ImGui::GetScrollMaxY());
            ImGui::EndTable();
        }
        ImGui::EndChild();
        if (selected_ >= 0) {
            ImGui::SameLine();
            ImGui::BeginChild("##timeline", ImVec2(0, 0), true);
            // The body font: the atlas holds the names' characters there.
            ImGui::TextUnformatted(rows_[row_of(selected_)].name.c_str());
            ImGui::TextDisabled("%s", dbs(app, D::Timeline));
            for (const std::string& line : timeline_) app.text.text(line, pal.text);
            ImGui::EndChild();
        }
    }

    size_t row_of(int learner) const {
        for (size_t i = 0; i < rows_.size(); ++i)
            if (int(rows_[i].index) == learner) return i;
        return 0;
    }

    void select(App& app, int learner) {
        selected_ = learner;
        timeline_.clear();
        auto it = ids_.find(shown_.learners[size_t(learner)].id);
        if (it != ids_.end() && result_->snapshot) timeline_load_.start(result_->snapshot, app.catalog, it->second, [] { glfwPostEmptyEvent(); });
    }

    // The rows in the table's order, for the search text and the sort: again only when either changes.
    void derive_order() {
        int key = sort_col_ * 2 + (sort_desc_ ? 1 : 0);
        if (key == sorted_for_ && filter_for_ == find_) return;
        sorted_for_ = key;
        filter_for_ = find_;
        const auto& ls = shown_.learners;
        order_.clear();
        for (size_t i = 0; i < rows_.size(); ++i)
            if (find_[0] == '\0' || rows_[i].name.find(find_) != std::string::npos || rows_[i].cohort.find(find_) != std::string::npos)
                order_.push_back(i);
        auto cmp = [&](size_t x, size_t y) {
            const Row &a = rows_[x], &b = rows_[y];
            const LearnerRow &la = ls[a.index], &lb = ls[b.index];
            switch (sort_col_) {
                case kCohort: return a.cohort < b.cohort;
                case kGuidelines: return la.guidelines_read < lb.guidelines_read;
                case kDrills: return la.drills_attempted < lb.drills_attempted;
                case kBest: return a.best_rank < b.best_rank;
                case kReviews: return la.reviews < lb.reviews;
                case kLast: return la.last_active < lb.last_active;
                case kStatus: return la.quiet < lb.quiet;
                default: return a.name < b.name;
            }
        };
        std::stable_sort(order_.begin(), order_.end(), [&](size_t x, size_t y) { return sort_desc_ ? cmp(y, x) : cmp(x, y); });
    }

    // ---- Drills

    void draw_drills(App& app) {
        const Palette& pal = app.palette();
        if (shown_.drills.empty()) {
            app.text.text(dbs(app, D::NoDrills), pal.muted);
            return;
        }
        label(dbs(app, D::Drill));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
        if (ImGui::BeginCombo("##drill", shown_.drills[size_t(drill_)].title.c_str())) {
            for (size_t i = 0; i < shown_.drills.size(); ++i)
                if (ImGui::Selectable(shown_.drills[i].title.c_str(), int(i) == drill_)) drill_ = int(i);
            ImGui::EndCombo();
        }
        const DrillAnalysis& d = shown_.drills[size_t(drill_)];
        ImGui::SameLine();
        ImGui::TextUnformatted(fmt::format(fmt::runtime(dbs(app, D::DrillSummary)), d.learners, d.attempts, d.finished).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(dbs(app, D::OnGraph))) {  // the same counts over the drill's graph, in 编写
            app.settings.editor_pane = "graph";
            Route r;
            r.doc = d.drill_id;
            app.show(ViewId::editor, r);
        }
        ImGui::TextDisabled("%s", dbs(app, D::FirstLater));
        ImGui::BeginChild("##analysis");
        const float bar = ImGui::GetFontSize() * 10;
        int n = 0;
        for (const NodeTally& node : d.nodes) {
            int total = node.total();
            if (total == 0) continue;
            // The body font, emphasised by colour: the atlas has every library character there.
            app.text.text(fmt::format("{}. {}", ++n, node.title), pal.emphasis);
            int most = 1;
            for (const ChoiceTally& c : node.choices) most = std::max(most, c.first + c.later);
            for (size_t i = 0; i < node.choices.size(); ++i) {
                const ChoiceTally& c = node.choices[i];
                ImGui::PushID(n * 100 + int(i));
                split_bar(c.first, c.later, most, bar, pal);
                ImGui::SameLine();
                ImGui::Text("%d + %d", c.first, c.later);
                ImGui::SameLine(bar + ImGui::GetFontSize() * 4.5f);
                const std::string& label = app.text.fit(fmt::format("{}、{}", i + 1, c.label), ImGui::GetContentRegionAvail().x -
                                                                                                     (c.violates ? ImGui::GetFontSize() * 6 : 0));
                ImGui::TextUnformatted(label.c_str());
                if (c.violates) {
                    ImGui::SameLine();
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.bad), "%s", dbs(app, D::Violates));
                }
                ImGui::PopID();
            }
            ImGui::Spacing();
        }
        if (!d.endings.empty()) {
            ImGui::PushFont(app.fonts.h2);
            ImGui::TextUnformatted(dbs(app, D::Endings));
            ImGui::PopFont();
            for (const EndingTally& e : d.endings) {
                ImU32 c = e.rating == "good" ? pal.good : e.rating == "fair" ? pal.fair : pal.bad;
                app.text.text(fmt::format("{}（{}）", e.title, fmt::format(fmt::runtime(dbs(app, D::Times)), e.count)), c);
            }
        }
        if (!d.pitfalls.empty()) {
            ImGui::PushFont(app.fonts.h2);
            ImGui::TextUnformatted(dbs(app, D::Pitfalls));
            ImGui::PopFont();
            for (const PitfallTally& p : d.pitfalls)
                app.text.text(fmt::format("《{}》 {}", p.title, fmt::format(fmt::runtime(dbs(app, D::Times)), p.count)), pal.text);
        }
        ImGui::EndChild();
    }

    // ---- Weeks

    void draw_weeks(App& app) {
        const Palette& pal = app.palette();
        ImGui::TextUnformatted(dbs(app, D::WeeksActive));
        bar_chart(weeks_, weeks_max_, ImGui::GetFontSize() * 12, pal, app.text);
        ImGui::BeginChild("##weeks");
        for (auto it = shown_.weeks.rbegin(); it != shown_.weeks.rend(); ++it)
            ImGui::TextUnformatted(
                fmt::format(fmt::runtime(dbs(app, D::WeekRow)), cst_date(it->start), it->active, it->new_learners, it->gone_quiet).c_str());
        ImGui::EndChild();
    }

    char path_[1024] = {};
    char since_[16] = {}, until_[16] = {}, find_[64] = {};
    std::string cohort_;
    int quiet_days_ = 14;
    bool anonymous_ = false;
    CohortLoad load_;
    TimelineLoad timeline_load_;
    std::unique_ptr<CohortResult> result_;
    CohortReport shown_;  // the report, anonymised when 匿名 is on
    std::vector<Row> rows_;
    std::map<std::string, std::string> ids_;  // shown id -> learner id
    std::vector<size_t> order_;               // rows_ in the table's order
    int sort_col_ = kName, sorted_for_ = -1;
    bool sort_desc_ = false;
    std::string filter_for_;
    int quiet_ = 0, drill_ = 0, selected_ = -1, tab_ = 0;
    std::vector<Bar> weeks_;
    int weeks_max_ = 1;
    std::vector<std::string> timeline_;
    std::filesystem::path exported_;
    std::string message_;
};

}  // namespace

LINLI_DEFINE_VIEW(DashboardView)

}  // namespace linli::gui
