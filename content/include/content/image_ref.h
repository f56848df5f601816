// Where a document may read files from: an image link `![alt](path)` or a file link
// `[text](path)` resolves only to a file inside the library folder the document was loaded from.
// The resolver is headless and shared: `linli lint` reports what it refuses, and the window shows
// the same reason in place of the image. It never touches a path outside the root: `..` escapes,
// absolute paths and schemes are refused from the text alone, and symbolic links are followed one
// component at a time, refusing a link whose target leaves the root before the target is looked at.
// An image is checked at its header (size, dimensions, format) before anything decodes it.
#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.h"
#include "content/document.h"

namespace linli {

class Library;

inline constexpr std::uintmax_t kMaxImageBytes = 20u * 1024 * 1024;  // 20 MB on disk
inline constexpr int kMaxImageSide = 8192;                            // pixels, each way

enum class ImageProblem {
    None,
    NoPath,         // `![alt]()`
    BadPath,        // a NUL byte, or a broken %-escape
    Scheme,         // http:, https:, file:, data:, any other scheme
    Absolute,       // /etc/shadow, C:\..., //host/...
    Escapes,        // ../ past the library folder
    SymlinkOutside, // a symbolic link on the way leads outside the library folder
    Missing,        // no such file
    NotAFile,       // a folder, a device, a FIFO
    TooLarge,       // over kMaxImageBytes
    TooManyPixels,  // the header claims more than kMaxImageSide in either direction
    UnknownFormat,  // not PNG, JPEG, GIF or BMP
    Damaged,        // the header or the data does not parse
    DataTooLarge,   // PNG data inflating past what its header declares (a decompression bomb)
    Unreadable,     // permissions, I/O errors, symbolic link loops
};

// How far check_image() looks. Header: path, size, format and dimensions, the cheap checks the
// library runs on load. Data: also inflates a PNG's compressed data (into a bounded buffer) to
// prove it holds no more than its header declares; lint and the window's decoder use it.
enum class ImageCheckDepth { Header, Data };

struct ImageCheck {
    ImageProblem problem = ImageProblem::None;
    std::filesystem::path path;  // when ok: the file, inside the root, with no symbolic links
    int width = 0, height = 0;   // when ok: from the header
    std::string message;         // when refused: "中文 (English): link", for diagnostics
    bool ok() const { return problem == ImageProblem::None; }
};

// The reason in a few words, for the window's placeholder: Chinese and English.
const char* image_problem_zh(ImageProblem p);
const char* image_problem_en(ImageProblem p);
// Every sentence the window may show in place of an image, so the font atlas can hold its characters.
std::string image_ui_text();
// What the window shows while an image is decoding, and the prefix of a refused one.
inline constexpr const char* kImageLoadingZh = "图片载入中";
inline constexpr const char* kImageLoadingEn = "loading image";
inline constexpr const char* kImageNotShownZh = "图片无法显示";
inline constexpr const char* kImageNotShownEn = "image not shown";

// Resolves `link`, written in `document`, against `root` (the library folder the document was
// loaded from; empty means the document's own folder) and checks the file. No decoding.
ImageCheck check_image(const std::filesystem::path& document, const std::filesystem::path& root,
                       std::string_view link, ImageCheckDepth depth = ImageCheckDepth::Header);
ImageCheck check_image(const Document& doc, std::string_view link, ImageCheckDepth depth = ImageCheckDepth::Header);

struct FileCloser {
    void operator()(std::FILE* f) const { if (f) std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// check_image() that keeps the checked file open (at its start) for the decoder, so the bytes
// decoded are the bytes checked even if the folder changes in between. `file` is null when refused.
struct OpenedImage {
    ImageCheck check;
    FilePtr file;
};
OpenedImage open_image(const std::filesystem::path& document, const std::filesystem::path& root,
                       std::string_view link, ImageCheckDepth depth = ImageCheckDepth::Header);

// A link `[text](dest)` that names a file (no scheme, not `#anchor`): empty when the file exists
// inside the root, else the error message. Links with a scheme (linli:, http:, mailto: ...) are
// not files and give an empty message, except file:, which is refused.
std::string check_file_link(const std::filesystem::path& document, const std::filesystem::path& root,
                            std::string_view url);

// Every image and file link of one document, checked at `depth`: the diagnostics lint prints.
void check_document_files(const Document& doc, ImageCheckDepth depth, std::vector<Diagnostic>& out);
// The problems only the Data depth finds (images whose header passed), for every document of
// `lib`: lint runs it after the library load, which checks headers only.
std::vector<Diagnostic> check_image_data(const Library& lib);

}  // namespace linli
