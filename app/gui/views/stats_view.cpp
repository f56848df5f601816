// 统计: the learner's own study statistics — the reading streak and totals as big numbers, reviews
// per day, true retention per week, drills finished per week with the best ending so far, and cards
// by state. core/study_stats computes them from plain records; this view gathers the records from
// what the window knows of the progress store, derives the chart series once per change (progress,
// library, language, theme, or a new day) and only draws them every frame.
#include <imgui.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>

#include "core/study_stats.h"
#include "gui/app.h"
#include "gui/chart.h"
#include "gui/stats_strings.h"

namespace linli::gui {
namespace {

// Seconds east of UTC of the local time zone at `t`.
int utc_offset_at(int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return static_cast<int>(tm.tm_gmtoff);
}

class StatsView : public View {
public:
    std::string window_title(const App& app) const override {
        if (!app.progress.loaded || derived_for_.progress < 0) return app.title(ViewId::stats);
        return fmt::format("{} · {}", app.title(ViewId::stats), title_);
    }

    // Only UI strings and digits: the first atlas needs none of the library's characters.
    std::optional<std::string> first_frame_text(const App&) override { return std::string(); }

    void draw(App& app) override {
        derive(app);
        app.redraw_at(next_day_);  // past midnight the days move on, with no input to wake the window
        ImGui::PushFont(app.fonts.h1);
        ImGui::TextUnformatted(app.title(ViewId::stats));
        ImGui::PopFont();
        if (!app.progress.loaded) return;  // the store's first read is on its way
        if (stats_.empty) {
            draw_empty(app);
            return;
        }
        draw_numbers(app);

        const float line = ImGui::GetTextLineHeight();
        heading(app, St::PerDay);
        if (reviews_in_window_ > 0) column_chart(per_day_, line * 7.5f, false, app.palette(), app.text);
        else note(app, sts(app, St::NoReviews));

        // The two weekly charts side by side when there is room: they share the weeks.
        const bool side_by_side = ImGui::GetContentRegionAvail().x >= ImGui::GetFontSize() * 40;
        if (side_by_side && ImGui::BeginTable("##weeks", 2, ImGuiTableFlags_SizingStretchSame)) {
            ImGui::TableNextColumn();
            draw_retention(app);
            ImGui::TableNextColumn();
            draw_drills(app);
            ImGui::EndTable();
        } else {
            draw_retention(app);
            draw_drills(app);
        }
        draw_cards(app);
        ImGui::Spacing();
    }

private:
    // ---- Deriving

    struct Key {
        int progress = -1, library = -1;
        Lang lang = Lang::Zh;
        bool dark = false;
        int64_t day = 0;
        bool operator==(const Key&) const = default;
    };

    // The records the statistics are computed from, out of what the window knows of the store.
    StudyInputs gather(App& app) {
        StudyInputs in;
        in.now = static_cast<int64_t>(std::time(nullptr));
        in.utc_offset = utc_offset_at(in.now);
        for (const auto& [drill, attempts] : app.progress.attempts)
            for (const AttemptRecord& a : attempts)
                if (a.finished_at > 0) in.drills.push_back({a.drill_id, a.finished_at, a.rating});
        for (const auto& [id, p] : app.progress.docs)
            for (int64_t t : {p.first_opened, p.last_opened, p.finished_at})
                if (t > 0) in.active_days.push_back(local_day(t, in.utc_offset));
        // reviews: filled from the review log (ProgressSnapshot::reviews) once it exists
        // cards: counted by state from the same log (the card deck's FSRS phases) once it exists
        return in;
    }

    void derive(App& app) {
        const int64_t now = static_cast<int64_t>(std::time(nullptr));
        Key key{app.progress_version, app.library_generation, app.strings.language(), app.theme.dark(), local_day(now, utc_offset_)};
        if (key == derived_for_) return;
        StudyInputs in = gather(app);
        utc_offset_ = in.utc_offset;
        key.day = local_day(in.now, in.utc_offset);
        derived_for_ = key;
        stats_ = compute_stats(in);
        const Palette& pal = app.palette();
        // The next local midnight: the day columns move on by themselves.
        const int64_t to_midnight = (key.day + 1) * 86400 - utc_offset_ - in.now;
        next_day_ = std::chrono::steady_clock::now() + std::chrono::seconds(std::max<int64_t>(to_midnight, 1) + 1);

        auto days = [&](int n) { return fmt::format(fmt::runtime(sts(app, St::DaysN)), n); };
        numbers_ = {{sts(app, St::Streak), days(stats_.current_streak), ""},
                    {sts(app, St::Longest), days(stats_.longest_streak), ""},
                    {sts(app, St::Reviews), fmt::format(fmt::runtime(sts(app, St::TimesN)), stats_.total_reviews), ""},
                    {sts(app, St::DaysStudied), days(stats_.days_studied), ""}};
        // A nudge under the streak: broken, or running from yesterday and not yet kept up today.
        if (stats_.current_streak == 0 && stats_.longest_streak > 0) numbers_[0].sub = sts(app, St::StreakAgain);
        else if (stats_.current_streak > 0 && !stats_.studied_today) numbers_[0].sub = sts(app, St::StreakToday);

        per_day_.clear();
        reviews_in_window_ = 0;
        for (size_t i = 0; i < stats_.reviews_per_day.size(); ++i) {
            per_day_.push_back({stats_.reviews_per_day[i], stats_.day_labels[i], "", 0, false});
            reviews_in_window_ += stats_.reviews_per_day[i];
        }

        retention_.clear();
        for (const auto& r : stats_.retention_per_week) retention_.push_back(r ? float(*r) : std::numeric_limits<float>::quiet_NaN());
        retention_total_.clear();
        if (stats_.retention) {
            int n = 0;
            for (int c : stats_.retention_reviews_per_week) n += c;
            retention_total_ = fmt::format(fmt::runtime(sts(app, St::RetentionAll)), int(std::lround(*stats_.retention * 100)), n);
        }

        drills_.clear();
        for (size_t i = 0; i < stats_.drills_per_week.size(); ++i) {
            const std::string& best = stats_.best_rating_by_week[i];
            const int rank = rating_rank(best);
            const char* name = rank == 3 ? sts(app, St::RatingGood) : rank == 2 ? sts(app, St::RatingFair) : rank == 1 ? sts(app, St::RatingBad) : "—";
            const ImU32 color = rank == 3 ? pal.good : rank == 2 ? pal.fair : rank == 1 ? pal.bad : pal.muted;
            drills_.push_back({stats_.drills_per_week[i], stats_.week_labels[i], name, color, false});
        }
        drills_total_ = fmt::format(fmt::runtime(sts(app, St::DrillsAll)), stats_.total_drills);

        const CardCounts& c = stats_.cards;
        cards_ = {{sts(app, St::CardNew), c.new_cards, pal.link},
                  {sts(app, St::CardLearning), c.learning, pal.fair},
                  {sts(app, St::CardReview), c.review, pal.good},
                  {sts(app, St::CardRelearning), c.relearning, pal.bad}};
        cards_total_ = fmt::format(fmt::runtime(sts(app, St::CardsAll)), c.total());

        title_ = stats_.empty ? sts(app, St::TitleEmpty)
                              : fmt::format(fmt::runtime(sts(app, St::TitleSummary)), stats_.days_studied, stats_.total_drills);
    }

    // ---- Drawing

    static void heading(App& app, St s) {
        ImGui::Spacing();
        ImGui::PushFont(app.fonts.h2);
        ImGui::TextUnformatted(sts(app, s));
        ImGui::PopFont();
    }

    static void note(App& app, const std::string& text) { app.text.text(text, app.palette().muted); }

    void draw_empty(App& app) {
        heading(app, St::EmptyHead);
        app.text.text(sts(app, St::EmptyText), app.palette().text);
        ImGui::Spacing();
        if (ImGui::Button(sts(app, St::EmptyButton))) app.show(ViewId::library);
    }

    // Four tiles in a row (two by two when narrow): a caption, the number large, a nudge under it.
    void draw_numbers(App& app) {
        ImGui::Spacing();
        const Palette& pal = app.palette();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float line = ImGui::GetTextLineHeight(), pad = line * 0.6f, gap = line * 0.6f;
        const float avail = ImGui::GetContentRegionAvail().x;
        const int per_row = avail >= ImGui::GetFontSize() * 36 ? 4 : 2;
        const float tile_w = (avail - gap * float(per_row - 1)) / float(per_row);
        const bool subs = std::any_of(numbers_.begin(), numbers_.end(), [](const Number& n) { return !n.sub.empty(); });
        const float tile_h = pad * 2 + line * (subs ? 2.0f : 1.1f) + app.fonts.h1->FontSize;
        const float inner = tile_w - pad * 2;
        const ImVec2 o = ImGui::GetCursorScreenPos();
        for (size_t i = 0; i < numbers_.size(); ++i) {
            const float x = o.x + float(i % size_t(per_row)) * (tile_w + gap);
            const float y = o.y + float(i / size_t(per_row)) * (tile_h + gap);
            dl->AddRectFilled(ImVec2(x, y), ImVec2(x + tile_w, y + tile_h), pal.code_bg, 6);
            const Number& n = numbers_[i];
            dl->AddText(ImVec2(x + pad, y + pad), pal.muted, app.text.fit(n.caption, inner).c_str());
            ImGui::PushFont(app.fonts.h1);
            dl->AddText(ImVec2(x + pad, y + pad + line), pal.text, app.text.fit(n.value, inner).c_str());
            ImGui::PopFont();
            if (!n.sub.empty()) dl->AddText(ImVec2(x + pad, y + pad + line + app.fonts.h1->FontSize), pal.muted, app.text.fit(n.sub, inner).c_str());
        }
        const size_t rows = (numbers_.size() + size_t(per_row) - 1) / size_t(per_row);
        ImGui::Dummy(ImVec2(avail, float(rows) * tile_h + float(rows - 1) * gap));
    }

    void draw_retention(App& app) {
        heading(app, St::Retention);
        note(app, sts(app, St::RetentionHint));
        if (!stats_.retention) {
            note(app, sts(app, St::NoRetention));
            return;
        }
        percent_chart(retention_, stats_.week_labels, app.palette().link, ImGui::GetTextLineHeight() * 8, app.palette());
        note(app, retention_total_);
    }

    void draw_drills(App& app) {
        heading(app, St::Drills);
        note(app, sts(app, St::DrillsHint));
        if (stats_.total_drills == 0) {
            note(app, sts(app, St::NoDrills));
            return;
        }
        column_chart(drills_, ImGui::GetTextLineHeight() * 9, true, app.palette(), app.text);
        note(app, drills_total_);
    }

    void draw_cards(App& app) {
        heading(app, St::Cards);
        if (stats_.cards.total() == 0) {
            note(app, sts(app, St::NoCards));
            return;
        }
        segmented_bar(cards_, ImGui::GetContentRegionAvail().x, app.palette());
        note(app, cards_total_);
    }

    // ---- State

    struct Number {
        std::string caption, value, sub;
    };

    Key derived_for_;
    int utc_offset_ = 0;
    std::chrono::steady_clock::time_point next_day_{};
    StudyStats stats_;
    std::vector<Number> numbers_;
    std::vector<Column> per_day_;
    int reviews_in_window_ = 0;
    std::vector<float> retention_;
    std::string retention_total_;
    std::vector<Column> drills_;
    std::string drills_total_;
    std::vector<Segment> cards_;
    std::string cards_total_;
    std::string title_;
};

}  // namespace
LINLI_DEFINE_VIEW(StatsView)
}  // namespace linli::gui
