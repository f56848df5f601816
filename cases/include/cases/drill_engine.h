// Playing a drill: a deterministic state machine. start -> choose -> new state, feedback, next
// node -> ... -> ending. Pure functions on DrillState, and a session that records the steps.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "cases/drill.h"

namespace linli {

struct DrillState {
    int node = 0;
    std::vector<int> values;  // per Drill::vars
    uint64_t flags = 0;       // bit i: Drill::flags[i] is set
    bool operator==(const DrillState&) const = default;
};

DrillState initial_state(const Drill& d);
bool condition_holds(const Drill& d, const Condition& c, const DrillState& s);
bool conditions_hold(const Drill& d, const std::vector<Condition>& all, const DrillState& s);
bool choice_available(const Drill& d, const Choice& c, const DrillState& s);
// The blocks of `text` (a node's body or 更好的做法) shown in state s.
std::vector<const Block*> visible_blocks(const Drill& d, const std::vector<Piece>& text, const DrillState& s);
// An ending's rating in state s: the first rating rule that holds, else its 评级.
Rating ending_rating(const Drill& d, const DrillNode& ending, const DrillState& s);
// Indexes into the current node's choices that are shown in this state.
std::vector<int> available_choices(const Drill& d, const DrillState& s);
// Applies the choice (by index into the current node's choices): effects clamped to each range.
DrillState apply_choice(const Drill& d, const DrillState& s, int choice_index);
// The same on `s` itself (no allocation), for exploring many states.
void apply_choice_in_place(const Drill& d, DrillState& s, int choice_index);

struct DrillStep {
    int node = 0;    // where the choice was made
    int choice = 0;  // index into that node's choices
    DrillState after;
    int64_t at = 0;  // unix seconds
};

class DrillSession {
public:
    explicit DrillSession(const Drill& d) : drill_(&d), state_(initial_state(d)) {}

    const Drill& drill() const { return *drill_; }
    const DrillState& state() const { return state_; }
    const DrillNode& node() const { return drill_->nodes[state_.node]; }
    bool finished() const { return node().is_ending(); }
    Rating rating() const { return finished() ? ending_rating(*drill_, node(), state_) : Rating::None; }
    std::vector<int> available() const { return available_choices(*drill_, state_); }
    const std::vector<DrillStep>& steps() const { return steps_; }

    // Takes choice `index` (into node().choices); throws std::invalid_argument if it is not available.
    const Choice& choose(int index, int64_t now = 0);
    // Takes the n-th shown choice, 1-based, as a player numbers them.
    const Choice& choose_shown(int n, int64_t now = 0);

    std::vector<DrillState> trajectory() const;           // the start state, then one per step
    std::vector<std::string> guidelines_violated() const;  // unique, in the order hit
    std::vector<std::string> path() const;                 // node ids visited

private:
    const Drill* drill_;
    DrillState state_;
    std::vector<DrillStep> steps_;
};

}  // namespace linli
