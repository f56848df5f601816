#include "content/library.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <unordered_set>

#include "content/image_ref.h"
#include "content/library_cache.h"
#include "content/utf8.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t fnv1a(uint64_t h, std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
    return h;
}

constexpr const char* kThesaurusName = "thesaurus.txt";

// The content hash, one file at a time — shared by load() and unchanged_hash(), which must agree:
// a thesaurus by its text, a document by its path and its bytes' hash (kept in the library cache).
uint64_t mix_text(uint64_t h, std::string_view path, std::string_view text) { return fnv1a(fnv1a(h, path), text); }
uint64_t mix_document(uint64_t h, std::string_view path, uint64_t bytes_hash) { return fnv1a(h, path) * kFnvPrime ^ bytes_hash; }

// Documents, and the search thesaurus instructors keep beside them.
bool is_document_name(std::string_view n) {
    return (n.size() > 3 && n.substr(n.size() - 3) == ".md" && n != "README.md") || n == kThesaurusName;
}
std::string_view name_of(std::string_view path) {
    size_t at = path.rfind('/');
    return at == std::string_view::npos ? path : path.substr(at + 1);
}

std::string read_file(const std::string& p, bool& ok) {
    std::ifstream in(p, std::ios::binary);
    ok = static_cast<bool>(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Keeps what a load without bodies keeps: the images, for the checks; whole() reads the rest.
void leave_body_for_later(Document& d) {
    d.blocks = image_blocks(d.blocks);
    std::string().swap(d.plain_text);
    std::string().swap(d.front_matter);  // a drill's keys; drills load whole
    d.complete = false;
}

// A file's path with its size and modification time (ns), or size -1 when not known yet.
struct Stamped {
    std::string path;
    int64_t size = -1, mtime = 0;
};
void stamp(Stamped& f, const struct stat& st) {
    f.size = int64_t(st.st_size);
    f.mtime = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Below `dir` (no trailing slash), the document files (stat'ed by name in their folder, without
// resolving the path again) and the paths of those that are symbolic links, by the entries'
// types: no stat of a file that is not a document, and no directory link followed. An unreadable
// folder is skipped.
void walk_folder(const std::string& dir, std::vector<Stamped>& files, std::vector<std::string>& links) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    std::vector<std::string> folders;
    while (const dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        std::string path = dir + '/';
        path += name;
        unsigned char type = e->d_type;
        if (type == DT_UNKNOWN) {  // a file system that does not say: ask without following links
            struct stat st {};
            if (::lstat(path.c_str(), &st) != 0) continue;
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
        if (type == DT_DIR) folders.push_back(std::move(path));
        else if (!is_document_name(name)) continue;
        else if (type == DT_LNK) links.push_back(std::move(path));
        else if (type == DT_REG) {
            Stamped f{std::move(path)};
            struct stat st {};
            if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) stamp(f, st);
            files.push_back(std::move(f));
        }
    }
    ::closedir(d);
    for (const std::string& f : folders) walk_folder(f, files, links);
}

// Each file with the library folder it belongs to: the folder named, or a named file's own folder.
struct FoundFile {
    std::string file;
    int64_t size = -1, mtime = 0;  // as the walk found them; size -1: stat the file
    size_t folder = 0;     // in Found::folders
    std::string refused;   // why the file is not read (a link leading out of the library), or empty
    std::string resolved;  // the absolute path without links: the key of the caches
};
struct Found {
    std::vector<fs::path> folders;
    std::vector<FoundFile> files;
};

// The size and modification time of a found file: the walk's, else by stat. False when gone.
bool stat_found(const FoundFile& f, int64_t& size, int64_t& mtime) {
    if (f.size < 0) {
        struct stat st {};
        if (::stat(f.file.c_str(), &st) != 0) return false;
        size = int64_t(st.st_size);
        mtime = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        return true;
    }
    size = f.size;
    mtime = f.mtime;
    return true;
}

Found find_files_with_roots(const std::vector<fs::path>& roots) {
    Found out;
    std::unordered_set<std::string> seen;
    for (const fs::path& root : roots) {
        std::error_code ec;
        std::vector<Stamped> found;
        std::vector<std::string> links;
        std::unordered_set<std::string> linked;  // files that are links (inside the library): resolved one by one
        std::vector<FoundFile> refused;
        bool is_dir = fs::is_directory(root, ec);
        out.folders.push_back(is_dir ? root : root.parent_path());
        size_t folder = out.folders.size() - 1;
        std::string prefix = root.native();  // the folder's text, as the files' paths begin
        if (is_dir) {
            while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
            walk_folder(prefix == "/" ? std::string() : prefix, found, links);
            for (std::string& l : links) {
                // A document that is a link is read only when it stays inside the library.
                std::string why = check_file_link(l, root, std::string(name_of(l)));
                if (!why.empty()) {
                    refused.push_back({l, -1, 0, folder, "文档是指向文库之外的链接，没有读取 (a document that links out of the library is not read): " + why, {}});
                    continue;
                }
                struct stat st {};
                if (::stat(l.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
                    linked.insert(l);
                    found.push_back({std::move(l)});
                    stamp(found.back(), st);
                }
            }
        } else if (fs::is_regular_file(root, ec)) {
            found.push_back({root.native()});
        }
        // By the paths' text: a stable order.
        std::sort(found.begin(), found.end(), [](const Stamped& a, const Stamped& b) { return a.path < b.path; });
        // The resolved path of a file is its resolved root plus its path below the root: the walk
        // follows no directory link, so no file needs resolving on its own (10,000 readlinks less).
        fs::path canon_root = fs::weakly_canonical(root, ec);
        if (ec) canon_root = root;
        for (Stamped& s : found) {
            const std::string& f = s.path;
            std::string canon;
            if (!is_dir) canon = canon_root.native();
            else if (linked.count(f) || f.compare(0, prefix.size(), prefix) != 0) canon = fs::weakly_canonical(f, ec).native();
            else {
                std::string_view rel = std::string_view(f).substr(prefix.size());
                canon = canon_root.native();
                if (!rel.empty() && rel.front() != '/') canon += '/';
                canon += rel;
            }
            if (seen.insert(canon).second) out.files.push_back({std::move(s.path), s.size, s.mtime, folder, {}, std::move(canon)});
        }
        for (FoundFile& r : refused) out.files.push_back(std::move(r));
    }
    return out;
}

}  // namespace

std::vector<fs::path> find_document_files(const std::vector<fs::path>& roots) {
    std::vector<fs::path> files;
    for (FoundFile& f : find_files_with_roots(roots).files) files.push_back(std::move(f.file));
    return files;
}

uint64_t Library::roots_key(const std::vector<fs::path>& roots) {
    uint64_t h = kFnvOffset;
    for (const fs::path& root : roots) {
        std::error_code ec;
        fs::path canon = fs::weakly_canonical(root, ec);
        h = fnv1a(fnv1a(h, (ec ? root : canon).native()), std::string_view("\0", 1));
    }
    return h;
}

Library Library::load(const std::vector<fs::path>& roots, LibraryCache* cache, bool on_demand) {
    on_demand = on_demand && cache;
    Library lib;
    lib.roots_key_ = roots_key(roots);
    uint64_t h = kFnvOffset;
    Found found = find_files_with_roots(roots);
    for (const FoundFile& f : found.files) {
        const auto& [file, file_size, file_mtime, folder, refused, resolved] = f;
        if (!refused.empty()) {
            lib.problems_.push_back({file, 1, 1, Severity::Error, refused});
            continue;
        }
        const fs::path& root = found.folders[folder];
        std::error_code ec;
        const std::string& key = resolved;  // `--library lib` and `/abs/lib` share the caches
        if (name_of(file) == kThesaurusName) {
            bool ok = false;
            std::string text = read_file(file, ok);
            h = mix_text(h, key, text);
            if (ok) lib.thesaurus_.add(file, text, lib.problems_);
            else lib.problems_.push_back({file, 1, 1, Severity::Error, "读不了这个文件", "cannot read the file"});
            continue;
        }
        // The parse: from the cache when the file is as it was, else read and parsed (and cached).
        std::optional<LibraryCache::Parse> parse;
        int64_t size = 0, mtime = 0;
        if (cache) {
            if (stat_found(f, size, mtime)) {
                parse = cache->find(key, size, mtime, !on_demand);
            } else {
                ec = std::make_error_code(std::errc::no_such_file_or_directory);
            }
        }
        if (!parse) {
            bool ok = false;
            std::string text = read_file(file, ok);
            if (!ok) {
                h = fnv1a(h, key);
                lib.problems_.push_back({file, 1, 1, Severity::Error, "读不了这个文件", "cannot read the file"});
                continue;
            }
            uint64_t text_hash = fnv1a(kFnvOffset, text);
            if (cache) parse = cache->find_by_hash(key, text_hash, !on_demand);  // touched, not changed
            if (!parse) {
                parse.emplace();
                parse->hash = text_hash;
                parse->doc = parse_document(file, text, parse->problems);
            }
            if (cache && !ec) cache->store(key, size, mtime, *parse);
            // Stored whole; held as a cached one would be (the body is read back on demand).
            if (on_demand && parse->doc && parse->doc->meta.kind != DocKind::Drill && !ec) leave_body_for_later(*parse->doc);
        }
        h = mix_document(h, key, parse->hash);
        for (Diagnostic& d : parse->problems) {
            d.path = file;
            lib.problems_.push_back(std::move(d));
        }
        if (!parse->doc) continue;
        std::optional<Document>& doc = parse->doc;
        doc->path = file;
        doc->root = root;
        doc->source_hash = parse->hash;
        doc->cache_key = key;
        auto [it, inserted] = lib.by_id_.emplace(doc->meta.id, static_cast<int>(lib.docs_.size()));
        if (!inserted) {
            lib.problems_.push_back(duplicate_id(*doc, lib.docs_[it->second]));
            continue;
        }
        lib.docs_.push_back(std::move(*doc));
    }
    if (cache) cache->commit();
    lib.raw_hash_ = h;
    lib.hash_ = h;
    lib.link_documents();
    return lib;
}

Library Library::from_snapshot(std::vector<Document> docs, uint64_t raw_hash, uint64_t roots_key, std::shared_ptr<LibraryCache> cache) {
    Library lib;
    lib.docs_ = std::move(docs);
    for (size_t i = 0; i < lib.docs_.size(); ++i) lib.by_id_.emplace(lib.docs_[i].meta.id, int(i));
    lib.raw_hash_ = lib.hash_ = raw_hash;
    lib.roots_key_ = roots_key;
    lib.bodies_ = std::move(cache);
    lib.link_documents(false);
    return lib;
}

std::optional<uint64_t> Library::unchanged_hash(const std::vector<fs::path>& roots, LibraryCache& cache, Thesaurus& thesaurus) {
    uint64_t h = kFnvOffset;
    std::vector<Diagnostic> ignored;  // the caller falls back to a full load to see problems
    const auto stamps = cache.stamps();
    for (const FoundFile& f : find_files_with_roots(roots).files) {
        const auto& [file, file_size, file_mtime, folder, refused, key] = f;
        if (!refused.empty()) continue;
        if (name_of(file) == kThesaurusName) {
            bool ok = false;
            std::string text = read_file(file, ok);
            if (!ok) return std::nullopt;
            h = mix_text(h, key, text);
            thesaurus.add(file, text, ignored);
            continue;
        }
        int64_t size = 0, mtime = 0;
        if (!stat_found(f, size, mtime)) return std::nullopt;
        const LibraryCache::Stamp* known = stamps.find(key);
        if (!known || known->size != size || known->mtime != mtime) return std::nullopt;  // new or changed since the cache saw it
        h = mix_document(h, key, known->hash);
    }
    return h;
}

std::optional<int> Library::reload_file(const fs::path& file, const fs::path& root, LibraryCache* cache) {
    if (!cache) cache = bodies_.get();
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    bool ok = false;
    std::string text = read_file(file, ok);
    if (!ok) return std::nullopt;
    LibraryCache::Parse parse;
    parse.hash = fnv1a(kFnvOffset, text);
    parse.doc = parse_document(file, text, parse.problems);
    if (!parse.doc) return std::nullopt;
    std::error_code ec;
    std::string key = fs::weakly_canonical(file, ec).native();
    if (ec) return std::nullopt;
    int at = -1;
    for (size_t i = 0; i < docs_.size() && at < 0; ++i)
        if (docs_[i].cache_key == key) at = int(i);
    int same_id = index_of(parse.doc->meta.id);
    if (at >= 0 && (same_id != at || docs_[size_t(at)].meta.kind != parse.doc->meta.kind)) return std::nullopt;
    if (at < 0 && same_id >= 0) return std::nullopt;  // a duplicate id: the load's message says which
    const fs::path spelled = at >= 0 ? docs_[size_t(at)].path : file;  // as the load spelled it, which problems name
    if (cache) {
        Stamped s{file.native()};
        stamp(s, st);
        cache->store(key, s.size, s.mtime, parse);
        cache->commit();
    }

    Document& doc = *parse.doc;
    doc.path = spelled;
    doc.root = at >= 0 ? docs_[size_t(at)].root : root;
    doc.source_hash = parse.hash;
    doc.cache_key = key;
    doc.complete = true;
    // Its own problems go; so do other documents' broken links to an id that now exists.
    std::erase_if(problems_, [&](const Diagnostic& d) { return d.path == spelled.native(); });
    if (at < 0) {
        for (const Document& other : docs_)
            for (const Link& l : other.links)
                if (l.target_id == doc.meta.id) {
                    Diagnostic was = unknown_link(other, l);
                    std::erase_if(problems_, [&](const Diagnostic& d) { return same_finding(d, was); });
                }
        at = int(docs_.size());
        by_id_.emplace(doc.meta.id, at);
        docs_.push_back(std::move(doc));
    } else {
        docs_[size_t(at)] = std::move(doc);
    }
    for (Diagnostic& d : parse.problems) {
        d.path = spelled;
        problems_.push_back(std::move(d));
    }
    raw_hash_ = mix_document(raw_hash_, key, parse.hash);
    hash_ = mix_document(hash_, key, parse.hash);
    // Backlinks again (in memory, linear), then this document's own links and files checked.
    link_documents(false);
    const Document& d = docs_[size_t(at)];
    for (const Link& l : d.links)
        if (!l.target_id.empty() && index_of(l.target_id) < 0) problems_.push_back(unknown_link(d, l));
    check_document_files(d, ImageCheckDepth::Header, problems_);
    return at;
}

void Library::set_search_text(int doc, std::string text) {
    hash_ = fnv1a(fnv1a(hash_, docs_[doc].meta.id), text);
    docs_[doc].search_text = std::move(text);
}

Diagnostic unknown_link(const Document& doc, const Link& link) {
    return {doc.path.string(), link.line, link.col, Severity::Error, "链接指向不存在的文档 id「" + link.target_id + "」",
            "link to unknown document id '" + link.target_id + "'"};
}

Diagnostic duplicate_id(const Document& doc, const Document& first) {
    return {doc.path.string(), doc.meta.id_line, 1, Severity::Error, "id「" + doc.meta.id + "」重复（" + first.path.string() + " 也用了它）",
            "duplicate id '" + doc.meta.id + "' (also in " + first.path.string() + ")"};
}

void Library::link_documents(bool check) {
    backlinks_.assign(docs_.size(), {});
    for (size_t i = 0; i < docs_.size(); ++i) {
        for (const Link& l : docs_[i].links) {
            if (l.target_id.empty()) continue;
            int target = index_of(l.target_id);
            if (target < 0) {
                if (check) problems_.push_back(unknown_link(docs_[i], l));
                continue;
            }
            auto& back = backlinks_[target];
            if (target != static_cast<int>(i) && (back.empty() || back.back() != static_cast<int>(i)))
                back.push_back(static_cast<int>(i));
        }
        // Images and file links must name files inside the document's library folder.
        if (check) check_document_files(docs_[i], ImageCheckDepth::Header, problems_);
    }
}

std::shared_ptr<const Document> Library::whole(int i) const {
    const Document& d = docs_[size_t(i)];
    if (d.complete) return std::shared_ptr<const Document>(std::shared_ptr<const Document>(), &d);  // not owned: the library's
    std::optional<Document> found;
    if (bodies_) found = bodies_->find_whole(d.cache_key, d.source_hash);
    if (!found) {  // the cache lost it: the file, if it is still the one loaded
        bool ok = false;
        std::string text = read_file(d.path, ok);
        std::vector<Diagnostic> ignored;  // reported by the load
        if (ok && fnv1a(kFnvOffset, text) == d.source_hash) found = parse_document(d.path, text, ignored);
    }
    if (!found) return std::shared_ptr<const Document>(std::shared_ptr<const Document>(), &d);  // what there is
    Document& w = *found;
    w.path = d.path;
    w.root = d.root;
    w.source_hash = d.source_hash;
    w.cache_key = d.cache_key;
    w.search_text = d.search_text;
    w.complete = true;
    return std::make_shared<const Document>(std::move(w));
}

const Document* Library::find(std::string_view id) const {
    int i = index_of(id);
    return i < 0 ? nullptr : &docs_[i];
}

int Library::index_of(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? -1 : it->second;
}

size_t Library::count(DocKind kind) const {
    return std::count_if(docs_.begin(), docs_.end(), [&](const Document& d) { return d.meta.kind == kind; });
}

}  // namespace linli
