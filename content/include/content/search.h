// Full-text search over titles, bodies and tags. Queries of three or more characters use SQLite
// FTS5 with the trigram tokenizer; one- and two-character queries (物业, 议事) use a gram index of
// their own: one row per character or character pair holding its documents, best first.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "content/library.h"
#include "content/sqlite.h"

namespace linli {

struct SearchHit {
    std::string id;
    std::string title;
    bool title_hit = false;
    std::string snippet;                                // plain text around the first match
    std::vector<std::pair<size_t, size_t>> highlights;  // byte ranges of matches in snippet
};

class SearchIndex {
public:
    // Builds an index of the library's documents into a new file, atomically (temp file + rename).
    static void build_file(const Library& lib, const std::filesystem::path& path);
    // Opens an index file read-only; throws db::Error when it is missing or not an index.
    static std::unique_ptr<SearchIndex> open_file(const std::filesystem::path& path);
    // Builds an index in memory (tests, one-off commands).
    static std::unique_ptr<SearchIndex> in_memory(const Library& lib);
    // Opens `<cache_dir>/search-<hash>.sqlite` for this library, building it first if needed.
    static std::unique_ptr<SearchIndex> cached(const Library& lib, const std::filesystem::path& cache_dir);
    static std::filesystem::path cache_path(const Library& lib, const std::filesystem::path& cache_dir);
    // Removes the temp files of index builds that were killed (their process is gone); a running
    // build's temp is left alone. cached() does this first.
    static void remove_abandoned_temps(const std::filesystem::path& cache_dir);

    std::vector<SearchHit> search(std::string_view query, int limit = 20);
    size_t document_count();

private:
    explicit SearchIndex(db::Db db);
    static void fill(db::Db& db, const Library& lib);
    std::vector<int64_t> match_grams(const std::u32string& term, int limit);
    std::vector<int64_t> match_fts(const std::vector<std::u32string>& terms, int limit);
    SearchHit make_hit(int64_t rowid, const std::vector<std::u32string>& terms);

    db::Db db_;
    db::Stmt gram_stmt_;
    db::Stmt doc_stmt_;
};

// Folds a query into its terms: split at spaces, ASCII lower-cased.
std::vector<std::u32string> query_terms(std::string_view query);

}  // namespace linli
