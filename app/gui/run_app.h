// The window's entry point; the only GUI header the executable's main() sees.
#pragma once
#include "cli/options.h"

namespace linli::gui {

// Opens the window and runs until it closes; returns the process exit code.
int run_app(const cli::Options& opts);

}  // namespace linli::gui
