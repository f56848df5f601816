// [SECTION] Frame: draw() and where this frame draws
// [SECTION] Layout: measured with the body font, redone for changed lines only
// [SECTION] Focus and mouse
// [SECTION] Keyboard and typed text
// [SECTION] Editing and moving the caret
// [SECTION] Scrolling and drawing
#include "gui/editor/text_editor.h"

#include <GLFW/glfw3.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/editor_buffer.h"
#include "gui/app.h"

namespace linli::gui {
namespace {

constexpr float kLineSpacing = 1.4f;  // line height / font size: Chinese reads better with air between lines
constexpr int kMinGutterDigits = 3;
constexpr float kMinWrapEms = 4;  // a squeezed region wraps at this many font sizes, not a character a line
constexpr int kScrollTries = 3;
constexpr auto kDragScrollEvery = std::chrono::milliseconds(30);

float advance_in(const ImFont* font, char32_t cp) {
    if (cp == U'\r') return 0;  // ImGui draws nothing for it
    // A 16-bit ImWchar build draws characters beyond the BMP as U+FFFD.
    const bool fits = cp <= IM_UNICODE_CODEPOINT_MAX;
    return font->GetCharAdvance(static_cast<ImWchar>(fits ? cp : IM_UNICODE_CODEPOINT_INVALID));
}

int digits(int n) {
    int d = 1;
    while (n >= 10) n /= 10, ++d;
    return d;
}

}  // namespace

// ---- [SECTION] Frame ---------------------------------------------------------------------------

struct TextEditor::Geometry {
    ImGuiWindow* window = nullptr;
    ImRect area;           // the visible gutter and text, on screen
    ImVec2 pad;            // around the text
    float gutter_right = 0, text_left = 0, text_width = 0;
    float top = 0;         // screen y of visual line 0
    float line_h = 0, scroll_y = 0, view_h = 0;
};

TextEditor::TextEditor() : layout_([this](char32_t cp) { return advance_in(font_, cp); }) {}

bool TextEditor::draw(const char* id, EditorBuffer& buffer, ImVec2 size, App& app, int64_t now_ms) {
    changed_ = false;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));  // the gutter and the text pad themselves
    const bool visible = ImGui::BeginChild(id, size, true, ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleVar();
    if (!visible) {
        ImGui::EndChild();
        return false;
    }
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    id_ = window->GetID("##text");
    use_font(app.fonts.body ? app.fonts.body : ImGui::GetFont(), app.fonts.generation());
    keep_on_text(buffer);
    const Geometry g = geometry(window, buffer);
    wrap_width_ = std::max(g.text_width, font_->FontSize * kMinWrapEms);
    layout(buffer);

    ImGui::ItemAdd(g.area, id_);
    take_focus(window);
    handle_mouse(buffer, g, app);
    focused_ = GImGui->ActiveId == id_;
    if (focused_) {
        hold_keyboard();
        handle_typing(buffer, now_ms);
        for (const KeyPress& k : app.keys_this_frame) handle_key(k, buffer, g, now_ms);
    }
    layout(buffer);
    scroll_caret_into_view(g);
    draw_visible(g, app.palette());
    ImGui::Dummy(ImVec2(0, layout_.visual_line_count() * g.line_h + 2 * g.pad.y));  // what the scrollbar scrolls
    ImGui::EndChild();

    if (!new_glyphs_.empty()) app.need_glyphs(new_glyphs_);
    new_glyphs_.clear();
    return changed_;
}

TextEditor::Geometry TextEditor::geometry(ImGuiWindow* window, const EditorBuffer& buffer) const {
    const ImGuiStyle& style = ImGui::GetStyle();
    Geometry g;
    g.window = window;
    g.area = window->InnerRect;
    g.area.Expand(-window->WindowBorderSize);
    g.pad = style.FramePadding;
    g.line_h = line_height();
    const float mark_w = mark_width();
    const float gutter_w = std::max(kMinGutterDigits, digits(buffer.line_count())) * advance_in(font_, U'0') + 2 * g.pad.x + mark_w;
    g.gutter_right = g.area.Min.x + gutter_w;
    g.text_left = g.gutter_right + g.pad.x;
    g.text_width = g.area.Max.x - g.text_left - g.pad.x;
    g.scroll_y = window->Scroll.y;
    g.top = g.area.Min.y + g.pad.y - g.scroll_y;
    g.view_h = g.area.GetHeight();
    return g;
}

float TextEditor::line_height() const { return std::round(font_->FontSize * kLineSpacing); }
float TextEditor::mark_width() const { return std::max(3.0f, std::round(font_->FontSize / 6)); }

std::pair<size_t, size_t> TextEditor::selection() const {
    return {std::min(anchor_, caret_.offset), std::max(anchor_, caret_.offset)};
}

int TextEditor::cursor_line() const {
    if (!laid_out_) return 1;
    return static_cast<int>(layout_.source_of_offset(std::min(caret_.offset, layout_.text().size()))) + 1;
}

void TextEditor::jump_to_line(const EditorBuffer& buffer, int line) {
    move_to({buffer.offset_of_line(line)}, false);
    center_caret_ = true;
    focus_requested_ = true;
}

void TextEditor::select(size_t from, size_t to) {
    move_to({from}, false);
    move_to({to}, true);
    center_caret_ = true;
}

void TextEditor::set_marks(std::vector<std::pair<int, ImU32>> marks) {
    std::stable_sort(marks.begin(), marks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    marks_ = std::move(marks);
}

// ---- [SECTION] Layout --------------------------------------------------------------------------

void TextEditor::use_font(ImFont* font, int generation) {
    // Another atlas may measure characters it lacked before (the fallback's width) differently.
    if (font == font_ && generation == font_generation_ && font->FontSize == font_size_) return;
    font_ = font;
    font_generation_ = generation;
    font_size_ = font->FontSize;
    layout_.invalidate();
    laid_out_ = false;
}

const WrappedText& TextEditor::layout(const EditorBuffer& buffer) {
    const bool current = laid_out_ && laid_out_from_ == stamp_of(buffer) && layout_.width() == std::max(wrap_width_, 1.0f);
    if (!current) {
        layout_.update(buffer.text(), wrap_width_);
        laid_out_ = true;
        laid_out_from_ = stamp_of(buffer);
    }
    return layout_;
}

TextEditor::Stamp TextEditor::stamp_of(const EditorBuffer& buffer) { return {&buffer, buffer.revision(), buffer.text().size()}; }

// A change made elsewhere (another document, reload, find and replace): the caret stays on the
// text, and the atlas learns the text's characters.
void TextEditor::keep_on_text(const EditorBuffer& buffer) {
    const std::string& t = buffer.text();
    caret_.offset = char_floor(t, caret_.offset);  // also after select() with offsets from elsewhere
    anchor_ = char_floor(t, anchor_);
    if (known_ == stamp_of(buffer)) return;
    caret_.upstream = false;
    new_glyphs_ += t;
    known_ = stamp_of(buffer);
}

// ---- [SECTION] Focus and mouse -----------------------------------------------------------------

void TextEditor::activate(ImGuiWindow* window) {
    ImGui::SetActiveID(id_, window);
    ImGui::SetFocusID(id_, window);
    ImGui::FocusWindow(window);
}

void TextEditor::take_focus(ImGuiWindow* window) {
    ImGuiContext& ctx = *GImGui;
    if (focus_requested_) {
        activate(window);
        focus_requested_ = false;
    }
    // Dragging the scrollbar takes the active id; like InputTextMultiline, take it back after.
    const ImGuiID scrollbar = ImGui::GetWindowScrollbarID(window, ImGuiAxis_Y);
    if (ctx.ActiveId == scrollbar) {
        refocus_after_scrollbar_ |= focused_;
    } else {
        if (refocus_after_scrollbar_ && ctx.ActiveId == 0) activate(window);
        refocus_after_scrollbar_ = false;
    }
}

// What InputText does while active: the app sees the keyboard taken and text input wanted, and
// other widgets stay clickable while the mouse button is up.
void TextEditor::hold_keyboard() {
    ImGuiContext& ctx = *GImGui;
    ImGui::KeepAliveID(id_);
    ctx.ActiveIdAllowOverlap = !ctx.IO.MouseDown[0];
    ctx.WantTextInputNextFrame = 1;
}

void TextEditor::handle_mouse(const EditorBuffer& buffer, const Geometry& g, App& app) {
    ImGuiIO& io = ImGui::GetIO();
    const bool hovered = ImGui::ItemHoverable(g.area, id_);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    if (io.MouseClicked[0]) {
        if (hovered) {
            activate(g.window);
            click(buffer, caret_at_point(io.MousePos, g), io.MouseClickedCount[0], io.KeyShift);
            dragging_ = true;
        } else if (GImGui->ActiveId == id_) {
            ImGui::ClearActiveID();  // a click elsewhere (even on nothing) ends editing, as with InputText
        }
    }
    if (!dragging_) return;
    if (!io.MouseDown[0] || GImGui->ActiveId != id_) {
        dragging_ = false;
        return;
    }
    // Past the drag threshold only, so a double click's word stays selected while the button is down.
    if (io.MouseClicked[0] || !ImGui::IsMouseDragging(ImGuiMouseButton_Left)) return;
    move_to(caret_at_point(io.MousePos, g), true);
    // Held above or below the text: keep frames coming so the view scrolls towards the pointer.
    if (io.MousePos.y < g.area.Min.y || io.MousePos.y > g.area.Max.y) app.redraw_at(std::chrono::steady_clock::now() + kDragScrollEvery);
}

void TextEditor::click(const EditorBuffer& buffer, Caret at, int clicks, bool shift) {
    const std::string& t = buffer.text();
    if (clicks == 2) {  // a word, or one Chinese character
        const auto [b, e] = word_at(t, at.offset);
        move_to({b}, false);
        move_to({e}, true);
    } else if (clicks >= 3) {  // the source line
        const WrappedText& l = layout(buffer);
        const size_t s = l.source_of_offset(at.offset);
        move_to({l.line_begin(s)}, false);
        move_to({std::min(l.line_end(s) + 1, t.size())}, true);
    } else {
        move_to(at, shift);
    }
}

Caret TextEditor::caret_at_point(ImVec2 point, const Geometry& g) const {
    const float row = std::floor((point.y - g.top) / g.line_h);
    const float last = static_cast<float>(layout_.visual_line_count() - 1);
    return layout_.caret_at(static_cast<size_t>(std::clamp(row, 0.0f, last)), point.x - g.text_left);
}

// ---- [SECTION] Keyboard and typed text ---------------------------------------------------------

void TextEditor::handle_typing(EditorBuffer& buffer, int64_t now_ms) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.InputQueueCharacters.Size == 0) return;
    if (!(io.KeyCtrl && !io.KeyAlt)) {  // Ctrl+letter is a shortcut, not text (Ctrl+Alt is AltGr)
        const std::vector<uint32_t> units(io.InputQueueCharacters.begin(), io.InputQueueCharacters.end());
        if (const std::string typed = typed_text(units); !typed.empty()) insert(buffer, typed, now_ms);
    }
    io.InputQueueCharacters.resize(0);  // consumed, as InputText does
}

void TextEditor::handle_key(const KeyPress& k, EditorBuffer& buffer, const Geometry& g, int64_t now_ms) {
    const bool ctrl = k.mods & GLFW_MOD_CONTROL, shift = k.mods & GLFW_MOD_SHIFT;
    if (k.mods & GLFW_MOD_ALT) return;  // Alt+arrows are the window's back and forward
    if (!handle_edit_key(k.key, ctrl, shift, buffer, now_ms)) handle_move_key(k.key, ctrl, shift, buffer, g);
}

bool TextEditor::handle_edit_key(int key, bool ctrl, bool shift, EditorBuffer& buffer, int64_t now_ms) {
    const std::string& t = buffer.text();
    const auto [b, e] = selection();
    const size_t c = caret_.offset;
    switch (key) {
        case GLFW_KEY_BACKSPACE:
            if (b != e) replace(buffer, b, e, "", now_ms);
            else if (c > 0) replace(buffer, ctrl ? word_left(t, c) : prev_char(t, c), c, "", now_ms);
            return true;
        case GLFW_KEY_DELETE:
            if (b != e) replace(buffer, b, e, "", now_ms);
            else if (c < t.size()) replace(buffer, c, ctrl ? word_right(t, c) : next_char(t, c), "", now_ms);
            return true;
        case GLFW_KEY_ENTER:
        case GLFW_KEY_KP_ENTER:
            press_enter(buffer, now_ms);
            return true;
        case GLFW_KEY_TAB:
            if (ctrl) return false;
            insert(buffer, "  ", now_ms);
            return true;
        default:
            break;
    }
    if (!ctrl) return false;
    switch (key) {
        case GLFW_KEY_A:
            move_to({0}, false);
            move_to({t.size()}, true);
            return true;
        case GLFW_KEY_C:
            copy_selection(buffer);
            return true;
        case GLFW_KEY_X:
            copy_selection(buffer);
            if (b != e) replace(buffer, b, e, "", now_ms);
            return true;
        case GLFW_KEY_V:
            if (const char* clip = ImGui::GetClipboardText()) insert(buffer, pasted_text(clip), now_ms);
            return true;
        case GLFW_KEY_Z:
            apply_history(buffer, shift);
            return true;
        case GLFW_KEY_Y:
            apply_history(buffer, true);
            return true;
        default:
            return false;
    }
}

bool TextEditor::handle_move_key(int key, bool ctrl, bool shift, EditorBuffer& buffer, const Geometry& g) {
    const WrappedText& l = layout(buffer);
    const std::string& t = l.text();
    const auto [b, e] = selection();
    const bool collapse = b != e && !shift;  // an arrow without Shift first ends the selection at its side
    const long page = std::max(1L, static_cast<long>(g.view_h / g.line_h) - 1);
    switch (key) {
        case GLFW_KEY_LEFT:
            move_to({collapse ? b : ctrl ? word_left(t, caret_.offset) : prev_char(t, caret_.offset)}, shift);
            return true;
        case GLFW_KEY_RIGHT:
            move_to({collapse ? e : ctrl ? word_right(t, caret_.offset) : next_char(t, caret_.offset)}, shift);
            return true;
        case GLFW_KEY_UP:
            move_vertically(buffer, -1, shift);
            return true;
        case GLFW_KEY_DOWN:
            move_vertically(buffer, 1, shift);
            return true;
        case GLFW_KEY_PAGE_UP:
            page_scroll_ -= page * g.line_h;
            move_vertically(buffer, -page, shift);
            return true;
        case GLFW_KEY_PAGE_DOWN:
            page_scroll_ += page * g.line_h;
            move_vertically(buffer, page, shift);
            return true;
        case GLFW_KEY_HOME:
            move_to(ctrl ? Caret{0} : Caret{l.visual(l.visual_of(caret_)).begin}, shift);
            return true;
        case GLFW_KEY_END: {
            const VisualLine vl = l.visual(l.visual_of(caret_));
            move_to(ctrl ? Caret{t.size()} : Caret{vl.end, !vl.last_of_source}, shift);
            return true;
        }
        case GLFW_KEY_ESCAPE:  // ends a selection; the view may use Escape too
            anchor_ = caret_.offset;
            return false;
        default:
            return false;
    }
}

// A newline carrying the line's indentation and list marker over (core/text_layout's enter_at),
// computed on the line as it is once the selection is gone.
void TextEditor::press_enter(EditorBuffer& buffer, int64_t now_ms) {
    const std::string& t = buffer.text();
    const auto [b, e] = selection();
    const size_t line_start = b == 0 ? 0 : t.rfind('\n', b - 1) + 1;  // npos + 1 == 0
    const size_t line_stop = std::min(t.find('\n', e), t.size());
    const std::string line = t.substr(line_start, b - line_start) + t.substr(e, line_stop - e);
    const EnterEdit edit = enter_at(line, b - line_start);
    replace(buffer, b - edit.remove_before, e, edit.insert, now_ms);
}

void TextEditor::copy_selection(const EditorBuffer& buffer) const {
    const auto [b, e] = selection();
    if (b != e) ImGui::SetClipboardText(buffer.text().substr(b, e - b).c_str());
}

void TextEditor::apply_history(EditorBuffer& buffer, bool redo) {
    const std::optional<size_t> at = redo ? buffer.redo() : buffer.undo();
    if (!at) return;
    changed_ = true;
    known_ = stamp_of(buffer);
    move_to({char_floor(buffer.text(), *at)}, false);
}

// ---- [SECTION] Editing and moving the caret ----------------------------------------------------

// Every edit: the buffer gets the whole new text, so its diff-based undo merges typing into words.
void TextEditor::replace(EditorBuffer& buffer, size_t from, size_t to, std::string_view with, int64_t now_ms) {
    const std::string& t = buffer.text();
    to = char_floor(t, to);
    from = char_floor(t, std::min(from, to));
    if (from == to && with.empty()) return;
    std::string next;
    next.reserve(t.size() - (to - from) + with.size());
    next.append(t, 0, from).append(with).append(t, to, std::string::npos);
    const size_t cursor = from + with.size();
    buffer.edit(std::move(next), now_ms, cursor);
    changed_ = true;
    known_ = stamp_of(buffer);
    new_glyphs_ += with;
    move_to({cursor}, false);
}

void TextEditor::insert(EditorBuffer& buffer, std::string_view with, int64_t now_ms) {
    const auto [b, e] = selection();
    replace(buffer, b, e, with, now_ms);
}

void TextEditor::move_to(Caret c, bool extend, bool keep_goal) {
    caret_ = c;
    if (!extend) anchor_ = c.offset;
    if (!keep_goal) goal_x_ = -1;
    scroll_to_caret_ = true;
    scroll_tries_ = 0;
}

// Up/Down by visual lines, keeping the x the caret had when the vertical moves began.
void TextEditor::move_vertically(const EditorBuffer& buffer, long visual_lines, bool extend) {
    const WrappedText& l = layout(buffer);
    if (goal_x_ < 0) goal_x_ = l.x_of(caret_);
    const long target = static_cast<long>(l.visual_of(caret_)) + visual_lines;
    const long last = static_cast<long>(l.visual_line_count()) - 1;
    const Caret c = target < 0 ? Caret{0} : target > last ? Caret{l.text().size()} : l.caret_at(static_cast<size_t>(target), goal_x_);
    move_to(c, extend, true);
}

// ---- [SECTION] Scrolling and drawing -----------------------------------------------------------

// ImGui applies a scroll target at the next frame's Begin, clamped to the content the last frame
// had: after text grew at the end the caret may need another frame (a few tries, then it stops).
void TextEditor::scroll_caret_into_view(const Geometry& g) {
    float target = std::max(0.0f, g.scroll_y + page_scroll_);
    page_scroll_ = 0;
    if (scroll_to_caret_) {
        const float top = g.pad.y + layout_.visual_of(caret_) * g.line_h, bottom = top + g.line_h;
        const bool off_screen = top < target || bottom > target + g.view_h;
        if (center_caret_ && off_screen) target = top - (g.view_h - g.line_h) / 2;
        else if (top < target) target = top - g.pad.y;
        else if (bottom > target + g.view_h) target = bottom + g.pad.y - g.view_h;
        target = std::max(0.0f, target);
        if (target == g.scroll_y || ++scroll_tries_ >= kScrollTries) scroll_to_caret_ = center_caret_ = false;
    }
    if (target != g.scroll_y) ImGui::SetScrollY(target);
}

void TextEditor::draw_visible(const Geometry& g, const Palette& palette) const {
    ImDrawList* dl = g.window->DrawList;
    const size_t count = layout_.visual_line_count();
    const float from = (g.scroll_y - g.pad.y) / g.line_h;
    const size_t first = std::min(count, static_cast<size_t>(std::max(0.0f, std::floor(from))));
    const size_t end = std::min(count, static_cast<size_t>(std::max(0.0f, std::ceil(from + g.view_h / g.line_h))) + 1);
    const float text_dy = std::round((g.line_h - font_->FontSize) / 2);
    const std::string& t = layout_.text();
    for (size_t v = first; v < end; ++v) {
        const VisualLine vl = layout_.visual(v);
        const float y = g.top + v * g.line_h;
        draw_selection(g, vl, y);
        if (vl.end > vl.begin)
            dl->AddText(font_, font_->FontSize, ImVec2(g.text_left, y + text_dy), palette.text, t.data() + vl.begin, t.data() + vl.end);
    }
    if (focused_) {  // steady: the window draws only on events, so a blink would stop half-way
        const size_t v = layout_.visual_of(caret_);
        const float x = std::round(g.text_left + layout_.x_of(caret_));
        const float y = g.top + v * g.line_h + text_dy;
        const float w = std::max(1.0f, std::round(font_->FontSize / 14));
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + font_->FontSize), palette.text);
    }
    draw_gutter(g, palette, first, end);
}

void TextEditor::draw_selection(const Geometry& g, const VisualLine& vl, float y) const {
    const auto [b, e] = selection();
    if (b == e || e < vl.begin || b > vl.end) return;
    const bool newline_selected = vl.last_of_source && e > vl.end;
    const float x0 = layout_.x_in(vl, b);
    const float x1 = layout_.x_in(vl, e) + (newline_selected ? advance_in(font_, U' ') : 0);
    if (x1 > x0)
        g.window->DrawList->AddRectFilled(ImVec2(g.text_left + x0, y), ImVec2(g.text_left + x1, y + g.line_h),
                                          ImGui::GetColorU32(ImGuiCol_TextSelectedBg));
}

// Source line numbers right-aligned on each source line's first visual line, marks as a bar down
// the gutter's left edge beside all of the line's visual lines.
void TextEditor::draw_gutter(const Geometry& g, const Palette& palette, size_t first_visual, size_t end_visual) const {
    if (first_visual >= end_visual) return;
    ImDrawList* dl = g.window->DrawList;
    const float text_dy = std::round((g.line_h - font_->FontSize) / 2);
    const size_t caret_line = layout_.source_of_offset(caret_.offset);
    const size_t last = layout_.source_of_visual(end_visual - 1);
    char number[24];
    for (size_t s = layout_.source_of_visual(first_visual); s <= last; ++s) {
        const size_t v = layout_.first_visual(s);
        const float y = g.top + v * g.line_h;
        auto mark = std::lower_bound(marks_.begin(), marks_.end(), static_cast<int>(s + 1), [](const auto& m, int line) { return m.first < line; });
        if (mark != marks_.end() && mark->first == static_cast<int>(s + 1)) {
            const float bottom = g.top + (v + layout_.visual_count(s)) * g.line_h;
            dl->AddRectFilled(ImVec2(g.area.Min.x + 1, y + 1), ImVec2(g.area.Min.x + 1 + mark_width(), bottom - 1), mark->second, 1.0f);
        }
        if (v < first_visual) continue;  // its number is above the view
        const int n = std::snprintf(number, sizeof number, "%zu", s + 1);
        const float w = font_->CalcTextSizeA(font_->FontSize, FLT_MAX, 0, number, number + n).x;
        dl->AddText(font_, font_->FontSize, ImVec2(g.gutter_right - g.pad.x - w, y + text_dy), s == caret_line ? palette.text : palette.muted,
                    number, number + n);
    }
    dl->AddLine(ImVec2(g.gutter_right, g.area.Min.y), ImVec2(g.gutter_right, g.area.Max.y), palette.rule);
}

}  // namespace linli::gui
