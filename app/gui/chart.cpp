#include "chart.h"

#include <iterator>

namespace linli::gui {

namespace {
constexpr ImU32 kSeries[] = {IM_COL32(31, 119, 180, 255), IM_COL32(255, 127, 14, 255), IM_COL32(44, 160, 44, 255),
                             IM_COL32(214, 39, 40, 255),  IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255)};
}  // namespace

ImU32 series_color(size_t i) { return kSeries[i % std::size(kSeries)]; }

void line_chart(const std::vector<Series>& series, float height, const Palette& palette) {
    float w = ImGui::GetContentRegionAvail().x;
    ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(o, ImVec2(o.x + w, o.y + height), palette.rule);
    auto at = [&](size_t i, size_t n, float v) { return ImVec2(o.x + (n > 1 ? i * w / float(n - 1) : 0), o.y + height - 4 - v * (height - 8)); };
    for (const Series& s : series) {
        size_t n = s.values.size();
        for (size_t i = 0; i < n; ++i) {
            ImVec2 p = at(i, n, s.values[i]);
            if (i) dl->AddLine(at(i - 1, n, s.values[i - 1]), p, s.color, 2.0f);
            dl->AddCircleFilled(p, 3, s.color);
        }
    }
    ImGui::Dummy(ImVec2(w, height + 4));
    for (size_t i = 0; i < series.size(); ++i) {
        if (i) ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(series[i].color), "— %s", series[i].label.c_str());
    }
}

}  // namespace linli::gui
