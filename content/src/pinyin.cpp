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

namespace {

// Every entry's readings, split once, with the set of their first letters (bit 0: a).
struct Readings {
    std::vector<std::string_view> all;
    uint32_t initials = 0;
};
const std::vector<Readings>& split_table() {
    static const std::vector<Readings> table = [] {
        std::vector<Readings> t;
        t.reserve(std::size(kTable));
        for (const Entry& e : kTable) {
            Readings r;
            std::string_view all = e.readings;
            for (size_t at = 0; at <= all.size();) {
                size_t comma = all.find(',', at);
                if (comma == std::string_view::npos) comma = all.size();
                if (comma > at) {
                    r.all.push_back(all.substr(at, comma - at));
                    if (all[at] >= 'a' && all[at] <= 'z') r.initials |= 1u << (all[at] - 'a');
                }
                at = comma + 1;
            }
            t.push_back(std::move(r));
        }
        return t;
    }();
    return table;
}

}  // namespace

std::vector<int> pinyin_lookup(const std::u32string& text) {
    std::vector<int> out;
    out.reserve(text.size());
    for (char32_t c : text) {
        const Entry* e = find(c);
        out.push_back(e ? int(e - std::begin(kTable)) : -1);
    }
    return out;
}

// reach: bit p set when the letters before p are spelt by the characters just read (a match may
// start at any character, so bit 0 is always set). Queries over 63 letters are not pinyin.
bool pinyin_matches(const std::vector<int>& ids, std::string_view letters) {
    const size_t n = letters.size();
    if (n == 0 || n > 63) return false;
    const auto& table = split_table();
    const uint64_t done = uint64_t(1) << n;
    uint64_t reach = 1;
    for (int id : ids) {
        // The positions this character can go on from: where the letter begins one of its
        // readings. Most characters have none, and their readings are not read at all.
        uint64_t from = 0;
        const Readings* readings = id >= 0 ? &table[size_t(id)] : nullptr;
        for (uint64_t bits = readings ? reach : 0; bits; bits &= bits - 1) {
            size_t p = size_t(__builtin_ctzll(bits));
            if (p < n && letters[p] >= 'a' && letters[p] <= 'z' && (readings->initials >> (letters[p] - 'a') & 1)) from |= uint64_t(1) << p;
        }
        if (!from) {
            reach = 1;
            continue;
        }
        uint64_t next = 0;
        for (std::string_view r : readings->all)
            for (uint64_t bits = from; bits; bits &= bits - 1) {
                size_t p = size_t(__builtin_ctzll(bits));
                if (letters[p] != r[0]) continue;
                next |= uint64_t(1) << (p + 1);  // its initial
                if (letters.compare(p, r.size(), r) == 0) next |= uint64_t(1) << (p + r.size());
                if (r.size() >= 2 && r[1] == 'h' && p + 1 < n && letters[p + 1] == 'h') next |= uint64_t(1) << (p + 2);  // zh ch sh
            }
        if (next & done) return true;
        reach = next | 1;
    }
    return false;
}

bool pinyin_matches(const std::u32string& text, std::string_view letters) { return pinyin_matches(pinyin_lookup(text), letters); }

}  // namespace linli
