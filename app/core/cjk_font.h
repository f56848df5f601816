// The system's Chinese font, found through fontconfig, and a font file mapped read-only: shared by
// the window's atlas (app/gui/fonts) and the debrief's PNG (spread_png).
#pragma once
#include <cstddef>
#include <string>

namespace linli {

struct FontFace {
    std::string file;
    int index = 0;
};

// Noto Sans CJK SC (face 2 of the .ttc) when present, else any font that covers Chinese.
// Returns an empty file when none is installed.
FontFace find_cjk_font(bool bold);

// A font file mapped read-only: only the glyphs read are paged in.
class MappedFile {
public:
    MappedFile() = default;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();
    bool open(const std::string& path);
    void* data() const { return data_; }
    size_t size() const { return size_; }
    void release_pages() const;  // drops the pages read so far from memory (read again on demand)

private:
    void* data_ = nullptr;
    size_t size_ = 0;
};

}  // namespace linli
