// Pinyin without an IME: a learner types yeweihui, "ye wei hui" or ywh for 业委会. Readings come
// from the Unihan database (Debian unicode-data), compiled in at build time; every reading of a
// 多音字 is tried, so a title may over-match but never misses.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace linli {

// The toneless readings of an ideograph ("xing", "hang" for 行), usual one first; empty if none.
std::vector<std::string_view> pinyin_readings(char32_t c);

// The letters of a query that may be pinyin: lower-case a–z only, spaces dropped ("ye wei hui"
// -> "yeweihui"); empty when the query has anything else, or fewer than two letters.
std::string pinyin_query(std::string_view query);

// Whether consecutive characters of `text` spell `letters`, each character by one of its full
// readings or by its reading's first letter (ywh, yeweihui, yewh all match 业委会).
bool pinyin_matches(const std::u32string& text, std::string_view letters);

// The same, for a text looked up once (an index keeps its titles so): per character, the index of
// its readings in the table, -1 for a character without any.
std::vector<int> pinyin_lookup(const std::u32string& text);
bool pinyin_matches(const std::vector<int>& looked_up, std::string_view letters);

}  // namespace linli
