// Validation of a drill: every problem as file:line with what is wrong (docs/drill-format.md).
#pragma once
#include <vector>

#include "cases/drill.h"
#include "content/library.h"

namespace linli {

void check_drill(const Drill& d, const Library& lib, std::vector<Diagnostic>& out);

}  // namespace linli
