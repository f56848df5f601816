#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <imgui_freetype.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "content/utf8.h"

namespace linli::gui {

FontFace find_cjk_font(bool bold) {
    FontFace face;
    if (!FcInit()) return face;
    FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(bold ? "Noto Sans CJK SC:style=Bold" : "Noto Sans CJK SC:style=Regular"));
    FcPatternAddString(pat, FC_LANG, reinterpret_cast<const FcChar8*>("zh-cn"));
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result;
    FcPattern* match = FcFontMatch(nullptr, pat, &result);
    if (match) {
        FcChar8* file = nullptr;
        int index = 0;
        FcCharSet* cs = nullptr;
        // The match must really cover Chinese (fontconfig falls back to any font otherwise).
        bool chinese = FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch &&
                       FcCharSetHasChar(cs, 0x4E2D) && FcCharSetHasChar(cs, 0x6C11);
        if (chinese && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
            FcPatternGetInteger(match, FC_INDEX, 0, &index);
            face.file = reinterpret_cast<const char*>(file);
            face.index = index;
        }
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pat);
    return face;
}

MappedFile::~MappedFile() {
    if (data_) munmap(data_, size_);
}

bool MappedFile::open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
        void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            madvise(p, static_cast<size_t>(st.st_size), MADV_RANDOM);  // page in only the glyphs read
            data_ = p;
            size_ = static_cast<size_t>(st.st_size);
        }
    }
    ::close(fd);
    return data_ != nullptr;
}

Fonts::Fonts() : atlas_(std::make_unique<ImFontAtlas>()) {}
Fonts::~Fonts() { disown_font_data(); }

// ImGui 1.86 copies font data it does not own (20 MB per font from a .ttc), so the atlas is told
// it owns our mapping; before the atlas would free it, ownership is taken back here.
void Fonts::disown_font_data() {
    for (ImFontConfig& cfg : atlas_->ConfigData) cfg.FontDataOwnedByAtlas = false;
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

void Fonts::add_to_all(std::string_view text) {
    auto cps = utf8::decode(text);
    for (int r = 0; r < kRoles; ++r) add_chars(static_cast<Role>(r), cps);
}

bool Fonts::covers(std::string_view text) const {
    const auto& chars = chars_[kBody];
    for (size_t i = 0; i < text.size();) {
        char32_t c = utf8::next(text, i);
        if (c >= 0x20 && c <= 0xFFFF && !std::binary_search(chars.begin(), chars.end(), c)) return false;
    }
    return true;
}

void Fonts::build(float size_px) {
    size_ = size_px;
    ImFontAtlas* atlas = atlas_.get();
    disown_font_data();
    atlas->Clear();
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;

    auto add = [&](Role role, const FontFace& face, const MappedFile& file, float px) {
        // Ranges are pairs of inclusive bounds; consecutive characters merge.
        const auto& chars = chars_[role];
        auto& ranges = ranges_[role];
        ranges.clear();
        for (size_t i = 0; i < chars.size();) {
            size_t j = i;
            while (j + 1 < chars.size() && chars[j + 1] == chars[j] + 1) ++j;
            ranges.push_back(static_cast<ImWchar>(chars[i]));
            ranges.push_back(static_cast<ImWchar>(chars[j]));
            i = j + 1;
        }
        ranges.push_back(0);
        ImFontConfig cfg;
        cfg.FontNo = face.index;
        cfg.OversampleH = cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        cfg.FontDataOwnedByAtlas = true;  // so ImGui does not copy it; see disown_font_data()
        return atlas->AddFontFromMemoryTTF(file.data(), static_cast<int>(file.size()), px, &cfg, ranges.Data);
    };
    body = add(kBody, regular_face_, regular_file_, size_px);
    bold = add(kBold, bold_face_, bold_file_, size_px);
    h1 = add(kH1, bold_face_, bold_file_, std::round(size_px * 1.55f));
    h2 = add(kH2, bold_face_, bold_file_, std::round(size_px * 1.25f));
    atlas->Build();
}

}  // namespace linli::gui
