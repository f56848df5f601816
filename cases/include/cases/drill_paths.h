// Exploring every play of a drill: how often each ending is reached over all paths up to a bound
// (memoised on node, state and steps left, so shared sub-paths are counted once), and which
// states are reachable at all.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "cases/drill_engine.h"

namespace linli {

struct EndingPaths {
    std::string id;  // the ending node
    Rating rating = Rating::None;  // the rating those plays earned there
    uint64_t paths = 0;
};

struct PathStats {
    std::vector<EndingPaths> endings;  // per ending and rating earned
    uint64_t total = 0;     // paths that reach an ending
    uint64_t cut = 0;       // paths stopped by the bound
    uint64_t stuck = 0;     // paths that reach a node with no available choice
    size_t states = 0;      // distinct (node, state, steps left) explored
    int max_steps = 0;
};

// The variables some choice condition or rating rule reads. The others never change which choices
// are shown or what an ending gives, so states that differ only in them have the same future.
std::vector<int> relevant_vars(const Drill& d);

// Saturates at UINT64_MAX rather than overflowing.
PathStats enumerate_paths(const Drill& d, int max_steps);
int default_step_bound(const Drill& d);

struct Reachability {
    std::vector<bool> node_reached;  // per node, in some play (conditions respected)
    std::vector<int> stuck_nodes;    // non-endings where some play finds no available choice
    bool complete = true;            // false when the state space was larger than the cap
};
Reachability explore_states(const Drill& d, size_t max_states = 1000000);

// The shortest play that reaches `ending` (a node index) rated 好 after some 违背 choice — what the
// grading audit reports (DrillAudit::good_after_violation), as the graph highlights it: its
// (node, choice) steps; empty when there is none within max_states.
std::vector<std::pair<int, int>> good_after_violation_play(const Drill& d, int ending, size_t max_states = 200000);

}  // namespace linli
