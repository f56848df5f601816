// A learner's study statistics, computed headless from plain records (no store, no ImGui): reviews
// per day, true retention per week, cards by state, drills done per week with the best ending so
// far, and the study streak. The 统计 view derives a StudyStats once per progress change and
// only draws it; the CLI or a test can call compute_stats() alike.
//
// Days and weeks are the learner's local ones: a unix time `at` falls on day
// floor((at + utc_offset) / 86400); a week runs Monday to Sunday.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace linli {

struct ReviewRecord {
    int64_t at = 0;           // unix seconds
    int grade = 0;            // FSRS: 1 again, 2 hard, 3 good, 4 easy
    bool was_review = false;  // the card was in the Review phase before this grade (true retention)
};

struct CardCounts {  // cards by state
    int new_cards = 0, learning = 0, review = 0, relearning = 0;
    int total() const { return new_cards + learning + review + relearning; }
};

struct DrillRecord {
    std::string drill_id;
    int64_t finished_at = 0;  // unix seconds; 0: not finished (not counted)
    std::string rating;       // "good", "fair", "bad"
};

struct StudyInputs {
    std::vector<ReviewRecord> reviews;
    CardCounts cards;
    std::vector<DrillRecord> drills;
    std::vector<int64_t> active_days;  // local day numbers (local_day()) on which the learner read; repeats allowed
    int64_t now = 0;                   // unix seconds
    int utc_offset = 0;                // seconds east of UTC (China: 8 * 3600)
};

struct StudyStats {
    static constexpr int kDays = 30, kWeeks = 12;

    // The last 30 days, oldest first, today last.
    std::vector<int> reviews_per_day;
    std::vector<std::string> day_labels;  // "11-03"

    // The last 12 weeks, oldest first, this week (still under way) last.
    std::vector<std::string> week_labels;  // the week's Monday, "11-03"
    // Share of grades > 1 among the reviews of cards in the Review phase; no value: no such review that week.
    std::vector<std::optional<double>> retention_per_week;
    std::vector<int> retention_reviews_per_week;  // how many reviews each week's share is taken over
    std::optional<double> retention;              // over the 12 weeks together
    std::vector<int> drills_per_week;             // finished attempts
    // The best rating reached up to the end of each week, attempts before the 12 weeks included:
    // "good" > "fair" > "bad", or "" for none yet. Never gets worse from one week to the next.
    std::vector<std::string> best_rating_by_week;

    CardCounts cards;

    // Runs of consecutive days studied (read, reviewed or finished a drill: what 连续学习 says). The
    // current streak still runs when its last day is today or yesterday; else it is 0.
    int current_streak = 0, longest_streak = 0;
    bool studied_today = false;  // the current streak has today in it already

    int total_reviews = 0;  // all time
    int total_drills = 0;   // finished attempts, all time
    int days_studied = 0;   // distinct days with any reading, review or finished drill, up to today

    bool empty = true;  // a new learner: no reviews, no finished drills, no reading
};

// The learner's local day number of a unix time.
int64_t local_day(int64_t at, int utc_offset);
// "MM-DD" of a local day number.
std::string day_label(int64_t day);
// 3 for "good", 2 for "fair", 1 for "bad", 0 for anything else.
int rating_rank(const std::string& rating);

// Linear in the inputs (100,000 reviews take a few milliseconds). Records dated after today (another
// device's clock running ahead) count in total_reviews and total_drills only.
StudyStats compute_stats(const StudyInputs& in);

}  // namespace linli
