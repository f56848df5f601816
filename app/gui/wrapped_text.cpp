#include "wrapped_text.h"

#include <algorithm>

#include "content/line_break.h"
#include "content/utf8.h"
#include "theme.h"

namespace linli::gui {

namespace {

std::vector<Line> lay_out(std::string_view text, float width, std::vector<TextRun>& runs) {
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    runs = {{text, 0}};
    return break_lines(runs, width, [&](int, char32_t c) {
        return font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : U'?')) * scale;
    });
}

}  // namespace

bool wrapped_button(const char* id, std::string_view label, bool highlighted) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = style.FramePadding.x * 1.5f, lh = ImGui::GetTextLineHeight();
    float width = ImGui::GetContentRegionAvail().x;
    std::vector<TextRun> runs;
    auto lines = lay_out(label, width - 2 * pad, runs);
    ImVec2 size(width, lines.size() * lh + 2 * style.FramePadding.y * 1.5f);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(id, size);
    ImGuiCol bg = ImGui::IsItemActive() ? ImGuiCol_ButtonActive : ImGui::IsItemHovered() || highlighted ? ImGuiCol_ButtonHovered : ImGuiCol_Button;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(bg), style.FrameRounding);
    for (size_t i = 0; i < lines.size(); ++i)
        for (const LineSegment& s : lines[i].segments) {
            std::string_view t = runs[s.run].text.substr(s.begin, s.end - s.begin);
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                        ImVec2(pos.x + pad + s.x, pos.y + style.FramePadding.y * 1.5f + i * lh),
                        ImGui::GetColorU32(ImGuiCol_Text), t.data(), t.data() + t.size());
        }
    return clicked;
}

void wrapped_text(std::string_view text, ImU32 color, const std::vector<std::pair<size_t, size_t>>& highlights) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float scale = size / font->FontSize;
    // Split into runs at highlight edges so highlighted ranges are whole segments.
    std::vector<TextRun> runs;
    std::vector<bool> marked;
    size_t at = 0;
    for (auto [b, e] : highlights) {
        b = std::clamp(b, at, text.size());
        e = std::clamp(e, b, text.size());
        if (b > at) { runs.push_back({text.substr(at, b - at), 0}); marked.push_back(false); }
        if (e > b) { runs.push_back({text.substr(b, e - b), 0}); marked.push_back(true); }
        at = e;
    }
    if (at < text.size()) { runs.push_back({text.substr(at), 0}); marked.push_back(false); }

    float width = std::max(ImGui::GetContentRegionAvail().x, size * 4);
    auto lines = break_lines(runs, width, [&](int, char32_t c) {
        return font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : U'?')) * scale;
    });
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float lh = ImGui::GetTextLineHeightWithSpacing();
    for (size_t i = 0; i < lines.size(); ++i) {
        for (const LineSegment& s : lines[i].segments) {
            ImVec2 p(origin.x + s.x, origin.y + i * lh);
            std::string_view t = runs[s.run].text.substr(s.begin, s.end - s.begin);
            if (marked[s.run]) dl->AddRectFilled(p, ImVec2(p.x + s.width, p.y + size), palette().highlight_bg, 2);
            dl->AddText(font, size, p, color, t.data(), t.data() + t.size());
        }
    }
    ImGui::Dummy(ImVec2(width, lines.size() * lh - ImGui::GetStyle().ItemSpacing.y));
}

std::string fit_with_ellipsis(std::string_view text, float max_width) {
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    auto advance = [&](char32_t c) { return font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : U'?')) * scale; };
    float total = 0;
    for (size_t i = 0; i < text.size();) total += advance(utf8::next(text, i));
    if (total <= max_width) return std::string(text);
    const float budget = max_width - advance(U'…');
    float w = 0;
    size_t end = 0;
    for (size_t i = 0; i < text.size();) {
        size_t at = i;
        w += advance(utf8::next(text, i));
        if (w > budget) { end = at; break; }
    }
    return std::string(text.substr(0, end)) + "…";
}

}  // namespace linli::gui
