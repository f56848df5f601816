// The editor's text, laid out and edited by byte offset, with no ImGui in it (the widget in
// app/gui/editor measures with its font and draws; tests measure with a table):
//  - WrappedText: every source line ('\n'-separated) soft-wrapped at a width into visual lines
//    with the CJK-aware line breaker, cached per line's bytes so an edit breaks only the lines
//    it changed, and a prefix sum of visual lines per source line for finding what is on screen;
//  - the arithmetic a caret needs: UTF-8 stepping, words, what Enter carries over to the next
//    line, and typed characters (UTF-16 or UTF-32 units) to UTF-8.
// Every offset these return lies on a UTF-8 character boundary.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace linli {

// Advance width of one character in the font the text is drawn with.
using AdvanceFn = std::function<float(char32_t)>;

// A caret: a byte offset and, where a soft wrap puts the same offset at the end of one visual line
// and the start of the next, which one it shows on (`upstream`: the end of the upper one).
struct Caret {
    size_t offset = 0;
    bool upstream = false;
    bool operator==(const Caret&) const = default;
};

// One visual line: bytes [begin, end) of the text, in source line `source` (0-based). A source
// line's last visual line ends before its '\n'.
struct VisualLine {
    size_t source = 0;
    size_t begin = 0, end = 0;
    bool last_of_source = true;
};

class WrappedText {
public:
    explicit WrappedText(AdvanceFn advance);

    // Lays out `text` (copied) at `width`. Lines whose bytes were laid out at this width before
    // are reused; returns how many source lines were broken anew.
    size_t update(std::string_view text, float width);
    // The font changed: the next update breaks every line again.
    void invalidate();

    const std::string& text() const { return text_; }
    float width() const { return width_; }
    size_t source_line_count() const { return line_begin_.size(); }
    size_t visual_line_count() const { return first_visual_.back(); }

    size_t line_begin(size_t source) const { return line_begin_[source]; }
    size_t line_end(size_t source) const;  // before its '\n'
    size_t first_visual(size_t source) const { return first_visual_[source]; }
    size_t visual_count(size_t source) const { return first_visual_[source + 1] - first_visual_[source]; }
    size_t source_of_offset(size_t offset) const;
    size_t source_of_visual(size_t visual) const;
    VisualLine visual(size_t v) const;
    size_t visual_of(Caret c) const;

    // x of the caret from the start of its visual line.
    float x_of(Caret c) const;
    // x of an offset within visual line `vl` (clamped to it), from its start.
    float x_in(const VisualLine& vl, size_t offset) const;
    // The caret nearest to x on visual line v (past a wrapped line's end: its end, upstream).
    Caret caret_at(size_t v, float x) const;
    float advance(char32_t cp) const { return advance_(cp); }

private:
    struct Breaks {
        std::vector<uint32_t> starts;  // where visual lines after the first begin, from the line's start
        uint64_t used = 0;             // the update that last needed it
    };
    struct StringHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Cache = std::unordered_map<std::string, Breaks, StringHash, std::equal_to<>>;

    Breaks& breaks_for(std::string_view line, size_t& broken);
    std::vector<uint32_t> break_line(std::string_view line) const;
    void forget_unused();

    AdvanceFn advance_;
    std::string text_;
    float width_ = -1;
    uint64_t update_count_ = 0;
    Cache cache_;                          // node-based: `breaks_` may point into it
    std::vector<size_t> line_begin_{0};
    std::vector<const Breaks*> breaks_;    // per source line
    std::vector<size_t> first_visual_{0, 1};  // prefix sum of visual lines, one more than the lines
};

// UTF-8 stepping. Invalid bytes count as one character each, as utf8::next decodes them.
size_t next_char(std::string_view text, size_t offset);
size_t prev_char(std::string_view text, size_t offset);
// The character boundary at or before offset (offset clamped to the text).
size_t char_floor(std::string_view text, size_t offset);

// The word around offset, for a double click: a run of letters and digits, of spaces, or one
// Chinese character or punctuation mark. At a line's end, the word before it.
std::pair<size_t, size_t> word_at(std::string_view text, size_t offset);
// Where Ctrl+Left / Ctrl+Right go: past spaces, then past one run of the same kind of character.
size_t word_left(std::string_view text, size_t offset);
size_t word_right(std::string_view text, size_t offset);

// What Enter does on a source line with the caret `caret` bytes into it: a newline followed by
// the line's indentation and Markdown list or quote marker ("- ", "> ", "3. " becomes "4. ").
// On an item with nothing after its marker, Enter ends the list instead: the marker is removed.
struct EnterEdit {
    size_t remove_before = 0;  // bytes before the caret to delete
    std::string insert;
};
EnterEdit enter_at(std::string_view line, size_t caret);

// Characters from the platform's input queue (UTF-16 code units or code points) as UTF-8.
// Surrogate pairs are joined; control characters, lone surrogates and U+FFFD (what ImGui queues
// for a character it cannot hold) are dropped.
std::string typed_text(std::span<const uint32_t> units);
// Clipboard text as the buffer keeps it: "\r\n" and "\r" become "\n", NULs go.
std::string pasted_text(std::string_view clipboard);

}  // namespace linli
