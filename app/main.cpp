// `linli`: with a subcommand it is the command-line tool; without one it opens the window.
#include <fmt/format.h>
#include <stdexcept>

#include "cli/cli.h"
#if LINLI_HAVE_GUI
#include "gui/run_app.h"
#endif

namespace {

int open_window([[maybe_unused]] const linli::cli::Options& opts) {
#if LINLI_HAVE_GUI
    return linli::gui::run_app(opts);
#else
    fmt::print(stderr, "linli: this build has no window (built with LINLI_BUILD_GUI=OFF)\n");
    return linli::cli::kUsage;
#endif
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return linli::cli::run(argc, argv, open_window);
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli: {}\n", e.what());
        return 3;  // cannot read or write (README)
    }
}
