// The grading audit of a drill (docs/drill-format.md, "Grading"): explores every reachable state
// of the play and checks that the grades tell the truth — no 好 after a 违背 choice, no ending text
// about a node the play skipped, no state that changes nothing, no farming loop, no answer given
// away by its length, no mention of the internal fact sheet.
#pragma once
#include <string>
#include <vector>

#include "cases/drill.h"
#include "content/diagnostic.h"

namespace linli {

struct DrillAudit {
    bool complete = true;  // false: more states than the cap, and the play checks were skipped
    size_t states = 0;     // states explored, merged where they cannot differ (drill_audit.cpp)
    struct Decision {
        int node = 0;
        int sound = -1;        // index of the choice with the unique best reachable rating, or -1
        int position = 0;      // its number among the node's choices, from 1 (0: no unique best)
        bool longest = false;  // and it is the longest text
    };
    std::vector<Decision> decisions;  // one per node with two or more choices
    // Per state variable and flag: what reads it ("条件 node.2", "文本 ending-good", "评级 ending-good").
    std::vector<std::pair<std::string, std::vector<std::string>>> reads;
    std::vector<std::string> good_after_violation;  // endings a play with a 违背 choice reaches as 好
};

// Appends the audit's errors and warnings (Chinese, with English) to `out`.
DrillAudit audit_drill(const Drill& d, std::vector<Diagnostic>& out, size_t max_states = 1000000);

}  // namespace linli
