#include "content/text_fold.h"

#include <opencc/opencc.h>

#include <mutex>
#include <vector>

#include "content/utf8.h"

namespace linli {
namespace {

// Traditional -> simplified, character by character, taken once from OpenCC's t2s conversion of
// every CJK ideograph in the BMP. A character that converts to several, or that OpenCC cannot
// load (its data missing), folds to itself.
constexpr char32_t kFirst = 0x3400, kLast = 0x9FFF;  // CJK Extension A and Unified Ideographs

// A flat table over [kFirst, kLast]: folding is one load per character.
const std::vector<char32_t>& t2s() {
    static std::vector<char32_t> map;
    static std::once_flag once;
    std::call_once(once, [] {
        map.resize(kLast - kFirst + 1);
        for (char32_t c = kFirst; c <= kLast; ++c) map[c - kFirst] = c;
        opencc_t cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
        if (cc == reinterpret_cast<opencc_t>(-1)) return;
        std::string all;
        for (char32_t c = kFirst; c <= kLast; ++c) {
            utf8::append(all, c);
            all += '\n';
        }
        if (char* out = opencc_convert_utf8(cc, all.data(), all.size())) {
            std::string_view in_view = all, out_view = out;
            for (size_t i = 0, j = 0; i < in_view.size() && j < out_view.size();) {
                char32_t from = utf8::next(in_view, i), to = utf8::next(out_view, j);
                ++i;  // the '\n'
                if (j < out_view.size() && out_view[j] == '\n') ++j;
                else break;  // lengths differ: stop rather than misalign
                if (from >= kFirst && from <= kLast) map[from - kFirst] = to;
            }
            opencc_convert_utf8_free(out);
        }
        opencc_close(cc);
    });
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
