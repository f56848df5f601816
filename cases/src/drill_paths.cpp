#include "cases/drill_paths.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace linli {
namespace {

uint64_t sat_add(uint64_t a, uint64_t b) {
    return a > std::numeric_limits<uint64_t>::max() - b ? std::numeric_limits<uint64_t>::max() : a + b;
}

}  // namespace

std::vector<int> relevant_vars(const Drill& d) {
    std::vector<bool> used(d.vars.size(), false);
    auto note = [&](const std::vector<Condition>& all) {
        for (const Condition& k : all)
            if (k.kind == Condition::Compare)
                if (int v = d.var_index(k.name); v >= 0) used[v] = true;
    };
    for (const DrillNode& n : d.nodes) {
        for (const Choice& c : n.choices) note(c.conditions);
        for (const RatingRule& r : n.rating_rules) note(r.when);
    }
    std::vector<int> out;
    for (size_t i = 0; i < used.size(); ++i)
        if (used[i]) out.push_back(static_cast<int>(i));
    return out;
}

namespace {

std::string state_key(const DrillState& s, int steps_left, const std::vector<int>& vars) {
    std::string k(sizeof(int) * (2 + vars.size()) + sizeof(uint64_t), '\0');
    char* p = k.data();
    std::memcpy(p, &s.node, sizeof(int)); p += sizeof(int);
    std::memcpy(p, &steps_left, sizeof(int)); p += sizeof(int);
    std::memcpy(p, &s.flags, sizeof(uint64_t)); p += sizeof(uint64_t);
    for (int v : vars) {
        std::memcpy(p, &s.values[v], sizeof(int));
        p += sizeof(int);
    }
    return k;
}

constexpr size_t kRatings = 3;
size_t rating_slot(Rating r) { return r == Rating::Good ? 0 : r == Rating::Fair ? 1 : 2; }
constexpr Rating kSlotRating[kRatings] = {Rating::Good, Rating::Fair, Rating::Bad};

struct Counts {
    std::vector<uint64_t> per_ending;
    uint64_t cut = 0, stuck = 0;
};

// Longest number of steps from each node to the end of any path; -1 where a cycle is reachable
// (then the remaining steps matter). Where it is known, a bound at least that long gives the same
// counts, so the memo need not tell those bounds apart.
std::vector<int> longest_remaining(const Drill& d) {
    const int n = static_cast<int>(d.nodes.size());
    std::vector<int> depth(n, -2);  // -2 unvisited, -3 on the stack, -1 cyclic, >= 0 known
    std::vector<std::pair<int, size_t>> stack;
    for (int root = 0; root < n; ++root) {
        if (depth[root] != -2) continue;
        stack.push_back({root, 0});
        depth[root] = -3;
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            const auto& choices = d.nodes[v].choices;
            if (next < choices.size()) {
                int t = choices[next++].target_index;
                if (t < 0) continue;
                if (depth[t] == -2) {
                    depth[t] = -3;
                    stack.push_back({t, 0});
                }
                continue;
            }
            int best = 0;
            bool cyclic = false;
            for (const Choice& c : choices) {
                if (c.target_index < 0) continue;
                int dt = depth[c.target_index];
                if (dt < 0) cyclic = true;  // on the stack (a cycle) or reaching one
                else best = std::max(best, dt + 1);
            }
            depth[v] = cyclic ? -1 : best;
            stack.pop_back();
        }
    }
    return depth;
}

class Enumerator {
public:
    explicit Enumerator(const Drill& d) : d_(d), longest_(longest_remaining(d)), vars_(relevant_vars(d)) {
        // One slot per ending and rating it can give (a rating rule may change it by the play).
        for (size_t i = 0; i < d.nodes.size(); ++i)
            if (d.nodes[i].is_ending()) {
                ending_slot_[static_cast<int>(i)] = static_cast<int>(endings_.size());
                endings_.push_back(static_cast<int>(i));
            }
    }

    const Counts& count(const DrillState& s, int steps_left) {
        int longest = longest_[s.node];
        std::string key = state_key(s, longest >= 0 && steps_left >= longest ? -1 : steps_left, vars_);
        if (auto it = memo_.find(key); it != memo_.end()) return it->second;
        Counts c;
        c.per_ending.assign(endings_.size() * kRatings, 0);
        if (d_.nodes[s.node].is_ending()) {
            c.per_ending[ending_slot_[s.node] * kRatings + rating_slot(ending_rating(d_, d_.nodes[s.node], s))] = 1;
        } else if (steps_left == 0) {
            c.cut = 1;
        } else {
            auto avail = available_choices(d_, s);
            if (avail.empty()) c.stuck = 1;
            for (int choice : avail) {
                const Counts& sub = count(apply_choice(d_, s, choice), steps_left - 1);
                for (size_t e = 0; e < c.per_ending.size(); ++e) c.per_ending[e] = sat_add(c.per_ending[e], sub.per_ending[e]);
                c.cut = sat_add(c.cut, sub.cut);
                c.stuck = sat_add(c.stuck, sub.stuck);
            }
        }
        return memo_.emplace(std::move(key), std::move(c)).first->second;
    }

    const std::vector<int>& endings() const { return endings_; }
    size_t states() const { return memo_.size(); }

private:
    const Drill& d_;
    std::vector<int> longest_;
    std::vector<int> vars_;
    std::vector<int> endings_;
    std::unordered_map<int, int> ending_slot_;
    std::unordered_map<std::string, Counts> memo_;
};

}  // namespace

int default_step_bound(const Drill& d) { return std::clamp(static_cast<int>(d.nodes.size()), 10, 4000); }

PathStats enumerate_paths(const Drill& d, int max_steps) {
    PathStats out;
    out.max_steps = max_steps;
    if (d.nodes.empty()) return out;
    Enumerator e(d);
    Counts c = e.count(initial_state(d), max_steps);
    for (size_t i = 0; i < e.endings().size(); ++i)
        for (size_t r = 0; r < kRatings; ++r) {
            uint64_t n = c.per_ending[i * kRatings + r];
            // An ending's own rating is always listed; the ones its rules give, when a play earns them.
            if (n == 0 && kSlotRating[r] != d.nodes[e.endings()[i]].rating) continue;
            out.endings.push_back({d.nodes[e.endings()[i]].id, kSlotRating[r], n});
            out.total = sat_add(out.total, n);
        }
    out.cut = c.cut;
    out.stuck = c.stuck;
    out.states = e.states();
    return out;
}

// A 64-bit digest of the parts of a state that matter (see relevant_vars); at the few hundred
// thousand states a drill can have, a collision is vanishingly unlikely (about n²/2^65).
uint64_t state_digest(const DrillState& s, const std::vector<int>& vars) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](uint64_t v) {
        h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
        h *= 1099511628211ull;
    };
    mix(static_cast<uint64_t>(s.node));
    mix(s.flags);
    for (int v : vars) mix(static_cast<uint64_t>(static_cast<uint32_t>(s.values[v])));
    return h;
}

Reachability explore_states(const Drill& d, size_t max_states) {
    Reachability r;
    r.node_reached.assign(d.nodes.size(), false);
    if (d.nodes.empty()) return r;
    const std::vector<int> vars = relevant_vars(d);
    std::unordered_set<uint64_t> seen;
    std::vector<DrillState> frontier{initial_state(d)}, next_frontier;
    seen.insert(state_digest(frontier[0], vars));
    std::vector<bool> stuck(d.nodes.size(), false);
    // Breadth first, one level at a time, so memory holds the seen set and two levels only.
    while (!frontier.empty() && r.complete) {
        next_frontier.clear();
        for (const DrillState& s : frontier) {
            r.node_reached[s.node] = true;
            if (d.nodes[s.node].is_ending()) continue;
            auto avail = available_choices(d, s);
            if (avail.empty()) stuck[s.node] = true;
            for (int choice : avail) {
                DrillState next = apply_choice(d, s, choice);
                if (seen.size() >= max_states) { r.complete = false; break; }
                if (seen.insert(state_digest(next, vars)).second) next_frontier.push_back(std::move(next));
            }
        }
        std::swap(frontier, next_frontier);
    }
    for (size_t i = 0; i < stuck.size(); ++i)
        if (stuck[i]) r.stuck_nodes.push_back(static_cast<int>(i));
    return r;
}

std::vector<std::pair<int, int>> good_after_violation_play(const Drill& d, int ending, size_t max_states) {
    if (d.nodes.empty() || ending < 0 || size_t(ending) >= d.nodes.size()) return {};
    const std::vector<int> vars = relevant_vars(d);
    struct Visit {
        DrillState state;
        bool violated = false;
        int parent = -1, choice = -1;  // how the play came here
    };
    std::vector<Visit> visits{{initial_state(d), false, -1, -1}};
    std::unordered_set<uint64_t> seen{state_digest(visits[0].state, vars)};
    // Breadth first: the shortest such play, which is the easiest to follow on the graph.
    for (size_t at = 0; at < visits.size(); ++at) {
        const DrillNode& node = d.nodes[size_t(visits[at].state.node)];
        if (node.is_ending()) {
            if (visits[at].state.node != ending || !visits[at].violated || ending_rating(d, node, visits[at].state) != Rating::Good) continue;
            std::vector<std::pair<int, int>> play;
            for (size_t v = at; visits[v].parent >= 0; v = size_t(visits[v].parent))
                play.emplace_back(visits[size_t(visits[v].parent)].state.node, visits[v].choice);
            std::reverse(play.begin(), play.end());
            return play;
        }
        for (int choice : available_choices(d, visits[at].state)) {
            Visit next{apply_choice(d, visits[at].state, choice), visits[at].violated || !node.choices[size_t(choice)].violates.empty(), int(at), choice};
            // The same state with and without a 违背 behind it are different plays here.
            if (seen.size() >= max_states) return {};
            if (seen.insert(state_digest(next.state, vars) ^ (next.violated ? 0x9e3779b97f4a7c15ull : 0)).second) visits.push_back(std::move(next));
        }
    }
    return {};
}

}  // namespace linli
