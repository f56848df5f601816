#include "ws_strings.h"

#include "gui/app.h"

namespace linli::gui {
namespace {

struct Entry {
    const char* zh;
    const char* en;
};

constexpr Entry kEntries[] = {
#define LINLI_WS_ENTRY(key, zh, en) {zh, en},
    LINLI_WS_STRINGS(LINLI_WS_ENTRY)
#undef LINLI_WS_ENTRY
};

}  // namespace

const char* ws(const App& app, W id) {
    const Entry& e = kEntries[static_cast<size_t>(id)];
    return app.strings.language() == Lang::En ? e.en : e.zh;
}

std::string ws_all_text() {
    std::string s;
    for (const Entry& e : kEntries) (s += e.zh) += e.en;
    return s;
}

}  // namespace linli::gui
