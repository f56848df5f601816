// The learner's study statistics (core/study_stats): reviews per day at the learner's own day
// boundaries, true retention per week (review-phase cards only, weeks without data apart from 0 %),
// the reading streak, the best drill rating over time, and a new learner's empty state.
#include <catch2/catch.hpp>

#include <chrono>

#include "core/study_stats.h"

using namespace linli;

namespace {

constexpr int64_t kDay = 86400, kHour = 3600;
constexpr int kChina = 8 * 3600;
constexpr int64_t kMonday20240101 = 1704067200;  // 2024-01-01 00:00 UTC, a Monday

// 2024-01-08 (a Monday) at 00:00 in China, and noon that day.
constexpr int64_t kMidnight = kMonday20240101 + 7 * kDay - kChina;
constexpr int64_t kNow = kMidnight + 12 * kHour;

StudyInputs at_now(int offset = kChina) {
    StudyInputs in;
    in.now = kNow;
    in.utc_offset = offset;
    return in;
}

int64_t today() { return local_day(kNow, kChina); }

}  // namespace

TEST_CASE("day labels and local days", "[stats]") {
    CHECK(day_label(0) == "01-01");
    CHECK(day_label(local_day(kMonday20240101 + 59 * kDay, 0)) == "02-29");  // 2024 is a leap year
    CHECK(day_label(-1) == "12-31");
    CHECK(local_day(kMidnight - 1, kChina) == local_day(kMidnight, kChina) - 1);
    CHECK(local_day(kMidnight - 1, 0) == local_day(kMidnight, 0));  // both 2024-01-07 in UTC
    CHECK(local_day(-1, 0) == -1);                                 // before the epoch: floor, not truncation
}

TEST_CASE("reviews per day fall on the learner's day boundaries", "[stats]") {
    StudyInputs in = at_now();
    in.reviews = {
        {kMidnight - 1, 3, false},            // 23:59:59 yesterday in China
        {kMidnight, 3, false},                // 00:00 today
        {kMidnight + 1, 1, true},             // today
        {kMidnight - 29 * kDay, 3, false},    // the first day shown
        {kMidnight - 30 * kDay + 5, 3, false},  // a day before it: in the total only
        {kNow + 2 * kDay, 3, false},          // another device's clock ahead: in the total only
    };
    StudyStats s = compute_stats(in);
    REQUIRE(s.reviews_per_day.size() == 30);
    REQUIRE(s.day_labels.size() == 30);
    CHECK(s.day_labels.back() == "01-08");
    CHECK(s.day_labels[28] == "01-07");
    CHECK(s.day_labels.front() == "12-10");
    CHECK(s.reviews_per_day[29] == 2);
    CHECK(s.reviews_per_day[28] == 1);
    CHECK(s.reviews_per_day[0] == 1);
    int shown = 0;
    for (int n : s.reviews_per_day) shown += n;
    CHECK(shown == 4);
    CHECK(s.total_reviews == 6);
    CHECK(s.days_studied == 4);  // yesterday, today, the first day shown, the one before it

    SECTION("in UTC the same reviews fall on other days") {
        in.utc_offset = 0;
        StudyStats u = compute_stats(in);
        // 2024-01-08 12:00 China is 04:00 UTC the same day; midnight in China is 16:00 UTC the day before.
        CHECK(u.day_labels.back() == "01-08");
        CHECK(u.reviews_per_day[29] == 0);
        CHECK(u.reviews_per_day[28] == 3);
    }
}

TEST_CASE("true retention counts only review-phase cards, and an empty week is no data", "[stats]") {
    StudyInputs in = at_now();
    const int64_t this_week = kMidnight + kHour;  // Monday of the current (last) week
    const int64_t week_before = this_week - 7 * kDay;
    in.reviews = {
        // This week: 2 of 3 review-phase grades pass; the learning-phase failures do not count.
        {this_week, 1, true}, {this_week, 3, true}, {this_week, 4, true},
        {this_week, 1, false}, {this_week, 1, false}, {this_week, 1, false},
        // The week before: only learning-phase reviews: no data, not 0 %.
        {week_before, 3, false}, {week_before, 1, false},
        // Three weeks back: every review-phase grade failed: 0 %, which is data.
        {this_week - 21 * kDay, 1, true}, {this_week - 21 * kDay, 1, true},
        // Hard (2) passes.
        {this_week - 28 * kDay, 2, true},
    };
    StudyStats s = compute_stats(in);
    REQUIRE(s.retention_per_week.size() == 12);
    REQUIRE(s.week_labels.size() == 12);
    CHECK(s.week_labels.back() == "01-08");
    CHECK(s.week_labels[10] == "01-01");
    REQUIRE(s.retention_per_week[11].has_value());
    CHECK(*s.retention_per_week[11] == Approx(2.0 / 3.0));
    CHECK(s.retention_reviews_per_week[11] == 3);
    CHECK_FALSE(s.retention_per_week[10].has_value());
    CHECK(s.retention_reviews_per_week[10] == 0);
    REQUIRE(s.retention_per_week[8].has_value());
    CHECK(*s.retention_per_week[8] == 0.0);
    REQUIRE(s.retention_per_week[7].has_value());
    CHECK(*s.retention_per_week[7] == 1.0);
    CHECK_FALSE(s.retention_per_week[0].has_value());
    REQUIRE(s.retention.has_value());
    CHECK(*s.retention == Approx(3.0 / 6.0));

    SECTION("no review-phase reviews at all: no overall retention") {
        in.reviews = {{this_week, 3, false}};
        StudyStats t = compute_stats(in);
        CHECK_FALSE(t.retention.has_value());
        for (const auto& r : t.retention_per_week) CHECK_FALSE(r.has_value());
    }
}

TEST_CASE("the study streak: current, broken, longest", "[stats]") {
    const int64_t t = today();
    StudyInputs in = at_now();

    SECTION("running through today") {
        in.active_days = {t, t - 1, t - 2, t - 2, t - 5, t - 6};  // unordered, repeated
        StudyStats s = compute_stats(in);
        CHECK(s.current_streak == 3);
        CHECK(s.longest_streak == 3);
        CHECK(s.days_studied == 5);
        CHECK(s.studied_today);
    }
    SECTION("yesterday still counts as running") {
        in.active_days = {t - 1, t - 2};
        StudyStats s = compute_stats(in);
        CHECK(s.current_streak == 2);
        CHECK_FALSE(s.studied_today);
    }
    SECTION("a day with only a review or a finished drill is a day studied too") {
        in.active_days = {t - 3};
        in.reviews = {{kMidnight - 2 * kDay + 60, 3, false}};  // the day before yesterday
        in.drills = {{"d1", kMidnight - kDay + 60, "fair"}, {"d2", 0, ""}};  // yesterday; an unfinished one today
        StudyStats s = compute_stats(in);
        CHECK(s.current_streak == 3);
        CHECK(s.longest_streak == 3);
        CHECK_FALSE(s.studied_today);
    }
    SECTION("broken: the last day was the day before yesterday") {
        in.active_days = {t - 2, t - 3, t - 4, t - 5};
        StudyStats s = compute_stats(in);
        CHECK(s.current_streak == 0);
        CHECK(s.longest_streak == 4);
    }
    SECTION("the longest is an older run") {
        in.active_days = {t, t - 10, t - 11, t - 12, t - 13, t - 14, t - 20};
        StudyStats s = compute_stats(in);
        CHECK(s.current_streak == 1);
        CHECK(s.longest_streak == 5);
    }
    SECTION("a day after today (a clock ahead) does not extend it") {
        in.active_days = {t + 1, t + 2, t};
        StudyStats s = compute_stats(in);
        CHECK(s.current_streak == 1);
        CHECK(s.longest_streak == 1);
    }
    SECTION("stray far-apart days take the sorting path and still count") {
        in.active_days = {t, t - 1, -400000, 5};
        StudyStats s = compute_stats(in);
        CHECK(s.current_streak == 2);
        CHECK(s.longest_streak == 2);
        CHECK(s.days_studied == 4);
    }
}

TEST_CASE("drills per week and the best rating so far, which never gets worse", "[stats]") {
    StudyInputs in = at_now();
    const int64_t week0 = kMidnight + kHour - 11 * 7 * kDay;  // Monday of the first week shown
    auto in_week = [&](int w) { return week0 + w * 7 * kDay + 3 * kHour; };
    in.drills = {
        {"d1", week0 - 30 * kDay, "bad"},  // before the 12 weeks: its rating carries in
        {"d1", in_week(3), "good"},
        {"d2", in_week(3), "bad"},
        {"d2", in_week(5), "bad"},
        {"d3", in_week(7), "fair"},
        {"d3", 0, ""},  // unfinished: not counted
    };
    StudyStats s = compute_stats(in);
    REQUIRE(s.drills_per_week.size() == 12);
    REQUIRE(s.best_rating_by_week.size() == 12);
    CHECK(s.drills_per_week[3] == 2);
    CHECK(s.drills_per_week[5] == 1);
    CHECK(s.drills_per_week[7] == 1);
    CHECK(s.drills_per_week[0] == 0);
    CHECK(s.total_drills == 5);
    CHECK(s.best_rating_by_week[0] == "bad");
    CHECK(s.best_rating_by_week[2] == "bad");
    CHECK(s.best_rating_by_week[3] == "good");
    CHECK(s.best_rating_by_week[5] == "good");   // a bad one later does not lower it
    CHECK(s.best_rating_by_week[7] == "good");   // nor a fair one
    CHECK(s.best_rating_by_week[11] == "good");
    for (size_t w = 1; w < 12; ++w) CHECK(rating_rank(s.best_rating_by_week[w]) >= rating_rank(s.best_rating_by_week[w - 1]));
    CHECK_FALSE(s.empty);

    SECTION("no attempt before a week: none yet") {
        in.drills = {{"d1", in_week(4), "fair"}};
        StudyStats t = compute_stats(in);
        CHECK(t.best_rating_by_week[3].empty());
        CHECK(t.best_rating_by_week[4] == "fair");
    }
}

TEST_CASE("a new learner's statistics are empty", "[stats]") {
    StudyInputs in = at_now();
    StudyStats s = compute_stats(in);
    CHECK(s.empty);
    CHECK(s.reviews_per_day.size() == 30);
    CHECK(s.drills_per_week.size() == 12);
    CHECK(s.current_streak == 0);
    CHECK(s.longest_streak == 0);
    CHECK(s.days_studied == 0);
    CHECK_FALSE(s.retention.has_value());

    SECTION("cards not yet studied keep it empty") {
        in.cards = {12, 0, 0, 0};
        StudyStats t = compute_stats(in);
        CHECK(t.empty);
        CHECK(t.cards.new_cards == 12);
        CHECK(t.cards.total() == 12);
    }
    SECTION("an unfinished drill keeps it empty") {
        in.drills = {{"d1", 0, ""}};
        CHECK(compute_stats(in).empty);
    }
    SECTION("any reading, review or finished drill ends it") {
        StudyInputs a = in, b = in, c = in;
        a.active_days = {today()};
        b.reviews = {{kNow, 3, false}};
        c.drills = {{"d1", kNow, "good"}};
        CHECK_FALSE(compute_stats(a).empty);
        CHECK_FALSE(compute_stats(b).empty);
        CHECK_FALSE(compute_stats(c).empty);
    }
}

TEST_CASE("100,000 reviews over two years take milliseconds", "[stats]") {
    StudyInputs in = at_now();
    constexpr int n = 100000;
    in.reviews.reserve(n);
    for (int i = 0; i < n; ++i) in.reviews.push_back({kNow - int64_t(i) * 631, 1 + i % 4, i % 3 != 0});  // back ~730 days
    for (int i = 0; i < 500; ++i) in.active_days.push_back(today() - i);
    auto t0 = std::chrono::steady_clock::now();
    StudyStats s = compute_stats(in);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    CHECK(s.total_reviews == n);
    int shown = 0;
    for (int x : s.reviews_per_day) shown += x;
    CHECK(shown > 4000);
    CHECK(shown < 4200);  // 29.5 days (today is half over at noon) of 86400 s / 631 s ≈ 4040
    CHECK(s.current_streak == 731);  // a review every day of the two years
    CHECK(s.days_studied == 731);
    CHECK(ms < 100);  // a few ms in a release build; generous for sanitizers and a busy machine
}
