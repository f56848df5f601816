// The editor's text widget. ImGui 1.86's InputTextMultiline cannot wrap, and Chinese paragraphs
// are single source lines, so this draws the text itself: a line-number gutter, text soft-wrapped
// at CJK boundaries (core/text_layout), selection and a steady caret, with the keyboard and
// mouse of a plain text editor. Every change goes through the EditorBuffer, which owns undo.
//
// Keyboard focus is ImGui's active id, as InputText holds it: while focused, ImGui reports
// io.WantCaptureKeyboard and io.WantTextInput, and ImGui::IsAnyItemActive() is true, so views
// keep their single-key shortcuts to themselves. Key presses come from App::keys_this_frame
// (ImGui 1.86 loses a press released in the same frame); text from io.InputQueueCharacters,
// where an input method's committed Chinese arrives too.
#pragma once
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text_layout.h"

struct ImGuiWindow;  // imgui_internal.h

namespace linli {
class EditorBuffer;
}

namespace linli::gui {

struct App;
struct KeyPress;
struct Palette;

class TextEditor {
public:
    TextEditor();

    // Draws the editor filling a child region of `size` (ImGui's sizing: 0 fills the rest) in the
    // body font, and handles the keyboard and mouse when focused. True when this frame changed
    // the buffer's text.
    bool draw(const char* id, EditorBuffer& buffer, ImVec2 size, App& app, int64_t now_ms);

    size_t cursor() const { return caret_.offset; }              // byte offset
    std::pair<size_t, size_t> selection() const;                 // [begin, end); empty: none
    int cursor_line() const;                                     // 1-based source line, as of the last draw
    void jump_to_line(const EditorBuffer& buffer, int line);     // the line's start, scrolled into view, focused
    void select(size_t from, size_t to);                         // e.g. a find match; scrolled into view
    bool focused() const { return focused_; }
    void focus() { focus_requested_ = true; }
    // Source lines (1-based) to mark in the gutter, e.g. diagnostics: line -> colour.
    void set_marks(std::vector<std::pair<int, ImU32>> marks);

private:
    struct Geometry;  // where this frame draws
    Geometry geometry(ImGuiWindow* window, const EditorBuffer& buffer) const;
    float line_height() const;
    float mark_width() const;

    // Layout, measured with the font it was drawn in.
    void use_font(ImFont* font, int generation);
    const WrappedText& layout(const EditorBuffer& buffer);  // up to date with the buffer's text
    void keep_on_text(const EditorBuffer& buffer);          // after a change made elsewhere

    // Focus and mouse.
    void activate(ImGuiWindow* window);
    void take_focus(ImGuiWindow* window);
    void hold_keyboard();
    void handle_mouse(const EditorBuffer& buffer, const Geometry& g, App& app);
    void click(const EditorBuffer& buffer, Caret at, int clicks, bool shift);
    Caret caret_at_point(ImVec2 point, const Geometry& g) const;

    // Keyboard and typed text.
    void handle_typing(EditorBuffer& buffer, int64_t now_ms);
    void handle_key(const KeyPress& key, EditorBuffer& buffer, const Geometry& g, int64_t now_ms);
    bool handle_edit_key(int key, bool ctrl, bool shift, EditorBuffer& buffer, int64_t now_ms);
    bool handle_move_key(int key, bool ctrl, bool shift, EditorBuffer& buffer, const Geometry& g);
    void press_enter(EditorBuffer& buffer, int64_t now_ms);
    void copy_selection(const EditorBuffer& buffer) const;
    void apply_history(EditorBuffer& buffer, bool redo);

    // Editing and moving; every offset on a UTF-8 boundary.
    void replace(EditorBuffer& buffer, size_t from, size_t to, std::string_view with, int64_t now_ms);
    void insert(EditorBuffer& buffer, std::string_view with, int64_t now_ms);
    void move_to(Caret c, bool extend, bool keep_goal = false);
    void move_vertically(const EditorBuffer& buffer, long visual_lines, bool extend);

    // Scrolling and drawing.
    void scroll_caret_into_view(const Geometry& g);
    void draw_visible(const Geometry& g, const Palette& palette) const;
    void draw_selection(const Geometry& g, const VisualLine& vl, float y) const;
    void draw_gutter(const Geometry& g, const Palette& palette, size_t first_visual, size_t end_visual) const;

    WrappedText layout_;
    ImFont* font_ = nullptr;  // what the layout was measured with
    int font_generation_ = -1;
    float font_size_ = 0;
    float wrap_width_ = 1;
    // Which text something was derived from. The size too: a buffer assigned anew in the same
    // place starts its revisions over.
    struct Stamp {
        const EditorBuffer* buffer = nullptr;
        uint64_t revision = 0;
        size_t size = 0;
        bool operator==(const Stamp&) const = default;
    };
    static Stamp stamp_of(const EditorBuffer& buffer);
    bool laid_out_ = false;
    Stamp laid_out_from_;
    Stamp known_;  // the text the caret was last kept on, or this editor last changed
    std::string new_glyphs_;  // text this frame brought in, for the atlas

    Caret caret_;
    size_t anchor_ = 0;      // the selection's other end
    float goal_x_ = -1;      // Up/Down keep this x across lines; < 0: take the caret's
    bool dragging_ = false;  // the mouse button went down in the text and is still down
    bool changed_ = false;   // this frame edited the text

    unsigned id_ = 0;        // ImGuiID of the text area
    bool focused_ = false, focus_requested_ = false, refocus_after_scrollbar_ = false;
    bool scroll_to_caret_ = false, center_caret_ = false;
    int scroll_tries_ = 0;   // a scroll target beyond last frame's content waits a frame: a few tries
    float page_scroll_ = 0;  // PageUp/PageDown scroll the view by as much as they move the caret

    std::vector<std::pair<int, ImU32>> marks_;  // sorted by line
};

}  // namespace linli::gui
