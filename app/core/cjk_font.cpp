#include "core/cjk_font.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace linli {

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

void MappedFile::release_pages() const {
    if (data_) madvise(data_, size_, MADV_DONTNEED);
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

}  // namespace linli
