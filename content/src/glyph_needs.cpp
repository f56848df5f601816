#include "content/glyph_needs.h"

#include <cstdint>

#include "content/image_ref.h"
#include "content/utf8.h"

namespace linli {
namespace {

// A set of code points as bits: a library of 10,000 documents holds millions of characters but
// only a few thousand distinct ones, and sorting them all would cost more than the bake.
class CharSet {
public:
    void add(std::string_view s) {
        for (size_t i = 0; i < s.size();) {
            char32_t c = utf8::next(s, i);
            if (c < 0x110000) bits_[c >> 6] |= uint64_t(1) << (c & 63);
        }
    }
    std::vector<char32_t> list() const {
        std::vector<char32_t> out;
        for (size_t w = 0; w < bits_.size(); ++w)
            for (uint64_t b = bits_[w]; b; b &= b - 1) out.push_back(char32_t(w * 64 + size_t(__builtin_ctzll(b))));
        return out;
    }

private:
    std::vector<uint64_t> bits_ = std::vector<uint64_t>(0x110000 / 64, 0);
};

void add_spans(CharSet& out, const Block& b) {
    for (const Span& s : b.spans) out.add(s.text);
}

struct Sets {
    CharSet body, bold, h1, h2;
};

void walk(Sets& g, const std::vector<Block>& blocks, bool& images) {
    for (const Block& b : blocks) {
        if (b.kind == BlockKind::Heading) {
            add_spans(b.level == 1 ? g.h1 : b.level == 2 ? g.h2 : g.bold, b);
        } else {
            for (const Span& s : b.spans)
                if (s.style & kStrong) g.bold.add(s.text);
        }
        if (b.kind == BlockKind::Image) {
            g.body.add(b.literal);
            images = true;
        }
        walk(g, b.children, images);
    }
}

void add_document(Sets& g, const Document& d, bool& images) {
    const Meta& m = d.meta;
    for (CharSet* s : {&g.body, &g.bold, &g.h1}) s->add(m.title);
    g.body.add(m.summary);
    for (const auto& t : m.tags) g.body.add(t);
    for (const auto& t : m.stakeholders) g.body.add(t);
    g.body.add(d.plain_text);
    walk(g, d.blocks, images);
}

GlyphNeeds lists(Sets& g, bool images) {
    if (images) g.body.add(image_ui_text());  // what the reader shows in place of an image
    return {g.body.list(), g.bold.list(), g.h1.list(), g.h2.list()};
}

}  // namespace

GlyphNeeds glyph_needs(const Library& lib) {
    Sets g;
    bool images = false;
    for (size_t i = 0; i < lib.documents().size(); ++i) add_document(g, *lib.whole(int(i)), images);  // one body in memory at a time
    return lists(g, images);
}

GlyphNeeds glyph_needs(const Document& doc) {
    Sets g;
    bool images = false;
    add_document(g, doc, images);
    return lists(g, images);
}

}  // namespace linli
