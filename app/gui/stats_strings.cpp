#include "stats_strings.h"

#include "string_table.h"

namespace linli::gui {
namespace {

constexpr UiString kEntries[] = {
#define LINLI_STATS_ENTRY(key, zh, en) {zh, en},
    LINLI_STATS_STRINGS(LINLI_STATS_ENTRY)
#undef LINLI_STATS_ENTRY
};

}  // namespace

const char* sts(const App& app, St id) { return pick(app, kEntries[static_cast<size_t>(id)]); }

std::string stats_all_text() { return all_text(kEntries); }

}  // namespace linli::gui
