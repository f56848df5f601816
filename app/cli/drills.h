// What the drill commands share: the catalog as they load it, and finding a playable drill.
#pragma once
#include <string>

#include "cases/catalog.h"
#include "options.h"

namespace linli::cli {

// The library with its drills parsed; each command validates only the drill it plays.
Catalog load_catalog(const Options& opts);
// The drill with that id, or null after saying so on stderr.
const Drill* find_drill(const Catalog& cat, const std::string& id);
// Whether the drill cannot be played (its errors printed): the grading audit's findings are lint's.
bool has_errors_in(const Catalog& cat, const Drill& d);

}  // namespace linli::cli
