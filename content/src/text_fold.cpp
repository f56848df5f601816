#include "content/text_fold.h"

#include <cstdint>
#include <vector>

#include "content/utf8.h"

namespace linli {
namespace {

constexpr char32_t kFirst = 0x3400, kLast = 0x9FFF;  // CJK Extension A and Unified Ideographs

struct Pair {
    uint32_t from, to;
};

// Traditional -> simplified, character by character: generated at build time by asking OpenCC's
// t2s for each ideograph (content/tools/gen_t2s.cpp); a character it turns into several is left.
constexpr Pair kT2S[] = {
#include "t2s_table.inc"
};

// A flat table over [kFirst, kLast]: folding is one load per character.
const std::vector<char32_t>& t2s() {
    static const std::vector<char32_t> map = [] {
        std::vector<char32_t> m(kLast - kFirst + 1);
        for (char32_t c = kFirst; c <= kLast; ++c) m[c - kFirst] = c;
        for (const Pair& p : kT2S)
            if (p.from >= kFirst && p.from <= kLast) m[p.from - kFirst] = p.to;
        return m;
    }();
    return map;
}

}  // namespace

char32_t fold_for_search(char32_t c) {
    if (c < kFirst) return utf8::fold(c);
    return c <= kLast ? t2s()[c - kFirst] : c;
}

std::u32string fold_for_search(std::string_view s) {
    std::u32string out;
    out.reserve(s.size() / 2);
    for (size_t i = 0; i < s.size();) out += fold_for_search(utf8::next(s, i));
    return out;
}

}  // namespace linli
