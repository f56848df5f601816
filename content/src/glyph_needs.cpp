#include "content/glyph_needs.h"

#include <algorithm>

#include "content/utf8.h"

namespace linli {
namespace {

void add(std::vector<char32_t>& out, std::string_view s) {
    for (size_t i = 0; i < s.size();) out.push_back(utf8::next(s, i));
}

void add_spans(std::vector<char32_t>& out, const Block& b) {
    for (const Span& s : b.spans) add(out, s.text);
}

void walk(GlyphNeeds& g, const std::vector<Block>& blocks) {
    for (const Block& b : blocks) {
        if (b.kind == BlockKind::Heading) {
            add_spans(b.level == 1 ? g.h1 : b.level == 2 ? g.h2 : g.bold, b);
        } else {
            for (const Span& s : b.spans)
                if (s.style & kStrong) add(g.bold, s.text);
        }
        walk(g, b.children);
    }
}

void sort_unique(std::vector<char32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

GlyphNeeds glyph_needs(const Library& lib) {
    GlyphNeeds g;
    g.body = lib.used_codepoints();
    for (const Document& d : lib.documents()) {
        add(g.bold, d.meta.title);
        add(g.h1, d.meta.title);
        walk(g, d.blocks);
    }
    sort_unique(g.bold);
    sort_unique(g.h1);
    sort_unique(g.h2);
    return g;
}

}  // namespace linli
