#include "cases/catalog.h"

#include "cases/drill_check.h"

namespace linli {

Catalog Catalog::load(const std::vector<std::filesystem::path>& roots) {
    Catalog c;
    c.library = Library::load(roots);
    c.problems = c.library.problems();
    for (const Document& d : c.library.documents()) {
        if (d.meta.kind != DocKind::Drill) continue;
        c.drills.push_back(parse_drill(d, c.problems));
        check_drill(c.drills.back(), c.library, c.problems);
    }
    return c;
}

const Drill* Catalog::drill(std::string_view id) const {
    for (const Drill& d : drills)
        if (d.doc->meta.id == id) return &d;
    return nullptr;
}

}  // namespace linli
