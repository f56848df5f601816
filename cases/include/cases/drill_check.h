// Validation of a drill: every problem as file:line with what is wrong (docs/drill-format.md).
#pragma once
#include <vector>

#include "cases/drill.h"
#include "cases/drill_paths.h"
#include "content/library.h"

namespace linli {

// The play checks explore every reachable state, up to max_states (then they are skipped, and
// only the structural checks speak). `audit`: also the grading audit (cases/drill_audit.h), which
// judges the content; without it, what is checked is whether the drill can be played at all.
// `reach`: explore_states(d, max_states) as the caller has it already (the editor keeps it while
// the drill's structure is unchanged); none: explored here.
void check_drill(const Drill& d, const Library& lib, std::vector<Diagnostic>& out, size_t max_states = 1000000,
                 bool audit = true, const Reachability* reach = nullptr);

}  // namespace linli
