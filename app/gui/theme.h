// Light and dark themes: ImGui's style plus the colours the views draw with. The app owns one
// Theme; its palette keeps its address, so painters may hold a reference to it.
#pragma once
#include <imgui.h>

namespace linli::gui {

struct Palette {
    ImU32 text, muted, link, link_hover, emphasis, code_bg, quote_bar, highlight_bg, rule, accent;
    ImU32 good, fair, bad;  // ratings, gains and losses
};

class Theme {
public:
    // Sets ImGui's style (needs a context) and the palette.
    void apply(bool dark, float scale);
    const Palette& palette() const { return palette_; }
    bool dark() const { return dark_; }

private:
    Palette palette_{};
    bool dark_ = false;
};

}  // namespace linli::gui
