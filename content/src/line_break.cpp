#include "content/line_break.h"

#include "content/utf8.h"

namespace linli {
namespace {

struct Glyph {
    int run;
    size_t begin, end;  // bytes in the run
    char32_t cp;
    float advance;
};

bool can_break_between(char32_t a, char32_t b) {
    if (utf8::is_no_line_start(b) || utf8::is_no_line_end(a)) return false;
    if (utf8::is_space(a)) return !utf8::is_space(b);
    return utf8::is_cjk(a) || utf8::is_cjk(b);
}

class Builder {
public:
    Builder(const std::vector<Glyph>& g, float max_width) : g_(g), max_(max_width) {}

    // Places glyphs [from, to) on the current line, breaking it first when they do not fit.
    void place_atom(size_t from, size_t to) {
        float w = 0, visible = 0;
        for (size_t i = from; i < to; ++i) {
            w += g_[i].advance;
            if (!utf8::is_space(g_[i].cp)) visible = w;
        }
        if (line_.segments.empty() && at_line_start_ && utf8::is_space(g_[from].cp)) {
            // Spaces that would start a line are dropped.
            while (from < to && utf8::is_space(g_[from].cp)) w -= g_[from++].advance;
            if (from == to) return;
        }
        if (x_ + visible > max_ && !line_.segments.empty()) {
            new_line();
            while (from < to && utf8::is_space(g_[from].cp)) w -= g_[from++].advance;
            if (from == to) return;
            visible = w;
            for (size_t i = to; i > from && utf8::is_space(g_[i - 1].cp); --i) visible -= g_[i - 1].advance;
        }
        if (visible > max_ && line_.segments.empty()) {  // a word wider than the line: split it anywhere
            for (size_t i = from; i < to; ++i) {
                if (x_ + g_[i].advance > max_ && !line_.segments.empty()) new_line();
                add(i, i + 1);
            }
            return;
        }
        add(from, to);
    }

    void new_line() {
        lines_.push_back(std::move(line_));
        line_ = Line{};
        x_ = 0;
        at_line_start_ = true;
    }

    std::vector<Line> finish() {
        if (!line_.segments.empty() || lines_.empty()) new_line();
        return std::move(lines_);
    }

private:
    void add(size_t from, size_t to) {
        for (size_t i = from; i < to; ++i) {
            const Glyph& gl = g_[i];
            if (!line_.segments.empty() && line_.segments.back().run == gl.run && line_.segments.back().end == gl.begin) {
                line_.segments.back().end = gl.end;
                line_.segments.back().width += gl.advance;
            } else {
                line_.segments.push_back({gl.run, gl.begin, gl.end, x_, gl.advance});
            }
            x_ += gl.advance;
            if (!utf8::is_space(gl.cp)) line_.width = x_;
        }
        at_line_start_ = false;
    }

    const std::vector<Glyph>& g_;
    float max_;
    std::vector<Line> lines_;
    Line line_;
    float x_ = 0;
    bool at_line_start_ = true;
};

}  // namespace

std::vector<Line> break_lines(const std::vector<TextRun>& runs, float max_width, const MeasureFn& advance) {
    std::vector<Glyph> glyphs;
    std::vector<size_t> forced;  // glyph indexes before which a hard break stands
    for (int r = 0; r < static_cast<int>(runs.size()); ++r) {
        std::string_view t = runs[r].text;
        if (t == "\n") {
            forced.push_back(glyphs.size());
            continue;
        }
        for (size_t i = 0; i < t.size();) {
            size_t b = i;
            char32_t cp = utf8::next(t, i);
            if (cp == U'\n') cp = U' ';
            glyphs.push_back({r, b, i, cp, advance(runs[r].font, cp)});
        }
    }

    Builder out(glyphs, max_width);
    size_t atom_start = 0, next_forced = 0;
    for (size_t i = 0; i < glyphs.size(); ++i) {
        bool hard = next_forced < forced.size() && forced[next_forced] == i + 1;
        bool last = i + 1 == glyphs.size();
        if (last || hard || can_break_between(glyphs[i].cp, glyphs[i + 1].cp)) {
            out.place_atom(atom_start, i + 1);
            atom_start = i + 1;
        }
        while (next_forced < forced.size() && forced[next_forced] == i + 1) {
            out.new_line();
            ++next_forced;
        }
    }
    return out.finish();
}

}  // namespace linli
