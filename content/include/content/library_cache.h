// The library cache (XDG cache folder, library.sqlite): each document's parse — metadata, links,
// blocks, plain text and its problems — kept across runs, so a start reads and parses only the
// files that changed, judged by resolved path, size and modification time, then by their bytes'
// hash. A damaged or foreign cache is discarded and rebuilt, never trusted; any failure of the
// cache only means parsing the file again.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "content/document.h"
#include "content/sqlite.h"

namespace linli {

class LibraryCache {
public:
    // nullptr when the cache cannot be used at all (the caller then parses every file).
    static std::unique_ptr<LibraryCache> open(const std::filesystem::path& cache_dir);

    struct Parse {
        uint64_t hash = 0;              // of the file's bytes
        std::optional<Document> doc;    // none when the file did not parse into a document
        std::vector<Diagnostic> problems;
    };
    // The cached parse of `resolved` if its size and mtime are as recorded. Without `body`, a
    // document but a drill comes with its images only in blocks (Document::complete false).
    std::optional<Parse> find(const std::string& resolved, int64_t size, int64_t mtime, bool body = true);
    // The cached parse if its bytes hash to `hash` (the file was touched, not changed).
    std::optional<Parse> find_by_hash(const std::string& resolved, uint64_t hash, bool body = true);
    // The whole document of a file whose bytes hash to `hash` (a body left for later). Safe to
    // call from several threads.
    std::optional<Document> find_whole(const std::string& resolved, uint64_t hash);
    void store(const std::string& resolved, int64_t size, int64_t mtime, const Parse& p);
    // Only the bytes' hash of a file as recorded, without decoding its parse.
    std::optional<uint64_t> hash_of(const std::string& resolved, int64_t size, int64_t mtime);
    struct Stamp {
        int64_t size = 0, mtime = 0;
        uint64_t hash = 0;
    };
    // Every file's stamp, in one read, by path (a check of 10,000 files then costs no query per file).
    struct Stamps {
        std::vector<std::pair<std::string, Stamp>> rows;  // sorted by path
        const Stamp* find(std::string_view path) const;
    };
    Stamps stamps();
    // Notes kept with the cache (the search index a library's drills were indexed into ...).
    std::optional<std::string> meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);
    // Writes what store() gathered, in one transaction (store() does every 256 files); errors are
    // swallowed (a cache).
    void commit();

    // The last load of a set of library folders, bodies left out, with its problems: what the
    // window's first frame shows at the next start while the library is loaded again.
    struct Snapshot {
        uint64_t raw_hash = 0;        // Library::raw_hash of that load
        std::vector<Document> docs;   // incomplete (Document::complete false)
        std::vector<Diagnostic> problems;
    };
    std::optional<Snapshot> snapshot(uint64_t roots_key);
    std::optional<uint64_t> snapshot_hash(uint64_t roots_key);  // its raw hash, without decoding it
    void save_snapshot(uint64_t roots_key, uint64_t raw_hash, const std::vector<Document>& docs, const std::vector<Diagnostic>& problems);
    static std::string encode_snapshot(uint64_t raw_hash, const std::vector<Document>& docs, const std::vector<Diagnostic>& problems);
    static std::optional<Snapshot> decode_snapshot(std::string_view blob);  // none for anything malformed

    static std::string encode(const Parse& p);
    static std::optional<Parse> decode(std::string_view blob, bool body = true);  // none for anything malformed

private:
    explicit LibraryCache(db::Db db) : db_(std::move(db)) {}
    db::Db db_;
    std::mutex mutex_;  // finds may come from the window's workers
    struct Pending {
        std::string path;
        int64_t size, mtime;
        uint64_t hash;
        std::string blob;
    };
    std::vector<Pending> pending_;
};

}  // namespace linli
