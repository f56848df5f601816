// [SECTION] WrappedText: soft wrap per source line, cached by the line's bytes
// [SECTION] UTF-8 stepping
// [SECTION] Words
// [SECTION] Enter
// [SECTION] Input
#include "core/text_layout.h"

#include <algorithm>

#include "content/line_break.h"
#include "content/utf8.h"

namespace linli {
namespace {

// The line breaker drops spaces that would start a line, which is right for a wrapped line but
// would also drop a source line's indentation. Leading whitespace is given to it as stand-in
// bytes of the same length that it does not take for spaces; the measure maps them back.
// A full-width space is three bytes: its advance goes on the first stand-in, none on the others.
constexpr char32_t kSpaceStandIn = 0x01, kTabStandIn = 0x02, kIdeographicSpaceStandIn = 0x03, kNothingStandIn = 0x04;
constexpr std::string_view kIdeographicSpace = "\u3000";  // full-width: Chinese paragraphs indent with it

size_t leading_whitespace(std::string_view line) {
    size_t i = 0;
    while (i < line.size()) {
        if (line[i] == ' ' || line[i] == '\t') ++i;
        else if (line.substr(i, kIdeographicSpace.size()) == kIdeographicSpace) i += kIdeographicSpace.size();
        else break;
    }
    return i;
}

std::string with_stand_ins(std::string_view line) {
    std::string out(line);
    const size_t n = leading_whitespace(line);
    for (size_t i = 0; i < n; ++i) {
        const char c = line[i];
        const bool ideographic_lead = static_cast<unsigned char>(c) == 0xE3;
        out[i] = static_cast<char>(c == ' ' ? kSpaceStandIn : c == '\t' ? kTabStandIn : ideographic_lead ? kIdeographicSpaceStandIn : kNothingStandIn);
    }
    return out;
}

char32_t char_at(std::string_view text, size_t i) { return utf8::next(text, i); }

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

// ---- [SECTION] WrappedText ----------------------------------------------------------------------

WrappedText::WrappedText(AdvanceFn advance) : advance_(std::move(advance)) { breaks_.push_back(&cache_[""]); }

void WrappedText::invalidate() { width_ = -1; }  // the layout in place stays usable until update()

size_t WrappedText::update(std::string_view text, float width) {
    width = std::max(width, 1.0f);
    if (width != width_) {  // every line breaks differently
        cache_.clear();
        width_ = width;
    }
    text_.assign(text);
    ++update_count_;
    line_begin_.clear();
    breaks_.clear();
    first_visual_.assign(1, 0);
    size_t broken = 0;
    for (size_t begin = 0;;) {
        const size_t nl = text_.find('\n', begin);
        const size_t end = nl == std::string::npos ? text_.size() : nl;
        const Breaks& b = breaks_for(std::string_view(text_).substr(begin, end - begin), broken);
        line_begin_.push_back(begin);
        breaks_.push_back(&b);
        first_visual_.push_back(first_visual_.back() + 1 + b.starts.size());
        if (nl == std::string::npos) break;
        begin = nl + 1;
    }
    forget_unused();
    return broken;
}

WrappedText::Breaks& WrappedText::breaks_for(std::string_view line, size_t& broken) {
    auto it = cache_.find(line);
    if (it == cache_.end()) {
        it = cache_.emplace(std::string(line), Breaks{break_line(line), 0}).first;
        ++broken;
    }
    it->second.used = update_count_;
    return it->second;
}

std::vector<uint32_t> WrappedText::break_line(std::string_view line) const {
    float w = 0;
    for (size_t i = 0; i < line.size() && w <= width_;) w += advance_(utf8::next(line, i));
    if (w <= width_) return {};  // most lines fit: no need for the line breaker
    const std::string scratch = with_stand_ins(line);
    const MeasureFn measure = [this](int, char32_t cp) {
        switch (cp) {
            case kSpaceStandIn: return advance_(U' ');
            case kTabStandIn: return advance_(U'\t');
            case kIdeographicSpaceStandIn: return advance_(0x3000);
            case kNothingStandIn: return 0.0f;
            default: return advance_(cp);
        }
    };
    std::vector<uint32_t> starts;
    const std::vector<Line> lines = break_lines({TextRun{scratch, 0}}, width_, measure);
    for (size_t k = 1; k < lines.size(); ++k)
        if (!lines[k].segments.empty()) starts.push_back(static_cast<uint32_t>(lines[k].segments.front().begin));
    return starts;
}

void WrappedText::forget_unused() {
    std::erase_if(cache_, [this](const auto& entry) { return entry.second.used != update_count_; });
}

size_t WrappedText::line_end(size_t source) const {
    return source + 1 < line_begin_.size() ? line_begin_[source + 1] - 1 : text_.size();
}

size_t WrappedText::source_of_offset(size_t offset) const {
    auto it = std::upper_bound(line_begin_.begin(), line_begin_.end(), offset);
    return static_cast<size_t>(it - line_begin_.begin()) - 1;
}

size_t WrappedText::source_of_visual(size_t visual) const {
    auto it = std::upper_bound(first_visual_.begin(), first_visual_.end(), visual);
    const size_t s = static_cast<size_t>(it - first_visual_.begin()) - 1;
    return std::min(s, source_line_count() - 1);
}

VisualLine WrappedText::visual(size_t v) const {
    const size_t s = source_of_visual(v);
    const size_t k = std::min(v - first_visual_[s], visual_count(s) - 1);
    const std::vector<uint32_t>& starts = breaks_[s]->starts;
    const size_t base = line_begin_[s];
    VisualLine out;
    out.source = s;
    out.begin = k == 0 ? base : base + starts[k - 1];
    out.last_of_source = k == starts.size();
    out.end = out.last_of_source ? line_end(s) : base + starts[k];
    return out;
}

size_t WrappedText::visual_of(Caret c) const {
    const size_t offset = std::min(c.offset, text_.size());
    const size_t s = source_of_offset(offset);
    const std::vector<uint32_t>& starts = breaks_[s]->starts;
    const size_t rel = offset - line_begin_[s];
    size_t k = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), rel) - starts.begin());
    if (c.upstream && k > 0 && starts[k - 1] == rel) --k;
    return first_visual_[s] + k;
}

float WrappedText::x_of(Caret c) const { return x_in(visual(visual_of(c)), c.offset); }

float WrappedText::x_in(const VisualLine& vl, size_t offset) const {
    const size_t to = std::clamp(offset, vl.begin, vl.end);
    float x = 0;
    for (size_t i = vl.begin; i < to;) x += advance_(utf8::next(text_, i));
    return x;
}

Caret WrappedText::caret_at(size_t v, float x) const {
    const VisualLine vl = visual(std::min(v, visual_line_count() - 1));
    float pos = 0;
    for (size_t i = vl.begin; i < vl.end;) {
        const size_t at = i;
        const float a = advance_(utf8::next(text_, i));
        if (x < pos + a / 2) return {at, false};
        pos += a;
    }
    return {vl.end, !vl.last_of_source};
}

// ---- [SECTION] UTF-8 stepping -------------------------------------------------------------------

size_t next_char(std::string_view text, size_t offset) {
    if (offset >= text.size()) return text.size();
    utf8::next(text, offset);
    return offset;
}

size_t prev_char(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    if (offset == 0) return 0;
    size_t start = offset - 1;
    while (start > 0 && offset - start < 4 && is_continuation(text[start])) --start;
    return next_char(text, start) == offset ? start : offset - 1;
}

size_t char_floor(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    if (offset == text.size() || !is_continuation(text[offset])) return offset;  // a lead or ASCII byte starts a character
    size_t lead = offset;
    while (lead > 0 && offset - lead < 3 && is_continuation(text[lead])) --lead;
    return next_char(text, lead) > offset ? lead : offset;  // inside a whole sequence, or a stray byte
}

// ---- [SECTION] Words ----------------------------------------------------------------------------

namespace {

enum class Kind { Newline, Space, Letters, Chinese, Punctuation };

Kind kind_of(char32_t cp) {
    if (cp == U'\n') return Kind::Newline;
    if (utf8::is_space(cp)) return Kind::Space;
    if ((cp >= 0x3000 && cp <= 0x303F) || utf8::is_no_line_start(cp) || utf8::is_no_line_end(cp)) return Kind::Punctuation;
    if (utf8::is_cjk(cp)) return Kind::Chinese;
    if (cp < 0x80) {
        const bool alnum = (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || cp == U'_';
        return alnum ? Kind::Letters : Kind::Punctuation;
    }
    return Kind::Letters;  // other scripts' letters
}

Kind kind_before(std::string_view text, size_t offset) { return kind_of(char_at(text, prev_char(text, offset))); }

size_t skip_back(std::string_view text, size_t offset, Kind kind) {
    while (offset > 0 && kind_before(text, offset) == kind) offset = prev_char(text, offset);
    return offset;
}

size_t skip_forward(std::string_view text, size_t offset, Kind kind) {
    while (offset < text.size() && kind_of(char_at(text, offset)) == kind) offset = next_char(text, offset);
    return offset;
}

}  // namespace

std::pair<size_t, size_t> word_at(std::string_view text, size_t offset) {
    size_t at = char_floor(text, offset);
    if ((at == text.size() || text[at] == '\n') && at > 0 && text[at - 1] != '\n') at = prev_char(text, at);
    if (at == text.size() || text[at] == '\n') return {at, at};
    const Kind kind = kind_of(char_at(text, at));
    if (kind == Kind::Chinese || kind == Kind::Punctuation) return {at, next_char(text, at)};
    return {skip_back(text, at, kind), skip_forward(text, at, kind)};
}

size_t word_left(std::string_view text, size_t offset) {
    offset = char_floor(text, offset);
    if (offset == 0) return 0;
    if (kind_before(text, offset) == Kind::Newline) return offset - 1;
    offset = skip_back(text, offset, Kind::Space);
    if (offset == 0 || kind_before(text, offset) == Kind::Newline) return offset;
    return skip_back(text, offset, kind_before(text, offset));
}

size_t word_right(std::string_view text, size_t offset) {
    offset = char_floor(text, offset);
    if (offset == text.size()) return offset;
    if (text[offset] == '\n') return offset + 1;
    offset = skip_forward(text, offset, Kind::Space);
    if (offset == text.size() || text[offset] == '\n') return offset;
    return skip_forward(text, offset, kind_of(char_at(text, offset)));
}

// ---- [SECTION] Enter ----------------------------------------------------------------------------

namespace {

// A list or quote marker at the start of `rest` (after the indentation): its length with the
// space after it, and what the next line starts with. Length 0: none.
struct Marker {
    size_t length = 0;
    std::string next;
};

Marker marker_of(std::string_view rest) {
    auto followed_by_space = [&](size_t n) { return rest.size() > n && rest[n] == ' '; };
    if (!rest.empty() && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && followed_by_space(1)) {
        for (std::string_view box : {"[ ] ", "[x] ", "[X] "})  // a task list item starts unticked
            if (rest.substr(2, box.size()) == box) return {2 + box.size(), std::string(1, rest[0]) + " [ ] "};
        return {2, std::string(1, rest[0]) + " "};
    }
    if (!rest.empty() && rest[0] == '>' && followed_by_space(1)) return {2, "> "};
    size_t digits = 0;
    while (digits < rest.size() && digits < 9 && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits > 0 && rest.size() > digits && (rest[digits] == '.' || rest[digits] == ')') && followed_by_space(digits + 1)) {
        const long n = std::stol(std::string(rest.substr(0, digits)));
        return {digits + 2, std::to_string(n + 1) + rest[digits] + " "};
    }
    return {};
}

}  // namespace

EnterEdit enter_at(std::string_view line, size_t caret) {
    caret = std::min(caret, line.size());
    const size_t indent = std::min(leading_whitespace(line), caret);
    if (indent == caret) return {0, "\n"};  // at or inside the indentation: the line moves down as it is
    const Marker marker = marker_of(line.substr(indent));
    if (marker.length == 0 || indent + marker.length > caret) return {0, "\n" + std::string(line.substr(0, indent))};
    if (indent + marker.length == line.size()) return {caret, ""};  // an empty item ends the list
    return {0, "\n" + std::string(line.substr(0, indent)) + marker.next};
}

// ---- [SECTION] Input ----------------------------------------------------------------------------

std::string typed_text(std::span<const uint32_t> units) {
    std::string out;
    for (size_t i = 0; i < units.size(); ++i) {
        char32_t cp = units[i];
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate: only with a low one after it
            if (i + 1 == units.size() || units[i + 1] < 0xDC00 || units[i + 1] > 0xDFFF) continue;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (units[++i] - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            continue;
        }
        const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
        if (control || cp == 0xFFFD || cp > 0x10FFFF) continue;
        utf8::append(out, cp);
    }
    return out;
}

std::string pasted_text(std::string_view clipboard) {
    std::string out;
    out.reserve(clipboard.size());
    for (size_t i = 0; i < clipboard.size();) {
        if (clipboard[i] == '\r') {
            out += '\n';
            i += clipboard.substr(i, 2) == "\r\n" ? 2 : 1;
        } else if (clipboard[i] == '\0') {
            ++i;
        } else {
            utf8::append(out, utf8::next(clipboard, i));  // invalid bytes become U+FFFD
        }
    }
    return out;
}

}  // namespace linli
