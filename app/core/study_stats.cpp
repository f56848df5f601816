#include "study_stats.h"

#include <algorithm>
#include <cstdio>

namespace linli {
namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Monday-based weeks: day 0 (1970-01-01) was a Thursday, so day 4 is the Monday that starts week 1.
int64_t week_of(int64_t day) { return floor_div(day + 3, 7); }
int64_t week_start(int64_t week) { return week * 7 - 3; }

// Distinct days, ascending. Collected as they come; made unique with a bitmap over their span
// (linear) unless a stray timestamp makes the span absurd, then with a sort.
class DaySet {
public:
    void reserve(size_t n) { days_.reserve(n); }
    void add(int64_t day) {
        if (days_.empty()) lo_ = hi_ = day;
        lo_ = std::min(lo_, day);
        hi_ = std::max(hi_, day);
        days_.push_back(day);
    }
    std::vector<int64_t> sorted() const {
        std::vector<int64_t> out;
        if (days_.empty()) return out;
        const uint64_t span = uint64_t(hi_ - lo_) + 1;
        if (span <= 4 * days_.size() + 4096) {
            std::vector<bool> seen(span);
            for (int64_t d : days_) seen[size_t(d - lo_)] = true;
            for (size_t i = 0; i < span; ++i)
                if (seen[i]) out.push_back(lo_ + int64_t(i));
        } else {
            out = days_;
            std::sort(out.begin(), out.end());
            out.erase(std::unique(out.begin(), out.end()), out.end());
        }
        return out;
    }

private:
    std::vector<int64_t> days_;
    int64_t lo_ = 0, hi_ = 0;
};

const char* rating_key(int rank) { return rank == 3 ? "good" : rank == 2 ? "fair" : rank == 1 ? "bad" : ""; }

}  // namespace

int64_t local_day(int64_t at, int utc_offset) { return floor_div(at + utc_offset, 86400); }

std::string day_label(int64_t day) {
    // Howard Hinnant's civil_from_days.
    const int64_t z = day + 719468;
    const int64_t era = floor_div(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d-%02d", int(m), int(d));
    return buf;
}

int rating_rank(const std::string& rating) {
    if (rating == "good") return 3;
    if (rating == "fair") return 2;
    if (rating == "bad") return 1;
    return 0;
}

StudyStats compute_stats(const StudyInputs& in) {
    constexpr int kDays = StudyStats::kDays, kWeeks = StudyStats::kWeeks;
    StudyStats s;
    s.cards = in.cards;
    const int64_t today = local_day(in.now, in.utc_offset);
    const int64_t first_day = today - (kDays - 1);
    const int64_t first_week = week_of(today) - (kWeeks - 1);

    s.reviews_per_day.assign(kDays, 0);
    for (int i = 0; i < kDays; ++i) s.day_labels.push_back(day_label(first_day + i));
    for (int i = 0; i < kWeeks; ++i) s.week_labels.push_back(day_label(week_start(first_week + i)));

    DaySet studied;
    studied.reserve(in.reviews.size() + in.drills.size() + in.active_days.size());

    // Reviews: per day, and the weeks' true retention.
    std::vector<int> passed(kWeeks, 0);
    s.retention_reviews_per_week.assign(kWeeks, 0);
    s.total_reviews = int(in.reviews.size());
    for (const ReviewRecord& r : in.reviews) {
        const int64_t d = local_day(r.at, in.utc_offset);
        if (d > today) continue;
        studied.add(d);
        if (d >= first_day) ++s.reviews_per_day[size_t(d - first_day)];
        if (!r.was_review) continue;
        const int64_t w = week_of(d) - first_week;
        if (w < 0) continue;
        ++s.retention_reviews_per_week[size_t(w)];
        passed[size_t(w)] += r.grade > 1;
    }
    int all_reviewed = 0, all_passed = 0;
    for (int w = 0; w < kWeeks; ++w) {
        const int n = s.retention_reviews_per_week[size_t(w)];
        s.retention_per_week.push_back(n ? std::optional<double>(double(passed[size_t(w)]) / n) : std::nullopt);
        all_reviewed += n;
        all_passed += passed[size_t(w)];
    }
    if (all_reviewed) s.retention = double(all_passed) / all_reviewed;

    // Drills: done per week, and the best rating so far (a running maximum from before the window on).
    s.drills_per_week.assign(kWeeks, 0);
    std::vector<int> best_in(kWeeks, 0);
    int best_before = 0;
    for (const DrillRecord& dr : in.drills) {
        if (dr.finished_at <= 0) continue;
        ++s.total_drills;
        const int64_t d = local_day(dr.finished_at, in.utc_offset);
        if (d > today) continue;
        studied.add(d);
        const int64_t w = week_of(d) - first_week;
        const int rank = rating_rank(dr.rating);
        if (w < 0) {
            best_before = std::max(best_before, rank);
        } else {
            ++s.drills_per_week[size_t(w)];
            best_in[size_t(w)] = std::max(best_in[size_t(w)], rank);
        }
    }
    int best = best_before;
    for (int w = 0; w < kWeeks; ++w) {
        best = std::max(best, best_in[size_t(w)]);
        s.best_rating_by_week.push_back(rating_key(best));
    }

    // Reading, and the streaks over every day studied.
    for (int64_t d : in.active_days)
        if (d <= today) studied.add(d);
    const std::vector<int64_t> days = studied.sorted();
    int run = 0;
    for (size_t i = 0; i < days.size(); ++i) {
        run = (i > 0 && days[i] == days[i - 1] + 1) ? run + 1 : 1;
        s.longest_streak = std::max(s.longest_streak, run);
    }
    if (!days.empty() && days.back() >= today - 1) s.current_streak = run;
    s.studied_today = !days.empty() && days.back() == today;
    s.days_studied = int(days.size());
    s.empty = in.reviews.empty() && s.total_drills == 0 && in.active_days.empty();
    return s;
}

}  // namespace linli
