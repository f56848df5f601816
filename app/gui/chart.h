// Charts drawn with ImGui's draw lists (implot is not in Debian 12): the drill debrief's state
// over the steps now; the dashboard, review statistics and the workshop's spread next. A chart
// takes data already derived (values scaled to 0..1) and only draws it.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "text_painter.h"
#include "theme.h"

namespace linli::gui {

struct Series {
    std::string label;
    ImU32 color = 0;
    std::vector<float> values;  // 0..1, one per step
};

// The palette's series colours, cycled.
ImU32 series_color(size_t i);

// Lines with dots across the available width, `height` pixels tall, then a legend.
void line_chart(const std::vector<Series>& series, float height, const Palette& palette);

struct Bar {
    std::string label;  // under the bar
    std::string note;   // under the label (who voted for it)
    int value = 0;
    bool highlight = false;
};

// Vertical bars across the available width, scaled to `max`, `height` pixels tall including the
// labels (in the current font, shortened by `painter` to fit), each with its value on top.
void bar_chart(const std::vector<Bar>& bars, int max, float height, const Palette& palette, TextPainter& painter);

// A horizontal meter: `value` of min..max as a filled bar `width` wide, under its label.
void meter(const std::string& label, int value, int min, int max, float width, const Palette& palette);

// A horizontal bar `width` wide for first + later counts out of `max`: first attempts in the
// accent colour, later ones lighter beside them (the dashboard's item analysis).
void split_bar(int first, int later, int max, float width, const Palette& palette);

}  // namespace linli::gui
