// `linli`: with a subcommand it is the command-line tool; without one it opens the window.
#include <cstdio>
#include <stdexcept>

#include "cli/cli.h"
#include "cli/options.h"
#if LINLI_HAVE_GUI
#include "gui/run_app.h"
#endif

int main(int argc, char** argv) {
    linli::cli::Options opts;
    try {
        opts = linli::cli::parse_options(argc, argv);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "linli: %s\n", e.what());
        return linli::cli::kUsage;
    }
    try {
        if (!opts.args.empty() || opts.help || opts.version) return linli::cli::run(opts);
#if LINLI_HAVE_GUI
        return linli::gui::run_app(opts);
#else
        std::fprintf(stderr, "linli: this build has no window (built with LINLI_BUILD_GUI=OFF)\n");
        return linli::cli::kUsage;
#endif
    } catch (const std::exception& e) {
        std::fprintf(stderr, "linli: %s\n", e.what());
        return 3;
    }
}
