// Validation of a drill: every problem as file:line with what is wrong (docs/drill-format.md).
#pragma once
#include <vector>

#include "cases/drill.h"
#include "content/library.h"

namespace linli {

// The play checks explore every reachable state, up to max_states (then they are skipped, and
// only the structural checks speak). `audit`: also the grading audit (cases/drill_audit.h), which
// judges the content; without it, what is checked is whether the drill can be played at all.
void check_drill(const Drill& d, const Library& lib, std::vector<Diagnostic>& out, size_t max_states = 1000000,
                 bool audit = true);

}  // namespace linli
