// FSRS-6 (sync/fsrs.h) against ts-fsrs 5, the reference it follows where py-fsrs 6 differs.
//
// The expected numbers come from ts-fsrs 5.4.2 ("v5.4.2 using FSRS-6.0", npm), run under Node 20 by
// a throw-away script kept outside the repo: fsrs(generatorParameters({enable_fuzz: false,
// enable_short_term: true, ...})) with the default weights, steps 1m, 10m and relearning 10m unless
// a test says otherwise; createEmptyCard(T0), then card = f.next(card, new Date(t), grade).card for
// each review, printing card.stability, difficulty, state, learning_steps, due, reps and lapses;
// f.next_interval(s, 0) for the interval tables, f.get_retrievability(card, t, false) and
// f.forgetting_curve(t, s) for recall; the capped lapse reviews a hand-made card (state Review, S 0.212,
// D 1, last review T0) with f.next. T0 is 2025-01-06 09:00 UTC; times are seconds since it.
// ts-fsrs rounds its values to 8 decimals, so stability and difficulty match to 1e-6 relative.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "sync/fsrs.h"

using namespace linli::fsrs;

namespace {

constexpr int64_t kT0 = 1736154000;  // 2025-01-06 09:00 UTC
constexpr int64_t kMinute = 60;
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

// One review and the card ts-fsrs left after it; `at` and `due` in seconds since kT0. Each row's
// trailing comment is ts-fsrs's scheduled_days.
struct Row {
    int grade;
    int64_t at;
    double stability, difficulty;
    Phase phase;
    int step;
    int64_t due;
    int reps, lapses;
};

Approx close(double x) { return Approx(x).epsilon(1e-6); }

// Replays the rows from a new card and checks the whole memory after each review.
Memory replay(const std::vector<Row>& rows, const Params& p = {}) {
    Memory m;
    for (size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        INFO("review " << i + 1 << ": grade " << r.grade << " at T0 + " << r.at << " s");
        m = review(m, static_cast<Grade>(r.grade), kT0 + r.at, p);
        CHECK(m.stability == close(r.stability));
        CHECK(m.difficulty == close(r.difficulty));
        CHECK(m.phase == r.phase);
        CHECK(m.step == r.step);
        CHECK(m.due - kT0 == r.due);
        CHECK(m.last_review == kT0 + r.at);
        CHECK(m.reps == r.reps);
        CHECK(m.lapses == r.lapses);
    }
    return m;
}

double d0(int g, const std::array<double, 21>& w) { return w[4] - std::exp((g - 1) * w[5]) + 1; }

}  // namespace

TEST_CASE("fsrs: the 21 default weights are FSRS-6's, as ts-fsrs 5 ships them", "[fsrs]") {
    const std::array<double, 21> ts_fsrs = {0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                            0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                            1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};
    CHECK(Params::kDefaultWeights == ts_fsrs);
    CHECK(Params{}.w == ts_fsrs);
    CHECK(Params{}.desired_retention == 0.9);
}

TEST_CASE("fsrs: a first review starts from S0 = w[g-1] and D0 = w4 - e^((g-1)w5) + 1", "[fsrs]") {
    const std::vector<Row> firsts = {
        {1, 0, 0.2120000000, 6.413300000, Phase::Learning, 0, 60, 1, 0},  // 0 d
        {2, 0, 1.293100000, 5.112170710, Phase::Learning, 0, 360, 1, 0},  // 0 d
        {3, 0, 2.306500000, 2.118103970, Phase::Learning, 1, 600, 1, 0},  // 0 d
        {4, 0, 8.295600000, 1.000000000, Phase::Review, 0, 691200, 1, 0},  // 8 d
    };
    const auto& w = Params::kDefaultWeights;
    for (const Row& r : firsts) {
        INFO("grade " << r.grade);
        const Memory m = replay({r});
        CHECK(m.stability == close(w[r.grade - 1]));
        CHECK(m.difficulty == close(std::clamp(d0(r.grade, w), 1.0, 10.0)));
    }
    // Easy's D0 lies below 1 and is clamped; the others are the formula itself.
    CHECK(d0(4, w) < 1);
    CHECK(review({}, Grade::Easy, kT0).difficulty == 1.0);
    CHECK(review({}, Grade::Good, kT0).difficulty == close(d0(3, w)));
}

TEST_CASE("fsrs: Good, Good, Good, Again, Good, Good, each at its due time", "[fsrs]") {
    const Memory m = replay({
        {3, 0, 2.306500000, 2.118103970, Phase::Learning, 1, 600, 1, 0},  // 0 d
        {3, 600, 2.306500000, 2.111214240, Phase::Review, 0, 173400, 2, 0},  // 2 d
        {3, 173400, 10.97104786, 2.104331400, Phase::Review, 0, 1123800, 3, 0},  // 11 d
        {3, 1123800, 46.31685657, 2.097455440, Phase::Review, 0, 5098200, 4, 0},  // 46 d
        {1, 5098200, 2.933845260, 7.387715710, Phase::Relearning, 0, 5098800, 5, 1},  // 0 d
        {3, 5098800, 2.933845260, 7.375556360, Phase::Review, 0, 5358000, 6, 1},  // 3 d
        {3, 5358000, 7.799101980, 7.363409170, Phase::Review, 0, 6049200, 7, 1},  // 8 d
    });
    CHECK(m.due - m.last_review == 8 * kDay);
}

TEST_CASE("fsrs: late and early reviews with every grade", "[fsrs]") {
    replay({
        {4, 0, 8.295600000, 1.000000000, Phase::Review, 0, 691200, 1, 0},  // 8 d
        {2, 950400, 31.25755716, 4.010608970, Phase::Review, 0, 3628800, 2, 0},  // 31 d
        {3, 3542400, 95.66367059, 4.001826730, Phase::Review, 0, 11836800, 3, 0},  // 96 d
        {1, 12700800, 3.781500370, 8.013669600, Phase::Relearning, 0, 12701400, 4, 1},  // 0 d
        {1, 12701400, 1.230074700, 9.332335080, Phase::Relearning, 0, 12702000, 5, 1},  // 0 d
        {2, 12702000, 1.230074700, 9.542001280, Phase::Relearning, 0, 12702900, 6, 1},  // 0 d
        {3, 12702900, 1.274973470, 9.527687650, Phase::Review, 0, 12789300, 7, 1},  // 1 d
        {4, 12962100, 4.424501620, 9.355091240, Phase::Review, 0, 13307700, 8, 1},  // 4 d
    });
}

TEST_CASE("fsrs: Hard repeats a learning step, Good moves on, Again starts over", "[fsrs]") {
    // Hard on the first of 1m, 10m waits round((1 + 10) / 2) = 6 minutes, on the second 6 again.
    replay({
        {2, 0, 1.293100000, 5.112170710, Phase::Learning, 0, 360, 1, 0},  // 0 d
        {2, 360, 1.293100000, 6.740459520, Phase::Learning, 0, 720, 2, 0},  // 0 d
        {3, 720, 1.335899760, 6.728947430, Phase::Learning, 1, 1320, 3, 0},  // 0 d
        {2, 1320, 1.335899760, 7.813751240, Phase::Learning, 1, 1680, 4, 0},  // 0 d
        {1, 1680, 0.4653455800, 9.266623260, Phase::Learning, 0, 1740, 5, 0},  // 0 d
        {3, 1740, 0.5141893900, 9.252585010, Phase::Learning, 1, 2340, 6, 0},  // 0 d
        {3, 2340, 0.5644407500, 9.238560790, Phase::Review, 0, 88740, 7, 0},  // 1 d
    });
}

TEST_CASE("fsrs: Easy takes a learning card straight to review", "[fsrs]") {
    const Memory m = replay({
        {3, 0, 2.306500000, 2.118103970, Phase::Learning, 1, 600, 1, 0},  // 0 d
        {4, 600, 3.946054070, 1.000000000, Phase::Review, 0, 346200, 2, 0},  // 4 d
    });
    CHECK(m.step == 0);
}

TEST_CASE("fsrs: a same-day review of a review card uses the short-term stability", "[fsrs]") {
    const auto& w = Params::kDefaultWeights;
    const Memory easy = review({}, Grade::Easy, kT0);
    const double s = easy.stability;
    // Good two hours later: S^-w19 * e^(w17 * w18) is below 1, and a pass never lowers S.
    const Memory good = review(easy, Grade::Good, kT0 + 2 * kHour);
    CHECK(std::pow(s, -w[19]) * std::exp(w[17] * w[18]) < 1);
    CHECK(good.stability == close(s));
    // Again an hour after that: S * S^-w19 * e^(w17 * (w18 - 2)), no floor.
    const Memory again = review(good, Grade::Again, kT0 + 3 * kHour);
    CHECK(again.stability == close(s * std::pow(s, -w[19]) * std::exp(w[17] * (w[18] - 2))));
    replay({
        {4, 0, 8.295600000, 1.000000000, Phase::Review, 0, 691200, 1, 0},  // 8 d
        {3, 7200, 8.295600000, 1.000000000, Phase::Review, 0, 784800, 2, 0},  // 9 d
        {1, 10800, 2.562508170, 7.026989570, Phase::Relearning, 0, 11400, 3, 1},  // 0 d
        {2, 11400, 2.562508170, 8.011605510, Phase::Relearning, 0, 12300, 4, 1},  // 0 d
    });
}

TEST_CASE("fsrs: a lapse goes to relearning, Hard and Again stay there, Good brings it back", "[fsrs]") {
    const Memory m = replay({
        {4, 0, 8.295600000, 1.000000000, Phase::Review, 0, 691200, 1, 0},  // 8 d
        {1, 691200, 1.388632460, 7.026989570, Phase::Relearning, 0, 691800, 2, 1},  // 0 d
        {2, 691800, 1.388632460, 8.011605510, Phase::Relearning, 0, 692700, 3, 1},  // 0 d
        {1, 692700, 0.4824837700, 9.331656630, Phase::Relearning, 0, 693300, 4, 1},  // 0 d
        {3, 693300, 0.5318592300, 9.317553340, Phase::Review, 0, 779700, 5, 1},  // 1 d
        {3, 779700, 1.344793440, 9.303464160, Phase::Review, 0, 952500, 6, 1},  // 2 d
    });
    CHECK(m.lapses == 1);  // Again while relearning is no second lapse
}

TEST_CASE("fsrs: two reviews ten minutes apart across UTC midnight are a day apart", "[fsrs]") {
    // ts-fsrs counts elapsed days by UTC date: at 00:05 the 23:55 review is a day old, so Good
    // grows S by the long-term formula rather than the same-day one (2.3065 stays 2.3065).
    const Memory m = replay({
        {3, 53700, 2.306500000, 2.118103970, Phase::Learning, 1, 54300, 1, 0},  // 0 d
        {3, 54300, 7.315300680, 2.111214240, Phase::Review, 0, 659100, 2, 0},  // 7 d
    });
    CHECK(m.stability > 3 * Params::kDefaultWeights[2]);
}

TEST_CASE("fsrs: a lapse leaves S at most S / e^(w17 w18), however late the review", "[fsrs]") {
    // An easy card (D = 1) with little stability, forgotten: three days late the long-term formula
    // gives less than the cap; a thousand days late it would give more, and the cap holds it.
    const auto& w = Params::kDefaultWeights;
    Memory m;
    m.phase = Phase::Review;
    m.stability = 0.212;
    m.difficulty = 1;
    m.last_review = kT0;
    m.due = kT0 + kDay;
    m.reps = 3;
    const Memory soon = review(m, Grade::Again, kT0 + 3 * kDay);
    CHECK(soon.stability == close(0.13482188));
    CHECK(soon.difficulty == close(7.02698957));
    CHECK(soon.phase == Phase::Relearning);
    CHECK(soon.due == kT0 + 3 * kDay + 10 * kMinute);
    CHECK(soon.lapses == 1);
    const Memory late = review(m, Grade::Again, kT0 + 1000 * kDay);
    CHECK(late.stability == close(0.20176634));
    CHECK(late.stability == close(0.212 / std::exp(w[17] * w[18])));
    CHECK(late.due == kT0 + 1000 * kDay + 10 * kMinute);
}

TEST_CASE("fsrs: one learning step of 5 minutes and no relearning steps", "[fsrs]") {
    // Hard on a single step waits round(5 * 1.5) = 8 minutes; Again on a review card with no
    // relearning steps stays in review, one day out, and still counts as a lapse.
    Params p;
    p.learning_steps = {5 * kMinute};
    p.relearning_steps = {};
    replay({
        {2, 0, 1.293100000, 5.112170710, Phase::Learning, 0, 480, 1, 0},  // 0 d
        {3, 480, 1.335899760, 5.102286910, Phase::Review, 0, 86880, 2, 0},  // 1 d
        {1, 86880, 0.3835273600, 8.375383390, Phase::Review, 0, 173280, 3, 1},  // 1 d
        {3, 173280, 1.550125770, 8.362236380, Phase::Review, 0, 346080, 4, 1},  // 2 d
    }, p);
}

TEST_CASE("fsrs: a step of a day or more puts the card in review, keeping the step", "[fsrs]") {
    Params p;
    p.learning_steps = {10 * kMinute, kDay};
    p.relearning_steps = {kDay};
    replay({
        {3, 0, 2.306500000, 2.118103970, Phase::Review, 1, 86400, 1, 0},  // 1 d
        {3, 86400, 7.315300680, 2.111214240, Phase::Review, 0, 691200, 2, 0},  // 7 d
        {3, 691200, 31.67922703, 2.104331400, Phase::Review, 0, 3456000, 3, 0},  // 32 d
        {1, 3456000, 2.511255710, 7.389975790, Phase::Review, 0, 3542400, 4, 1},  // 1 d
        {3, 3542400, 4.545602170, 7.377814180, Phase::Review, 0, 3974400, 5, 1},  // 5 d
    }, p);
}

TEST_CASE("fsrs: the interval is S at retention 0.9, longer at 0.8, shorter at 0.95", "[fsrs]") {
    struct Case {
        double retention, stability;
        int64_t days;
    };
    const std::vector<Case> cases = {
        {0.9, 0.5, 1},     {0.9, 1, 1},      {0.9, 2.3065, 2},     {0.9, 3.4, 3},      {0.9, 10.5, 11},
        {0.9, 47.2, 47},   {0.9, 100, 100},  {0.9, 365.25, 365},   {0.9, 36500, 36500},
        {0.8, 0.5, 2},     {0.8, 1, 3},      {0.8, 2.3065, 8},     {0.8, 3.4, 11},     {0.8, 10.5, 35},
        {0.8, 47.2, 157},  {0.8, 100, 332},  {0.8, 365.25, 1211},  {0.8, 36500, 36500},
        {0.95, 0.5, 1},    {0.95, 1, 1},     {0.95, 2.3065, 1},    {0.95, 3.4, 1},     {0.95, 10.5, 4},
        {0.95, 47.2, 19},  {0.95, 100, 40},  {0.95, 365.25, 147},  {0.95, 36500, 14693},
    };
    for (const Case& c : cases) {
        Params p;
        p.desired_retention = c.retention;
        INFO("retention " << c.retention << ", S = " << c.stability);
        CHECK(next_interval_days(c.stability, p) == c.days);
    }
    // The formula itself: S / factor * (r^(-1/w20) - 1), factor = 0.9^(-1/w20) - 1.
    const double w20 = Params::kDefaultWeights[20];
    const double factor = std::pow(0.9, -1 / w20) - 1;
    Params p8;
    p8.desired_retention = 0.8;
    CHECK(next_interval_days(47.2, p8) == std::lround(47.2 / factor * (std::pow(0.8, -1 / w20) - 1)));
}

TEST_CASE("fsrs: a schedule at retention 0.8", "[fsrs]") {
    Params p;
    p.desired_retention = 0.8;
    replay({
        {3, 0, 2.306500000, 2.118103970, Phase::Learning, 1, 600, 1, 0},  // 0 d
        {3, 600, 2.306500000, 2.111214240, Phase::Review, 0, 691800, 2, 0},  // 8 d
        {3, 691800, 22.78405258, 2.104331400, Phase::Review, 0, 7258200, 3, 0},  // 76 d
        {4, 7258200, 276.5960785, 1.000000000, Phase::Review, 0, 86487000, 4, 0},  // 917 d
    }, p);
}

TEST_CASE("fsrs: retrievability is 0.9 after S days, counted in whole days", "[fsrs]") {
    for (double s : {0.5, 2.3065, 10.0, 365.0}) CHECK(forgetting_curve(s, s) == close(0.9));
    CHECK(forgetting_curve(10, 3) == close(0.79950686));
    CHECK(forgetting_curve(0, 3) == 1.0);

    Memory three_days;
    three_days.phase = Phase::Review;
    three_days.stability = 3;
    three_days.difficulty = 5;
    three_days.last_review = kT0;
    CHECK(retrievability(three_days, kT0 + 3 * kDay) == close(0.9));

    const Memory m = replay({
        {3, 0, 2.306500000, 2.118103970, Phase::Learning, 1, 600, 1, 0},  // 0 d
        {3, 600, 2.306500000, 2.111214240, Phase::Review, 0, 173400, 2, 0},  // 2 d
    });
    struct Point {
        int64_t after;
        double r;
    };
    // ts-fsrs's get_retrievability floors to whole days: a day less a second is still day 0.
    for (const Point& pt : std::vector<Point>{{0, 1.0}, {3600, 1.0}, {86399, 1.0}, {86400, 0.9468475},
                                              {172900, 0.90949326}, {259200, 0.88094796}, {2592000, 0.66752633}}) {
        INFO(pt.after << " s after the last review");
        CHECK(retrievability(m, m.last_review + pt.after) == close(pt.r));
    }
    CHECK(retrievability(Memory{}, kT0) == 1.0);  // never reviewed (ts-fsrs says 0 here)
}

TEST_CASE("fsrs: intervals are clamped to 1..maximum_interval", "[fsrs]") {
    CHECK(next_interval_days(0.001) == 1);
    CHECK(next_interval_days(1e6) == 36500);
    CHECK(next_interval_days(36500.4) == 36500);
    Params p;
    p.maximum_interval = 5;
    CHECK(next_interval_days(4.4, p) == 4);
    CHECK(next_interval_days(100, p) == 5);
    // A card graduating with Easy (S = 8.2956) waits 5 days, not 8.
    CHECK(review({}, Grade::Easy, kT0, p).due == kT0 + 5 * kDay);
}

TEST_CASE("fsrs: a review card's Hard < Good < Easy spacing may pass maximum_interval, as in ts-fsrs", "[fsrs]") {
    // Past the cap all three intervals are 5; ts-fsrs still puts Good a day after Hard and Easy a
    // day after Good, so Easy waits 7 days and Good 6.
    Params p;
    p.maximum_interval = 5;
    replay({
        {4, 0, 8.295600000, 1.000000000, Phase::Review, 0, 432000, 1, 0},  // 5 d
        {4, 432000, 48.44677004, 1.000000000, Phase::Review, 0, 1036800, 2, 0},  // 7 d
        {3, 1036800, 75.22512339, 1.000000000, Phase::Review, 0, 1555200, 3, 0},  // 6 d
        {2, 1555200, 88.44425668, 4.010608970, Phase::Review, 0, 1987200, 4, 0},  // 5 d
    }, p);
}

TEST_CASE("fsrs: the same reviews give the same memory", "[fsrs]") {
    const std::vector<std::pair<Grade, int64_t>> reviews = {
        {Grade::Good, 0},       {Grade::Hard, 6 * kMinute}, {Grade::Good, 20 * kMinute}, {Grade::Good, 3 * kDay},
        {Grade::Again, 9 * kDay}, {Grade::Good, 9 * kDay + kHour}, {Grade::Easy, 15 * kDay}};
    auto run = [&] {
        std::vector<Memory> out;
        Memory m;
        for (const auto& [g, at] : reviews) out.push_back(m = review(m, g, kT0 + at));
        return out;
    };
    const std::vector<Memory> a = run(), b = run();
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        INFO("review " << i + 1);
        CHECK(a[i].stability == b[i].stability);  // bit for bit: no fuzz, no hidden state
        CHECK(a[i].difficulty == b[i].difficulty);
        CHECK(a[i].phase == b[i].phase);
        CHECK(a[i].step == b[i].step);
        CHECK(a[i].due == b[i].due);
        CHECK(a[i].last_review == b[i].last_review);
        CHECK(a[i].reps == b[i].reps);
        CHECK(a[i].lapses == b[i].lapses);
    }
    CHECK(a.back().reps == 7);
    CHECK(a.back().lapses == 1);
}

TEST_CASE("fsrs: a review dated before the last one counts as the same day", "[fsrs]") {
    // A device whose clock runs behind must not break the schedule: no negative days.
    const Memory easy = review({}, Grade::Easy, kT0 + 3 * kHour);
    const Memory earlier = review(easy, Grade::Good, kT0 + kHour);
    const Memory same_time = review(easy, Grade::Good, kT0 + 3 * kHour);
    CHECK(earlier.stability == same_time.stability);
    CHECK(earlier.difficulty == same_time.difficulty);
    CHECK(earlier.due == same_time.due - 2 * kHour);
    CHECK(retrievability(easy, kT0) == 1.0);
}
