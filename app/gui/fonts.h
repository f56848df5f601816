// The font atlas: a Simplified Chinese font found through fontconfig, baked with FreeType for
// exactly the characters the content and UI use, per text style, at the current size; rebaked
// when either changes. An atlas is built without an ImGui context: the first on a worker while
// the window opens, later ones on a worker while the window keeps drawing with the one it has
// (at 10,000 documents a bake of every character takes over half a second).
#pragma once
#include <imgui.h>

#include <array>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/cjk_font.h"

namespace linli::gui {

using linli::FontFace;
using linli::MappedFile;
using linli::find_cjk_font;

class Fonts {
public:
    // kDisplay: the projector's large type, baked only with the characters a workshop shows.
    enum Role { kBody, kBold, kH1, kH2, kDisplay, kRoles };
    using Chars = std::vector<char32_t>;  // sorted, unique

    // The fonts of the atlas in use.
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* h1 = nullptr;
    ImFont* h2 = nullptr;
    ImFont* display = nullptr;  // h1 until a workshop adds its characters
    static constexpr float kDisplayScale = 2.6f;  // display size / body size

    Fonts();
    ~Fonts();
    // Finds the faces; false (with error()) when no Chinese font is installed.
    bool init();
    // Adds characters to one style; returns true when any is new, so the atlas must be rebaked.
    bool add_chars(Role role, const std::vector<char32_t>& cps);
    bool add_to_all(std::string_view utf8_text);  // UI strings may be drawn in any style but display
    bool covers(std::string_view utf8_text) const;  // in the body style, by the atlas to come
    // Bakes an atlas of every character added at size_px now. Before ImGui uses the atlas, or
    // between frames.
    void build(float size_px);
    // Bakes the characters added so far at size_px on a worker; the atlas in use stays until
    // take_baked(). A request while one bakes is baked after it. `on_done` runs on the worker.
    void bake_in_background(float size_px, std::function<void()> on_done);
    bool baking() const { return pending_.valid(); }
    // Between frames: puts a finished bake in use (waiting for it when `wait`); true when it did,
    // and the texture must then be uploaded again.
    bool take_baked(bool wait = false);
    ImFontAtlas* atlas();
    float size() const;  // of the atlas in use
    // Bumps whenever another atlas is put in use: layouts measured with the old one are redone.
    int generation() const { return generation_; }
    const std::string& error() const { return error_; }

private:
    struct Baked;
    using RoleChars = std::array<Chars, kRoles>;
    std::unique_ptr<Baked> bake(const RoleChars& chars, float size_px) const;
    void use(std::unique_ptr<Baked> baked);

    FontFace regular_face_, bold_face_;
    MappedFile regular_file_, bold_file_;
    RoleChars chars_;
    std::unique_ptr<Baked> current_;
    std::future<std::unique_ptr<Baked>> pending_;
    float requested_ = 0;  // a size asked for while a bake ran, or 0
    std::function<void()> on_done_;
    int generation_ = 0;
    std::string error_;
};

}  // namespace linli::gui
