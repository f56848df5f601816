// Wrapped text for UI strings, choices and search snippets. ImGui's TextWrapped breaks only at
// spaces, so Chinese would run off the edge: this uses the reader's CJK line breaker. Layouts are
// kept by text, width, font and highlights, so a frame that draws the same text again (every
// frame, usually) only draws it; a layout not drawn for a while is forgotten.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "content/line_break.h"
#include "theme.h"

namespace linli::gui {

using Highlights = std::vector<std::pair<size_t, size_t>>;  // byte ranges

class TextPainter {
public:
    explicit TextPainter(const Palette& palette) : palette_(palette) {}

    // Draws text in the current font, wrapped to the available width; highlighted ranges get a
    // marker behind them.
    void text(std::string_view text, ImU32 color, const Highlights& highlights = {});
    // A full-width button whose label wraps (Chinese choices are long); true when clicked.
    bool button(const char* id, std::string_view label, bool highlighted = false);
    // The text shortened with "…" to fit max_width in the current font (whole when it fits).
    const std::string& fit(std::string_view text, float max_width);

    // Once per frame, after drawing: forgets what was not drawn lately.
    void end_frame();

private:
    struct Layout {
        std::string text;  // owned: runs point into it
        float width = 0, size = 0;
        const ImFont* font = nullptr;
        Highlights highlights;
        std::vector<TextRun> runs;
        std::vector<bool> marked;
        std::vector<Line> lines;
        std::string fitted;  // for fit()
        bool is_fit = false;
        uint64_t used = 0;   // frame last drawn
    };
    Layout& find(std::string_view text, float width, const Highlights& highlights, bool is_fit);
    void lay_out(Layout& l);

    const Palette& palette_;
    std::unordered_map<uint64_t, Layout> cache_;
    uint64_t frame_ = 0;
};

}  // namespace linli::gui
