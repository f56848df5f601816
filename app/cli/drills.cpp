#include "drills.h"

#include <fmt/format.h>

#include "cases/drill_check.h"
#include "content/paths.h"

namespace linli::cli {

Catalog load_catalog(const Options& opts) {
    AppPaths paths = AppPaths::resolve(opts.data_dir);
    return Catalog::load(library_roots(paths, opts.libraries), false, paths.cache_dir);
}

const Drill* find_drill(const Catalog& cat, const std::string& id) {
    const Drill* d = cat.drill(id);
    if (!d) fmt::print(stderr, "linli: 没有 id 为「{}」的演练（见 linli drill list） · no drill with id '{}' (see linli drill list)\n", id, id);
    return d;
}

bool has_errors_in(const Catalog& cat, const Drill& d) {
    std::vector<Diagnostic> problems = cat.problems;
    check_drill(d, cat.library, problems, 1000000, false);
    for (const Diagnostic& p : problems)
        if (p.severity == Severity::Error && p.path == d.doc->path.string()) {
            fmt::print(stderr, "{}\n", p.format());
            return true;
        }
    return false;
}

}  // namespace linli::cli
