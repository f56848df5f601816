#include "options.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace linli::cli {

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        if (a == "--data-dir") o.data_dir = value();
        else if (a == "--library") o.libraries.emplace_back(value());
        else if (a == "--screenshot") o.screenshot = value();
        else if (a == "--exit-after-first-frame") o.exit_after_first_frame = true;
        else if (a == "--open") o.open_id = value();
        else if (a == "--frame-stats") o.frame_stats = std::max(1, std::atoi(value().c_str()));
        else if (a == "--version") o.version = true;
        else if ((a == "--help" || a == "-h") && o.args.empty()) o.help = true;
        else o.args.push_back(a);
    }
    return o;
}

}  // namespace linli::cli
