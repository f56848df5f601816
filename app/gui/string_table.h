// The UI string lists of the views that keep their own (the workshop's, the dashboard's, the
// editor's): an X-macro list of (key, Chinese, English) becomes an array of these, looked up by
// its enum in the current language.
#pragma once
#include <span>
#include <string>

namespace linli::gui {

struct App;

struct UiString {
    const char* zh;
    const char* en;
};

// The string in the window's language.
const char* pick(const App& app, const UiString& s);
// Every string of a list in both languages, for the font atlas.
std::string all_text(std::span<const UiString> list);

}  // namespace linli::gui
