#include "chart.h"

#include <algorithm>
#include <iterator>
#include <string>

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

void bar_chart(const std::vector<Bar>& bars, int max, float height, const Palette& palette, TextPainter& painter) {
    if (bars.empty()) return;
    float w = ImGui::GetContentRegionAvail().x;
    ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    const float slot = w / float(bars.size());
    const float bar_w = std::min(slot * 0.6f, line * 4);
    const float base = o.y + height - 2.4f * line;  // the labels and notes go under it
    const float top = o.y + line * 1.2f;           // room for the value
    max = std::max(max, 1);
    const bool any_highlight = std::any_of(bars.begin(), bars.end(), [](const Bar& b) { return b.highlight; });
    for (size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        float cx = o.x + slot * (float(i) + 0.5f);
        float h = (base - top) * float(std::clamp(b.value, 0, max)) / float(max);
        // With a leader marked the others are grey, so the eye goes to it; without, one colour each.
        ImU32 fill = b.highlight ? palette.accent : any_highlight ? palette.muted : series_color(i);
        dl->AddRectFilled(ImVec2(cx - bar_w / 2, base - h), ImVec2(cx + bar_w / 2, base), fill, 3);
        std::string value = std::to_string(b.value);
        ImVec2 vs = ImGui::CalcTextSize(value.c_str());
        dl->AddText(ImVec2(cx - vs.x / 2, base - h - vs.y - 2), palette.text, value.c_str());
        auto centred = [&](const std::string& text, float y, ImU32 color) {
            const std::string& t = painter.fit(text, slot - 6);  // a long label would run into its neighbour's
            ImVec2 ts = ImGui::CalcTextSize(t.c_str());
            dl->AddText(ImVec2(cx - ts.x / 2, y), color, t.c_str());
        };
        centred(b.label, base + 0.2f * line, palette.text);
        centred(b.note, base + 1.2f * line, palette.muted);
    }
    dl->AddLine(ImVec2(o.x, base), ImVec2(o.x + w, base), palette.rule, 1.5f);
    ImGui::Dummy(ImVec2(w, height));
}

void meter(const std::string& label, int value, int min, int max, float width, const Palette& palette) {
    ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    dl->AddText(o, palette.text, label.c_str());
    float y = o.y + line * 1.1f;
    float f = max > min ? float(std::clamp(value, min, max) - min) / float(max - min) : 0;
    dl->AddRectFilled(ImVec2(o.x, y), ImVec2(o.x + width, y + line * 0.35f), palette.rule, 2);
    dl->AddRectFilled(ImVec2(o.x, y), ImVec2(o.x + width * f, y + line * 0.35f), palette.accent, 2);
    ImGui::Dummy(ImVec2(width, line * 1.6f));
}

void split_bar(int first, int later, int max, float width, const Palette& palette) {
    ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight() * 0.7f, top = o.y + ImGui::GetTextLineHeight() * 0.15f;
    float scale = max > 0 ? width / float(max) : 0;
    float a = float(first) * scale, b = float(later) * scale;
    dl->AddRectFilled(ImVec2(o.x, top), ImVec2(o.x + width, top + h), palette.code_bg, 2);
    if (first > 0) dl->AddRectFilled(ImVec2(o.x, top), ImVec2(o.x + std::max(a, 2.0f), top + h), palette.accent, 2);
    if (later > 0) {
        // The accent at half strength: the same hue, lighter on either theme.
        ImU32 light = (palette.accent & 0x00FFFFFF) | (ImU32(0x70) << IM_COL32_A_SHIFT);
        dl->AddRectFilled(ImVec2(o.x + a, top), ImVec2(o.x + a + std::max(b, 2.0f), top + h), light, 2);
    }
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

}  // namespace linli::gui
