// The spread charts as a PNG: a small software renderer (an RGBA buffer, filled rectangles, text
// rasterised with stb_truetype from the system's Noto Sans CJK) and stb_image_write for the file.
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "content/utf8.h"
#include "core/cjk_font.h"
#include "core/workshop_export.h"

// Our own static copy: libstb exports stbtt_* too, and the two must not meet at link time.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_truetype.h>
#pragma GCC diagnostic pop

namespace linli {
namespace {

struct Rgb {
    uint8_t r, g, b;
};
constexpr Rgb kWhite{255, 255, 255}, kText{31, 35, 40}, kGrey{87, 96, 106}, kBar{122, 156, 198}, kTaken{217, 130, 43},
    kTrack{238, 241, 245}, kRule{208, 215, 222};

class Canvas {
public:
    Canvas(int w, int h) : w_(w), h_(h), px_(size_t(w) * size_t(h) * 4, 255) {}
    int width() const { return w_; }
    const unsigned char* data() const { return px_.data(); }

    void fill(int x, int y, int w, int h, Rgb c) {
        for (int yy = std::max(0, y); yy < std::min(h_, y + h); ++yy)
            for (int xx = std::max(0, x); xx < std::min(w_, x + w); ++xx) blend(xx, yy, 255, c);
    }
    // Glyph coverage over what is there: antialiased edges on any background.
    void blend(int x, int y, int coverage, Rgb c) {
        if (x < 0 || y < 0 || x >= w_ || y >= h_ || coverage <= 0) return;
        unsigned char* p = &px_[(size_t(y) * size_t(w_) + size_t(x)) * 4];
        auto mix = [&](unsigned char& dst, uint8_t src) { dst = uint8_t(dst + (int(src) - int(dst)) * coverage / 255); };
        mix(p[0], c.r), mix(p[1], c.g), mix(p[2], c.b);
        p[3] = 255;
    }

private:
    int w_, h_;
    std::vector<unsigned char> px_;
};

class Text {
public:
    bool init(const unsigned char* data, int index) {
        int offset = stbtt_GetFontOffsetForIndex(data, index);
        return offset >= 0 && stbtt_InitFont(&font_, data, offset) != 0;
    }

    float width(std::string_view s, float px) const { return layout(nullptr, s, 0, 0, px, kText); }
    float draw(Canvas& c, std::string_view s, float x, float baseline, float px, Rgb color) const {
        return layout(&c, s, x, baseline, px, color);
    }
    // `s` cut with … so that it fits in max_w.
    std::string fit(const std::string& s, float px, float max_w) const {
        if (width(s, px) <= max_w) return s;
        std::vector<char32_t> cps = utf8::decode(s);
        while (!cps.empty()) {
            cps.pop_back();
            std::string t;
            for (char32_t cp : cps) utf8::append(t, cp);
            t += "…";
            if (width(t, px) <= max_w) return t;
        }
        return "…";
    }

private:
    struct Glyph {
        int x0 = 0, y0 = 0, w = 0, h = 0;
        std::vector<unsigned char> coverage;
    };

    // Each glyph is rasterised once per size, at whole pixels: a debrief draws the same few hundred
    // characters thousands of times.
    const Glyph& glyph_bitmap(int glyph, float px, float scale) const {
        uint64_t key = uint64_t(uint32_t(glyph)) << 16 | uint64_t(px * 4);
        auto it = glyphs_.find(key);
        if (it != glyphs_.end()) return it->second;
        Glyph g;
        int x1 = 0, y1 = 0;
        stbtt_GetGlyphBitmapBox(&font_, glyph, scale, scale, &g.x0, &g.y0, &x1, &y1);
        g.w = std::max(0, x1 - g.x0), g.h = std::max(0, y1 - g.y0);
        g.coverage.assign(size_t(g.w) * size_t(g.h), 0);
        if (g.w > 0 && g.h > 0) stbtt_MakeGlyphBitmap(&font_, g.coverage.data(), g.w, g.h, g.w, scale, scale, glyph);
        return glyphs_.emplace(key, std::move(g)).first->second;
    }

    // Measures `s`, drawing it too when there is a canvas; returns the pen's end.
    float layout(Canvas* c, std::string_view s, float x, float baseline, float px, Rgb color) const {
        float scale = stbtt_ScaleForMappingEmToPixels(&font_, px);
        float pen = x;
        int prev = 0;
        for (size_t i = 0; i < s.size();) {
            char32_t cp = utf8::next(s, i);
            int glyph = stbtt_FindGlyphIndex(&font_, int(cp));
            if (prev) pen += scale * float(stbtt_GetGlyphKernAdvance(&font_, prev, glyph));
            int advance = 0, bearing = 0;
            stbtt_GetGlyphHMetrics(&font_, glyph, &advance, &bearing);
            if (c) {
                const Glyph& g = glyph_bitmap(glyph, px, scale);
                int ox = int(std::lround(pen)) + g.x0, oy = int(std::lround(baseline)) + g.y0;
                for (int yy = 0; yy < g.h; ++yy)
                    for (int xx = 0; xx < g.w; ++xx) c->blend(ox + xx, oy + yy, g.coverage[size_t(yy * g.w + xx)], color);
            }
            pen += scale * float(advance);
            prev = glyph;
        }
        return pen;
    }

    stbtt_fontinfo font_{};
    mutable std::unordered_map<uint64_t, Glyph> glyphs_;
};

// The layout, in pixels. Sizes chosen to read well when the PNG is shown at half size in a chat.
constexpr int kWidth = 1200, kMargin = 48, kBarMax = 440, kMaxDecisions = 60;
constexpr float kTitlePx = 28, kHeadPx = 24, kLabelPx = 22, kSmallPx = 20;
constexpr int kHeader = 96, kDecisionHead = 48, kOptionRow = 74, kDecisionGap = 36, kFooter = 40;

int decision_height(const DebriefDecision& d) { return kDecisionHead + kOptionRow * int(d.labels.size()) + kDecisionGap; }

std::string short_label(const std::string& s) {
    std::vector<char32_t> cps = utf8::decode(s);
    std::string out;
    for (size_t i = 0; i < cps.size() && i < 24; ++i) utf8::append(out, cps[i] == '\n' ? U' ' : cps[i]);
    return cps.size() > 24 ? out + "…" : out;
}

std::string mmss(int seconds) {
    seconds = std::max(0, seconds);
    std::string ss = std::to_string(seconds % 60);
    return std::to_string(seconds / 60) + ":" + (ss.size() < 2 ? "0" : "") + ss;
}

// Returns the y below the decision.
int draw_decision(Canvas& c, const Text& t, const DebriefDecision& d, size_t number, int y) {
    const float right = float(kWidth - kMargin);
    std::string head = std::to_string(number) + ". 「" + d.node_title + "」（" + (d.round == Round::Direction ? "方向" : "方案") + "）";
    std::string meta = "  " + d.how + " · " + mmss(d.seconds);
    float meta_w = t.width(meta, kSmallPx);
    float x = t.draw(c, t.fit(head, kHeadPx, right - kMargin - meta_w), kMargin, float(y + 30), kHeadPx, kText);
    t.draw(c, t.fit(meta, kSmallPx, right - x), x, float(y + 30), kSmallPx, kGrey);
    y += kDecisionHead;

    int total = 0;
    for (const auto& v : d.voters) total += int(v.size());
    for (size_t i = 0; i < d.labels.size(); ++i) {
        bool taken = !d.taken.empty() && d.labels[i] == d.taken;
        int votes = i < d.voters.size() ? int(d.voters[i].size()) : 0;
        float lx = t.draw(c, std::to_string(i + 1) + ". " + short_label(d.labels[i]), kMargin, float(y + 24), kLabelPx, kText);
        if (taken) t.draw(c, "（采用）", lx, float(y + 24), kLabelPx, kTaken);
        int bar_y = y + 34;
        c.fill(kMargin, bar_y, kBarMax, 28, kTrack);
        int w = total > 0 ? int(std::lround(double(kBarMax) * votes / total)) : 0;
        c.fill(kMargin, bar_y, w, 28, taken ? kTaken : kBar);
        float cx = t.draw(c, std::to_string(votes) + " 票", float(kMargin + kBarMax + 16), float(bar_y + 22), kLabelPx, kText);
        std::string names = i < d.voters.size() ? list_names(d.voters[i]) : std::string();
        if (!names.empty()) t.draw(c, t.fit(names, kSmallPx, right - cx - 16), cx + 16, float(bar_y + 22), kSmallPx, kGrey);
        y += kOptionRow;
    }
    y += kDecisionGap / 2;
    c.fill(kMargin, y, kWidth - 2 * kMargin, 1, kRule);
    return y + kDecisionGap / 2;
}

bool fail(std::string* error, const std::string& message) {
    if (error) *error = message;
    return false;
}

}  // namespace

bool write_spread_png(const WorkshopDebrief& d, const std::filesystem::path& file, std::string* error) {
    FontFace face = find_cjk_font(false);
    if (face.file.empty())
        return fail(error, "找不到中文字体，请安装 fonts-noto-cjk / no Chinese font found: install fonts-noto-cjk");
    MappedFile mapped;
    Text text;
    if (!mapped.open(face.file) || !text.init(static_cast<const unsigned char*>(mapped.data()), face.index))
        return fail(error, "无法读取字体 " + face.file + " / cannot read the font " + face.file);

    // The decisions two or more groups voted on: after a parallel split each group's own ballots
    // have one vote each, which the path in the debrief tells better than a bar.
    std::vector<const DebriefDecision*> room;
    for (const DebriefDecision& dec : d.decisions) {
        size_t voted = 0;
        for (const auto& v : dec.voters) voted += v.size();
        if (voted >= 2) room.push_back(&dec);
    }
    if (room.empty())
        for (const DebriefDecision& dec : d.decisions) room.push_back(&dec);
    // Sixty decisions is far beyond a real workshop; the cap keeps the image (and its memory) bounded.
    size_t shown = std::min(room.size(), size_t(kMaxDecisions));
    int height = kHeader + kFooter;
    for (size_t i = 0; i < shown; ++i) height += decision_height(*room[i]);

    Canvas c(kWidth, height);
    const float right = float(kWidth - kMargin);
    c.fill(0, 0, kWidth, height, kWhite);
    text.draw(c, text.fit("工作坊复盘：" + d.drill_title, kTitlePx, right - kMargin), kMargin, 48, kTitlePx, kText);
    text.draw(c, text.fit("各决定的分布 Spread of the votes · " + std::to_string(d.groups.size()) + " 个小组", kSmallPx,
                          right - kMargin),
              kMargin, 80, kSmallPx, kGrey);
    int y = kHeader;
    for (size_t i = 0; i < shown; ++i) y = draw_decision(c, text, *room[i], i + 1, y);
    if (shown < room.size())
        text.draw(c, "还有 " + std::to_string(room.size() - shown) + " 个决定没有画出 (more decisions not drawn)",
                  kMargin, float(y + 26), kSmallPx, kGrey);

    stbi_flip_vertically_on_write(0);  // a process-wide flag: the window's screenshots set it
    stbi_write_png_compression_level = 3;  // the default 8 takes seconds on a tall chart, for a few % less
    if (!stbi_write_png(file.c_str(), c.width(), height, 4, c.data(), c.width() * 4))
        return fail(error, "无法写入 " + file.string() + " / cannot write " + file.string());
    return true;
}

}  // namespace linli
