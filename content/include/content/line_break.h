// Line breaking for mixed Chinese and Latin text. Dear ImGui 1.86 wraps only at spaces, so a
// Chinese paragraph would never wrap: here a line may break between any two CJK characters or at a
// space, but never before closing punctuation (，。、）》) nor after opening punctuation (（《).
#pragma once
#include <functional>
#include <string_view>
#include <vector>

namespace linli {

struct TextRun {
    std::string_view text;  // "\n" alone forces a line break
    int font = 0;           // which font measures it; passed back to the measure function
};

struct LineSegment {
    int run = 0;
    size_t begin = 0, end = 0;  // byte range in that run's text
    float x = 0, width = 0;
};

struct Line {
    std::vector<LineSegment> segments;
    float width = 0;
};

// Advance width of one character in a font.
using MeasureFn = std::function<float(int font, char32_t cp)>;

std::vector<Line> break_lines(const std::vector<TextRun>& runs, float max_width, const MeasureFn& advance);

}  // namespace linli
