#include "chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <string>
#include <utility>

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

// ---- With a scale: the learner's study statistics

namespace {

// A whole-number scale for values up to `most`: a step of 1, 2 or 5 × 10^n giving at most four
// steps, and the top of the scale (a multiple of the step).
std::pair<int, int> whole_scale(int most) {
    most = std::max(most, 1);
    long long step = 1;
    for (long long mag = 1; step * 4 < most; mag *= 10)
        for (int m : {1, 2, 5})
            if ((step = m * mag) * 4 >= most) break;
    long long top = (most + step - 1) / step * step;
    return {int(step), int(top)};
}

struct Tick {
    float at;           // 0..1 of the scale
    std::string label;  // empty: a rule only
};

// The plot's frame: rules across it at the ticks, their labels right-aligned in the gutter left of
// x0, and the axis at `base`.
void draw_scale(ImDrawList* dl, const std::vector<Tick>& ticks, float x0, float x1, float top, float base, const Palette& palette) {
    const float line = ImGui::GetTextLineHeight();
    for (const Tick& t : ticks) {
        const float y = base - (base - top) * t.at;
        if (t.at > 0) dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), palette.rule, 1.0f);
        if (t.label.empty()) continue;
        ImVec2 ts = ImGui::CalcTextSize(t.label.c_str());
        dl->AddText(ImVec2(x0 - line * 0.3f - ts.x, y - ts.y / 2), palette.muted, t.label.c_str());
    }
    dl->AddLine(ImVec2(x0, base), ImVec2(x1, base), palette.rule, 1.5f);
}

// The labels under the axis, centred under their slots: from the last (now) backwards, every k-th
// so that they never touch, each kept inside left..right.
void axis_labels(ImDrawList* dl, const std::vector<std::string>& labels, float x0, float slot, float y, float left, float right,
                 ImU32 color) {
    if (labels.empty()) return;
    const float gap = ImGui::GetFontSize() * 0.8f;
    float widest = 0;
    for (const std::string& l : labels) widest = std::max(widest, ImGui::CalcTextSize(l.c_str()).x);
    const int every = std::max(1, int(std::ceil((widest + gap) / std::max(slot, 1.0f))));
    float free_right = right;  // the left edge of the label drawn last
    for (int i = int(labels.size()) - 1; i >= 0; i -= every) {
        const std::string& l = labels[size_t(i)];
        ImVec2 ts = ImGui::CalcTextSize(l.c_str());
        float x = std::max(left, std::min(x0 + slot * (float(i) + 0.5f) - ts.x / 2, right - ts.x));
        if (x + ts.x > free_right - (free_right < right ? gap : 0)) continue;
        dl->AddText(ImVec2(x, y), color, l.c_str());
        free_right = x;
    }
}

bool hovering(ImVec2 a, ImVec2 b) { return ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, b); }

ImU32 readable_on(ImU32 fill) {
    const int r = (fill >> IM_COL32_R_SHIFT) & 0xFF, g = (fill >> IM_COL32_G_SHIFT) & 0xFF, b = (fill >> IM_COL32_B_SHIFT) & 0xFF;
    return (r * 299 + g * 587 + b * 114) / 1000 > 150 ? IM_COL32(20, 20, 20, 255) : IM_COL32(255, 255, 255, 255);
}

}  // namespace

void column_chart(const std::vector<Column>& columns, float height, bool values, const Palette& palette, TextPainter& painter) {
    if (columns.empty()) return;
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    int most = 0;
    for (const Column& c : columns) most = std::max(most, c.value);
    const auto [step, top_value] = whole_scale(most);
    const bool notes = std::any_of(columns.begin(), columns.end(), [](const Column& c) { return !c.note.empty(); });
    const float gutter = ImGui::CalcTextSize(std::to_string(top_value).c_str()).x + line * 0.6f;
    const float x0 = o.x + gutter, x1 = o.x + w;
    const float base = o.y + height - line * (notes ? 2.4f : 1.3f);  // the labels (and notes) go under it
    const float top = o.y + line * (values ? 1.2f : 0.6f);            // room for a value, or half the top tick's label
    const float slot = (x1 - x0) / float(columns.size());
    const float col_w = std::max(1.0f, std::min(slot * 0.7f, line * 2.5f));

    std::vector<Tick> ticks;
    for (int v = 0; v <= top_value; v += step) ticks.push_back({float(v) / float(top_value), std::to_string(v)});
    draw_scale(dl, ticks, x0, x1, top, base, palette);
    const bool room_for_values = values && ImGui::CalcTextSize(std::to_string(most).c_str()).x <= slot - 2;
    std::vector<std::string> labels;
    labels.reserve(columns.size());
    int hovered = -1;
    for (size_t i = 0; i < columns.size(); ++i) {
        const Column& c = columns[i];
        labels.push_back(c.label);
        const float cx = x0 + slot * (float(i) + 0.5f);
        const float h = (base - top) * float(std::clamp(c.value, 0, top_value)) / float(top_value);
        if (c.value > 0) {
            dl->AddRectFilled(ImVec2(cx - col_w / 2, base - h), ImVec2(cx + col_w / 2, base), c.dim ? palette.muted : palette.accent,
                              std::min(3.0f, col_w / 3));
            if (room_for_values) {
                std::string v = std::to_string(c.value);
                ImVec2 vs = ImGui::CalcTextSize(v.c_str());
                dl->AddText(ImVec2(cx - vs.x / 2, base - h - vs.y - 1), palette.text, v.c_str());
            }
        }
        if (notes && !c.note.empty()) {
            const std::string& t = painter.fit(c.note, slot - 4);
            ImVec2 ts = ImGui::CalcTextSize(t.c_str());
            dl->AddText(ImVec2(cx - ts.x / 2, base + line * 1.25f), c.note_color ? c.note_color : palette.muted, t.c_str());
        }
        if (hovering(ImVec2(x0 + slot * float(i), o.y), ImVec2(x0 + slot * float(i + 1), base))) hovered = int(i);
    }
    axis_labels(dl, labels, x0, slot, base + line * 0.2f, o.x, x1, palette.text);
    if (hovered >= 0) {
        const Column& c = columns[size_t(hovered)];
        dl->AddRectFilled(ImVec2(x0 + slot * float(hovered), top), ImVec2(x0 + slot * float(hovered + 1), base), palette.code_bg);
        ImGui::SetTooltip("%s  %d%s%s", c.label.c_str(), c.value, c.note.empty() ? "" : "  ", c.note.c_str());
    }
    ImGui::Dummy(ImVec2(w, height));
}

void percent_chart(const std::vector<float>& values, const std::vector<std::string>& labels, ImU32 color, float height,
                   const Palette& palette) {
    if (values.empty()) return;
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    const float widest = ImGui::CalcTextSize("100%").x;
    const float x0 = o.x + widest + line * 0.6f, x1 = o.x + w;
    const float base = o.y + height - line * 1.3f;
    const float top = o.y + line * 1.2f;  // room for a point's percentage over it
    const float slot = (x1 - x0) / float(values.size());
    draw_scale(dl, {{0, "0%"}, {0.25f, ""}, {0.5f, "50%"}, {0.75f, ""}, {1, "100%"}}, x0, x1, top, base, palette);

    auto valid = [&](size_t i) { return i < values.size() && !std::isnan(values[i]); };
    auto at = [&](size_t i) { return ImVec2(x0 + slot * (float(i) + 0.5f), base - (base - top) * std::clamp(values[i], 0.0f, 1.0f)); };
    for (size_t i = 1; i < values.size(); ++i)
        if (valid(i - 1) && valid(i)) dl->AddLine(at(i - 1), at(i), color, 2.0f);
    const bool room = widest <= slot - 2;
    char pct[8];
    int hovered = -1;
    for (size_t i = 0; i < values.size(); ++i) {
        if (!valid(i)) continue;
        ImVec2 p = at(i);
        dl->AddCircleFilled(p, 3.5f, color);
        std::snprintf(pct, sizeof pct, "%d%%", int(std::lround(values[i] * 100)));
        if (room) {
            ImVec2 ts = ImGui::CalcTextSize(pct);
            dl->AddText(ImVec2(p.x - ts.x / 2, p.y - ts.y - 3), palette.text, pct);
        }
        if (hovering(ImVec2(x0 + slot * float(i), o.y), ImVec2(x0 + slot * float(i + 1), base))) hovered = int(i);
    }
    axis_labels(dl, labels, x0, slot, base + line * 0.2f, o.x, x1, palette.text);
    if (hovered >= 0) {
        std::snprintf(pct, sizeof pct, "%d%%", int(std::lround(values[size_t(hovered)] * 100)));
        ImGui::SetTooltip("%s  %s", size_t(hovered) < labels.size() ? labels[size_t(hovered)].c_str() : "", pct);
    }
    ImGui::Dummy(ImVec2(w, height));
}

void segmented_bar(const std::vector<Segment>& segments, float width, const Palette& palette) {
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    const float h = line * 1.4f;
    long long total = 0;
    for (const Segment& s : segments) total += std::max(s.value, 0);
    dl->AddRectFilled(o, ImVec2(o.x + width, o.y + h), palette.code_bg, 3);
    float x = o.x;
    for (const Segment& s : segments) {
        if (s.value <= 0 || total <= 0) continue;
        const float sw = width * float(s.value) / float(total);
        dl->AddRectFilled(ImVec2(x, o.y), ImVec2(x + std::max(sw, 2.0f), o.y + h), s.color);
        std::string count = std::to_string(s.value);
        ImVec2 ts = ImGui::CalcTextSize(count.c_str());
        if (ts.x + line * 0.5f <= sw) dl->AddText(ImVec2(x + (sw - ts.x) / 2, o.y + (h - ts.y) / 2), readable_on(s.color), count.c_str());
        x += sw;
    }
    ImGui::Dummy(ImVec2(width, h));
    ImGui::Spacing();
    // The legend: as many on a line as fit.
    const float avail = ImGui::GetContentRegionAvail().x, gap = line * 1.2f, swatch = line * 0.75f;
    float used = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
        const Segment& s = segments[i];
        std::string text = s.label + " " + std::to_string(s.value);
        const float item = swatch + line * 0.3f + ImGui::CalcTextSize(text.c_str()).x;
        if (i > 0 && used + gap + item <= avail) {
            ImGui::SameLine(0, gap);
            used += gap;
        } else {
            used = 0;
        }
        ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(p.x, p.y + (line - swatch) / 2), ImVec2(p.x + swatch, p.y + (line + swatch) / 2), s.color, 2);
        dl->AddText(ImVec2(p.x + swatch + line * 0.3f, p.y), palette.text, text.c_str());
        ImGui::Dummy(ImVec2(item, line));
        used += item;
    }
}

}  // namespace linli::gui
