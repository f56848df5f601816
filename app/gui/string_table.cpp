#include "string_table.h"

#include "app.h"

namespace linli::gui {

const char* pick(const App& app, const UiString& s) { return app.strings.language() == Lang::En ? s.en : s.zh; }

std::string all_text(std::span<const UiString> list) {
    std::string s;
    for (const UiString& e : list) (s += e.zh) += e.en;
    return s;
}

}  // namespace linli::gui
