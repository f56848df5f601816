#include "fonts.h"

#include <imgui_freetype.h>


#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include "content/utf8.h"

namespace linli::gui {

// One baked atlas with what it must keep: the ranges it was built from.
struct Fonts::Baked {
    std::unique_ptr<ImFontAtlas> atlas = std::make_unique<ImFontAtlas>();
    ImVector<ImWchar> ranges[kRoles];
    ImFont* font[kRoles] = {};
    float size = 0;
    // ImGui 1.86 copies font data it does not own (20 MB per font from a .ttc), so the atlas is
    // told it owns our mapping; before the atlas would free it, ownership is taken back here.
    ~Baked() {
        for (ImFontConfig& cfg : atlas->ConfigData) cfg.FontDataOwnedByAtlas = false;
    }
};

ImFontAtlas* Fonts::atlas() { return current_->atlas.get(); }
float Fonts::size() const { return current_->size; }

Fonts::Fonts() : current_(std::make_unique<Baked>()) {}
Fonts::~Fonts() {
    if (pending_.valid()) pending_.wait();
}

bool Fonts::init() {
    regular_face_ = find_cjk_font(false);
    bold_face_ = find_cjk_font(true);
    if (regular_face_.file.empty()) {
        error_ = "no Chinese font found: install fonts-noto-cjk";
        return false;
    }
    if (bold_face_.file.empty()) bold_face_ = regular_face_;
    if (!regular_file_.open(regular_face_.file)) {
        error_ = "cannot read the font " + regular_face_.file;
        return false;
    }
    if (!bold_file_.open(bold_face_.file)) bold_file_.open(regular_face_.file);
    // ASCII and the symbols the UI draws itself are always present.
    std::string base;
    for (char c = 0x20; c < 0x7F; ++c) base += c;
    add_to_all(base + "…·—↑↓←→●○•✓×▶、，。：（）–");
    return true;
}

bool Fonts::add_chars(Role role, const std::vector<char32_t>& cps) {
    auto& chars = chars_[role];
    size_t before = chars.size();
    for (char32_t c : cps)
        if (c >= 0x20 && c <= 0xFFFF && c != 0xFFFD) chars.push_back(c);  // ImWchar is 16-bit in Debian's build
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
    return chars.size() != before;
}

bool Fonts::add_to_all(std::string_view text) {
    auto cps = utf8::decode(text);
    bool added = false;
    for (int r = 0; r < kDisplay; ++r) added |= add_chars(static_cast<Role>(r), cps);
    return added;
}

bool Fonts::covers(std::string_view text) const {
    const auto& chars = chars_[kBody];
    for (size_t i = 0; i < text.size();) {
        char32_t c = utf8::next(text, i);
        if (c >= 0x20 && c <= 0xFFFF && !std::binary_search(chars.begin(), chars.end(), c)) return false;
    }
    return true;
}

std::unique_ptr<Fonts::Baked> Fonts::bake(const RoleChars& chars, float size_px) const {
    auto baked = std::make_unique<Baked>();
    baked->size = size_px;
    ImFontAtlas* atlas = baked->atlas.get();
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;

    auto add = [&](Role role, const FontFace& face, const MappedFile& file, float px) {
        // Ranges are pairs of inclusive bounds; consecutive characters merge.
        const Chars& cs = chars[role];
        auto& ranges = baked->ranges[role];
        for (size_t i = 0; i < cs.size();) {
            size_t j = i;
            while (j + 1 < cs.size() && cs[j + 1] == cs[j] + 1) ++j;
            ranges.push_back(static_cast<ImWchar>(cs[i]));
            ranges.push_back(static_cast<ImWchar>(cs[j]));
            i = j + 1;
        }
        ranges.push_back(0);
        ImFontConfig cfg;
        cfg.FontNo = face.index;
        cfg.OversampleH = cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        cfg.FontDataOwnedByAtlas = true;  // so ImGui does not copy it; see ~Baked()
        baked->font[role] = atlas->AddFontFromMemoryTTF(file.data(), static_cast<int>(file.size()), px, &cfg, ranges.Data);
    };
    add(kBody, regular_face_, regular_file_, size_px);
    add(kBold, bold_face_, bold_file_, size_px);
    add(kH1, bold_face_, bold_file_, std::round(size_px * 1.55f));
    add(kH2, bold_face_, bold_file_, std::round(size_px * 1.25f));
    if (!chars[kDisplay].empty()) add(kDisplay, bold_face_, bold_file_, std::round(size_px * kDisplayScale));
    atlas->Build();
    // The glyphs are in the atlas now: the pages of the font files read for them (tens of MB for
    // thousands of CJK glyphs) are let go until the next bake reads them again.
    regular_file_.release_pages();
    bold_file_.release_pages();
    return baked;
}

void Fonts::use(std::unique_ptr<Baked> baked) {
    current_ = std::move(baked);
    body = current_->font[kBody];
    bold = current_->font[kBold];
    h1 = current_->font[kH1];
    h2 = current_->font[kH2];
    display = current_->font[kDisplay] ? current_->font[kDisplay] : h1;
    ++generation_;
}

void Fonts::build(float size_px) {
    if (pending_.valid()) pending_.get();  // dropped: it would be older than this one
    requested_ = 0;
    use(bake(chars_, size_px));
}

void Fonts::bake_in_background(float size_px, std::function<void()> on_done) {
    on_done_ = std::move(on_done);
    if (pending_.valid()) {
        requested_ = size_px;  // after the one baking: it lacks what was added since
        return;
    }
    // The worker bakes its own copy of the characters: more may be added while it runs.
    pending_ = std::async(std::launch::async, [this, chars = chars_, size_px, done = on_done_] {
        auto baked = bake(chars, size_px);
        if (done) done();
        return baked;
    });
}

bool Fonts::take_baked(bool wait) {
    if (!pending_.valid()) return false;
    if (!wait && pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    use(pending_.get());
    if (requested_ > 0) {
        float size_px = requested_;
        requested_ = 0;
        bake_in_background(size_px, on_done_);
    }
    return true;
}

}  // namespace linli::gui
