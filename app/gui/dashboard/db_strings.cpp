#include "db_strings.h"

#include "gui/app.h"

namespace linli::gui {
namespace {

struct Entry {
    const char* zh;
    const char* en;
};

constexpr Entry kEntries[] = {
#define LINLI_DB_ENTRY(key, zh, en) {zh, en},
    LINLI_DB_STRINGS(LINLI_DB_ENTRY)
#undef LINLI_DB_ENTRY
};

}  // namespace

const char* dbs(const App& app, D id) {
    const Entry& e = kEntries[static_cast<size_t>(id)];
    return app.strings.language() == Lang::En ? e.en : e.zh;
}

std::string db_all_text() {
    std::string s;
    for (const Entry& e : kEntries) (s += e.zh) += e.en;
    return s;
}

}  // namespace linli::gui
