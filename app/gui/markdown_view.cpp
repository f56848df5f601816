#include "markdown_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "content/utf8.h"
#include "theme.h"

namespace linli::gui {
namespace {

constexpr float kLineHeight = 1.6f;      // body line height, in ems: Chinese reads better with air
constexpr float kHeadingLineHeight = 1.3f;
constexpr float kIndentPerLevel = 1.6f;  // ems
constexpr float kQuoteIndent = 1.2f;
constexpr std::string_view kNewline = "\n";

// What stands in for an image that is still decoding or was refused: the reason in Chinese, then
// English, then the path as written. Its characters are in the atlas (glyph_needs).
std::string image_placeholder(const Texture& t, const std::string& link) {
    std::string s;
    if (t.state == Texture::State::Pending) {
        s = std::string(kImageLoadingZh) + "… (" + kImageLoadingEn + "…)";
    } else {
        s = std::string(kImageNotShownZh) + "：" + image_problem_zh(t.problem) + " (" + kImageNotShownEn + ": " +
            image_problem_en(t.problem) + ")";
    }
    if (!link.empty()) (s += ": ") += link;
    return s;
}

}  // namespace

MarkdownView::MarkdownView(const Document& doc, ImageCache& images, const Palette& palette)
    : doc_(doc), images_(images), palette_(palette) {
    flatten(doc.blocks, 0, 0);
    if (!items_.empty()) items_.front().space_before = 0;
    if (has_images_) images_.retry_refused(doc_);
}

MarkdownView::MarkdownView(const Document& doc, const std::vector<const Block*>& blocks, ImageCache& images,
                           const Palette& palette)
    : doc_(doc), images_(images), palette_(palette) {
    for (const Block* b : blocks) flatten_block(*b, 0, 0);
    if (!items_.empty()) items_.front().space_before = 0;
    if (has_images_) images_.retry_refused(doc_);
}

void MarkdownView::flatten(const std::vector<Block>& blocks, int depth, int quote) {
    for (const Block& b : blocks) flatten_block(b, depth, quote);
}

void MarkdownView::flatten_block(const Block& b, int depth, int quote) {
    {
        Item it;
        it.block = &b;
        it.depth = depth;
        it.quote = quote;
        switch (b.kind) {
            case BlockKind::Heading:
                it.role = b.level == 1 ? kH1 : b.level == 2 ? kH2 : kBold;
                it.space_before = b.level == 1 ? 1.1f : b.level == 2 ? 1.0f : 0.8f;
                items_.push_back(it);
                break;
            case BlockKind::Paragraph:
                it.space_before = depth > 0 ? 0.25f : 0.6f;
                items_.push_back(it);
                break;
            case BlockKind::Code:
                it.kind = ItemKind::Code;
                it.space_before = 0.6f;
                items_.push_back(it);
                break;
            case BlockKind::Rule:
                it.kind = ItemKind::Rule;
                it.space_before = 0.8f;
                items_.push_back(it);
                break;
            case BlockKind::Image:
                it.kind = ItemKind::Image;
                it.space_before = 0.6f;
                items_.push_back(it);
                has_images_ = true;
                break;
            case BlockKind::Quote:
                flatten(b.children, depth, quote + 1);
                break;
            case BlockKind::BulletList:
            case BlockKind::OrderedList: {
                int number = b.level;
                for (const Block& item : b.children) {
                    size_t first = items_.size();
                    flatten(item.children, depth + 1, quote);
                    if (items_.size() > first) {
                        items_[first].prefix = b.kind == BlockKind::BulletList ? "•" : std::to_string(number) + ".";
                        items_[first].space_before = std::min(items_[first].space_before, 0.35f);
                    }
                    ++number;
                }
                break;
            }
            case BlockKind::ListItem:
                flatten(b.children, depth, quote);
                break;
        }
    }
}

ImFont* MarkdownView::font_for(const Fonts& fonts, int role, unsigned style) const {
    if (role == kH1) return fonts.h1;
    if (role == kH2) return fonts.h2;
    if (role == kBold || (style & kStrong)) return fonts.bold;
    return fonts.body;
}

void MarkdownView::relayout(const Fonts& fonts, float width) {
    layout_width_ = width;
    layout_size_ = fonts.size();
    layout_fonts_ = &fonts;
    layout_font_generation_ = fonts.generation();
    const float em = fonts.size();
    ImFont* by_role[] = {fonts.body, fonts.bold, fonts.h1, fonts.h2};
    MeasureFn measure = [&](int f, char32_t c) {
        return by_role[f]->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : U'?'));
    };

    placed_.assign(items_.size(), {});  // never resized below: placeholder runs point into it
    layout_images_ = images_.generation();
    float y = 0;
    for (size_t i = 0; i < items_.size(); ++i) {
        const Item& it = items_[i];
        Placed& p = placed_[i];
        y += it.space_before * em;
        p.y = y;
        float indent = (it.depth * kIndentPerLevel + it.quote * kQuoteIndent) * em;
        float avail = std::max(em * 4, width - indent - (it.kind == ItemKind::Code ? em : 0));
        switch (it.kind) {
            case ItemKind::Text: {
                for (const Span& s : it.block->spans) {
                    int f = it.role != kBody ? it.role : (s.style & kStrong) ? kBold : kBody;
                    p.runs.push_back({s.text == "\n" ? kNewline : std::string_view(s.text), f});
                }
                p.lines = break_lines(p.runs, avail, measure);
                bool heading = it.block->kind == BlockKind::Heading;
                float lh = by_role[it.role]->FontSize * (heading ? kHeadingLineHeight : kLineHeight);
                p.h = lh * p.lines.size();
                break;
            }
            case ItemKind::Code: {
                std::string_view code = it.block->literal;
                for (size_t a = 0; a <= code.size();) {
                    size_t e = std::min(code.find('\n', a), code.size());
                    p.runs.push_back({code.substr(a, e - a), kBody});
                    p.runs.push_back({kNewline, kBody});
                    a = e + 1;
                }
                p.lines = break_lines(p.runs, avail, measure);
                p.h = fonts.body->FontSize * kLineHeight * p.lines.size() + em * 0.8f;
                break;
            }
            case ItemKind::Rule:
                p.h = em * 0.6f;
                break;
            case ItemKind::Image: {
                // The cache decodes off this thread; until then (or when refused) a framed line of
                // text says why, wrapped like a paragraph.
                const Texture& t = images_.get(doc_, it.block->literal);
                p.image_state = t.state;
                p.texture = t.id;
                if (t.state == Texture::State::Ready) {
                    p.image_w = std::min<float>(t.width, avail);
                    p.h = t.height * (p.image_w / t.width);
                    break;
                }
                p.placeholder = image_placeholder(t, it.block->literal);
                p.runs.push_back({p.placeholder, kBody});
                p.lines = break_lines(p.runs, std::max(em * 4, avail - em), measure);
                p.h = fonts.body->FontSize * kLineHeight * p.lines.size() + em * 0.6f;
                break;
            }
        }
        y += p.h;
    }
    layout_height_ = y + em;
}

bool MarkdownView::images_changed() {
    for (size_t i = 0; i < items_.size(); ++i)
        if (items_[i].kind == ItemKind::Image && images_.get(doc_, items_[i].block->literal).state != placed_[i].image_state)
            return true;
    layout_images_ = images_.generation();  // others' images changed, not ours
    return false;
}

void MarkdownView::draw(const Fonts& fonts, const LinkFn& on_link) {
    float width = std::floor(ImGui::GetContentRegionAvail().x);
    if (has_images_) images_.update();
    if (width != layout_width_ || fonts.size() != layout_size_ || &fonts != layout_fonts_ || fonts.generation() != layout_font_generation_ ||
        (has_images_ && images_.generation() != layout_images_ && images_changed()))
        relayout(fonts, width);

    const Palette& pal = palette_;
    const float em = fonts.size();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float view_top = ImGui::GetWindowPos().y, view_bottom = view_top + ImGui::GetWindowHeight();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool hovered_window = ImGui::IsWindowHovered();
    ImFont* by_role[] = {fonts.body, fonts.bold, fonts.h1, fonts.h2};

    // Only the items that intersect the visible part of the window are drawn.
    auto first = std::lower_bound(placed_.begin(), placed_.end(), view_top - origin.y,
                                  [](const Placed& p, float top) { return p.y + p.h < top; });
    for (size_t i = first - placed_.begin(); i < items_.size(); ++i) {
        const Item& it = items_[i];
        const Placed& p = placed_[i];
        if (origin.y + p.y > view_bottom) break;
        float x0 = origin.x + (it.depth * kIndentPerLevel + it.quote * kQuoteIndent) * em;
        float y0 = origin.y + p.y;
        for (int q = 0; q < it.quote; ++q) {
            float bx = origin.x + (it.depth * kIndentPerLevel + q * kQuoteIndent) * em + em * 0.3f;
            dl->AddRectFilled(ImVec2(bx, y0 - em * 0.3f), ImVec2(bx + em * 0.22f, y0 + p.h), pal.quote_bar);
        }
        switch (it.kind) {
            case ItemKind::Rule:
                dl->AddLine(ImVec2(x0, y0 + p.h / 2), ImVec2(origin.x + layout_width_, y0 + p.h / 2), pal.rule, 1.0f);
                continue;
            case ItemKind::Image: {
                if (p.image_state == Texture::State::Ready) {
                    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(p.texture)), ImVec2(x0, y0),
                                 ImVec2(x0 + p.image_w, y0 + p.h));
                    continue;
                }
                // The placeholder: a frame, and the reason in muted text inside it.
                dl->AddRect(ImVec2(x0, y0), ImVec2(origin.x + layout_width_, y0 + p.h), pal.rule, em * 0.3f);
                const float lh = fonts.body->FontSize * kLineHeight;
                for (size_t li = 0; li < p.lines.size(); ++li) {
                    float ly = y0 + em * 0.3f + li * lh;
                    for (const LineSegment& seg : p.lines[li].segments) {
                        std::string_view text = p.runs[seg.run].text.substr(seg.begin, seg.end - seg.begin);
                        dl->AddText(fonts.body, fonts.body->FontSize,
                                    ImVec2(x0 + em * 0.5f + seg.x, ly + (lh - fonts.body->FontSize) / 2), pal.muted,
                                    text.data(), text.data() + text.size());
                    }
                }
                continue;
            }
            case ItemKind::Code:
                dl->AddRectFilled(ImVec2(x0, y0), ImVec2(origin.x + layout_width_, y0 + p.h), pal.code_bg, em * 0.3f);
                x0 += em * 0.5f;
                y0 += em * 0.4f;
                break;
            case ItemKind::Text:
                break;
        }
        ImFont* line_font = by_role[it.role];
        bool heading = it.block->kind == BlockKind::Heading;
        float lh = line_font->FontSize * (heading ? kHeadingLineHeight : kLineHeight);
        if (!it.prefix.empty()) {
            float pw = fonts.body->CalcTextSizeA(fonts.body->FontSize, 1e9f, 0, it.prefix.c_str()).x;
            dl->AddText(fonts.body, fonts.body->FontSize,
                        ImVec2(x0 - pw - em * 0.4f, y0 + (lh - fonts.body->FontSize) / 2), pal.muted, it.prefix.c_str());
        }
        for (size_t li = 0; li < p.lines.size(); ++li) {
            float ly = y0 + li * lh;
            if (ly > view_bottom) break;
            if (ly + lh < view_top) continue;
            for (const LineSegment& seg : p.lines[li].segments) {
                const Span* span = it.kind == ItemKind::Text ? &it.block->spans[seg.run] : nullptr;
                unsigned style = span ? span->style : kCode;
                ImFont* f = it.kind == ItemKind::Code ? fonts.body : font_for(fonts, it.role, style);
                std::string_view text = p.runs[seg.run].text.substr(seg.begin, seg.end - seg.begin);
                ImVec2 pos(x0 + seg.x, ly + (lh - f->FontSize) / 2);
                ImU32 col = heading ? pal.text : (style & kEmph) ? pal.emphasis : pal.text;
                if (span && (style & kCode))
                    dl->AddRectFilled(ImVec2(pos.x - 2, pos.y), ImVec2(pos.x + seg.width + 2, pos.y + f->FontSize), pal.code_bg, 3);
                if (span && span->link >= 0) {
                    ImVec2 a(pos.x, ly), b(pos.x + seg.width, ly + lh);
                    bool hover = hovered_window && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y;
                    col = hover ? pal.link_hover : pal.link;
                    dl->AddLine(ImVec2(pos.x, pos.y + f->FontSize + 1), ImVec2(pos.x + seg.width, pos.y + f->FontSize + 1), col);
                    if (hover) {
                        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                        const Link& link = doc_.links[span->link];
                        ImGui::SetTooltip("%s", link.url.c_str());
                        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) on_link(link);
                    }
                }
                dl->AddText(f, f->FontSize, pos, col, text.data(), text.data() + text.size());
            }
        }
    }
    ImGui::Dummy(ImVec2(layout_width_, layout_height_));
}

}  // namespace linli::gui
