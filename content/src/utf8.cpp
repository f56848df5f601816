#include "content/utf8.h"

namespace linli::utf8 {

char32_t next(std::string_view s, size_t& i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) { ++i; return 0xFFFD; }
    if (len == 1) { ++i; return c; }
    char32_t cp = c & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
        unsigned char cc = byte(i + k);
        if ((cc & 0xC0) != 0x80) { ++i; return 0xFFFD; }
        cp = (cp << 6) | (cc & 0x3F);
    }
    static const char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++i; return 0xFFFD; }
    i += len;
    return cp;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

size_t first_invalid(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        size_t at = i;
        unsigned char c = static_cast<unsigned char>(s[i]);
        char32_t cp = next(s, i);
        // A real U+FFFD in the text is three bytes EF BF BD; a decoding failure advances one byte.
        if (cp == 0xFFFD && !(c == 0xEF && i - at == 3)) return at;
    }
    return std::string_view::npos;
}

std::vector<char32_t> decode(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size() / 2);
    for (size_t i = 0; i < s.size();) out.push_back(next(s, i));
    return out;
}

size_t length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool is_cjk(char32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF)     // radicals, punctuation, kana, CJK unified
           || (cp >= 0xAC00 && cp <= 0xD7AF)  // hangul
           || (cp >= 0xF900 && cp <= 0xFAFF)  // compatibility ideographs
           || (cp >= 0xFE30 && cp <= 0xFE4F)  // compatibility forms
           || (cp >= 0xFF00 && cp <= 0xFFEF)  // full-width forms
           || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool is_no_line_start(char32_t cp) {
    switch (cp) {
        case U'，': case U'。': case U'、': case U'；': case U'：': case U'？': case U'！':
        case U'）': case U'》': case U'」': case U'』': case U'】': case U'〕': case U'〉':
        case U'”': case U'’': case U'…': case U'·': case U'%': case U'．': case U'～':
        case U',': case U'.': case U';': case U':': case U'?': case U'!': case U')': case U']':
            return true;
        default:
            return false;
    }
}

bool is_no_line_end(char32_t cp) {
    switch (cp) {
        case U'（': case U'《': case U'「': case U'『': case U'【': case U'〔': case U'〈':
        case U'“': case U'‘': case U'(': case U'[':
            return true;
        default:
            return false;
    }
}

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x3000; }

char32_t fold(char32_t cp) { return (cp >= U'A' && cp <= U'Z') ? cp + 32 : cp; }

}  // namespace linli::utf8
