// Full-text search over titles, bodies, tags and keywords, ranked by BM25 over the terms a CJK
// analyzer finds (each character and character pair, ASCII words), with traditional characters
// folded to simplified, the library's thesaurus expanding the query, pinyin and initials matching
// titles, and boosts for a title hit and for the whole query as a phrase. Postings are delta-
// encoded in SQLite BLOBs (content/src/search.cpp).
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "content/library.h"
#include "content/sqlite.h"
#include "content/thesaurus.h"

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
    static std::unique_ptr<SearchIndex> open_file(const std::filesystem::path& path, Thesaurus thesaurus = {});
    // Builds an index in memory (tests, one-off commands).
    static std::unique_ptr<SearchIndex> in_memory(const Library& lib);
    // An index of the titles, tags and keywords only, in a temporary file: built in a fraction of the time, so
    // that search is usable at once after a cold start while the full index is built.
    static std::unique_ptr<SearchIndex> titles_only(const Library& lib);
    // Opens `<cache_dir>/search-<roots key>.sqlite`, the index kept for this set of library folders:
    // built when missing, else brought up to the library in place — only the documents added,
    // edited or removed since are indexed again — or rebuilt when much has changed.
    static std::unique_ptr<SearchIndex> cached(const Library& lib, const std::filesystem::path& cache_dir);
    static std::filesystem::path cache_path(const Library& lib, const std::filesystem::path& cache_dir);
    static std::filesystem::path cache_path(uint64_t roots_key, const std::filesystem::path& cache_dir);
    // Removes the temp files of index builds that were killed (their process is gone); a running
    // build's temp is left alone. cached() does this first.
    static void remove_abandoned_temps(const std::filesystem::path& cache_dir);

    // The best matches first: every query returns its best partial matches (OR over its terms),
    // a document holding the whole query as a phrase ranks above those that hold only parts.
    std::vector<SearchHit> search(std::string_view query, int limit = 20);
    size_t document_count();
    // Looks up the readings of the titles and key terms that pinyin queries match, once (else the
    // first pinyin query does: 25 ms at 10,000 documents). The window does it on its worker.
    void prepare_pinyin();
    uint64_t content_hash();  // of the library this index holds (Library::content_hash)

private:
    SearchIndex(db::Db db, Thesaurus thesaurus);
    static void fill(db::Db& db, const Library& lib, bool bodies = true);
    static bool update(db::Db& db, const Library& lib);
    void score_term(uint64_t key, double weight, std::vector<double>& score, std::vector<uint16_t>* matched);
    SearchHit make_hit(int64_t rowid, const std::vector<std::u32string>& marks, const std::vector<std::u32string>& parts);

    db::Db db_;
    Thesaurus thesaurus_;
    db::Stmt postings_stmt_;
    db::Stmt delta_stmt_;
    db::Stmt doc_stmt_;
    // Per document row (index 0 unused): its length in weighted terms, kind, title.
    std::vector<uint32_t> length_;
    std::vector<int> kind_;
    std::vector<bool> live_;  // rows still in the docs table
    std::vector<std::u32string> titles_;  // folded
    std::vector<std::vector<int>> title_pinyin_, key_pinyin_;  // their characters' readings, looked up once
    uint64_t total_length_ = 0;
    size_t documents_ = 0;
};

// Folds a query into its terms: split at spaces, ASCII lower-cased.
std::vector<std::u32string> query_terms(std::string_view query);

}  // namespace linli
