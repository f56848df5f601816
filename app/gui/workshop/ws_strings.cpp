#include "ws_strings.h"

#include "gui/string_table.h"

namespace linli::gui {
namespace {

constexpr UiString kEntries[] = {
#define LINLI_WS_ENTRY(key, zh, en) {zh, en},
    LINLI_WS_STRINGS(LINLI_WS_ENTRY)
#undef LINLI_WS_ENTRY
};

}  // namespace

const char* ws(const App& app, W id) { return pick(app, kEntries[static_cast<size_t>(id)]); }

std::string ws_all_text() { return all_text(kEntries); }

}  // namespace linli::gui
