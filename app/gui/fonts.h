// The font atlas: a Simplified Chinese font found through fontconfig, baked with FreeType for
// exactly the characters the content and UI use, per text style, at the current size; rebuilt
// when either changes. The atlas is built without an ImGui context, so it can be baked on a
// worker thread while the window opens.
#pragma once
#include <imgui.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace linli::gui {

struct FontFace {
    std::string file;
    int index = 0;
};

// A font file mapped read-only: the atlas reads the glyphs it bakes and nothing else is paged in.
class MappedFile {
public:
    ~MappedFile();
    bool open(const std::string& path);
    void* data() const { return data_; }
    size_t size() const { return size_; }

private:
    void* data_ = nullptr;
    size_t size_ = 0;
};

// Noto Sans CJK SC (face 2 of the .ttc) when present, else any font that covers Chinese.
// Returns an empty file when none is installed.
FontFace find_cjk_font(bool bold);

class Fonts {
public:
    enum Role { kBody, kBold, kH1, kH2, kRoles };

    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* h1 = nullptr;
    ImFont* h2 = nullptr;

    Fonts();
    ~Fonts();
    // Finds the faces; false (with error()) when no Chinese font is installed.
    bool init();
    // Adds characters to one style; returns true when any is new, so the atlas must be rebuilt.
    bool add_chars(Role role, const std::vector<char32_t>& cps);
    void add_to_all(std::string_view utf8_text);  // UI strings may be drawn in any style
    bool covers(std::string_view utf8_text) const;  // in the body style
    // Rebakes the atlas at size_px. Between frames only, once ImGui uses the atlas.
    void build(float size_px);
    ImFontAtlas* atlas() { return atlas_.get(); }
    float size() const { return size_; }
    const std::string& error() const { return error_; }

private:
    void disown_font_data();

    FontFace regular_face_, bold_face_;
    MappedFile regular_file_, bold_file_;
    std::unique_ptr<ImFontAtlas> atlas_;
    std::vector<char32_t> chars_[kRoles];  // sorted, unique
    ImVector<ImWchar> ranges_[kRoles];     // must outlive the atlas build
    float size_ = 0;
    std::string error_;
};

}  // namespace linli::gui
