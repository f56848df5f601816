#include "db_strings.h"

#include "gui/string_table.h"

namespace linli::gui {
namespace {

constexpr UiString kEntries[] = {
#define LINLI_DB_ENTRY(key, zh, en) {zh, en},
    LINLI_DB_STRINGS(LINLI_DB_ENTRY)
#undef LINLI_DB_ENTRY
};

}  // namespace

const char* dbs(const App& app, D id) { return pick(app, kEntries[static_cast<size_t>(id)]); }

std::string db_all_text() { return all_text(kEntries); }

}  // namespace linli::gui
