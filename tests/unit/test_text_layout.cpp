// The editor's text layout: soft wrapping per source line (cached by the line's bytes), the visual
// line index, carets at soft wraps, and the editing arithmetic (UTF-8 stepping, words, Enter, typed
// and pasted text) the editor widget leaves to app/core/text_layout.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "content/utf8.h"
#include "core/text_layout.h"

using namespace linli;

namespace {

// Latin 1 wide, Chinese 2 wide, as in a real font; a tab is 4.
float advance(char32_t c) { return c == U'\t' ? 4.0f : utf8::is_cjk(c) ? 2.0f : 1.0f; }

std::vector<std::string> visual_lines(const WrappedText& w) {
    std::vector<std::string> out;
    for (size_t v = 0; v < w.visual_line_count(); ++v) {
        VisualLine vl = w.visual(v);
        out.push_back(w.text().substr(vl.begin, vl.end - vl.begin));
    }
    return out;
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("text layout: a Chinese paragraph wraps at the width") {
    WrappedText w(advance);
    w.update("社区工作需要耐心和方法", 8);  // 4 characters a line
    CHECK(visual_lines(w) == std::vector<std::string>{"社区工作", "需要耐心", "和方法"});
    CHECK(w.source_line_count() == 1);
    CHECK_FALSE(w.visual(0).last_of_source);
    CHECK(w.visual(2).last_of_source);
}

TEST_CASE("text layout: closing punctuation stays off a visual line's start") {
    WrappedText w(advance);
    w.update("社区工作，需要耐心。", 8);
    for (const std::string& line : visual_lines(w)) {
        size_t i = 0;
        CHECK_FALSE(utf8::is_no_line_start(utf8::next(line, i)));
    }
}

TEST_CASE("text layout: visual lines cover each source line without gaps") {
    const std::string text = "# 标题\n\n  - 缩进的条目，内容很长很长很长很长很长很长很长\nword word word word word\n\t表格\n　　全角缩进的段落继续写下去写下去";
    WrappedText w(advance);
    for (float width : {3.0f, 7.0f, 10.0f, 40.0f}) {
        w.update(text, width);
        for (size_t s = 0; s < w.source_line_count(); ++s) {
            std::string joined;
            for (size_t v = w.first_visual(s); v < w.first_visual(s) + w.visual_count(s); ++v) {
                VisualLine vl = w.visual(v);
                CHECK(vl.source == s);
                joined += text.substr(vl.begin, vl.end - vl.begin);
            }
            CHECK(joined == text.substr(w.line_begin(s), w.line_end(s) - w.line_begin(s)));
        }
    }
}

TEST_CASE("text layout: indentation stays on the first visual line") {
    WrappedText w(advance);
    w.update("    abc def ghi", 8);
    CHECK(visual_lines(w).front() == "    abc ");
    CHECK(w.x_of({4}) == 4);
    w.update("　　社区工作需要耐心", 8);  // two full-width spaces, then Chinese
    CHECK(visual_lines(w).front() == "　　社区");
    CHECK(w.x_of({6}) == Approx(4));
}

TEST_CASE("text layout: spaces at a wrap end the upper visual line") {
    WrappedText w(advance);
    w.update("aaa bbb", 4);
    CHECK(visual_lines(w) == std::vector<std::string>{"aaa ", "bbb"});
}

TEST_CASE("text layout: source and visual lines map through the prefix sum") {
    WrappedText w(advance);
    w.update("社区工作需要耐心和方法\n短\n\n社区工作需要", 8);
    REQUIRE(w.source_line_count() == 4);
    CHECK(w.visual_line_count() == 3 + 1 + 1 + 2);
    CHECK(w.first_visual(1) == 3);
    CHECK(w.first_visual(3) == 5);
    CHECK(w.source_of_visual(2) == 0);
    CHECK(w.source_of_visual(3) == 1);
    CHECK(w.source_of_visual(4) == 2);
    CHECK(w.source_of_visual(6) == 3);
    const size_t short_line = w.line_begin(1);
    CHECK(w.source_of_offset(short_line) == 1);
    CHECK(w.source_of_offset(short_line - 1) == 0);  // the '\n' belongs to the line it ends
    CHECK(w.visual_of({w.text().size()}) == 6);
}

TEST_CASE("text layout: a caret at a soft wrap shows on either line") {
    WrappedText w(advance);
    w.update("社区工作需要耐心", 8);
    const size_t wrap = w.visual(1).begin;
    CHECK(w.visual_of({wrap, false}) == 1);
    CHECK(w.x_of({wrap, false}) == 0);
    CHECK(w.visual_of({wrap, true}) == 0);
    CHECK(w.x_of({wrap, true}) == 8);
    CHECK(w.visual_of({0, true}) == 0);  // no wrap there: upstream changes nothing
}

TEST_CASE("text layout: a click finds the nearest character boundary") {
    WrappedText w(advance);
    w.update("社区工作需要耐心", 8);
    CHECK(w.caret_at(0, -5) == Caret{0, false});
    CHECK(w.caret_at(0, 0.9f) == Caret{0, false});
    CHECK(w.caret_at(0, 1.1f) == Caret{3, false});
    CHECK(w.caret_at(0, 100) == Caret{w.visual(1).begin, true});  // past a wrapped line's end
    CHECK(w.caret_at(1, 100) == Caret{w.text().size(), false});   // past the source line's end
}

TEST_CASE("text layout: up and down keep the x across wrapped lines") {
    WrappedText w(advance);
    w.update("abcdefgh\n社区工作需要耐心", 8);
    Caret c{5};  // after "abcde"
    const float goal = w.x_of(c);
    c = w.caret_at(w.visual_of(c) + 1, goal);
    CHECK(c.offset == 9 + 9);  // after "社区工", x 6 (5 is halfway between 4 and 6: a tie goes right)
    c = w.caret_at(w.visual_of(c) + 1, goal);
    CHECK(w.visual_of(c) == 2);
    CHECK(c.offset == w.visual(2).begin + 9);
}

TEST_CASE("text layout: only lines whose bytes changed are broken again") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "第" + std::to_string(i) + "段：" + repeat("居民议事会讨论停车问题，", 1 + i % 7) + "\n";
    WrappedText w(advance);
    CHECK(w.update(text, 60) == 2001);  // every line (and the empty last one) is new
    const size_t at = text.find("第1000段") + std::string("第1000段").size();
    text.insert(at, "新");
    CHECK(w.update(text, 60) == 1);
    CHECK(w.update(text, 60) == 0);
    CHECK(w.update(text, 50) == 2001);  // another width: all again
    w.invalidate();                     // another font: all again
    CHECK(w.update(text, 50) == 2001);
}

TEST_CASE("text layout: identical lines share one layout and stay correct after edits") {
    WrappedText w(advance);
    w.update("社区工作需要耐心\n社区工作需要耐心\n", 8);
    CHECK(w.visual_line_count() == 2 + 2 + 1);
    w.update("社区工作需要耐心\n社区\n", 8);
    CHECK(visual_lines(w) == std::vector<std::string>{"社区工作", "需要耐心", "社区", ""});
}

TEST_CASE("text layout: UTF-8 stepping moves over whole characters") {
    const std::string s = "a社\xE4z区";  // a stray lead byte between Chinese and Latin
    CHECK(next_char(s, 0) == 1);
    CHECK(next_char(s, 1) == 4);
    CHECK(next_char(s, 4) == 5);  // the stray byte is a character of its own
    CHECK(prev_char(s, 4) == 1);
    CHECK(prev_char(s, 5) == 4);
    CHECK(prev_char(s, s.size()) == 6);
    CHECK(char_floor(s, 2) == 1);
    CHECK(char_floor(s, 3) == 1);
    CHECK(char_floor(s, 100) == s.size());
}

TEST_CASE("text layout: stepping back and forth stops at the same boundaries") {
    for (std::string s : {std::string("社区 abc，。\n\t😀x"), std::string("\x80\x80社\xE4\xB8z\xF0\x9F"), std::string("")}) {
        std::vector<size_t> forward{0}, backward{s.size()};
        for (size_t i = 0; i < s.size();) forward.push_back(i = next_char(s, i));
        for (size_t i = s.size(); i > 0;) backward.insert(backward.begin(), i = prev_char(s, i));
        CHECK(forward == backward);
        for (size_t i = 0; i <= s.size(); ++i) CHECK(std::find(forward.begin(), forward.end(), char_floor(s, i)) != forward.end());
    }
}

TEST_CASE("text layout: a double click selects a word or one Chinese character") {
    const std::string s = "居民 meeting_notes 2024，好\n";
    auto word = [&](size_t at) { auto [b, e] = word_at(s, at); return s.substr(b, e - b); };
    CHECK(word(0) == "居");
    CHECK(word(3) == "民");
    CHECK(word(8) == "meeting_notes");
    CHECK(word(s.find("2024")) == "2024");
    CHECK(word(s.find("，")) == "，");
    CHECK(word(s.find(' ')) == " ");
    CHECK(word(s.find('\n')) == "好");  // at a line's end: the word before it
    CHECK(word(s.size()) == "");        // on the empty last line: nothing
}

TEST_CASE("text layout: Ctrl+arrows move by words") {
    const std::string s = "hello world，居民议事\nnext";
    CHECK(word_right(s, 0) == 5);
    CHECK(word_right(s, 5) == 11);
    CHECK(word_right(s, 11) == s.find("居"));
    CHECK(word_right(s, s.find("居")) == s.find('\n'));
    CHECK(word_right(s, s.find('\n')) == s.find('\n') + 1);
    CHECK(word_left(s, s.find('\n') + 1) == s.find('\n'));
    CHECK(word_left(s, s.find('\n')) == s.find("居"));
    CHECK(word_left(s, 11) == 6);
    CHECK(word_left(s, 6) == 0);
}

TEST_CASE("text layout: Enter carries the indentation and list marker over") {
    CHECK(enter_at("plain text", 10).insert == "\n");
    CHECK(enter_at("    indented", 12).insert == "\n    ");
    CHECK(enter_at("- 第一条", 11).insert == "\n- ");
    CHECK(enter_at("  * nested", 10).insert == "\n  * ");
    CHECK(enter_at("9. 第九", 9).insert == "\n10. ");
    CHECK(enter_at("3) item", 7).insert == "\n4) ");
    CHECK(enter_at("> 引用", 8).insert == "\n> ");
    CHECK(enter_at("- [x] 完成", 12).insert == "\n- [ ] ");
    CHECK(enter_at("- item", 0).insert == "\n");   // before the marker: the line moves down
    CHECK(enter_at("- item", 1).insert == "\n");   // inside the marker
    CHECK(enter_at("-item", 5).insert == "\n");    // not a marker without its space
    CHECK(enter_at("2024. 年", 10).insert == "\n2025. ");
}

TEST_CASE("text layout: Enter on an empty item ends the list") {
    EnterEdit e = enter_at("  - ", 4);
    CHECK(e.remove_before == 4);
    CHECK(e.insert.empty());
    CHECK(enter_at("1. ", 3).remove_before == 3);
}

TEST_CASE("text layout: typed characters become UTF-8") {
    std::vector<uint32_t> units{U'居', U'民', 'a', 0xD83D, 0xDE00, 0x08, 0x7F, 0xDC00, 0xFFFD, 0xD800};
    CHECK(typed_text(units) == "居民a😀");
    std::vector<uint32_t> wide{0x1F600};  // a 32-bit build queues whole code points
    CHECK(typed_text(wide) == "😀");
}

TEST_CASE("text layout: pasted text keeps Unix line ends and valid UTF-8") {
    CHECK(pasted_text("a\r\nb\rc\n") == "a\nb\nc\n");
    CHECK(pasted_text(std::string("x\0y", 3)) == "xy");
    CHECK(pasted_text("\xE4z") == "\xEF\xBF\xBDz");
}
