// The payload reader: JSON text read as nlohmann::json would read it, without building a
// document. A unit test compares the two on 100,000 mutated payloads.
//
// [SECTION] Reader: the cursor over the text (objects, arrays, strings, literals)
// [SECTION] Numbers, converted as nlohmann converts them
// [SECTION] Payload: members, lookups, unescaping
// [SECTION] The shape of review and note payloads
#include "sync/payload.h"

#include <locale.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "sync/event.h"
#include "sync/ids.h"

namespace linli {
namespace derived {
namespace {

// [SECTION] Reader: the cursor over the text (objects, arrays, strings, literals)

// A cursor over JSON text following RFC 8259 as nlohmann's lexer does (a leading UTF-8 BOM is
// skipped, strings must be valid UTF-8, numbers that overflow a double are an error).
struct Reader {
    const char* p;
    const char* end;

    bool at_end() const { return p == end; }
    void ws() {
        while (p != end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) ++p;
    }
    bool eat(char c) {
        if (p == end || *p != c) return false;
        ++p;
        return true;
    }
    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    bool u4(unsigned& cp) {
        if (end - p < 4) return false;
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            int h = hex(*p++);
            if (h < 0) return false;
            cp = cp << 4 | unsigned(h);
        }
        return true;
    }
    bool cont(unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        if (p == end || static_cast<unsigned char>(*p) < lo || static_cast<unsigned char>(*p) > hi) return false;
        ++p;
        return true;
    }
    // After the opening quote; `raw` is the text up to the closing one.
    bool string(std::string_view& raw, bool& escaped) {
        const char* start = p;
        escaped = false;
        while (p != end) {
            unsigned char c = static_cast<unsigned char>(*p++);
            if (c == '"') {
                raw = std::string_view(start, size_t(p - 1 - start));
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                escaped = true;
                if (p == end) return false;
                char e = *p++;
                if (e == 'u') {
                    unsigned cp;
                    if (!u4(cp)) return false;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (!eat('\\') || !eat('u') || !u4(cp) || cp < 0xDC00 || cp > 0xDFFF) return false;
                    }
                } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                    return false;
                }
            } else if (c >= 0x80) {
                bool ok = c >= 0xC2 && c <= 0xDF   ? cont()
                          : c == 0xE0              ? cont(0xA0) && cont()
                          : c >= 0xE1 && c <= 0xEC ? cont() && cont()
                          : c == 0xED              ? cont(0x80, 0x9F) && cont()
                          : c >= 0xEE && c <= 0xEF ? cont() && cont()
                          : c == 0xF0              ? cont(0x90) && cont() && cont()
                          : c >= 0xF1 && c <= 0xF3 ? cont() && cont() && cont()
                          : c == 0xF4              ? cont(0x80, 0x8F) && cont() && cont()
                                                   : false;
                if (!ok) return false;
            }
        }
        return false;
    }
    static bool digit(char c) { return c >= '0' && c <= '9'; }
    bool number(std::string_view& raw, bool& integral) {
        const char* start = p;
        eat('-');
        if (eat('0')) {
        } else if (p != end && *p >= '1' && *p <= '9') {
            while (p != end && digit(*p)) ++p;
        } else {
            return false;
        }
        integral = true;
        if (eat('.')) {
            integral = false;
            if (p == end || !digit(*p)) return false;
            while (p != end && digit(*p)) ++p;
        }
        if (p != end && (*p == 'e' || *p == 'E')) {
            integral = false;
            ++p;
            if (!eat('+')) eat('-');
            if (p == end || !digit(*p)) return false;
            while (p != end && digit(*p)) ++p;
        }
        raw = std::string_view(start, size_t(p - start));
        return true;
    }
    bool literal(std::string_view word) {
        if (size_t(end - p) < word.size() || std::string_view(p, word.size()) != word) return false;
        p += word.size();
        return true;
    }
    // Any value, nested ones included, without keeping it.
    bool skip_value() {
        std::vector<char> open;  // the closers expected, innermost last
        for (;;) {
            ws();
            if (p == end) return false;
            char c = *p;
            std::string_view raw;
            bool flag;
            if (c == '{' || c == '[') {
                ++p;
                ws();
                if (eat(c == '{' ? '}' : ']')) goto after;
                open.push_back(c == '{' ? '}' : ']');
                if (c == '{') {
                    if (!eat('"') || !string(raw, flag)) return false;
                    ws();
                    if (!eat(':')) return false;
                }
                continue;
            }
            if (c == '"') {
                ++p;
                if (!string(raw, flag)) return false;
            } else if (c == '-' || digit(c)) {
                if (!number(raw, flag) || !finite(raw, flag)) return false;  // checked, not kept
            } else if (!literal("true") && !literal("false") && !literal("null")) {
                return false;
            }
        after:
            for (;;) {
                if (open.empty()) return true;
                ws();
                if (eat(open.back())) {
                    open.pop_back();
                    continue;
                }
                if (!eat(',')) return false;
                if (open.back() == '}') {
                    ws();
                    if (!eat('"') || !string(raw, flag)) return false;
                    ws();
                    if (!eat(':')) return false;
                }
                break;
            }
        }
    }
    static bool finite(std::string_view raw, bool integral);
};

locale_t c_locale() {
    static locale_t loc = newlocale(LC_ALL_MASK, "C", locale_t(0));
    return loc;
}

}  // namespace

// [SECTION] Numbers, converted as nlohmann converts them

// Numbers are converted as nlohmann does: an integer to int64 (negative) or uint64, or, out of
// their range, like any other number to the nearest double (from_chars rounds correctly, as
// strtod does); a double that overflows is an error.
struct NumberReader {
    static bool read(std::string_view raw, bool integral, Payload::Member& m) {
        const char* b = raw.data();
        const char* e = b + raw.size();
        if (integral && raw[0] == '-') {
            if (std::from_chars(b, e, m.i).ec == std::errc()) return m.type = Payload::Integer, true;
        } else if (integral) {
            if (std::from_chars(b, e, m.u).ec == std::errc()) return m.type = Payload::Unsigned, true;
        }
        auto r = std::from_chars(b, e, m.d);
        if (r.ec == std::errc::result_out_of_range)  // strtod's answer: ±inf, or 0 or a denormal
            m.d = strtod_l(std::string(raw).c_str(), nullptr, c_locale());
        else if (r.ec != std::errc() || r.ptr != e)
            return false;
        m.type = Payload::Real;
        return std::isfinite(m.d);
    }
    static bool valid(std::string_view raw, bool integral) {
        Payload::Member m;
        return read(raw, integral, m);
    }
    // A member's type, for the payload checks at the end of this file: the public lookups turn a
    // missing or mistyped member into "" or 0, which the checks must tell from a real "" or 0.
    enum Shape { Missing, String, Integer, Other };
    static Shape shape(const Payload& p, std::string_view key) {
        const Payload::Member* m = p.find(key);
        if (!m) return Missing;
        if (m->type == Payload::String) return String;
        if (m->type == Payload::Integer || m->type == Payload::Unsigned) return Integer;
        return Other;
    }
};

namespace {
bool Reader::finite(std::string_view raw, bool integral) { return NumberReader::valid(raw, integral); }
}  // namespace

// [SECTION] Payload: members, lookups, unescaping

bool Payload::parse(std::string_view json) { return ok_ = read_members(json); }

bool Payload::read_members(std::string_view json) {
    members_.clear();
    Reader r{json.data(), json.data() + json.size()};
    if (json.substr(0, 3) == "\xEF\xBB\xBF") r.p += 3;
    r.ws();
    if (!r.eat('{')) return false;
    r.ws();
    if (!r.eat('}')) {
        for (;;) {
            Member m;
            r.ws();
            if (!r.eat('"') || !r.string(m.key, m.key_escaped)) return false;
            r.ws();
            if (!r.eat(':')) return false;
            r.ws();
            if (r.eat('"')) {
                if (!r.string(m.value, m.value_escaped)) return false;
                m.type = String;
            } else if (!r.at_end() && (*r.p == '-' || Reader::digit(*r.p))) {
                bool integral;
                if (!r.number(m.value, integral) || !NumberReader::read(m.value, integral, m)) return false;
            } else {
                if (!r.skip_value()) return false;
                m.type = Other;
            }
            members_.push_back(m);
            r.ws();
            if (r.eat('}')) break;
            if (!r.eat(',')) return false;
        }
    }
    r.ws();
    return r.at_end();
}

const Payload::Member* Payload::find(std::string_view key) const {
    for (auto it = members_.rbegin(); it != members_.rend(); ++it)  // the last one wins
        if (it->key_escaped ? unescape(it->key) == key : it->key == key) return &*it;
    return nullptr;
}

std::string Payload::str(std::string_view key) const {
    const Member* m = find(key);
    if (!m || m->type != String) return {};
    return m->value_escaped ? unescape(m->value) : std::string(m->value);
}

std::string_view Payload::str_view(std::string_view key, std::string& scratch) const {
    const Member* m = find(key);
    if (!m || m->type != String) return {};
    if (!m->value_escaped) return m->value;
    scratch = unescape(m->value);
    return scratch;
}

int64_t Payload::integer(std::string_view key) const {
    const Member* m = find(key);
    if (!m || (m->type != Integer && m->type != Unsigned)) return 0;
    return m->type == Integer ? m->i : static_cast<int64_t>(m->u);
}

std::optional<double> Payload::number(std::string_view key) const {
    const Member* m = find(key);
    if (!m) return std::nullopt;
    switch (m->type) {
        case Integer: return static_cast<double>(m->i);
        case Unsigned: return static_cast<double>(m->u);
        case Real: return m->d;
        default: return std::nullopt;
    }
}

std::string unescape(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    auto put = [&](unsigned cp) {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | cp >> 6);
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | cp >> 12);
            out += char(0x80 | (cp >> 6 & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | cp >> 18);
            out += char(0x80 | (cp >> 12 & 0x3F));
            out += char(0x80 | (cp >> 6 & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    };
    auto hex4 = [&](size_t at) {
        unsigned cp = 0;
        for (size_t i = at; i < at + 4; ++i) cp = cp << 4 | unsigned(Reader::hex(raw[i]));
        return cp;
    };
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            out += raw[i];
            continue;
        }
        char e = raw[++i];
        switch (e) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned cp = hex4(i + 1);
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {  // a pair: \uD8xx\uDCxx
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(i + 3) - 0xDC00);
                    i += 6;
                }
                put(cp);
                break;
            }
            default: out += e;  // " \ /
        }
    }
    return out;
}

// [SECTION] The shape of review and note payloads

namespace {

bool is_string(const Payload& p, std::string_view key) { return NumberReader::shape(p, key) == NumberReader::String; }

// An integer in [lo, hi]. A large unsigned one wraps negative in Payload::integer, so is refused.
bool is_integer(const Payload& p, std::string_view key, int64_t lo, int64_t hi) {
    if (NumberReader::shape(p, key) != NumberReader::Integer) return false;
    const int64_t v = p.integer(key);
    return v >= lo && v <= hi;
}

// A string of 1..max bytes (after unescaping).
bool is_text(const Payload& p, std::string_view key, size_t min, size_t max) {
    if (!is_string(p, key)) return false;
    std::string scratch;
    const size_t n = p.str_view(key, scratch).size();
    return n >= min && n <= max;
}

const char* review_problem(std::string_view kind, const Payload& p) {
    if (kind == event_kind::kReviewGraded) {
        if (!is_integer(p, "g", 1, 4)) return "复习评分不是 1 到 4 (a review's grade is not 1 to 4)";
        if (!is_text(p, "doc", 1, kMaxSubject)) return "复习记录没有文档 (a review names no document)";
        return nullptr;
    }
    if (!is_string(p, "device") || !is_id(p.str("device")) || !is_integer(p, "seq", 1, INT64_MAX))
        return "撤销复习时没有指明哪一次 (an undone review does not name the review it takes back)";
    return nullptr;
}

const char* note_problem(std::string_view kind, const Payload& p) {
    if (kind == event_kind::kNoteDeleted) return nullptr;
    if (!is_text(p, "doc", 1, kMaxSubject)) return "笔记没有文档 (a note names no document)";
    if (!is_integer(p, "block", 0, INT32_MAX)) return "笔记的段落位置不是非负整数 (a note's block is not a whole number >= 0)";
    if (!is_string(p, "quote")) return "笔记没有摘录 (a note has no quote)";
    if (!is_text(p, "quote", 0, kMaxQuote)) return "笔记的摘录超过 1000 字节 (a note's quote is over 1000 bytes)";
    if (!is_string(p, "text")) return "笔记没有正文 (a note has no text)";
    if (!is_text(p, "text", 0, kMaxNoteText)) return "笔记的正文超过 2000 字节 (a note's text is over 2000 bytes)";
    if (!is_text(p, "color", 0, kMaxColor)) return "笔记的颜色不是短的文字 (a note's color is not a short key)";
    return nullptr;
}

}  // namespace

}  // namespace derived

namespace {
bool is_review(std::string_view kind) { return kind == event_kind::kReviewGraded || kind == event_kind::kReviewUndone; }
bool is_note(std::string_view kind) { return kind == event_kind::kNotePut || kind == event_kind::kNoteDeleted; }
}  // namespace

const char* payload_problem(std::string_view kind, const derived::Payload& p) {
    if ((is_review(kind) || is_note(kind)) && !p.ok())
        return "复习或笔记记录的数据不是 JSON 对象 (a review or note event's data is not a JSON object)";
    if (is_review(kind)) return derived::review_problem(kind, p);
    if (is_note(kind)) return derived::note_problem(kind, p);
    return nullptr;
}

const char* subject_problem(std::string_view kind, std::string_view subject) {
    if (is_review(kind) && subject.empty()) return "复习记录没有卡片 (a review names no card)";
    if (is_note(kind) && !is_id(subject)) return "笔记编号不是 32 位十六进制 (a note id is not 32 hex digits)";
    return nullptr;
}

}  // namespace linli
