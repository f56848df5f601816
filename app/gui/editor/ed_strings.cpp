#include "ed_strings.h"

#include "gui/string_table.h"

namespace linli::gui {
namespace {

constexpr UiString kEntries[] = {
#define LINLI_ED_ENTRY(key, zh, en) {zh, en},
    LINLI_ED_STRINGS(LINLI_ED_ENTRY)
#undef LINLI_ED_ENTRY
};

}  // namespace

const char* eds(const App& app, E id) { return pick(app, kEntries[static_cast<size_t>(id)]); }

std::string ed_all_text() { return all_text(kEntries); }

}  // namespace linli::gui
