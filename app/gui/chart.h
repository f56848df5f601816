// Charts drawn with ImGui's draw lists (implot is not in Debian 12): the drill debrief's state over
// the steps, the dashboard's weeks and item analysis, the workshop's spread, and the learner's
// study statistics (columns per day or week, a share per week, cards by state). A chart takes data
// already derived and only draws it.
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

// ---- With a scale: the learner's study statistics

struct Column {
    int value = 0;
    std::string label;     // under the axis (a date); every second, third … one shown when they would collide
    std::string note;      // a second line under every column (shortened to fit), e.g. the best rating so far
    ImU32 note_color = 0;  // 0: the muted colour
    bool dim = false;      // muted instead of the accent (a period still under way)
};

// Vertical columns across the available width, `height` pixels tall including the labels under
// them: a whole-number scale with light rules on the left, each column's value over it when
// `values` (and the columns are wide enough for it), the label and value in a tooltip on hover.
void column_chart(const std::vector<Column>& columns, float height, bool values, const Palette& palette, TextPainter& painter);

// A share per step (0..1, or NaN where there is no data: the line breaks there and the step has no
// dot) across the available width, `height` pixels tall including the labels: a 0–100 % scale with
// light rules on the left, each point's percentage over it when there is room, the labels under the
// axis thinned to fit. Steps sit where column_chart puts its columns, so the two line up.
void percent_chart(const std::vector<float>& values, const std::vector<std::string>& labels, ImU32 color, float height,
                   const Palette& palette);

struct Segment {
    std::string label;
    int value = 0;
    ImU32 color = 0;
};

// A horizontal bar `width` wide split into segments by value (a segment's count inside it when it
// fits), then a legend — a swatch, the label and the count of each — wrapping to the available width.
void segmented_bar(const std::vector<Segment>& segments, float width, const Palette& palette);

}  // namespace linli::gui
