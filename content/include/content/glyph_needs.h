// Which characters each text style of the reader needs, so the GUI bakes only those glyphs:
// a font atlas of every Chinese character would be 4096x4096 and slow to build.
#pragma once
#include <vector>

#include "content/library.h"

namespace linli {

struct GlyphNeeds {
    std::vector<char32_t> body;  // everything: titles, text, tags, paths of images
    std::vector<char32_t> bold;  // strong spans, level-3+ headings, titles
    std::vector<char32_t> h1;    // level-1 headings and titles
    std::vector<char32_t> h2;    // level-2 headings
};

GlyphNeeds glyph_needs(const Library& lib);
GlyphNeeds glyph_needs(const Document& doc);  // one document's (a saved one, taken in alone)

}  // namespace linli
