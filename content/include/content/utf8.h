// UTF-8 helpers shared by the parser, search and line breaking.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace linli::utf8 {

// Decodes the code point at s[i] and advances i. Invalid bytes decode as U+FFFD and advance by one.
char32_t next(std::string_view s, size_t& i);

// Appends the UTF-8 encoding of cp.
void append(std::string& out, char32_t cp);

// Byte offset of the first invalid sequence, or npos when s is valid UTF-8.
size_t first_invalid(std::string_view s);

std::vector<char32_t> decode(std::string_view s);
size_t length(std::string_view s);  // in code points

// CJK ideographs, kana, hangul and full-width forms: characters that may break anywhere.
bool is_cjk(char32_t cp);
// Punctuation that must not start a line (，。、）》 …) or end one (（《 …).
bool is_no_line_start(char32_t cp);
bool is_no_line_end(char32_t cp);
bool is_space(char32_t cp);

// ASCII-only lower-casing, which is what SQLite's trigram tokenizer folds too.
char32_t fold(char32_t cp);

}  // namespace linli::utf8
