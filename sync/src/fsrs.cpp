// FSRS-6 from its published formulas. Where py-fsrs 6 and ts-fsrs 5 differ, this follows ts-fsrs 5
// with enable_fuzz: false and enable_short_term: true: elapsed days are UTC calendar days, the Hard
// step is rounded to a whole minute, and a review card's Hard < Good < Easy intervals are kept
// apart. tests/unit/test_fsrs.cpp pins the schedule to ts-fsrs 5.4.2's numbers.
#include "sync/fsrs.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace linli::fsrs {

const std::array<double, 21> Params::kDefaultWeights = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

namespace {

constexpr int64_t kDay = 86400;
constexpr double kMinStability = 0.001;
constexpr double kMaxStability = 36500.0;

double weight(const Params& p, int i) { return p.w[static_cast<size_t>(i)]; }
int number(Grade g) { return static_cast<int>(g); }

int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// Days between two reviews as ts-fsrs counts them: UTC dates, so 23:55 to 00:05 is one day.
int64_t elapsed_calendar_days(int64_t last_review, int64_t now) {
    return std::max<int64_t>(0, floor_div(now, kDay) - floor_div(last_review, kDay));
}

// A card has a memory once it was graded; a New card (or a damaged row) starts over.
bool has_memory(const Memory& m) { return m.phase != Phase::New && m.stability > 0; }

// --- the forgetting curve ---

// Chosen so that R(S, S) = 0.9 whatever the decay w20.
double curve_factor(const Params& p) { return std::pow(0.9, -1.0 / weight(p, 20)) - 1.0; }

// Stability times this is the interval at which R falls to the desired retention.
double interval_per_stability(const Params& p) {
    return (std::pow(p.desired_retention, -1.0 / weight(p, 20)) - 1.0) / curve_factor(p);
}

// --- difficulty ---

// D0(G) before clamping: mean reversion pulls towards D0(Easy), which lies below 1.
double raw_initial_difficulty(Grade g, const Params& p) {
    return weight(p, 4) - std::exp((number(g) - 1) * weight(p, 5)) + 1.0;
}

double initial_difficulty(Grade g, const Params& p) { return std::clamp(raw_initial_difficulty(g, p), 1.0, 10.0); }

double initial_stability(Grade g, const Params& p) { return std::max(weight(p, number(g) - 1), 0.1); }

// Linear damping: the closer D is to 10, the less a grade can still move it.
double next_difficulty(double d, Grade g, const Params& p) {
    const double delta = -weight(p, 6) * (number(g) - 3);
    const double damped = d + delta * (10.0 - d) / 9.0;
    const double reverted = weight(p, 7) * raw_initial_difficulty(Grade::Easy, p) + (1.0 - weight(p, 7)) * damped;
    return std::clamp(reverted, 1.0, 10.0);
}

// --- stability ---

double stability_after_recall(double d, double s, double r, Grade g, const Params& p) {
    const double hard_penalty = g == Grade::Hard ? weight(p, 15) : 1.0;
    const double easy_bonus = g == Grade::Easy ? weight(p, 16) : 1.0;
    const double growth = std::exp(weight(p, 8)) * (11.0 - d) * std::pow(s, -weight(p, 9)) *
                          (std::exp((1.0 - r) * weight(p, 10)) - 1.0) * hard_penalty * easy_bonus;
    return std::clamp(s * (1.0 + growth), kMinStability, kMaxStability);
}

double stability_after_forgetting(double d, double s, double r, const Params& p) {
    const double forgot = weight(p, 11) * std::pow(d, -weight(p, 12)) * (std::pow(s + 1.0, weight(p, 13)) - 1.0) *
                          std::exp((1.0 - r) * weight(p, 14));
    const double long_term = std::clamp(forgot, kMinStability, kMaxStability);
    // Capped so that one same-day Good in relearning (x e^(w17*w18)) cannot lift S above where it was.
    const double same_day_floor = std::max(s / std::exp(weight(p, 17) * weight(p, 18)), kMinStability);
    return std::min(same_day_floor, long_term);
}

// FSRS-6's same-day review: stable memories gain less (S^-w19); a pass never lowers stability.
double short_term_stability(double s, Grade g, const Params& p) {
    double gain = std::pow(s, -weight(p, 19)) * std::exp(weight(p, 17) * (number(g) - 3 + weight(p, 18)));
    if (g != Grade::Again) gain = std::max(gain, 1.0);
    return std::clamp(s * gain, kMinStability, kMaxStability);
}

struct Strength {
    double stability, difficulty;
};

Strength next_strength(const Memory& m, int64_t days, Grade g, double r, const Params& p) {
    if (!has_memory(m)) return {initial_stability(g, p), initial_difficulty(g, p)};
    const double d = m.difficulty, s = m.stability;
    double next_s;
    if (days == 0) next_s = short_term_stability(s, g, p);
    else if (g == Grade::Again) next_s = stability_after_forgetting(d, s, r, p);
    else next_s = stability_after_recall(d, s, r, g, p);
    return {next_s, next_difficulty(d, g, p)};
}

// --- (re)learning steps ---

struct StepPlan {
    int64_t seconds;
    int next_step;
};

// ts-fsrs counts steps in whole minutes and rounds the Hard step (half up) to one.
int64_t round_to_minute(double seconds) { return static_cast<int64_t>(std::floor(seconds / 60.0 + 0.5)) * 60; }

// Hard repeats the current step: halfway to the second step, or half again the only one.
int64_t hard_step_seconds(const std::vector<int64_t>& steps) {
    if (steps.size() == 1) return round_to_minute(static_cast<double>(steps[0]) * 1.5);
    return round_to_minute(static_cast<double>(steps[0] + steps[1]) / 2.0);
}

// Where the steps send grade g from `phase` at `step`; none: FSRS's own interval decides.
std::optional<StepPlan> step_plan(Phase phase, int step, Grade g, const Params& p) {
    const bool relearning = phase == Phase::Review || phase == Phase::Relearning;
    const std::vector<int64_t>& steps = relearning ? p.relearning_steps : p.learning_steps;
    const size_t at = static_cast<size_t>(step);
    if (at >= steps.size()) return std::nullopt;  // no steps, or past the last
    if (phase == Phase::Review) {
        if (g != Grade::Again) return std::nullopt;
        return StepPlan{steps[at], 0};
    }
    switch (g) {
    case Grade::Again: return StepPlan{steps[0], 0};
    case Grade::Hard: return StepPlan{hard_step_seconds(steps), step};
    case Grade::Good:
        if (at + 1 < steps.size() && steps[at + 1] > 0) return StepPlan{steps[at + 1], step + 1};
        return std::nullopt;
    case Grade::Easy: return std::nullopt;
    }
    return std::nullopt;
}

// A step under a day keeps the card in (re)learning; a longer one, or none, graduates it.
void place(Memory& next, std::optional<StepPlan> plan, Phase learning_phase, int64_t now, const Params& p) {
    const int64_t seconds = plan ? std::max<int64_t>(0, plan->seconds) : 0;
    if (seconds > 0 && seconds < kDay) {
        next.phase = learning_phase;
        next.step = plan->next_step;
        next.due = now + seconds;
        return;
    }
    next.phase = Phase::Review;
    if (seconds >= kDay) {
        next.step = plan->next_step;
        next.due = now + seconds;
    } else {
        next.step = 0;
        next.due = now + next_interval_days(next.stability, p) * kDay;
    }
}

// A passed review card: Hard, Good and Easy get intervals at least a day apart, in that order.
int64_t ordered_review_interval(const Memory& m, int64_t days, Grade g, double r, const Params& p) {
    auto alone = [&](Grade graded) { return next_interval_days(next_strength(m, days, graded, r, p).stability, p); };
    const int64_t hard = std::min(alone(Grade::Hard), alone(Grade::Good));
    const int64_t good = std::max(alone(Grade::Good), hard + 1);
    if (g == Grade::Hard) return hard;
    if (g == Grade::Good) return good;
    return std::max(alone(Grade::Easy), good + 1);
}

Memory review_of_review_card(const Memory& m, Grade g, int64_t now, int64_t days, const Params& p) {
    const double r = forgetting_curve(static_cast<double>(days), m.stability, p);
    Memory next = m;
    const Strength strength = next_strength(m, days, g, r, p);
    next.stability = strength.stability;
    next.difficulty = strength.difficulty;
    if (g == Grade::Again) {
        ++next.lapses;
        place(next, step_plan(Phase::Review, std::max(0, m.step), g, p), Phase::Relearning, now, p);
        return next;
    }
    next.phase = Phase::Review;
    next.step = 0;
    next.due = now + ordered_review_interval(m, days, g, r, p) * kDay;
    return next;
}

Memory review_while_learning(const Memory& m, Grade g, int64_t now, int64_t days, const Params& p) {
    const double r = has_memory(m) ? forgetting_curve(static_cast<double>(days), m.stability, p) : 1.0;
    Memory next = m;
    const Strength strength = next_strength(m, days, g, r, p);
    next.stability = strength.stability;
    next.difficulty = strength.difficulty;
    const Phase learning_phase = m.phase == Phase::New ? Phase::Learning : m.phase;
    place(next, step_plan(m.phase, std::max(0, m.step), g, p), learning_phase, now, p);
    return next;
}

}  // namespace

double forgetting_curve(double elapsed_days, double stability, const Params& p) {
    return std::pow(1.0 + curve_factor(p) * elapsed_days / stability, -weight(p, 20));
}

int64_t next_interval_days(double stability, const Params& p) {
    const double days = std::round(stability * interval_per_stability(p));
    // In doubles first: a huge or NaN stability must not overflow the integer.
    return static_cast<int64_t>(std::min(std::max(1.0, days), static_cast<double>(p.maximum_interval)));
}

Memory review(const Memory& m, Grade g, int64_t now, const Params& p) {
    const bool reviewed = m.phase != Phase::New && m.last_review != 0;
    const int64_t days = reviewed ? elapsed_calendar_days(m.last_review, now) : 0;
    Memory next = m.phase == Phase::Review ? review_of_review_card(m, g, now, days, p)
                                           : review_while_learning(m, g, now, days, p);
    next.last_review = now;
    ++next.reps;
    return next;
}

double retrievability(const Memory& m, int64_t now, const Params& p) {
    if (!has_memory(m) || m.last_review == 0) return 1.0;
    const int64_t whole_days = std::max<int64_t>(0, floor_div(now - m.last_review, kDay));
    return forgetting_curve(static_cast<double>(whole_days), m.stability, p);
}

}  // namespace linli::fsrs
