#include "content/pinyin.h"

#include <algorithm>
#include <cstdint>

namespace linli {
namespace {

struct Entry {
    uint32_t cp;
    const char* readings;  // "xing,hang"
};

constexpr Entry kTable[] = {
#include "pinyin_table.inc"
};

const Entry* find(char32_t c) {
    auto it = std::lower_bound(std::begin(kTable), std::end(kTable), uint32_t(c),
                               [](const Entry& e, uint32_t cp) { return e.cp < cp; });
    return it != std::end(kTable) && it->cp == c ? it : nullptr;
}

}  // namespace

std::vector<std::string_view> pinyin_readings(char32_t c) {
    std::vector<std::string_view> out;
    const Entry* e = find(c);
    if (!e) return out;
    std::string_view all = e->readings;
    for (size_t at = 0; at <= all.size();) {
        size_t comma = all.find(',', at);
        if (comma == std::string_view::npos) comma = all.size();
        if (comma > at) out.push_back(all.substr(at, comma - at));
        at = comma + 1;
    }
    return out;
}

std::string pinyin_query(std::string_view q) {
    std::string out;
    for (char c : q) {
        if (c == ' ' || c == '\t') continue;
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c < 'a' || c > 'z') return "";
        out += c;
    }
    return out.size() >= 2 ? out : "";
}

bool pinyin_matches(const std::u32string& text, std::string_view letters) {
    if (letters.empty()) return false;
    // reach[p]: the letters before p are spelt by the characters up to here (from some start).
    std::vector<char> reach(letters.size() + 1), next(letters.size() + 1);
    for (char32_t c : text) {
        std::fill(next.begin(), next.end(), 0);
        reach[0] = 1;  // a match may start at any character
        const Entry* e = find(c);
        if (e) {
            std::string_view all = e->readings;
            for (size_t p = 0; p < letters.size(); ++p) {
                if (!reach[p]) continue;
                for (size_t at = 0; at < all.size();) {
                    size_t comma = all.find(',', at);
                    if (comma == std::string_view::npos) comma = all.size();
                    std::string_view r = all.substr(at, comma - at);
                    if (!r.empty() && letters[p] == r[0]) {
                        next[p + 1] = 1;  // its initial
                        if (letters.substr(p, r.size()) == r) next[p + r.size()] = 1;
                        // zh, ch, sh typed as an initial
                        if (r.size() >= 2 && r[1] == 'h' && letters.substr(p, 2) == r.substr(0, 2)) next[p + 2] = 1;
                    }
                    at = comma + 1;
                }
            }
        }
        if (next[letters.size()]) return true;
        std::swap(reach, next);
    }
    return false;
}

}  // namespace linli
