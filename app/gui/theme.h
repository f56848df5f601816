// Light and dark themes: ImGui's style plus the colours the reader draws with.
#pragma once
#include <imgui.h>

namespace linli::gui {

struct Palette {
    ImU32 text, muted, link, link_hover, emphasis, code_bg, quote_bar, highlight_bg, rule, accent;
};

void apply_theme(bool dark, float scale);
const Palette& palette();

}  // namespace linli::gui
