#include "core/pack.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <locale.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "cases/catalog.h"
#include "cases/drill_check.h"
#include "content/image_ref.h"
#include "content/library.h"
#include "content/utf8.h"
#include "core/export_files.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace linli {
namespace {

constexpr const char* kManifestName = "manifest.json";
constexpr const char* kDocsFolder = "docs/";
constexpr const char* kImagesFolder = "images/";
constexpr const char* kFilesFolder = "files/";
constexpr size_t kMaxSegmentBytes = 255;  // NAME_MAX of the filesystems a library lives on

// [SECTION] hashing, files, time ------------------------------------------------------------------

class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new()) {
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1)
            throw std::runtime_error("SHA-256 不可用 / SHA-256 is not available");
    }
    void add(const void* data, size_t n) { EVP_DigestUpdate(ctx_.get(), data, n); }
    std::string hex() {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned len = 0;
        EVP_DigestFinal_ex(ctx_.get(), md, &len);
        static const char* digits = "0123456789abcdef";
        std::string out;
        for (unsigned i = 0; i < len; ++i) (out += digits[md[i] >> 4]) += digits[md[i] & 15];
        return out;
    }

private:
    struct Free {
        void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> ctx_;
};

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    if (in) ss << in.rdbuf();
    if (!in || in.bad())
        throw std::runtime_error(fmt::format("读不了文件 {0} / cannot read {0}", file.string()));
    return ss.str();
}

std::string utc_now() { return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr))); }

std::string version_of(const Document& d, const std::string& sha256) {
    return d.meta.updated.empty() ? sha256.substr(0, 12) : d.meta.updated;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}
bool starts_with(std::string_view s, std::string_view head) { return s.compare(0, head.size(), head) == 0; }

// Whether `file` resolves (symbolic links followed) to `root` or below it.
bool resolves_inside(const fs::path& file, const fs::path& root) {
    std::error_code fe, re;
    fs::path f = fs::weakly_canonical(fs::absolute(file, fe), fe), r = fs::weakly_canonical(fs::absolute(root, re), re);
    if (fe || re || f.empty() || r.empty()) return false;  // what cannot be resolved is not inside
    auto [rit, fit] = std::mismatch(r.begin(), r.end(), f.begin(), f.end());
    return rit == r.end() || (std::next(rit) == r.end() && rit->empty());  // "/lib/" ends in an empty part
}

// `file` relative to the canonical `root`, as "a/b.png"; empty when it is not below it.
std::string relative_below(const fs::path& file, const fs::path& root) {
    std::error_code ec;
    fs::path rel = fs::weakly_canonical(file, ec).lexically_relative(fs::weakly_canonical(root, ec));
    if (rel.empty() || *rel.begin() == ".." || *rel.begin() == ".") return {};
    return rel.generic_string();
}

// [SECTION] the files a document uses -------------------------------------------------------------

bool has_scheme(std::string_view url) {
    size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alpha(url[0])) return false;
    for (size_t i = 1; i < colon; ++i)
        if (!alpha(url[i]) && !(url[i] >= '0' && url[i] <= '9') && url[i] != '+' && url[i] != '-' && url[i] != '.') return false;
    return true;
}

std::string percent_decoded(std::string_view s) {
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += char(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i] == '\\' ? '/' : s[i];  // `\` is a separator, as the library reads links
        }
    }
    return out;
}

// A file link the library accepted (check_file_link) resolved to its file, or none.
std::optional<fs::path> linked_file(const Document& d, const std::string& url) {
    if (url.empty() || url[0] == '#' || has_scheme(url) || !check_file_link(d.path, d.root, url).empty()) return std::nullopt;
    std::string path = percent_decoded(std::string_view(url).substr(0, std::min(url.find('?'), url.find('#'))));
    std::error_code ec;
    fs::path f = fs::weakly_canonical(d.path.parent_path() / path, ec);
    if (ec || !fs::is_regular_file(f, ec) || !resolves_inside(f, d.root)) return std::nullopt;
    return f;
}

// The images a document shows and the files it links, resolved inside its library folder; those
// the library refuses are left out (a pack carries nothing from outside a library folder).
struct UsedFile {
    fs::path file;  // canonical
    bool image = true;
};
std::vector<UsedFile> used_files(const Document& d) {
    std::vector<UsedFile> out;
    for (const Block& b : image_blocks(d.blocks)) {
        ImageCheck c = check_image(d, b.literal, ImageCheckDepth::Header);
        if (c.ok()) out.push_back({c.path, true});
    }
    for (const Link& l : d.links)
        if (l.target_id.empty())
            if (auto f = linked_file(d, l.url)) out.push_back({*f, false});
    return out;
}

// [SECTION] entry names ---------------------------------------------------------------------------

// A name as it may be printed: control characters and NUL shown as '?'.
std::string shown(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return out;
}

std::string refusal(std::string_view zh, std::string_view en) { return std::string(zh) + " / " + std::string(en); }

std::string leaves_message(std::string_view name) {
    return fmt::format("资料包里的条目路径离开了文库文件夹：{0} / a pack entry's path leaves the library folder: {0}", shown(name));
}
std::string bad_name_message(std::string_view name, const char* zh, const char* en) {
    return fmt::format("资料包里的条目路径不允许（{1}）：{0} / a pack entry's path is not allowed ({2}): {0}", shown(name), zh, en);
}

// Why `name` cannot name an entry (a path below the pack's top folder); empty when it can.
std::string name_problem(std::string_view name, size_t max_bytes) {
    if (name.empty()) return bad_name_message(name, "路径为空", "empty path");
    if (name.find('\0') != std::string_view::npos) return bad_name_message(name, "含有空字节", "contains a NUL byte");
    if (name.find('\\') != std::string_view::npos) return bad_name_message(name, "含有反斜杠", "contains a backslash");
    bool drive = name.size() >= 2 && name[1] == ':' && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
    if (name[0] == '/' || drive) return leaves_message(name);
    if (name.size() > max_bytes) return bad_name_message(name, "太长", "too long");
    if (utf8::first_invalid(name) != std::string_view::npos) return bad_name_message(name, "不是有效的 UTF-8", "not valid UTF-8");
    for (char c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return bad_name_message(name, "含有控制字符", "contains a control character");
    bool leaves = false;
    std::string why;
    for (size_t at = 0; at <= name.size();) {
        size_t slash = std::min(name.find('/', at), name.size());
        std::string_view seg = name.substr(at, slash - at);
        if (seg == "..") leaves = true;
        else if (seg.empty() && why.empty()) why = bad_name_message(name, "有空的路径段", "has an empty segment");
        else if (seg == "." && why.empty()) why = bad_name_message(name, "有「.」路径段", "has a '.' segment");
        else if (seg.size() > kMaxSegmentBytes && why.empty()) why = bad_name_message(name, "有一段太长", "a segment is too long");
        at = slash + 1;
    }
    return leaves ? leaves_message(name) : why;
}

// Why `name` cannot be a document (document) or a file (!document) of a pack; empty when it can.
std::string place_problem(std::string_view name, bool document) {
    if (document) {
        if (starts_with(name, kDocsFolder) && ends_with(name, ".md")) return {};
        return fmt::format("资料包里的文档要放在 docs/ 下，以 .md 结尾：{0} / a pack's documents go below docs/ and end in .md: {0}", shown(name));
    }
    bool placed = starts_with(name, kImagesFolder) || starts_with(name, kFilesFolder);
    if (placed && !ends_with(name, ".md") && !ends_with(name, "/thesaurus.txt")) return {};
    return fmt::format("资料包里的文件要放在 images/ 或 files/ 下，且不能是文档或词表：{0} / a pack's files go below images/ or files/ and are neither documents nor a thesaurus: {0}",
                       shown(name));
}

// Where an entry goes in the library: its name without the top folder (docs/, images/, files/).
std::string library_path(std::string_view entry) { return std::string(entry.substr(entry.find('/') + 1)); }

std::string size_text(uint64_t bytes) {
    if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 1023) / 1024);
    return fmt::format("{:.1f} MB", double(bytes) / (1024.0 * 1024.0));
}

// [SECTION] export --------------------------------------------------------------------------------

struct Outgoing {
    std::string entry;
    std::string bytes;
    std::string sha256;
};

// What goes into a pack, each library path once.
class PackContents {
public:
    // Adds `bytes` as `entry`; false when that library path holds these bytes already.
    bool add(std::string entry, std::string bytes) {
        std::string path = library_path(entry), sha = sha256_hex(bytes);
        auto [it, inserted] = by_path_.emplace(path, sha);
        if (!inserted) {
            if (it->second == sha) return false;
            throw std::runtime_error(fmt::format("两个不同的文件在资料包里会是同一个路径：{0} / two different files would share one path in the pack: {0}", path));
        }
        (ends_with(entry, ".md") && starts_with(entry, kDocsFolder) ? docs_ : files_).push_back({std::move(entry), std::move(bytes), std::move(sha)});
        return true;
    }
    const std::vector<Outgoing>& docs() const { return docs_; }
    const std::vector<Outgoing>& files() const { return files_; }

private:
    std::unordered_map<std::string, std::string> by_path_;  // library path -> SHA-256
    std::vector<Outgoing> docs_, files_;
};

json manifest_json(const PackInfo& info, const std::vector<const Document*>& docs, const PackContents& contents) {
    json m = {{"format", kPackFormat},
              {"format_version", kPackFormatVersion},
              {"linli_version", info.linli_version},
              {"created", info.created.empty() ? utc_now() : info.created},
              {"author", info.author},
              {"title", info.title},
              {"documents", json::array()},
              {"files", json::array()}};
    for (size_t i = 0; i < docs.size(); ++i) {
        const Outgoing& o = contents.docs()[i];
        m["documents"].push_back({{"id", docs[i]->meta.id},
                                  {"kind", kind_name(docs[i]->meta.kind)},
                                  {"title", docs[i]->meta.title},
                                  {"path", o.entry},
                                  {"version", version_of(*docs[i], o.sha256)},
                                  {"sha256", o.sha256},
                                  {"bytes", o.bytes.size()}});
    }
    for (const Outgoing& o : contents.files())
        m["files"].push_back({{"path", o.entry}, {"sha256", o.sha256}, {"bytes", o.bytes.size()}});
    return m;
}

// libarchive converts entry names through the C library's locale, and the program runs in the "C"
// locale, where a Chinese name cannot be converted (3.6.2 then crashes writing it, and reads it
// as bytes with a warning). Archive work runs with this thread in C.UTF-8; the process's locale
// is left alone.
class Utf8Names {
public:
    Utf8Names() : utf8_(newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(0))) {
        if (utf8_) previous_ = uselocale(utf8_);
    }
    ~Utf8Names() {
        if (!utf8_) return;
        uselocale(previous_);
        freelocale(utf8_);
    }
    Utf8Names(const Utf8Names&) = delete;
    Utf8Names& operator=(const Utf8Names&) = delete;
    bool active() const { return utf8_ != locale_t(0); }

private:
    locale_t utf8_;
    locale_t previous_ = locale_t(0);
};

struct ArchiveWriteFree {
    void operator()(archive* a) const { archive_write_free(a); }
};

bool write_entry(archive* a, const std::string& name, const std::string& bytes, std::time_t mtime, bool utf8) {
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(), archive_entry_free);
    if (utf8) archive_entry_set_pathname_utf8(e.get(), name.c_str());
    else archive_entry_copy_pathname(e.get(), name.c_str());  // no UTF-8 locale: the bytes, as they are
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_size(e.get(), la_int64_t(bytes.size()));
    archive_entry_set_mtime(e.get(), mtime, 0);
    if (archive_write_header(a, e.get()) < ARCHIVE_WARN) return false;
    for (size_t done = 0; done < bytes.size();) {
        la_ssize_t n = archive_write_data(a, bytes.data() + done, bytes.size() - done);
        if (n <= 0) return false;
        done += size_t(n);
    }
    return true;
}

// The archive at `file`: the manifest, then the documents, then their files.
bool write_archive(const fs::path& file, const std::string& manifest, const PackContents& contents, std::string& error) {
    Utf8Names names;
    std::unique_ptr<archive, ArchiveWriteFree> a(archive_write_new());
    std::time_t now = std::time(nullptr);
    bool ok = archive_write_add_filter_gzip(a.get()) == ARCHIVE_OK && archive_write_set_format_pax_restricted(a.get()) == ARCHIVE_OK &&
              archive_write_open_filename(a.get(), file.c_str()) == ARCHIVE_OK &&
              write_entry(a.get(), kManifestName, manifest, now, names.active());
    for (const auto* list : {&contents.docs(), &contents.files()})
        for (const Outgoing& o : *list) ok = ok && write_entry(a.get(), o.entry, o.bytes, now, names.active());
    ok = ok && archive_write_close(a.get()) == ARCHIVE_OK;
    if (!ok) {
        const char* why = archive_error_string(a.get());
        error = fmt::format("无法写出资料包 {0}（{1}）/ cannot write the pack {0}: {1}", file.string(), why ? why : "?");
    }
    return ok;
}

// [SECTION] reading a pack ------------------------------------------------------------------------

// Thrown inside the import's checks; plan_import turns it into the plan's refusal.
struct Refused : std::runtime_error {
    using std::runtime_error::runtime_error;
};
[[noreturn]] void refuse(const std::string& message) { throw Refused(message); }

// One entry the manifest lists.
struct Listed {
    std::string entry, sha256;
    uint64_t bytes = 0;
    bool document = false;
    std::string id, kind;  // documents
};

struct Manifest {
    PackInfo info;
    std::vector<Listed> listed;  // documents, then files
};

[[noreturn]] void bad_field(const std::string& where) {
    refuse(fmt::format("manifest.json 里的「{0}」缺失或写错了 / manifest.json: \"{0}\" is missing or wrong", where));
}
const std::string& text_field(const json& o, const char* key, const std::string& where) {
    auto it = o.find(key);
    if (it == o.end() || !it->is_string()) bad_field(where + key);
    return it->get_ref<const std::string&>();
}
std::string optional_text(const json& o, const char* key) {
    auto it = o.find(key);
    if (it == o.end()) return {};
    if (!it->is_string()) bad_field(key);
    return it->get<std::string>();
}
uint64_t size_field(const json& o, const char* key, const std::string& where) {
    auto it = o.find(key);
    if (it == o.end() || !it->is_number_unsigned()) {
        if (it != o.end() && it->is_number_integer() && it->get<int64_t>() >= 0) return it->get<uint64_t>();
        bad_field(where + key);
    }
    return it->get<uint64_t>();
}
bool is_sha256(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Listed listed_entry(const json& o, bool document, const std::string& where) {
    if (!o.is_object()) bad_field(where.substr(0, where.size() - 1));
    Listed l;
    l.document = document;
    l.entry = text_field(o, "path", where);
    l.sha256 = text_field(o, "sha256", where);
    if (!is_sha256(l.sha256)) bad_field(where + "sha256");
    l.bytes = size_field(o, "bytes", where);
    if (document) {
        l.id = text_field(o, "id", where);
        l.kind = text_field(o, "kind", where);
        if (l.id.empty()) bad_field(where + "id");
        if (!parse_kind(l.kind)) bad_field(where + "kind");
        (void)text_field(o, "title", where);
        (void)text_field(o, "version", where);
    }
    return l;
}

std::string too_large_message(std::string_view name, uint64_t cap) {
    return fmt::format("资料包里的条目太大（超过 {1}）：{0} / a pack entry is too large (over {1}): {0}", shown(name), size_text(cap));
}
std::string total_message(uint64_t cap) {
    return fmt::format("资料包解开后太大（超过 {0}） / the pack unpacks to too much (over {0})", size_text(cap));
}
std::string count_message(size_t cap) {
    return fmt::format("资料包里的条目太多（超过 {0} 个） / the pack has too many entries (over {0})", cap);
}

// Names, places, sizes and uniqueness of what the manifest lists: refused before any data is read.
void check_listed(const std::vector<Listed>& listed, const PackLimits& limits) {
    if (listed.size() + 1 > limits.max_entries) refuse(count_message(limits.max_entries));
    std::set<std::string> entries, paths;
    uint64_t total = 0;
    for (const Listed& l : listed) {
        if (std::string why = name_problem(l.entry, limits.max_path_bytes); !why.empty()) refuse(why);
        if (std::string why = place_problem(l.entry, l.document); !why.empty()) refuse(why);
        if (l.bytes > limits.max_entry_bytes) refuse(too_large_message(l.entry, limits.max_entry_bytes));
        total += l.bytes;
        if (total > limits.max_total_bytes) refuse(total_message(limits.max_total_bytes));
        if (!entries.insert(l.entry).second)
            refuse(fmt::format("清单里的条目重复：{0} / the manifest lists an entry twice: {0}", shown(l.entry)));
        if (!paths.insert(library_path(l.entry)).second)
            refuse(fmt::format("两个条目会写到文库的同一个位置：{0} / two entries would go to one place in the library: {0}", library_path(l.entry)));
    }
    // "a.png" and "a.png/b.png" cannot both be written: one would be a file and a folder.
    for (const std::string& p : paths)
        for (size_t slash = p.find('/'); slash != std::string::npos; slash = p.find('/', slash + 1))
            if (paths.count(p.substr(0, slash)))
                refuse(fmt::format("条目路径把另一个条目当作文件夹：{0} / an entry's path uses another entry as a folder: {0}", p));
}

Manifest parse_manifest(const std::string& text, const PackLimits& limits) {
    json m = json::parse(text, nullptr, false);
    if (m.is_discarded() || !m.is_object())
        refuse(refusal("资料包的 manifest.json 不是有效的 JSON 对象", "the pack's manifest.json is not a valid JSON object"));
    auto format = m.find("format");
    if (format == m.end() || !format->is_string() || *format != kPackFormat)
        refuse(refusal("这不是 Linli 资料包（manifest.json 的 format 应为 linli-pack）", "not a Linli pack (manifest.json's format must be linli-pack)"));
    auto version = m.find("format_version");
    if (version == m.end() || !version->is_number_integer()) bad_field("format_version");
    if (version->get<int64_t>() != kPackFormatVersion)
        refuse(fmt::format("资料包的格式版本 {0} 不认识，请更新 Linli / unknown pack format version {0}: update Linli", version->get<int64_t>()));
    Manifest out;
    out.info = {optional_text(m, "author"), optional_text(m, "title"), optional_text(m, "linli_version"), optional_text(m, "created")};
    for (auto [key, document] : {std::pair{"documents", true}, std::pair{"files", false}}) {
        auto list = m.find(key);
        if (list == m.end() || !list->is_array()) bad_field(key);
        for (size_t i = 0; i < list->size(); ++i)
            out.listed.push_back(listed_entry((*list)[i], document, fmt::format("{}[{}].", key, i)));
    }
    check_listed(out.listed, limits);
    return out;
}

struct ArchiveReadFree {
    void operator()(archive* a) const { archive_read_free(a); }
};

// Reads one entry's data, never more than `cap` bytes whatever its header said, hashing it and
// counting it against the pack's totals.
class EntryReader {
public:
    EntryReader(archive* a, const PackLimits& limits, uint64_t packed_bytes) : a_(a), limits_(limits), packed_(std::max<uint64_t>(packed_bytes, 1)) {}

    // The data; `sha256` set. `too_much` is the refusal when the entry passes `cap`.
    std::string read(std::string_view name, uint64_t cap, const std::string& too_much, std::string& sha256) {
        std::string data;
        Sha256 h;
        char buf[64 * 1024];
        for (;;) {
            la_ssize_t n = archive_read_data(a_, buf, sizeof buf);
            if (n == 0) break;
            if (n < 0) refuse(damaged(name));
            if (data.size() + size_t(n) > cap) refuse(too_much);
            unpacked_ += uint64_t(n);
            if (unpacked_ > limits_.max_total_bytes) refuse(total_message(limits_.max_total_bytes));
            if (double(unpacked_) > limits_.max_ratio * double(packed_))
                refuse(fmt::format("资料包的压缩比异常（超过 {0}:1），可能是压缩炸弹 / the pack's compression ratio is suspicious (over {0}:1): possibly a decompression bomb",
                                   limits_.max_ratio));
            h.add(buf, size_t(n));
            data.append(buf, size_t(n));
        }
        sha256 = h.hex();
        return data;
    }

    std::string damaged(std::string_view name = {}) const {
        const char* why = archive_error_string(a_);
        std::string at = name.empty() ? std::string() : " (" + shown(name) + ")";
        return fmt::format("资料包已损坏，读不下去{1}：{0} / the pack is damaged{1}: {0}", why ? why : "?", at);
    }

private:
    archive* a_;
    const PackLimits& limits_;
    uint64_t packed_;
    uint64_t unpacked_ = 0;
};

// What an entry is when it is not a regular file: {Chinese, English}; none for a regular file.
std::optional<std::pair<const char*, const char*>> irregular_type(archive_entry* e) {
    if (archive_entry_hardlink(e)) return std::pair{"硬链接", "a hard link"};
    if (archive_entry_symlink(e)) return std::pair{"符号链接", "a symbolic link"};
    switch (archive_entry_filetype(e)) {
        case AE_IFREG: return std::nullopt;
        case AE_IFLNK: return std::pair{"符号链接", "a symbolic link"};
        case AE_IFCHR:
        case AE_IFBLK: return std::pair{"设备", "a device"};
        case AE_IFIFO: return std::pair{"命名管道", "a FIFO"};
        case AE_IFSOCK: return std::pair{"套接字", "a socket"};
        default: return std::pair{"未知类型", "of an unknown type"};
    }
}

std::string entry_name(archive_entry* e) {
    const char* n = archive_entry_pathname_utf8(e);
    if (!n) n = archive_entry_pathname(e);  // not UTF-8: its bytes, which name_problem refuses
    return n ? n : "";
}

std::string no_manifest_message() {
    return refusal("资料包缺少 manifest.json（它应当是第一个条目）", "the pack has no manifest.json (it must be the first entry)");
}

struct ReadPack {
    Manifest manifest;
    std::vector<PackFile> documents, files;  // in the manifest's order
};

// Reads a pack through once: the manifest first, then each entry checked against it (name, type,
// the size its header declares) before its data is read.
class PackReader {
public:
    PackReader(const fs::path& pack, const PackLimits& limits) : limits_(limits), archive_(archive_read_new()) {
        struct stat st {};
        if (::stat(pack.c_str(), &st) != 0) refuse(fmt::format("打不开资料包：{0} / cannot open the pack: {0}", pack.string()));
        if (!S_ISREG(st.st_mode)) refuse(fmt::format("资料包不是普通文件：{0} / the pack is not a regular file: {0}", pack.string()));
        // Packed, a pack is its entries plus their headers: anything much larger is not one.
        uint64_t packed = uint64_t(st.st_size);
        if (packed > limits.max_total_bytes + limits.max_entries * 2048ull + (1u << 20)) refuse(total_message(limits.max_total_bytes));
        archive_read_support_filter_gzip(a());
        archive_read_support_format_tar(a());  // ustar and pax; nothing else
        data_.emplace(a(), limits, packed);
        if (archive_read_open_filename(a(), pack.c_str(), 64 * 1024) != ARCHIVE_OK) refuse(data_->damaged());
    }

    ReadPack read() {
        std::string name;
        archive_entry* e = next_file(name);
        if (!e || name != kManifestName) refuse(no_manifest_message());
        take_manifest(name);
        while (next_file(name)) take_listed(name);
        return finish();
    }

private:
    archive* a() const { return archive_.get(); }

    // The next entry that is not a folder, with its name and type checked; null at the end.
    archive_entry* next_file(std::string& name) {
        for (;;) {
            archive_entry* e = nullptr;
            int r = archive_read_next_header(a(), &e);
            if (r == ARCHIVE_EOF) return nullptr;
            if (r < ARCHIVE_WARN || r == ARCHIVE_RETRY) refuse(data_->damaged());
            if (++count_ > limits_.max_entries) refuse(count_message(limits_.max_entries));
            name = entry_name(e);
            bool folder = archive_entry_filetype(e) == AE_IFDIR && !archive_entry_hardlink(e);
            std::string checked = folder && ends_with(name, "/") ? name.substr(0, name.size() - 1) : name;
            if (std::string why = name_problem(checked, limits_.max_path_bytes); !why.empty()) refuse(why);
            if (folder) continue;  // made as needed on import
            if (auto type = irregular_type(e))
                refuse(fmt::format("资料包里的条目不是普通文件（是{1}）：{0} / a pack entry is not a regular file (it is {2}): {0}", shown(name),
                                   type->first, type->second));
            size_known_ = archive_entry_size_is_set(e);
            declared_ = size_known_ ? uint64_t(std::max<la_int64_t>(archive_entry_size(e), 0)) : 0;
            if (size_known_ && declared_ > limits_.max_entry_bytes) refuse(too_large_message(name, limits_.max_entry_bytes));
            return e;
        }
    }

    void take_manifest(const std::string& name) {
        std::string sha;
        std::string text = data_->read(name, limits_.max_entry_bytes, too_large_message(name, limits_.max_entry_bytes), sha);
        manifest_ = parse_manifest(text, limits_);
        for (size_t i = 0; i < manifest_.listed.size(); ++i) listed_.emplace(manifest_.listed[i].entry, i);
        found_.resize(manifest_.listed.size());
    }

    void take_listed(const std::string& name) {
        auto it = listed_.find(name);
        if (it == listed_.end())
            refuse(fmt::format("资料包里的条目不在清单（manifest.json）中：{0} / a pack entry is not listed in the manifest: {0}", shown(name)));
        const Listed& l = manifest_.listed[it->second];
        if (found_[it->second]) refuse(fmt::format("资料包里的条目重复：{0} / a pack entry appears twice: {0}", shown(name)));
        std::string mismatch = fmt::format("条目的大小与清单不符：{0} / an entry's size does not match the manifest: {0}", shown(name));
        if (size_known_ && declared_ != l.bytes) refuse(mismatch);
        std::string sha;
        std::string data = data_->read(name, l.bytes, mismatch, sha);  // never more than the manifest lists
        if (data.size() != l.bytes || (size_known_ && data.size() != declared_)) refuse(mismatch);
        if (sha != l.sha256)
            refuse(fmt::format("条目的 SHA-256 与清单不符（被改过或已损坏）：{0} / an entry's SHA-256 does not match the manifest (changed or damaged): {0}",
                               shown(name)));
        found_[it->second] = PackFile{name, library_path(name), sha, std::move(data)};
    }

    ReadPack finish() {
        ReadPack out;
        for (size_t i = 0; i < found_.size(); ++i) {
            const Listed& l = manifest_.listed[i];
            if (!found_[i])
                refuse(fmt::format("清单里的条目在资料包里找不到：{0} / a manifest entry is missing from the pack: {0}", shown(l.entry)));
            (l.document ? out.documents : out.files).push_back(std::move(*found_[i]));
        }
        out.manifest = std::move(manifest_);
        return out;
    }

    const PackLimits& limits_;
    Utf8Names names_;  // before the archive: its names are converted in this locale
    std::unique_ptr<archive, ArchiveReadFree> archive_;
    std::optional<EntryReader> data_;
    size_t count_ = 0;
    bool size_known_ = false;
    uint64_t declared_ = 0;  // the current entry's size, as its header says
    Manifest manifest_;
    std::unordered_map<std::string, size_t> listed_;  // entry -> index in manifest_.listed
    std::vector<std::optional<PackFile>> found_;
};

// [SECTION] linting a pack with the local library -------------------------------------------------

// A private folder under the system's temporary folder, removed with everything in it.
class TempFolder {
public:
    TempFolder() {
        std::string t = (fs::temp_directory_path() / "linli-pack-XXXXXX").string();
        if (!::mkdtemp(t.data()))
            refuse(refusal("无法建立临时文件夹来检查资料包", "cannot make a temporary folder to check the pack"));
        path_ = fs::canonical(t);  // what the library's paths will begin with
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void unpack_into(const fs::path& dir, const std::vector<PackFile>& files) {
    for (const PackFile& f : files) {
        fs::path p = dir / f.path;
        std::error_code ec;
        fs::create_directories(p.parent_path(), ec);
        std::ofstream out(p, std::ios::binary);
        out.write(f.bytes.data(), std::streamsize(f.bytes.size()));
        if (ec || !out.flush())
            refuse(fmt::format("无法在临时文件夹里检查资料包（{0}） / cannot check the pack in a temporary folder ({0})", f.entry));
    }
}

// The library folders of `local`, each once, in the order its documents came.
std::vector<fs::path> roots_of(const Catalog& local) {
    std::vector<fs::path> roots;
    std::set<fs::path> seen;
    for (const Document& d : local.library.documents())
        if (seen.insert(d.root).second) roots.push_back(d.root);
    return roots;
}

// What linting the unpacked pack found, named as the pack names its entries.
class PackLint {
public:
    PackLint(const fs::path& dir, const ReadPack& pack) : prefix_(dir.native() + "/") {
        for (const auto* list : {&pack.documents, &pack.files})
            for (const PackFile& f : *list) entries_.emplace(f.path, f.entry);
    }
    bool inside(const std::string& path) const { return starts_with(path, prefix_); }
    std::string relative(const std::string& path) const { return path.substr(prefix_.size()); }
    void add(Diagnostic d) {
        if (!inside(d.path)) return;  // the local library's own problems are not the pack's
        auto it = entries_.find(relative(d.path));
        d.path = it == entries_.end() ? relative(d.path) : it->second;
        for (std::string* m : {&d.message, &d.message_en})
            for (size_t at; (at = m->find(prefix_)) != std::string::npos;) m->erase(at, prefix_.size());
        (d.severity == Severity::Error ? errors : warnings).push_back(std::move(d));
    }
    std::vector<Diagnostic> errors, warnings;

private:
    std::string prefix_;
    std::unordered_map<std::string, std::string> entries_;  // library path -> entry
};

// Loads the unpacked pack first, then the local library: a pack document wins its id, so it is
// linted whole, and links to local documents resolve.
void lint_pack(const Catalog& cat, PackLint& lint) {
    for (const Diagnostic& d : cat.problems) lint.add(d);
    std::vector<Diagnostic> more;
    for (const Drill& d : cat.drills)
        if (lint.inside(d.doc->path.string())) check_drill(d, cat.library, more);
    for (const Document& doc : cat.library.documents()) {
        if (!lint.inside(doc.path.string())) continue;
        for (const Block& b : image_blocks(doc.blocks)) {  // headers were checked by the load
            if (!check_image(doc, b.literal, ImageCheckDepth::Header).ok()) continue;
            ImageCheck c = check_image(doc, b.literal, ImageCheckDepth::Data);
            if (!c.ok()) more.push_back({doc.path.string(), b.line, b.col, Severity::Error, c.message});
        }
    }
    for (Diagnostic& d : more) lint.add(std::move(d));
}

// The plan's documents as they loaded, each with the files it uses; every file must be used.
void describe_documents(const Catalog& cat, const PackLint& lint, const ReadPack& pack, PackPlan& plan) {
    std::unordered_map<std::string, const Document*> loaded;
    for (const Document& d : cat.library.documents())
        if (lint.inside(d.path.string())) loaded.emplace(lint.relative(d.path.string()), &d);
    std::unordered_map<std::string, size_t> file_index;
    for (size_t i = 0; i < pack.files.size(); ++i) file_index.emplace(pack.files[i].path, i);
    std::vector<bool> used(pack.files.size());
    size_t listed = 0;
    for (const PackFile& f : pack.documents) {
        const Listed& l = pack.manifest.listed[listed++];
        auto it = loaded.find(f.path);
        if (it == loaded.end())
            refuse(fmt::format("资料包里的文档没能载入（文件名不能是 README.md）：{0} / a pack document did not load (it may not be named README.md): {0}", f.entry));
        const Document& d = *it->second;
        if (d.meta.id != l.id || kind_name(d.meta.kind) != l.kind)
            refuse(fmt::format("清单说 {0} 是「{1}」（{2}），文档自己说是「{3}」（{4}） / the manifest says {0} is '{1}' ({2}); the document says '{3}' ({4})", f.entry,
                               l.id, l.kind, d.meta.id, kind_name(d.meta.kind)));
        PlannedDocument p{d.meta.id, kind_name(d.meta.kind), d.meta.title, version_of(d, f.sha256), f};
        for (const UsedFile& u : used_files(d)) {  // resolved without links: below the folder as unpacked
            auto fi = lint.inside(u.file.string()) ? file_index.find(lint.relative(u.file.string())) : file_index.end();
            if (fi == file_index.end() || std::count(p.uses.begin(), p.uses.end(), fi->second)) continue;
            p.uses.push_back(fi->second);
            used[fi->second] = true;
        }
        plan.documents.push_back(std::move(p));
    }
    for (size_t i = 0; i < used.size(); ++i)
        if (!used[i])
            refuse(fmt::format("资料包里的文件没有文档用到：{0} / no document in the pack uses this file: {0}", pack.files[i].entry));
}

// Added, Updated or Unchanged, against the local document of the same id.
void compare_with_local(const Catalog& local, PlannedDocument& p) {
    const Document* mine = local.library.find(p.id);
    if (!mine) return;
    std::string sha;
    try {
        sha = sha256_hex(read_bytes(mine->path));
    } catch (const std::runtime_error&) {  // unreadable now: anything the pack brings is an update
    }
    p.local_path = mine->path;
    p.local_version = version_of(*mine, sha.empty() ? std::string(12, '?') : sha);
    p.change = sha == p.file.sha256 ? PackChange::Unchanged : PackChange::Updated;
}

// [SECTION] applying a plan -----------------------------------------------------------------------

enum class Verdict { Write, Nothing, Skip };
struct Decision {
    Verdict verdict = Verdict::Nothing;
    SkipReason reason = SkipReason::NeedsReplace;
};

// A file of the pack at `target`: absent or the same bytes, or else taken (`replace` overwrites).
Decision decide_file(const fs::path& target, const std::string& sha256, bool replace, SkipReason taken) {
    std::error_code ec;
    fs::file_status st = fs::symlink_status(target, ec);
    if (!fs::exists(st)) return {Verdict::Write};
    std::string have;
    try {
        if (fs::is_regular_file(st)) have = file_sha256(target);  // never opens a FIFO or follows a link
    } catch (const std::runtime_error&) {
    }
    if (have == sha256) return {Verdict::Nothing};
    return replace ? Decision{Verdict::Write} : Decision{Verdict::Skip, taken};
}

Decision decide_document(const PlannedDocument& d, const fs::path& target, const fs::path& user_library, bool replace) {
    switch (d.change) {
        case PackChange::Unchanged: return {Verdict::Nothing};
        case PackChange::Added: return decide_file(target, d.file.sha256, false, SkipReason::PathTaken);  // never over another's file
        case PackChange::Updated: {
            if (!resolves_inside(d.local_path, user_library)) return {Verdict::Skip, SkipReason::OutsideUserLibrary};
            std::error_code ec;
            if (!fs::equivalent(d.local_path, target, ec)) return {Verdict::Skip, SkipReason::ElsewhereInLibrary};
            return replace ? Decision{Verdict::Write} : Decision{Verdict::Skip, SkipReason::NeedsReplace};
        }
    }
    return {Verdict::Nothing};
}

struct Write {
    const PackFile* file;
    fs::path target;
};

void check_inside(const std::vector<Write>& writes, const fs::path& user_library) {
    for (const Write& w : writes)
        if (!resolves_inside(w.target, user_library))
            throw std::runtime_error(fmt::format("资料包要写的路径离开了你的文库：{0} / a pack path leaves your library: {0}", w.target.string()));
}

}  // namespace

// [SECTION] the public functions ------------------------------------------------------------------

std::string sha256_hex(std::string_view bytes) {
    Sha256 h;
    h.add(bytes.data(), bytes.size());
    return h.hex();
}

std::string file_sha256(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("读不了文件 {0} / cannot read {0}", file.string()));
    Sha256 h;
    char buf[64 * 1024];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) h.add(buf, size_t(in.gcount()));
    if (in.bad()) throw std::runtime_error(fmt::format("读不了文件 {0} / cannot read {0}", file.string()));
    return h.hex();
}

void export_pack(const Library& lib, const std::vector<std::string>& ids, const PackInfo& info, const fs::path& out) {
    std::vector<const Document*> docs;
    for (const std::string& id : ids) {
        const Document* d = lib.find(id);
        if (!d) throw std::runtime_error(fmt::format("文库里没有 id 为「{0}」的文档 / no document with id '{0}' in the library", id));
        if (std::find(docs.begin(), docs.end(), d) == docs.end()) docs.push_back(d);
    }
    PackContents contents;
    for (const Document* d : docs) {
        std::string rel = relative_below(d->path, d->root);
        if (rel.empty()) rel = d->path.filename().string();
        if (!contents.add(kDocsFolder + rel, read_bytes(d->path)))
            throw std::runtime_error(fmt::format("两篇文档在资料包里会是同一个路径：{0} / two documents would share one path in the pack: {0}", rel));
    }
    for (const Document* d : docs)
        for (const UsedFile& u : used_files(*d))
            if (std::string rel = relative_below(u.file, d->root); !rel.empty())
                contents.add((u.image ? kImagesFolder : kFilesFolder) + rel, read_bytes(u.file));
    std::string manifest = manifest_json(info, docs, contents).dump(2) + "\n";
    make_export_folder(fs::absolute(out).parent_path());
    write_file_atomically(out, [&](const fs::path& tmp, std::string& error) { return write_archive(tmp, manifest, contents, error); });
}

size_t PackPlan::count(PackChange c) const {
    return size_t(std::count_if(documents.begin(), documents.end(), [c](const PlannedDocument& d) { return d.change == c; }));
}

PackPlan plan_import(const fs::path& pack, const Catalog& local, const PackLimits& limits) {
    PackPlan plan;
    try {
        ReadPack read = PackReader(pack, limits).read();  // checks the file's size before reading it through
        plan.sha256 = file_sha256(pack);
        plan.info = read.manifest.info;
        TempFolder dir;
        unpack_into(dir.path(), read.documents);
        unpack_into(dir.path(), read.files);
        std::vector<fs::path> roots{dir.path()};
        for (const fs::path& r : roots_of(local)) roots.push_back(r);
        Catalog cat = Catalog::load(roots, false);
        PackLint lint(dir.path(), read);
        lint_pack(cat, lint);
        plan.warnings = std::move(lint.warnings);
        if (!lint.errors.empty()) {
            plan.problems = std::move(lint.errors);
            refuse(fmt::format("资料包里的文档有 {0} 个错误，没有导入 / the pack's documents have {0} errors; nothing imported", plan.problems.size()));
        }
        describe_documents(cat, lint, read, plan);
        for (PlannedDocument& p : plan.documents) compare_with_local(local, p);
        plan.files = std::move(read.files);
    } catch (const Refused& r) {
        plan.refusal = r.what();
    } catch (const std::exception& e) {  // I/O: the pack cannot be read
        plan.refusal = e.what();
    }
    if (!plan.ok()) {
        plan.documents.clear();
        plan.files.clear();
    }
    return plan;
}

const char* skip_reason_zh(SkipReason r) {
    switch (r) {
        case SkipReason::NeedsReplace: return "本地已有不同的版本，没有覆盖（要覆盖请用 --replace）";
        case SkipReason::OutsideUserLibrary: return "本地副本是内置的或在 --library 文件夹里，不会被覆盖";
        case SkipReason::ElsewhereInLibrary: return "本地副本在你文库的另一个位置，没有覆盖";
        case SkipReason::PathTaken: return "这个位置已有另一个文件，没有覆盖";
    }
    return "";
}

const char* skip_reason_en(SkipReason r) {
    switch (r) {
        case SkipReason::NeedsReplace: return "a different local version was kept (use --replace to overwrite)";
        case SkipReason::OutsideUserLibrary: return "the local copy is bundled or in a --library folder: never overwritten";
        case SkipReason::ElsewhereInLibrary: return "the local copy lives at another path of your library: not overwritten";
        case SkipReason::PathTaken: return "another file holds this path: not overwritten";
    }
    return "";
}

PackResult apply_import(const PackPlan& plan, const fs::path& user_library, bool replace) {
    if (!plan.ok()) throw std::logic_error("apply_import: the plan was refused");
    PackResult result;
    std::vector<Write> docs, files;
    std::vector<bool> needed(plan.files.size());
    for (const PlannedDocument& d : plan.documents) {
        fs::path target = user_library / d.file.path;
        Decision what = decide_document(d, target, user_library, replace);
        if (what.verdict == Verdict::Skip) result.skipped.push_back({d.id, what.reason});
        if (what.verdict != Verdict::Write) continue;
        docs.push_back({&d.file, target});
        (d.change == PackChange::Added ? result.added : result.updated).push_back(d.id);
        for (size_t f : d.uses) needed[f] = true;
    }
    for (size_t i = 0; i < plan.files.size(); ++i) {
        if (!needed[i]) continue;  // only what the documents written show
        fs::path target = user_library / plan.files[i].path;
        Decision what = decide_file(target, plan.files[i].sha256, replace, SkipReason::NeedsReplace);
        if (what.verdict == Verdict::Skip) result.skipped.push_back({plan.files[i].path, what.reason});
        if (what.verdict == Verdict::Write) files.push_back({&plan.files[i], target});
    }
    check_inside(files, user_library);
    check_inside(docs, user_library);
    // Files first: a document never appears (to the window's folder watcher) before its images.
    for (const auto* list : {&files, &docs}) {
        for (const Write& w : *list) {
            make_export_folder(w.target.parent_path());
            write_file_atomically(w.target, w.file->bytes);
            result.written.push_back(w.file->path);
        }
    }
    return result;
}

std::vector<fs::path> packs_beside(const fs::path& shared_file) {
    std::vector<fs::path> out;
    std::error_code ec;
    fs::path dir = fs::absolute(shared_file, ec).parent_path();
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == kPackExtension && it->is_regular_file(ec)) out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

PackLedger::PackLedger(fs::path file) : file_(std::move(file)) {
    std::ifstream in(file_, std::ios::binary);
    if (!in) return;
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("packs") || !j["packs"].is_array()) return;  // damaged: empty
    for (const json& p : j["packs"]) {
        if (!p.is_object()) continue;
        auto text = [&](const char* key) { return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : std::string(); };
        Entry e{text("sha256"), text("name"), text("outcome"), text("time")};
        if (!e.sha256.empty()) entries_.push_back(std::move(e));
    }
}

bool PackLedger::seen(const std::string& sha256) const {
    return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.sha256 == sha256; });
}

void PackLedger::record(const std::string& sha256, const std::string& name, PackOutcome outcome) {
    Entry e{sha256, name, outcome == PackOutcome::Imported ? "imported" : "declined", utc_now()};
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& x) { return x.sha256 == sha256; });
    if (it != entries_.end()) *it = std::move(e);
    else entries_.push_back(std::move(e));
    json packs = json::array();
    for (const Entry& x : entries_) packs.push_back({{"sha256", x.sha256}, {"name", x.name}, {"outcome", x.outcome}, {"time", x.time}});
    make_export_folder(fs::absolute(file_).parent_path());
    write_file_atomically(file_, json{{"packs", packs}}.dump(2) + "\n");
}

}  // namespace linli
