// FSRS-6, the spaced-repetition scheduler of open-spaced-repetition (py-fsrs 6 / ts-fsrs 5),
// implemented from its published formulas: a card's memory (stability, difficulty) after each
// grade, and the next due time. No fuzz: the same reviews always give the same schedule, which is
// what lets two devices that reviewed offline agree after a sync.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace linli::fsrs {

enum class Grade { Again = 1, Hard = 2, Good = 3, Easy = 4 };  // 重来 / 困难 / 良好 / 简单
enum class Phase { New, Learning, Review, Relearning };

struct Params {
    // FSRS-6's 21 default weights, as the reference implementations ship them.
    static const std::array<double, 21> kDefaultWeights;
    std::array<double, 21> w = kDefaultWeights;
    double desired_retention = 0.9;
    std::vector<int64_t> learning_steps = {60, 600};  // seconds: 1 min, 10 min
    std::vector<int64_t> relearning_steps = {600};    // seconds: 10 min
    int64_t maximum_interval = 36500;                 // days
};

// One card's memory as its reviews left it. Times are unix seconds.
struct Memory {
    Phase phase = Phase::New;
    int step = 0;  // index into the (re)learning steps while learning (kept by a step of a day or more)
    double stability = 0, difficulty = 0;
    int64_t due = 0;          // 0 for a new card: due when first shown
    int64_t last_review = 0;  // 0: never reviewed
    int reps = 0, lapses = 0;
};

// The memory after grading `m` at `now` (unix seconds), as ts-fsrs 5 with fuzz off and short-term on
// schedules it. Days elapsed are counted in UTC dates (23:55 to 00:05 is a day); a review on the same
// UTC date uses FSRS-6's short-term formula, and so does a `now` before m.last_review (a clock behind).
// A review card's Hard < Good < Easy intervals are kept a day apart, which (as in ts-fsrs) may put
// Good or Easy a day or two past maximum_interval.
Memory review(const Memory& m, Grade g, int64_t now, const Params& p = {});
// The probability of recall at `now`, after the whole 24-hour days since m.last_review (as ts-fsrs's
// get_retrievability counts them); 1 for a card never reviewed.
double retrievability(const Memory& m, int64_t now, const Params& p = {});
// The interval in days FSRS gives a stability at the desired retention (1..maximum_interval).
int64_t next_interval_days(double stability, const Params& p = {});
// FSRS-6's forgetting curve: R = (1 + factor * t / S)^-w20, with factor such that R(S, S) = 0.9.
double forgetting_curve(double elapsed_days, double stability, const Params& p = {});

}  // namespace linli::fsrs
