// The resolver behind image_ref.h. Order of the checks, cheapest and most telling first:
//   1. the link text alone: empty, NUL, scheme, absolute, `..` past the root — no system call;
//   2. a walk from the canonical root, one component at a time with lstat: a symbolic link is read
//      (readlink) and its target checked against the root as text before anything looks at it;
//   3. lstat of the final file: a regular file of at most 20 MB; then open(O_NOFOLLOW) and fstat;
//   4. the header: the format from its magic bytes, the dimensions read by us (stbi_info refuses
//      huge images with a vague "too large") and then stbi_info for everything stb checks;
//   5. at the Data depth, a PNG's compressed data inflated into a 64 KB scratch buffer, counting,
//      and refused the moment it exceeds what the header's dimensions need.
//
// [SECTION] the link text
// [SECTION] the walk inside the root
// [SECTION] the header
// [SECTION] the checks lint and the window call
#include "content/image_ref.h"

#include <fcntl.h>
#include <stb_image.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <deque>
#include <functional>
#include <optional>

#include "content/library.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

constexpr int kMaxSymlinks = 40;  // as Linux's own limit on a path lookup

struct Words {
    const char* zh_short;  // the placeholder's reason
    const char* en_short;
    const char* zh_full;   // the diagnostic
    const char* en_full;
};

const Words& words(ImageProblem p) {
    static const Words kNone{"", "", "", ""};
    static const Words kWords[] = {
        /* NoPath */ {"没有写图片路径", "no image path", "图片没有写路径", "image has no path"},
        /* BadPath */ {"路径含有不允许的字符", "the path has characters that are not allowed",
                       "图片路径含有不允许的字符", "image path has characters that are not allowed"},
        /* Scheme */ {"只能用文库里的文件，不能用网址或协议", "only files in the library, not URLs or schemes",
                      "图片只能引用文库文件夹里的文件，不能用网址或 file: 等协议",
                      "image links must name a file in the library folder, not a URL or a scheme such as file:"},
        /* Absolute */ {"不能用绝对路径", "the path is absolute", "图片路径不能是绝对路径，请用相对于文档的路径",
                        "image path is absolute; use a path relative to the document"},
        /* Escapes */ {"路径离开了文库文件夹", "the path leaves the library folder", "图片路径不能离开文库文件夹",
                       "image path leaves the library folder"},
        /* SymlinkOutside */ {"符号链接指向文库之外", "a symbolic link leads outside the library folder",
                              "图片路径上的符号链接指向文库文件夹之外",
                              "a symbolic link on the image path leads outside the library folder"},
        /* Missing */ {"找不到图片文件", "the file does not exist", "找不到图片文件", "image file not found"},
        /* NotAFile */ {"不是普通文件", "not a regular file", "图片路径不是普通文件", "image path is not a regular file"},
        /* TooLarge */ {"文件超过 20 MB", "the file is larger than 20 MB", "图片文件超过 20 MB",
                        "image file is larger than 20 MB"},
        /* TooManyPixels */ {"尺寸超过 8192×8192 像素", "larger than 8192×8192 pixels", "图片尺寸超过 8192×8192 像素",
                             "image is larger than 8192×8192 pixels"},
        /* UnknownFormat */ {"无法识别的格式，请用 PNG、JPEG、GIF 或 BMP", "unrecognised format, use PNG, JPEG, GIF or BMP",
                             "无法识别的图片格式，请用 PNG、JPEG、GIF 或 BMP",
                             "unrecognised image format; use PNG, JPEG, GIF or BMP"},
        /* Damaged */ {"图片文件已损坏", "the file is damaged", "图片文件已损坏", "image file is damaged"},
        /* DataTooLarge */ {"数据超出文件头声明的尺寸", "its data is larger than its header declares",
                            "图片数据超出文件头声明的尺寸，可能是解压炸弹",
                            "image data is larger than its header declares, a possible decompression bomb"},
        /* Unreadable */ {"无法读取文件", "the file cannot be read", "无法读取图片文件", "cannot read the image file"},
    };
    if (p == ImageProblem::None) return kNone;
    return kWords[static_cast<int>(p) - 1];
}

std::string full_message(ImageProblem p, std::string_view link, const std::string& detail = {}) {
    const Words& w = words(p);
    std::string m = std::string(w.zh_full) + " (" + w.en_full + ")";
    if (!link.empty()) (m += ": ") += link;
    if (!detail.empty()) (m += " ") += detail;
    return m;
}

// [SECTION] the link text ----------------------------------------------------------------------------

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" before any '/', '?' or '#'.
std::optional<std::string> scheme_of(std::string_view s) {
    if (s.empty() || !is_alpha(s[0])) return std::nullopt;
    for (size_t i = 1; i < s.size(); ++i) {
        char c = s[i];
        if (c == ':') {
            std::string sc(s.substr(0, i));
            for (char& ch : sc) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            return sc;
        }
        if (!(is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) return std::nullopt;
    }
    return std::nullopt;
}

bool is_drive_path(std::string_view s) {  // C:\x or C:/x, written on Windows
    return s.size() >= 2 && is_alpha(s[0]) && s[1] == ':' && (s.size() == 2 || s[2] == '/' || s[2] == '\\');
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Markdown destinations are URLs: `my%20plan.png` names "my plan.png". A malformed escape stays as
// written; a decoded NUL refuses the path.
std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    if (out.find('\0') != std::string::npos) return std::nullopt;
    return out;
}

// Backslashes separate too: a document written on Windows says images\plan.png.
std::vector<std::string> split_components(std::string_view s) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '/' || s[i] == '\\') {
            if (i > start) parts.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

std::vector<std::string> components_of(const fs::path& p) {
    std::vector<std::string> parts;
    for (const fs::path& c : p.relative_path()) parts.push_back(c.string());
    return parts;
}

fs::path normal_dir(const fs::path& p) {
    std::error_code ec;
    fs::path a = fs::absolute(p, ec).lexically_normal();
    if (!a.has_filename() && a.has_relative_path()) a = a.parent_path();  // "/x/y/" -> "/x/y"
    return a;
}

// [SECTION] the walk inside the root -----------------------------------------------------------------

struct Resolved {
    ImageProblem problem = ImageProblem::None;
    fs::path path;
    struct stat st {};
};

bool lexically_escapes(const std::vector<std::string>& parts) {
    int depth = 0;
    for (const std::string& c : parts) {
        if (c.empty() || c == ".") continue;
        if (c == "..") {
            if (depth == 0) return true;
            --depth;
        } else {
            ++depth;
        }
    }
    return false;
}

fs::path join(const fs::path& root, const std::vector<std::string>& stack) {
    fs::path p = root;
    for (const std::string& c : stack) p /= c;
    return p;
}

// `link_parts` are relative to the document's folder. Every path this touches is below the
// canonical root: a symbolic link's target is judged as text before it is followed.
Resolved resolve_in_root(const fs::path& document, const fs::path& root, const std::vector<std::string>& link_parts) {
    Resolved r;
    fs::path doc_dir = normal_dir(document).parent_path();
    fs::path root_lex = root.empty() ? doc_dir : normal_dir(root);
    fs::path rel = doc_dir.lexically_relative(root_lex);
    if (rel.empty() || (rel.begin() != rel.end() && *rel.begin() == "..")) {  // not under its root: its own folder
        root_lex = doc_dir;
        rel = ".";
    }
    std::vector<std::string> parts;
    for (const fs::path& c : rel)
        if (c != ".") parts.push_back(c.string());
    parts.insert(parts.end(), link_parts.begin(), link_parts.end());
    if (lexically_escapes(parts)) {
        r.problem = ImageProblem::Escapes;
        return r;
    }

    std::error_code ec;
    fs::path root_canon = fs::canonical(root_lex, ec);
    if (ec) {
        r.problem = ImageProblem::Missing;
        return r;
    }
    std::deque<std::string> todo(parts.begin(), parts.end());
    std::vector<std::string> stack;
    int links = 0;
    bool via_link = false;
    bool have_status = false;
    while (!todo.empty()) {
        std::string c = std::move(todo.front());
        todo.pop_front();
        if (c.empty() || c == ".") continue;
        if (c == "..") {
            if (stack.empty()) {
                r.problem = via_link ? ImageProblem::SymlinkOutside : ImageProblem::Escapes;
                return r;
            }
            stack.pop_back();
            have_status = false;
            continue;
        }
        fs::path p = join(root_canon, stack) / c;
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0) {
            r.problem = (errno == ENOENT || errno == ENOTDIR) ? ImageProblem::Missing : ImageProblem::Unreadable;
            return r;
        }
        if (S_ISLNK(st.st_mode)) {
            if (++links > kMaxSymlinks) {
                r.problem = ImageProblem::Unreadable;
                return r;
            }
            std::array<char, 4096> buf{};
            ssize_t n = ::readlink(p.c_str(), buf.data(), buf.size() - 1);
            if (n < 0) {
                r.problem = ImageProblem::Unreadable;
                return r;
            }
            fs::path target(std::string(buf.data(), static_cast<size_t>(n)));
            via_link = true;
            std::vector<std::string> tparts;
            if (target.is_absolute()) {
                fs::path inside = target.lexically_normal().lexically_relative(root_canon);
                if (inside.empty() || *inside.begin() == "..") {
                    r.problem = ImageProblem::SymlinkOutside;
                    return r;
                }
                stack.clear();
                for (const fs::path& t : inside) tparts.push_back(t.string());
            } else {
                tparts = components_of(target);
            }
            todo.insert(todo.begin(), tparts.begin(), tparts.end());
            have_status = false;
            continue;
        }
        bool more = false;
        for (const std::string& t : todo) more = more || (!t.empty() && t != ".");
        if (more && !S_ISDIR(st.st_mode)) {  // "plan.png/x": a file is not a folder
            r.problem = ImageProblem::Missing;
            return r;
        }
        stack.push_back(std::move(c));
        r.st = st;
        have_status = true;
    }
    r.path = join(root_canon, stack);
    if (!have_status && ::lstat(r.path.c_str(), &r.st) != 0)  // ended on a folder reached through ".."
        r.problem = ImageProblem::Unreadable;
    return r;
}

// [SECTION] the header -------------------------------------------------------------------------------

enum class Format { Unknown, Png, Jpeg, Gif, Bmp };

uint32_t be32(const unsigned char* p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }
uint32_t le32(const unsigned char* p) { return (uint32_t(p[3]) << 24) | (uint32_t(p[2]) << 16) | (uint32_t(p[1]) << 8) | p[0]; }
uint16_t le16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }

constexpr unsigned char kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

Format sniff(const unsigned char* b, size_t n) {
    if (n >= 8 && std::memcmp(b, kPngSignature, 8) == 0) return Format::Png;
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Format::Jpeg;
    if (n >= 6 && (std::memcmp(b, "GIF87a", 6) == 0 || std::memcmp(b, "GIF89a", 6) == 0)) return Format::Gif;
    if (n >= 2 && b[0] == 'B' && b[1] == 'M') return Format::Bmp;
    return Format::Unknown;
}

bool read_exact(std::FILE* f, void* out, size_t n) { return std::fread(out, 1, n, f) == n; }

// A JPEG's size is in its first SOFn segment, after any number of APPn segments.
bool jpeg_size(std::FILE* f, int64_t& w, int64_t& h) {
    if (std::fseek(f, 2, SEEK_SET) != 0) return false;
    for (int segments = 0; segments < 100000; ++segments) {
        int c = std::fgetc(f);
        if (c != 0xFF) return false;
        int m;
        do m = std::fgetc(f);
        while (m == 0xFF);
        if (m == EOF) return false;
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue;  // no length
        if (m == 0xD9 || m == 0xDA) return false;                          // image data before any frame
        unsigned char len_b[2];
        if (!read_exact(f, len_b, 2)) return false;
        int len = (len_b[0] << 8) | len_b[1];
        if (len < 2) return false;
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            unsigned char s[5];
            if (len < 7 || !read_exact(f, s, 5)) return false;
            h = (s[1] << 8) | s[2];
            w = (s[3] << 8) | s[4];
            return true;
        }
        if (std::fseek(f, len - 2, SEEK_CUR) != 0) return false;
    }
    return false;
}

// The dimensions the header claims, read before stb sees the file.
bool header_size(std::FILE* f, Format fmt, const unsigned char* b, size_t n, int64_t& w, int64_t& h) {
    switch (fmt) {
        case Format::Png:
            if (n < 24 || be32(b + 8) != 13 || std::memcmp(b + 12, "IHDR", 4) != 0) return false;
            w = be32(b + 16);
            h = be32(b + 20);
            return true;
        case Format::Gif:
            if (n < 10) return false;
            w = le16(b + 6);
            h = le16(b + 8);
            return true;
        case Format::Bmp: {
            if (n < 26) return false;
            uint32_t dib = le32(b + 14);
            if (dib == 12) {
                w = le16(b + 18);
                h = le16(b + 20);
            } else {
                w = static_cast<int32_t>(le32(b + 18));
                h = static_cast<int32_t>(le32(b + 22));
                if (h < 0) h = -h;  // top-down
            }
            return true;
        }
        case Format::Jpeg:
            return jpeg_size(f, w, h);
        case Format::Unknown:
            return false;
    }
    return false;
}

// The bytes a PNG's filtered scanlines take: one filter byte per row, per Adam7 pass if interlaced.
uint64_t png_raw_size(uint64_t w, uint64_t h, int depth, int color, bool interlaced) {
    int channels = color == 0 ? 1 : color == 2 ? 3 : color == 3 ? 1 : color == 4 ? 2 : color == 6 ? 4 : 0;
    auto pass = [&](uint64_t cols, uint64_t rows) -> uint64_t {
        if (cols == 0 || rows == 0) return 0;
        return rows * (1 + (cols * channels * depth + 7) / 8);
    };
    if (!interlaced) return pass(w, h);
    static constexpr int k[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
    uint64_t total = 0;
    for (const auto& p : k) {
        uint64_t cols = w > static_cast<uint64_t>(p[0]) ? (w - p[0] + p[2] - 1) / p[2] : 0;
        uint64_t rows = h > static_cast<uint64_t>(p[1]) ? (h - p[1] + p[3] - 1) / p[3] : 0;
        total += pass(cols, rows);
    }
    return total;
}

// Inflates the IDAT chunks into a scratch buffer, counting: the data must hold no more than the
// header's dimensions need (stb would keep growing its buffer to gigabytes).
ImageProblem check_png_data(std::FILE* f) {
    unsigned char ihdr[33];
    if (std::fseek(f, 0, SEEK_SET) != 0 || !read_exact(f, ihdr, sizeof ihdr)) return ImageProblem::Damaged;
    int depth = ihdr[24], color = ihdr[25];
    bool interlaced = ihdr[28] != 0;
    uint64_t expected = png_raw_size(be32(ihdr + 16), be32(ihdr + 20), depth, color, interlaced);
    if (expected == 0) return ImageProblem::Damaged;

    z_stream z{};
    if (inflateInit(&z) != Z_OK) return ImageProblem::Unreadable;
    struct End {
        z_stream& z;
        ~End() { inflateEnd(&z); }
    } end{z};
    std::vector<unsigned char> in(64 * 1024), out(64 * 1024);
    uint64_t produced = 0;
    bool stream_end = false;
    for (int chunks = 0; chunks < 1000000; ++chunks) {
        unsigned char head[8];
        if (!read_exact(f, head, 8)) return ImageProblem::Damaged;  // no IEND
        uint32_t len = be32(head);
        if (len > 0x7FFFFFFFu) return ImageProblem::Damaged;
        if (std::memcmp(head + 4, "IEND", 4) == 0) break;
        if (std::memcmp(head + 4, "IDAT", 4) != 0 || stream_end) {
            if (std::fseek(f, static_cast<long>(len) + 4, SEEK_CUR) != 0) return ImageProblem::Damaged;  // + CRC
            continue;
        }
        uint32_t left = len;
        while (left > 0) {
            size_t take = std::min<size_t>(left, in.size());
            if (!read_exact(f, in.data(), take)) return ImageProblem::Damaged;
            left -= static_cast<uint32_t>(take);
            z.next_in = in.data();
            z.avail_in = static_cast<uInt>(take);
            while (z.avail_in > 0 && !stream_end) {
                z.next_out = out.data();
                z.avail_out = static_cast<uInt>(out.size());
                int rc = inflate(&z, Z_NO_FLUSH);
                produced += out.size() - z.avail_out;
                if (produced > expected) return ImageProblem::DataTooLarge;
                if (rc == Z_STREAM_END) stream_end = true;
                else if (rc != Z_OK && rc != Z_BUF_ERROR) return ImageProblem::Damaged;
                else if (rc == Z_BUF_ERROR && z.avail_in > 0 && z.avail_out > 0) return ImageProblem::Damaged;
            }
        }
        if (std::fseek(f, 4, SEEK_CUR) != 0) return ImageProblem::Damaged;  // CRC
    }
    if (!stream_end || produced < expected) return ImageProblem::Damaged;
    return ImageProblem::None;
}

std::string megabytes(uintmax_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "(%.1f MB)", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

OpenedImage refuse(ImageProblem p, std::string_view link, const std::string& detail = {}) {
    OpenedImage o;
    o.check.problem = p;
    o.check.message = full_message(p, link, detail);
    return o;
}

// A Markdown destination that names a path: decoded and split, or the reason it names none.
struct LinkPath {
    ImageProblem problem = ImageProblem::None;
    std::vector<std::string> parts;
};

LinkPath parse_link_path(std::string_view link) {
    LinkPath lp;
    if (link.empty()) {
        lp.problem = ImageProblem::NoPath;
    } else if (link.find('\0') != std::string_view::npos) {
        lp.problem = ImageProblem::BadPath;
    } else if (link[0] == '/' || link[0] == '\\' || is_drive_path(link)) {
        lp.problem = ImageProblem::Absolute;
    } else if (scheme_of(link)) {
        lp.problem = ImageProblem::Scheme;
    } else if (auto decoded = percent_decode(link); !decoded) {
        lp.problem = ImageProblem::BadPath;
    } else if (!decoded->empty() && ((*decoded)[0] == '/' || (*decoded)[0] == '\\')) {
        lp.problem = ImageProblem::Absolute;  // %2Fetc%2Fshadow
    } else {
        lp.parts = split_components(*decoded);
        if (lp.parts.empty()) lp.problem = ImageProblem::NoPath;
    }
    return lp;
}

void walk_blocks(const std::vector<Block>& blocks, const std::function<void(const Block&)>& fn) {
    for (const Block& b : blocks) {
        if (b.kind == BlockKind::Image) fn(b);
        walk_blocks(b.children, fn);
    }
}

}  // namespace

const char* image_problem_zh(ImageProblem p) { return words(p).zh_short; }
const char* image_problem_en(ImageProblem p) { return words(p).en_short; }

std::string image_ui_text() {
    std::string s = std::string(kImageLoadingZh) + kImageLoadingEn + kImageNotShownZh + kImageNotShownEn + "：:()…—";
    for (int p = static_cast<int>(ImageProblem::NoPath); p <= static_cast<int>(ImageProblem::Unreadable); ++p) {
        const Words& w = words(static_cast<ImageProblem>(p));
        ((s += w.zh_short) += w.en_short);
    }
    return s;
}

OpenedImage open_image(const fs::path& document, const fs::path& root, std::string_view link, ImageCheckDepth depth) {
    LinkPath lp = parse_link_path(link);
    if (lp.problem != ImageProblem::None) return refuse(lp.problem, link);
    Resolved res = resolve_in_root(document, root, lp.parts);
    if (res.problem != ImageProblem::None) return refuse(res.problem, link);
    if (!S_ISREG(res.st.st_mode)) return refuse(ImageProblem::NotAFile, link);
    if (static_cast<uintmax_t>(res.st.st_size) > kMaxImageBytes)
        return refuse(ImageProblem::TooLarge, link, megabytes(static_cast<uintmax_t>(res.st.st_size)));

    int fd = ::open(res.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) return refuse(errno == ELOOP ? ImageProblem::SymlinkOutside : ImageProblem::Unreadable, link);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return refuse(ImageProblem::Unreadable, link);
    }
    if (!S_ISREG(st.st_mode)) {  // swapped since the walk
        ::close(fd);
        return refuse(ImageProblem::NotAFile, link);
    }
    if (static_cast<uintmax_t>(st.st_size) > kMaxImageBytes) {
        ::close(fd);
        return refuse(ImageProblem::TooLarge, link, megabytes(static_cast<uintmax_t>(st.st_size)));
    }
    FilePtr file(::fdopen(fd, "rb"));
    if (!file) {
        ::close(fd);
        return refuse(ImageProblem::Unreadable, link);
    }

    unsigned char head[32] = {};
    size_t n = std::fread(head, 1, sizeof head, file.get());
    Format fmt = sniff(head, n);
    if (fmt == Format::Unknown) return refuse(ImageProblem::UnknownFormat, link);
    int64_t w = 0, h = 0;
    if (!header_size(file.get(), fmt, head, n, w, h) || w <= 0 || h <= 0) return refuse(ImageProblem::Damaged, link);
    if (w > kMaxImageSide || h > kMaxImageSide)
        return refuse(ImageProblem::TooManyPixels, link, "(" + std::to_string(w) + "×" + std::to_string(h) + ")");
    int sw = 0, sh = 0, comp = 0;
    if (std::fseek(file.get(), 0, SEEK_SET) != 0 || !stbi_info_from_file(file.get(), &sw, &sh, &comp))
        return refuse(ImageProblem::Damaged, link);
    if (sw > kMaxImageSide || sh > kMaxImageSide || sw <= 0 || sh <= 0) return refuse(ImageProblem::Damaged, link);
    if (depth == ImageCheckDepth::Data && fmt == Format::Png) {
        if (ImageProblem p = check_png_data(file.get()); p != ImageProblem::None) return refuse(p, link);
    }
    if (std::fseek(file.get(), 0, SEEK_SET) != 0) return refuse(ImageProblem::Unreadable, link);

    OpenedImage o;
    o.check.path = res.path;
    o.check.width = sw;
    o.check.height = sh;
    o.file = std::move(file);
    return o;
}

ImageCheck check_image(const fs::path& document, const fs::path& root, std::string_view link, ImageCheckDepth depth) {
    return open_image(document, root, link, depth).check;
}

ImageCheck check_image(const Document& doc, std::string_view link, ImageCheckDepth depth) {
    return check_image(doc.path, doc.root, link, depth);
}

std::string check_file_link(const fs::path& document, const fs::path& root, std::string_view url) {
    if (url.empty() || url[0] == '#') return {};
    auto say = [&](const char* zh, const char* en) { return std::string(zh) + " (" + en + "): " + std::string(url); };
    if (url[0] == '/' || url[0] == '\\' || is_drive_path(url))
        return say("链接的文件路径不能是绝对路径，请用相对于文档的路径", "link path is absolute; use a path relative to the document");
    if (auto sc = scheme_of(url)) {
        if (*sc == "file") return say("链接不能用 file: 协议，请用文库里的相对路径", "file: links are not allowed; use a relative path inside the library");
        return {};  // linli:, http:, https:, mailto: ... are not files
    }
    std::string_view path = url.substr(0, std::min(url.find('?'), url.find('#')));
    LinkPath lp = parse_link_path(path);
    if (lp.problem == ImageProblem::NoPath) return {};
    if (lp.problem == ImageProblem::Absolute) return say("链接的文件路径不能是绝对路径，请用相对于文档的路径", "link path is absolute; use a path relative to the document");
    if (lp.problem != ImageProblem::None) return say("链接的文件路径含有不允许的字符", "link path has characters that are not allowed");
    Resolved res = resolve_in_root(document, root, lp.parts);
    switch (res.problem) {
        case ImageProblem::None: return {};
        case ImageProblem::Escapes: return say("链接的文件路径不能离开文库文件夹", "linked file path leaves the library folder");
        case ImageProblem::SymlinkOutside:
            return say("链接的文件路径上的符号链接指向文库文件夹之外", "a symbolic link on the linked file's path leads outside the library folder");
        case ImageProblem::Missing: return say("链接的文件不存在", "linked file not found");
        default: return say("无法读取链接的文件", "cannot read the linked file");
    }
}

// [SECTION] the checks lint and the window call

void check_document_files(const Document& doc, ImageCheckDepth depth, std::vector<Diagnostic>& out) {
    walk_blocks(doc.blocks, [&](const Block& b) {
        ImageCheck c = check_image(doc, b.literal, depth);
        if (!c.ok()) out.push_back({doc.path.string(), b.line, b.col, Severity::Error, c.message});
    });
    for (const Link& l : doc.links) {
        if (!l.target_id.empty()) continue;
        std::string m = check_file_link(doc.path, doc.root, l.url);
        if (!m.empty()) out.push_back({doc.path.string(), l.line, l.col, Severity::Error, m});
    }
}

std::vector<Diagnostic> check_image_data(const Library& lib) {
    std::vector<Diagnostic> out;
    for (const Document& doc : lib.documents()) {
        walk_blocks(doc.blocks, [&](const Block& b) {
            if (!check_image(doc, b.literal, ImageCheckDepth::Header).ok()) return;  // reported by the load
            ImageCheck c = check_image(doc, b.literal, ImageCheckDepth::Data);
            if (!c.ok()) out.push_back({doc.path.string(), b.line, b.col, Severity::Error, c.message});
        });
    }
    return out;
}

}  // namespace linli
