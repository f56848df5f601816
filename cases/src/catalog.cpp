#include "cases/catalog.h"

#include "cases/drill_check.h"

namespace linli {

Catalog Catalog::load(const std::vector<std::filesystem::path>& roots, bool check) {
    Catalog c;
    c.library = Library::load(roots);
    c.problems = c.library.problems();
    for (const Document& d : c.library.documents())
        if (d.meta.kind == DocKind::Drill) c.drills.push_back(parse_drill(d, c.problems));
    if (check) {
        auto more = c.check_drills();
        c.problems.insert(c.problems.end(), more.begin(), more.end());
    }
    return c;
}

std::vector<Diagnostic> Catalog::check_drills(size_t max_states) const {
    std::vector<Diagnostic> out;
    for (const Drill& d : drills) check_drill(d, library, out, max_states);
    return out;
}

const Drill* Catalog::drill(std::string_view id) const {
    for (const Drill& d : drills)
        if (d.doc->meta.id == id) return &d;
    return nullptr;
}

}  // namespace linli
