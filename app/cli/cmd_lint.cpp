// `linli lint [PATH...]`: loads the library (plus PATHs) with its drills and prints every problem
// in PATHs, or in the whole library when no PATH is given.
#include <cstdio>

#include "cli.h"
#include "cases/catalog.h"
#include "content/paths.h"

namespace fs = std::filesystem;

namespace linli::cli {

static bool under(const fs::path& file, const fs::path& root) {
    std::error_code ec;
    fs::path f = fs::weakly_canonical(file, ec), r = fs::weakly_canonical(root, ec);
    auto [rit, fit] = std::mismatch(r.begin(), r.end(), f.begin(), f.end());
    return rit == r.end();
}

int cmd_lint(const Options& opts) {
    std::vector<fs::path> targets(opts.args.begin() + 1, opts.args.end());
    for (const auto& t : targets) {
        if (!fs::exists(t)) {
            std::fprintf(stderr, "%s:1:1: error: no such file or folder\n", t.string().c_str());
            return kProblems;
        }
    }
    // Links resolve against the whole library, so load it with the targets.
    std::vector<fs::path> roots = library_roots(AppPaths::resolve(opts.data_dir), opts.libraries);
    roots.insert(roots.end(), targets.begin(), targets.end());
    Catalog cat = Catalog::load(roots);

    int errors = 0, warnings = 0;
    for (const Diagnostic& d : cat.problems) {
        bool selected = targets.empty();
        for (const auto& t : targets) selected = selected || under(d.path, t);
        if (!selected) continue;
        std::printf("%s\n", d.format().c_str());
        (d.severity == Severity::Error ? errors : warnings)++;
    }
    std::fprintf(stderr, "%zu documents checked: %d errors, %d warnings\n", cat.library.documents().size(), errors, warnings);
    return errors ? kProblems : kOk;
}

}  // namespace linli::cli
