// The library: every document from the bundled folders, the user's folder and --library folders,
// indexed by id, with backlinks and the problems found while loading.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/document.h"
#include "content/thesaurus.h"

namespace linli {

class LibraryCache;

class Library {
public:
    // Loads every `*.md` below each folder (README.md excluded) and each file named directly.
    // A broken file is reported in problems() and skipped; the rest still load.
    // `cache`: parses kept across runs (content/library_cache.h); only changed files are parsed.
    // `on_demand` (with a cache): a document found unchanged in the cache is loaded without its
    // body — metadata, links, images — and whole() reads the body when asked: at 10,000 documents
    // the window then holds a tenth of the text. Drills always load whole.
    static Library load(const std::vector<std::filesystem::path>& roots, LibraryCache* cache = nullptr, bool on_demand = false);
    // The library as a snapshot left it (LibraryCache::snapshot): documents without bodies, links
    // and backlinks, nothing checked; whole() reads bodies from `cache`.
    static Library from_snapshot(std::vector<Document> docs, uint64_t raw_hash, uint64_t roots_key, std::shared_ptr<LibraryCache> cache);
    // Where whole() reads the bodies left for later (the cache the load used, kept open).
    void read_bodies_from(std::shared_ptr<LibraryCache> cache) { bodies_ = std::move(cache); }
    // The document with its whole body: itself when complete, else read from the cache (or its
    // file, failing that). Safe from several threads.
    std::shared_ptr<const Document> whole(int doc) const;

    const std::vector<Document>& documents() const { return docs_; }
    const Document* find(std::string_view id) const;
    int index_of(std::string_view id) const;  // -1 when unknown
    const std::vector<int>& backlinks(int doc) const { return backlinks_[doc]; }
    const std::vector<Diagnostic>& problems() const { return problems_; }
    size_t count(DocKind kind) const;
    // Parses `file` (below library folder `root`) again and puts it in place of the document it
    // held, or adds it when it is new and its id is free: its problems, links and backlinks are
    // brought up to date and the parse goes into the cache, without reading any other file.
    // Returns its index, or none when only a full load can tell: the file is gone or no longer
    // parses, or its id or kind changed, or its new id is taken. Not while another thread reads.
    std::optional<int> reload_file(const std::filesystem::path& file, const std::filesystem::path& root,
                                   LibraryCache* cache = nullptr);
    // What search indexes for a document instead of its text (a drill's cover). It changes the
    // content hash too, so an index of the plain text is never taken for this one.
    void set_search_text(int doc, std::string text);
    // Changes whenever any file's path or bytes change, or a search text is set: the search cache key.
    uint64_t content_hash() const { return hash_; }
    const Thesaurus& thesaurus() const { return thesaurus_; }  // from the thesaurus.txt files found
    // Names the set of library folders (resolved): the search index kept for them across edits.
    static uint64_t roots_key(const std::vector<std::filesystem::path>& roots);
    uint64_t roots_key() const { return roots_key_; }
    // The content hash as the files alone make it (before any search text is set).
    uint64_t raw_hash() const { return raw_hash_; }
    // That hash for `roots` when every file is as `cache` recorded it — found by stat alone, no
    // file read or parsed but the thesaurus (filled in) — else none. For commands that need the
    // search index only.
    static std::optional<uint64_t> unchanged_hash(const std::vector<std::filesystem::path>& roots, LibraryCache& cache,
                                                  Thesaurus& thesaurus);

private:
    void link_documents(bool check = true);  // backlinks; `check`: broken links and files reported

    std::vector<Document> docs_;
    // Looked up by string_view without building a string: views find documents every frame.
    struct IdHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, int, IdHash, std::equal_to<>> by_id_;
    std::vector<std::vector<int>> backlinks_;
    std::vector<Diagnostic> problems_;
    Thesaurus thesaurus_;
    uint64_t raw_hash_ = 0;
    uint64_t hash_ = 0;
    uint64_t roots_key_ = 0;
    std::shared_ptr<LibraryCache> bodies_;
};

// The load's messages, for a check of one document outside a load (cases/buffer_lint.h).
Diagnostic unknown_link(const Document& doc, const Link& link);
Diagnostic duplicate_id(const Document& doc, const Document& first);

// The Markdown files a load would read, in a stable order.
std::vector<std::filesystem::path> find_document_files(const std::vector<std::filesystem::path>& roots);

}  // namespace linli
