#include "text_painter.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "content/utf8.h"

namespace linli::gui {
namespace {

constexpr uint64_t kForgetAfterFrames = 120;

uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001B3ull + (h >> 29); }

float advance(const ImFont* font, float scale, char32_t c) {
    return const_cast<ImFont*>(font)->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : U'?')) * scale;
}

}  // namespace

TextPainter::Layout& TextPainter::find(std::string_view text, float width, const Highlights& highlights, bool is_fit) {
    const ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    uint64_t key = std::hash<std::string_view>{}(text);
    key = mix(key, std::hash<float>{}(width));
    key = mix(key, std::hash<float>{}(size));
    key = mix(key, reinterpret_cast<uintptr_t>(font));
    key = mix(key, is_fit);
    for (auto [b, e] : highlights) key = mix(mix(key, b), e);
    Layout& l = cache_[key];
    if (l.used == 0 || l.text != text || l.width != width || l.size != size || l.font != font || l.is_fit != is_fit ||
        l.highlights != highlights) {
        l = Layout{};
        l.text.assign(text);
        l.width = width;
        l.size = size;
        l.font = font;
        l.is_fit = is_fit;
        l.highlights = highlights;
        lay_out(l);
    }
    l.used = frame_ + 1;
    return l;
}

void TextPainter::lay_out(Layout& l) {
    const float scale = l.size / l.font->FontSize;
    std::string_view text = l.text;
    if (l.is_fit) {
        float total = 0;
        for (size_t i = 0; i < text.size();) total += advance(l.font, scale, utf8::next(text, i));
        if (total <= l.width) {
            l.fitted = l.text;
            return;
        }
        const float budget = l.width - advance(l.font, scale, U'…');
        float w = 0;
        size_t end = 0;
        for (size_t i = 0; i < text.size();) {
            size_t at = i;
            w += advance(l.font, scale, utf8::next(text, i));
            if (w > budget) {
                end = at;
                break;
            }
        }
        l.fitted = l.text.substr(0, end) + "…";
        return;
    }
    // Split into runs at highlight edges so highlighted ranges are whole segments.
    size_t at = 0;
    for (auto [b, e] : l.highlights) {
        b = std::clamp(b, at, text.size());
        e = std::clamp(e, b, text.size());
        if (b > at) { l.runs.push_back({text.substr(at, b - at), 0}); l.marked.push_back(false); }
        if (e > b) { l.runs.push_back({text.substr(b, e - b), 0}); l.marked.push_back(true); }
        at = e;
    }
    if (at < text.size()) { l.runs.push_back({text.substr(at), 0}); l.marked.push_back(false); }
    l.lines = break_lines(l.runs, l.width, [&](int, char32_t c) { return advance(l.font, scale, c); });
}

void TextPainter::text(std::string_view text, ImU32 color, const Highlights& highlights) {
    const float size = ImGui::GetFontSize();
    const float width = std::max(std::floor(ImGui::GetContentRegionAvail().x), size * 4);
    const Layout& l = find(text, width, highlights, false);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float lh = ImGui::GetTextLineHeightWithSpacing();
    for (size_t i = 0; i < l.lines.size(); ++i) {
        for (const LineSegment& s : l.lines[i].segments) {
            ImVec2 p(origin.x + s.x, origin.y + i * lh);
            std::string_view t = l.runs[s.run].text.substr(s.begin, s.end - s.begin);
            if (l.marked[s.run]) dl->AddRectFilled(p, ImVec2(p.x + s.width, p.y + size), palette_.highlight_bg, 2);
            dl->AddText(ImGui::GetFont(), size, p, color, t.data(), t.data() + t.size());
        }
    }
    ImGui::Dummy(ImVec2(width, l.lines.size() * lh - ImGui::GetStyle().ItemSpacing.y));
}

bool TextPainter::button(const char* id, std::string_view label, bool highlighted) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = style.FramePadding.x * 1.5f, lh = ImGui::GetTextLineHeight();
    const float width = std::floor(ImGui::GetContentRegionAvail().x);
    const Layout& l = find(label, width - 2 * pad, {}, false);
    ImVec2 size(width, l.lines.size() * lh + 2 * style.FramePadding.y * 1.5f);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(id, size);
    ImGuiCol bg = ImGui::IsItemActive() ? ImGuiCol_ButtonActive
                  : ImGui::IsItemHovered() || highlighted ? ImGuiCol_ButtonHovered
                                                          : ImGuiCol_Button;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(bg), style.FrameRounding);
    for (size_t i = 0; i < l.lines.size(); ++i)
        for (const LineSegment& s : l.lines[i].segments) {
            std::string_view t = l.runs[s.run].text.substr(s.begin, s.end - s.begin);
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                        ImVec2(pos.x + pad + s.x, pos.y + style.FramePadding.y * 1.5f + i * lh),
                        ImGui::GetColorU32(ImGuiCol_Text), t.data(), t.data() + t.size());
        }
    return clicked;
}

const std::string& TextPainter::fit(std::string_view text, float max_width) {
    return find(text, std::floor(max_width), {}, true).fitted;
}

void TextPainter::end_frame() {
    ++frame_;
    if (frame_ % 60 != 0) return;
    std::erase_if(cache_, [&](const auto& kv) { return kv.second.used + kForgetAfterFrames < frame_; });
}

}  // namespace linli::gui
