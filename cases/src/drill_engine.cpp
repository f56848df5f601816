#include "cases/drill_engine.h"

#include <algorithm>
#include <stdexcept>

namespace linli {

DrillState initial_state(const Drill& d) {
    DrillState s;
    for (const StateVar& v : d.vars) s.values.push_back(v.start);
    return s;
}

bool condition_holds(const Drill& d, const Condition& c, const DrillState& s) {
    if (c.kind != Condition::Compare) {
        int f = c.index >= 0 ? c.index : d.flag_index(c.name);
        bool set = f >= 0 && f < 64 && (s.flags >> f & 1);
        return c.kind == Condition::FlagSet ? set : !set;
    }
    int v = c.index >= 0 ? c.index : d.var_index(c.name);
    if (v < 0) return false;
    int x = s.values[v];
    switch (c.op) {
        case CmpOp::Ge: return x >= c.value;
        case CmpOp::Le: return x <= c.value;
        case CmpOp::Gt: return x > c.value;
        case CmpOp::Lt: return x < c.value;
        case CmpOp::Eq: return x == c.value;
        case CmpOp::Ne: return x != c.value;
    }
    return false;
}

bool conditions_hold(const Drill& d, const std::vector<Condition>& all, const DrillState& s) {
    return std::all_of(all.begin(), all.end(), [&](const Condition& k) { return condition_holds(d, k, s); });
}

bool choice_available(const Drill& d, const Choice& c, const DrillState& s) {
    return c.target_index >= 0 && conditions_hold(d, c.conditions, s);
}

std::vector<const Block*> visible_blocks(const Drill& d, const std::vector<Piece>& text, const DrillState& s) {
    std::vector<const Block*> out;
    for (const Piece& p : text)
        if (conditions_hold(d, p.when, s)) out.push_back(p.block);
    return out;
}

Rating ending_rating(const Drill& d, const DrillNode& ending, const DrillState& s) {
    for (const RatingRule& r : ending.rating_rules)
        if (conditions_hold(d, r.when, s)) return r.rating;
    return ending.rating;
}

std::vector<int> available_choices(const Drill& d, const DrillState& s) {
    std::vector<int> out;
    const auto& choices = d.nodes[s.node].choices;
    for (size_t i = 0; i < choices.size(); ++i)
        if (choice_available(d, choices[i], s)) out.push_back(static_cast<int>(i));
    return out;
}

DrillState apply_choice(const Drill& d, const DrillState& s, int choice_index) {
    DrillState next = s;
    apply_choice_in_place(d, next, choice_index);
    return next;
}

void apply_choice_in_place(const Drill& d, DrillState& s, int choice_index) {
    const Choice& c = d.nodes[s.node].choices.at(choice_index);
    for (const Effect& e : c.effects) {
        int v = e.index >= 0 ? e.index : d.var_index(e.var);
        if (v < 0) continue;  // validation reports undeclared variables
        s.values[v] = std::clamp(s.values[v] + e.delta, d.vars[v].min, d.vars[v].max);
    }
    s.flags = (s.flags | c.set_mask) & ~c.clear_mask;
    s.node = c.target_index;
}

const Choice& DrillSession::choose(int index, int64_t now) {
    const auto& choices = node().choices;
    if (finished() || index < 0 || index >= static_cast<int>(choices.size()) ||
        !choice_available(*drill_, choices[index], state_))
        throw std::invalid_argument("that choice is not available here");
    int at_node = state_.node;
    state_ = apply_choice(*drill_, state_, index);
    steps_.push_back({at_node, index, state_, now});
    return drill_->nodes[at_node].choices[index];
}

const Choice& DrillSession::choose_shown(int n, int64_t now) {
    auto shown = available();
    if (n < 1 || n > static_cast<int>(shown.size()))
        throw std::invalid_argument("choose a number from 1 to " + std::to_string(shown.size()));
    return choose(shown[n - 1], now);
}

std::vector<DrillState> DrillSession::trajectory() const {
    std::vector<DrillState> out{initial_state(*drill_)};
    for (const DrillStep& s : steps_) out.push_back(s.after);
    return out;
}

std::vector<std::string> DrillSession::guidelines_violated() const {
    std::vector<std::string> out;
    for (const DrillStep& s : steps_)
        for (const auto& id : drill_->nodes[s.node].choices[s.choice].violates)
            if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    return out;
}

std::vector<std::string> DrillSession::path() const {
    std::vector<std::string> out{drill_->nodes.empty() ? "" : drill_->nodes[0].id};
    for (const DrillStep& s : steps_) out.push_back(drill_->nodes[s.after.node].id);
    return out;
}

}  // namespace linli
