// Draws a parsed Document: flattens its blocks once, lays them out once per width and text size
// (CJK-aware line breaking), and each frame draws only the lines in view. Never re-parses.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "content/document.h"
#include "content/line_break.h"
#include "fonts.h"
#include "image_cache.h"
#include "theme.h"

namespace linli::gui {

class MarkdownView {
public:
    using LinkFn = std::function<void(const Link&)>;

    // Shows the whole document, or only `blocks` of it (a drill node's scene, an ending's debrief).
    MarkdownView(const Document& doc, ImageCache& images, const Palette& palette);
    MarkdownView(const Document& doc, const std::vector<const Block*>& blocks, ImageCache& images, const Palette& palette);

    // Draws inside the current window at the cursor and advances it by the document's height.
    void draw(const Fonts& fonts, const LinkFn& on_link);
    float height() const { return layout_height_; }

private:
    enum class ItemKind { Text, Code, Rule, Image };
    enum FontRole { kBody = 0, kBold = 1, kH1 = 2, kH2 = 3 };
    struct Item {
        ItemKind kind = ItemKind::Text;
        int role = kBody;           // heading role for the whole item
        int depth = 0;              // list nesting
        int quote = 0;              // quote nesting
        std::string prefix;         // "•" or "3." for a list item's first paragraph
        const Block* block = nullptr;
        float space_before = 0;     // in ems
    };
    struct Placed {
        float y = 0, h = 0;
        std::vector<TextRun> runs;
        std::vector<Line> lines;
        // Image: what the layout saw; a placeholder's text (the runs point into it).
        Texture::State image_state = Texture::State::Pending;
        unsigned texture = 0;
        float image_w = 0;
        std::string placeholder;
    };

    void flatten(const std::vector<Block>& blocks, int depth, int quote);
    void flatten_block(const Block& b, int depth, int quote);
    void relayout(const Fonts& fonts, float width);
    bool images_changed();  // has any image this view shows changed state since the layout?
    ImFont* font_for(const Fonts& fonts, int role, unsigned style) const;

    const Document& doc_;
    ImageCache& images_;
    const Palette& palette_;  // the app's: it changes in place with the theme
    std::vector<Item> items_;
    std::vector<Placed> placed_;
    float layout_width_ = -1, layout_size_ = -1, layout_height_ = 0;
    bool has_images_ = false;
    uint64_t layout_images_ = 0;  // the image cache's generation at the layout
    const Fonts* layout_fonts_ = nullptr;
    int layout_font_generation_ = -1;  // another atlas measures glyphs differently
};

}  // namespace linli::gui
