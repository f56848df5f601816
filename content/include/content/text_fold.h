// Folding text for search, one character to one (so offsets into the folded text are offsets into
// the original): ASCII to lower case, traditional characters to simplified (OpenCC's t2s, Debian
// libopencc, asked at build time for every ideograph). 業委會 and 业委会 fold alike.
#pragma once
#include <string>
#include <string_view>

namespace linli {

char32_t fold_for_search(char32_t c);
std::u32string fold_for_search(std::string_view utf8_text);

}  // namespace linli
