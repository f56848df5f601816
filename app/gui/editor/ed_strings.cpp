#include "ed_strings.h"

#include "gui/app.h"

namespace linli::gui {
namespace {

struct Entry {
    const char* zh;
    const char* en;
};

constexpr Entry kEntries[] = {
#define LINLI_ED_ENTRY(key, zh, en) {zh, en},
    LINLI_ED_STRINGS(LINLI_ED_ENTRY)
#undef LINLI_ED_ENTRY
};

}  // namespace

const char* eds(const App& app, E id) {
    const Entry& e = kEntries[static_cast<size_t>(id)];
    return app.strings.language() == Lang::En ? e.en : e.zh;
}

std::string ed_all_text() {
    std::string s;
    for (const Entry& e : kEntries) (s += e.zh) += e.en;
    return s;
}

}  // namespace linli::gui
