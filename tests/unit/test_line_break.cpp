// CJK line breaking: Chinese breaks between characters, never before closing punctuation.
#include <catch2/catch.hpp>

#include "content/line_break.h"
#include "content/utf8.h"

using namespace linli;

namespace {

// Every character is 1 wide; CJK 2 wide, as in a real font.
float measure(int, char32_t c) { return utf8::is_cjk(c) ? 2.0f : 1.0f; }

std::vector<std::string> lines_of(const std::vector<TextRun>& runs, float width) {
    std::vector<std::string> out;
    for (const Line& l : break_lines(runs, width, measure)) {
        std::string s;
        for (const LineSegment& seg : l.segments) s += std::string(runs[seg.run].text.substr(seg.begin, seg.end - seg.begin));
        out.push_back(s);
    }
    return out;
}

}  // namespace

TEST_CASE("a Chinese paragraph with no spaces wraps at the width") {
    auto lines = lines_of({{"社区工作需要耐心和方法"}}, 8);  // 4 characters a line
    CHECK(lines == std::vector<std::string>{"社区工作", "需要耐心", "和方法"});
}

TEST_CASE("closing punctuation never starts a line") {
    // "社区工作" fills the line; "，" may not start the next, so "作，" moves down together.
    auto lines = lines_of({{"社区工作，需要耐心。"}}, 8);
    for (const auto& l : lines) {
        size_t i = 0;
        char32_t first = utf8::next(l, i);
        CHECK_FALSE(utf8::is_no_line_start(first));
    }
    CHECK(lines.front() == "社区工");
    CHECK(lines[1].rfind("作，", 0) == 0);
}

TEST_CASE("every closing mark is kept off the start of a line") {
    for (const char* mark : {"，", "。", "、", "）", "》", "！", "？", "；", "：", "”"}) {
        INFO(mark);
        auto lines = lines_of({{std::string("一二三四") + mark + "五六"}}, 8);
        for (const auto& l : lines) CHECK(l.rfind(mark, 0) != 0);
    }
}

TEST_CASE("opening punctuation never ends a line") {
    auto lines = lines_of({{"一二三《四五六》"}}, 8);
    for (const auto& l : lines) CHECK(l.find("《") != l.size() - std::string("《").size());
}

TEST_CASE("Latin words break at spaces, not inside") {
    auto lines = lines_of({{"community workers study"}}, 12);
    CHECK(lines == std::vector<std::string>{"community ", "workers ", "study"});
}

TEST_CASE("a word longer than the line is split rather than overflowing") {
    auto lines = lines_of({{"abcdefghij"}}, 4);
    CHECK(lines == std::vector<std::string>{"abcd", "efgh", "ij"});
}

TEST_CASE("mixed Chinese and Latin break between them") {
    auto lines = lines_of({{"使用WeChat群"}}, 8);
    CHECK(lines.size() == 2);
    CHECK(lines[0] == "使用");
}

TEST_CASE("runs keep their identity and a lone newline run forces a break") {
    std::vector<TextRun> runs = {{"加粗", 1}, {"正文", 0}, {"\n", 0}, {"下一行", 0}};
    auto lines = break_lines(runs, 100, measure);
    REQUIRE(lines.size() == 2);
    REQUIRE(lines[0].segments.size() == 2);
    CHECK(lines[0].segments[0].run == 0);
    CHECK(lines[0].segments[1].run == 1);
    CHECK(lines[0].segments[1].x == 4);
    CHECK(lines[0].width == 8);
    CHECK(lines[1].segments[0].run == 3);
}

TEST_CASE("no line is wider than the width when breaks are possible") {
    std::string text;
    for (int i = 0; i < 50; ++i) text += "居民议事，";
    for (float w : {6.0f, 10.0f, 33.0f}) {
        for (const Line& l : break_lines({{text}}, w, measure)) CHECK(l.width <= w);
    }
}
