// [SECTION] Terms: folding and the analyzer (CJK unigrams and bigrams, ASCII words)
// [SECTION] Building the index: documents, postings (delta-encoded in BLOBs)
// [SECTION] Opening and the cache file
// [SECTION] Searching: BM25 over the terms, thesaurus, phrase and title boosts, pinyin, snippets
#include "content/search.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "content/pinyin.h"
#include "content/text_fold.h"
#include "content/utf8.h"

#include <zlib.h>

namespace fs = std::filesystem;

namespace linli {
namespace {

constexpr int kSchemaVersion = 9;  // 3: BM25 over unigrams, bigrams and words; 4: pinyin keys without the title; 5: bodies deflated; 6: postings packed; 7: bodies in a table of their own (opening reads the docs table only); 8: df stored; 9: updated in place (stamps, the delta table)
constexpr int kSnippetBefore = 24;  // code points of context before the first match
constexpr int kSnippetLength = 90;
constexpr uint32_t kTitleWeight = 3;  // a term in the title counts as three in the body
constexpr double kK1 = 1.2, kB = 0.75;
constexpr double kExpansionWeight = 0.6;  // a thesaurus term, against one the learner typed
constexpr uint32_t kSegmentDocs = 128;    // documents whose postings a build gathers in memory at once

// ---------------------------------------------------------------------------------------------
// [SECTION] Terms
// ---------------------------------------------------------------------------------------------

// Term keys: a character, a pair of characters (42 bits + a tag), or a hashed ASCII word.
uint64_t gram_key(char32_t a) { return a; }
uint64_t gram_key(char32_t a, char32_t b) { return (uint64_t(a) << 21 | b) + (1ull << 42); }
uint64_t word_key(std::u32string_view w) {
    uint64_t h = 1469598103934665603ull;
    for (char32_t c : w) h = (h ^ c) * 1099511628211ull;
    return h | (1ull << 63);
}

bool is_ascii_alnum(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9'); }

// Characters that end a run: spaces, ASCII and CJK punctuation.
bool is_break(char32_t c) {
    if (utf8::is_space(c)) return true;
    if (c < 0x80) return !is_ascii_alnum(c) && !(c >= U'A' && c <= U'Z');
    return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xB7 || c == 0x2014;
}

struct Term {
    uint64_t key;
    size_t at, len;  // where in the analysed text, in code points
};

// Folded text -> terms, as CJK analyzers do: in a run of characters, each pair (bigram); a run of
// one character is its unigram. `unigrams`: every character too (documents index both, so 1-
// character queries work). ASCII letters and digits make words.
void analyze(const std::u32string& s, bool unigrams, std::vector<Term>& out) {
    for (size_t i = 0; i < s.size();) {
        char32_t c = s[i];
        if (is_break(c)) {
            ++i;
            continue;
        }
        if (is_ascii_alnum(c)) {
            size_t j = i;
            while (j < s.size() && is_ascii_alnum(s[j])) ++j;
            out.push_back({word_key(std::u32string_view(s).substr(i, j - i)), i, j - i});
            i = j;
            continue;
        }
        size_t j = i;
        while (j < s.size() && !is_break(s[j]) && !is_ascii_alnum(s[j])) ++j;
        if (j - i == 1 || unigrams)
            for (size_t k = i; k < j; ++k) out.push_back({gram_key(s[k]), k, 1});
        for (size_t k = i; k + 1 < j; ++k) out.push_back({gram_key(s[k], s[k + 1]), k, 2});
        i = j;
    }
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
}

void put_varint(std::string& out, uint32_t v) {
    while (v >= 0x80) {
        out += char((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += char(v);
}
uint32_t get_varint(std::string_view s, size_t& i) {
    uint32_t v = 0;
    for (int shift = 0; i < s.size() && shift < 35; shift += 7) {
        unsigned char b = static_cast<unsigned char>(s[i++]);
        v |= uint32_t(b & 0x7F) << shift;
        if (!(b & 0x80)) break;
    }
    return v;
}

// Bodies are kept deflated (zlib): Chinese text halves, and the index with it. The uncompressed
// length goes first; a blob that does not inflate (a damaged cache) reads as empty.
std::string deflated(std::string_view text) {
    std::string out;
    put_varint(out, uint32_t(text.size()));
    uLongf n = compressBound(uLong(text.size()));
    size_t head = out.size();
    out.resize(head + n);
    if (compress2(reinterpret_cast<Bytef*>(out.data() + head), &n, reinterpret_cast<const Bytef*>(text.data()), uLong(text.size()), 6) != Z_OK)
        return {};
    out.resize(head + n);
    return out;
}
std::string inflated(std::string_view blob) {
    size_t i = 0;
    uint32_t size = get_varint(blob, i);
    if (size > (64u << 20)) return {};
    std::string out(size, '\0');
    uLongf n = size;
    if (uncompress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(blob.data() + i), uLong(blob.size() - i)) != Z_OK ||
        n != size)
        return {};
    return out;
}

// A posting: the document's distance from the previous one and the term's weighted count, in one
// varint (delta << 4 | count) when the count is under 15 — mostly one byte — else with the rest of
// the count in a second varint.
constexpr uint32_t kInlineCount = 15;
void put_posting(std::string& out, uint32_t delta, uint32_t count) {
    put_varint(out, delta << 4 | std::min(count, kInlineCount));
    if (count >= kInlineCount) put_varint(out, count - kInlineCount);
}
bool get_posting(std::string_view s, size_t& i, uint32_t& delta, uint32_t& count) {
    if (i >= s.size()) return false;
    uint32_t v = get_varint(s, i);
    delta = v >> 4;
    count = v & 15;
    if (count == kInlineCount) count += get_varint(s, i);
    return true;
}

double kind_weight(int kind) { return kind == int(DocKind::Drill) ? 0.85 : 1.0; }  // drills are practice, not reading

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Building the index
// ---------------------------------------------------------------------------------------------

std::vector<std::u32string> query_terms(std::string_view query) {
    std::vector<std::u32string> terms;
    std::u32string cur;
    for (char32_t c : fold_for_search(query)) {
        if (utf8::is_space(c)) {
            if (!cur.empty()) terms.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) terms.push_back(std::move(cur));
    return terms;
}

SearchIndex::SearchIndex(db::Db db, Thesaurus thesaurus)
    : db_(std::move(db)),
      thesaurus_(std::move(thesaurus)),
      postings_stmt_(db_.prepare("SELECT df, data FROM postings WHERE term = ?")),
      delta_stmt_(db_.prepare("SELECT doc, count FROM delta WHERE term = ?")),
      doc_stmt_(db_.prepare("SELECT d.id, d.title, b.body, d.tags FROM docs d JOIN bodies b ON b.rowid = d.rowid WHERE d.rowid = ?")) {
    auto st = db_.prepare("SELECT rowid, len, kind, title FROM docs ORDER BY rowid");
    while (st.step()) {
        size_t row = size_t(st.int64(0));
        if (row >= length_.size())
            length_.resize(row + 1, 0), kind_.resize(row + 1, 0), titles_.resize(row + 1), live_.resize(row + 1, false);
        live_[row] = true;
        titles_[row] = fold_for_search(st.text(3));

        length_[row] = uint32_t(st.int64(1));
        kind_[row] = int(st.int64(2));

        total_length_ += length_[row];
        ++documents_;
    }
}

namespace {

// What the index holds of a document, hashed: when it changes, the document is indexed again.
uint64_t stamp_of(const Document& d) {
    uint64_t h = d.source_hash * 1099511628211ull;
    for (char c : d.search_text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h ^ uint64_t(d.search_text.size());
}

// Adds one document's row and body, and returns its terms with their weighted counts.
struct DocumentWriter {
    db::Db& db;
    bool bodies;
    db::Stmt ins = db.prepare("INSERT INTO docs(rowid, id, title, tags, kind, len, keys, stamp) VALUES(?,?,?,?,?,?,?,?)");
    db::Stmt bins = db.prepare("INSERT INTO bodies(rowid, body) VALUES(?,?)");
    std::vector<Term> terms;
    std::unordered_map<uint64_t, uint32_t> counts;

    const std::unordered_map<uint64_t, uint32_t>& add(const Document& d, uint32_t row) {
        std::string tags = join(d.meta.tags);
        std::string title = d.meta.title + (d.meta.title_en.empty() ? "" : " " + d.meta.title_en);
        std::string rest = (bodies ? d.searchable() + "\n" : std::string()) + tags + "\n" + join(d.meta.keywords);
        // What pinyin and initials match besides the title: the tags and the keywords.
        std::string keys = tags + " " + join(d.meta.keywords);
        counts.clear();
        uint32_t length = 0;
        for (auto [text, weight] : {std::pair{&title, kTitleWeight}, std::pair{&rest, 1u}}) {
            terms.clear();
            analyze(fold_for_search(*text), true, terms);
            for (const Term& t : terms) counts[t.key] += weight;
            length += uint32_t(terms.size()) * weight;
        }
        std::string body = deflated(bodies ? d.searchable() : d.meta.summary);
        ins.bind(1, int64_t(row)).bind(2, d.meta.id).bind(3, d.meta.title).bind(4, tags).bind(5, int64_t(d.meta.kind))
            .bind(6, int64_t(length)).bind(7, keys).bind(8, int64_t(stamp_of(d)));
        ins.run();
        bins.bind(1, int64_t(row)).bind_blob(2, body.data(), body.size());
        bins.run();
        return counts;
    }
};

int64_t meta_int(db::Db& db, const char* key) {
    auto st = db.prepare("SELECT value FROM meta WHERE key = ?");
    st.bind(1, std::string(key));
    return st.step() ? st.int64(0) : 0;
}
void set_meta(db::Db& db, const char* key, int64_t value) {
    db.prepare("INSERT OR REPLACE INTO meta VALUES(?, ?)").bind(1, std::string(key)).bind(2, value).run();
}
void set_content_hash(db::Db& db, uint64_t hash) {
    db.prepare("INSERT OR REPLACE INTO meta VALUES('content_hash', ?)").bind(1, std::to_string(hash)).run();
}

}  // namespace

namespace {

// Reads one segment BLOB of a build (see fill) a piece at a time, through SQLite's incremental
// BLOB I/O: a merge of many segments holds a piece of each, not the segments.
class SegmentReader {
public:
    SegmentReader(db::Db& db, int64_t rowid) {
        if (sqlite3_blob_open(db.handle(), "temp", "segments", "data", rowid, 0, &blob_) != SQLITE_OK)
            throw db::Error("cannot read a segment of the index build");
        size_ = size_t(sqlite3_blob_bytes(blob_));
        next();
    }
    SegmentReader(SegmentReader&& o) noexcept
        : blob_(std::exchange(o.blob_, nullptr)), size_(o.size_), read_(o.read_), buf_(std::move(o.buf_)), at_(o.at_),
          live_(o.live_), term_(o.term_), df_(o.df_), postings_(std::move(o.postings_)) {}
    ~SegmentReader() {
        if (blob_) sqlite3_blob_close(blob_);
    }
    bool live() const { return live_; }
    uint64_t term() const { return term_; }
    uint32_t df() const { return df_; }
    std::string_view postings() const { return postings_; }
    // The next run: [term: 8 bytes][df][length][postings].
    void next() {
        live_ = fill(8 + 10);
        if (!live_) return;
        term_ = 0;
        for (int k = 0; k < 8; ++k) term_ |= uint64_t(static_cast<unsigned char>(buf_[at_ + size_t(k)])) << (8 * k);
        at_ += 8;
        df_ = get_varint(buf_, at_);
        uint32_t length = get_varint(buf_, at_);
        fill(length);
        postings_.assign(buf_, at_, length);
        at_ += length;
    }

private:
    // At least `n` bytes from at_ in the buffer, or all that is left; false at the end.
    bool fill(size_t n) {
        if (buf_.size() - at_ < n && read_ < size_) {
            buf_.erase(0, at_);
            at_ = 0;
            size_t want = std::min(size_ - read_, std::max(n, kPiece));
            size_t had = buf_.size();
            buf_.resize(had + want);
            if (sqlite3_blob_read(blob_, buf_.data() + had, int(want), int(read_)) != SQLITE_OK)
                throw db::Error("cannot read a segment of the index build");
            read_ += want;
        }
        return at_ < buf_.size();
    }
    static constexpr size_t kPiece = 16 * 1024;
    sqlite3_blob* blob_ = nullptr;
    size_t size_ = 0, read_ = 0;
    std::string buf_;
    size_t at_ = 0;
    bool live_ = false;
    uint64_t term_ = 0;
    uint32_t df_ = 0;
    std::string postings_;
};

}  // namespace

// The base: every document's postings in one packed BLOB per term. Documents edited later are
// indexed again into the delta table (see update()).
void SearchIndex::fill(db::Db& db, const Library& lib, bool bodies) {
    db.exec(R"(
        CREATE TABLE meta(key TEXT PRIMARY KEY, value);
        CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, tags TEXT,
                          kind INTEGER NOT NULL, len INTEGER NOT NULL, keys TEXT NOT NULL, stamp INTEGER NOT NULL);
        CREATE TABLE bodies(rowid INTEGER PRIMARY KEY, body BLOB NOT NULL);
        CREATE TABLE postings(term INTEGER PRIMARY KEY, df INTEGER NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
        CREATE TEMP TABLE segments(data BLOB NOT NULL);
        CREATE TABLE delta(term INTEGER NOT NULL, doc INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY(term, doc)) WITHOUT ROWID;
        CREATE INDEX delta_by_doc ON delta(doc);
    )");
    db::Transaction tx(db);
    set_meta(db, "schema", kSchemaVersion);
    set_content_hash(db, lib.content_hash());
    const auto& docs = lib.documents();
    set_meta(db, "base_rows", int64_t(docs.size()));  // rows above this were indexed into the delta
    set_meta(db, "next_row", int64_t(docs.size()) + 1);
    DocumentWriter writer{db, bodies};
    // (term, doc, weighted count) for one segment of documents at a time: what a build holds in
    // memory stays the same whatever the library's size. Each segment is written as one BLOB of
    // runs in term order — [term: 8 bytes][df][length][postings] — to a temporary table (a file),
    // and the segments are merged below, read a piece at a time.
    struct Posting {
        uint64_t term;
        uint32_t doc, count;
    };
    std::vector<Posting> postings;
    std::string blob, segment;
    auto sins = db.prepare("INSERT INTO segments(data) VALUES(?)");
    auto write_segment = [&] {
        std::sort(postings.begin(), postings.end(), [](const Posting& a, const Posting& b) {
            return a.term != b.term ? a.term < b.term : a.doc < b.doc;
        });
        segment.clear();
        for (size_t i = 0; i < postings.size();) {
            size_t j = i;
            blob.clear();
            uint32_t last = 0;  // each segment's lists start from document 0
            for (; j < postings.size() && postings[j].term == postings[i].term; ++j)
                put_posting(blob, postings[j].doc - last, postings[j].count), last = postings[j].doc;
            for (int k = 0; k < 8; ++k) segment += char(postings[i].term >> (8 * k));
            put_varint(segment, uint32_t(j - i));
            put_varint(segment, uint32_t(blob.size()));
            segment += blob;
            i = j;
        }
        sins.bind_blob(1, segment.data(), segment.size());
        sins.run();
        postings.clear();
    };
    for (size_t i = 0; i < docs.size(); ++i) {
        uint32_t doc = uint32_t(i + 1);
        auto whole = bodies ? lib.whole(int(i)) : nullptr;  // one body in memory at a time
        for (auto [key, n] : writer.add(whole ? *whole : docs[i], doc)) postings.push_back({key, doc, n});
        if (doc % kSegmentDocs == 0) write_segment();
    }
    if (!postings.empty()) write_segment();
    std::vector<Posting>().swap(postings);
    std::string().swap(segment);

    // One list per term, in term order (so the B-tree is appended to): the segments read side by
    // side, each term's lists joined in document order, each one's first document counted from
    // the last of the one before.
    std::vector<SegmentReader> readers;
    for (auto st = db.prepare("SELECT rowid FROM temp.segments ORDER BY rowid"); st.step();) readers.emplace_back(db, st.int64(0));
    auto merged = db.prepare("INSERT INTO postings(term, df, data) VALUES(?, ?, ?)");
    for (;;) {
        bool any = false;
        uint64_t term = 0;
        for (SegmentReader& r : readers)
            if (r.live() && (!any || r.term() < term)) term = r.term(), any = true;
        if (!any) break;
        blob.clear();
        int64_t df = 0;
        uint32_t last = 0;
        for (SegmentReader& r : readers) {  // in segment order: documents ascending
            if (!r.live() || r.term() != term) continue;
            df += r.df();
            std::string_view data = r.postings();
            uint32_t delta = 0, count = 0, doc = 0;
            for (size_t i = 0; get_posting(data, i, delta, count);) {
                doc += delta;
                put_posting(blob, doc - last, count);
                last = doc;
            }
            r.next();
        }
        merged.bind(1, int64_t(term)).bind(2, df).bind_blob(3, blob.data(), blob.size());
        merged.run();
    }
    readers.clear();
    db.exec("DROP TABLE segments");
    tx.commit();
}

// Brings an index up to the library in one transaction: a document gone or changed loses its row
// (the base's postings of a row no longer in docs are skipped); a new or changed one is indexed
// into the delta table under a row never used before. False when so much changed that a full
// build is due (the delta would slow every search).
bool SearchIndex::update(db::Db& db, const Library& lib) {
    db::Transaction tx(db);
    std::unordered_map<std::string, std::pair<int64_t, uint64_t>> indexed;  // id -> row, stamp
    for (auto st = db.prepare("SELECT id, rowid, stamp FROM docs"); st.step();)
        indexed.emplace(st.text(0), std::pair{st.int64(1), uint64_t(st.int64(2))});
    std::vector<int> fresh;
    std::vector<int64_t> gone;
    const auto& docs = lib.documents();
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = docs[i];
        auto it = indexed.find(d.meta.id);
        if (it == indexed.end()) {
            fresh.push_back(int(i));
            continue;
        }
        if (it->second.second != stamp_of(d)) {
            gone.push_back(it->second.first);
            fresh.push_back(int(i));
        }
        indexed.erase(it);
    }
    for (auto& [id, row] : indexed) gone.push_back(row.first);

    int64_t base_rows = meta_int(db, "base_rows"), next_row = meta_int(db, "next_row");
    if (next_row <= base_rows) return false;  // not an index this version wrote
    // Rows indexed into the delta so far, and these: past a twentieth of the library, rebuild.
    int64_t reindexed = next_row - 1 - base_rows + int64_t(fresh.size());
    if (reindexed > std::max<int64_t>(64, int64_t(lib.documents().size()) / 20)) return false;

    auto del_doc = db.prepare("DELETE FROM docs WHERE rowid = ?");
    auto del_body = db.prepare("DELETE FROM bodies WHERE rowid = ?");
    auto del_delta = db.prepare("DELETE FROM delta WHERE doc = ?");
    for (int64_t row : gone) {
        for (db::Stmt* st : {&del_doc, &del_body, &del_delta}) {
            st->bind(1, row);
            st->run();
        }
    }
    DocumentWriter writer{db, true};
    auto dins = db.prepare("INSERT INTO delta(term, doc, count) VALUES(?, ?, ?)");
    for (int i : fresh) {
        int64_t row = next_row++;
        for (auto [key, n] : writer.add(*lib.whole(i), uint32_t(row))) {
            dins.bind(1, int64_t(key)).bind(2, row).bind(3, int64_t(n));
            dins.run();
        }
    }
    set_meta(db, "next_row", next_row);
    set_content_hash(db, lib.content_hash());
    tx.commit();
    return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Opening and the cache file
// ---------------------------------------------------------------------------------------------

void SearchIndex::build_file(const Library& lib, const fs::path& path) {
    fs::create_directories(path.parent_path());
    fs::path tmp = path;
    tmp += ".tmp-" + std::to_string(getpid());
    fs::remove(tmp);
    {
        db::Db db(tmp, db::Db::ReadWrite);
        db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");  // a temp file: renamed only when complete
        fill(db, lib);
    }
    fs::remove(fs::path(path.native() + "-journal"));  // an update's, interrupted: not for this file
    fs::rename(tmp, path);
}

std::unique_ptr<SearchIndex> SearchIndex::open_file(const fs::path& path, Thesaurus thesaurus) {
    db::Db db(path, db::Db::ReadOnly);
    if (db.scalar_int("SELECT value FROM meta WHERE key = 'schema'") != kSchemaVersion)
        throw db::Error(path.string() + ": search index has another schema version");
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(db), std::move(thesaurus)));
}

std::unique_ptr<SearchIndex> SearchIndex::in_memory(const Library& lib) {
    db::Db db("", db::Db::Memory);
    fill(db, lib);
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(db), lib.thesaurus()));
}

std::unique_ptr<SearchIndex> SearchIndex::titles_only(const Library& lib) {
    // A private temporary file (SQLite deletes it on close): its pages stay out of the window's
    // memory while the full index is built beside it.
    db::Db db("", db::Db::ReadWrite);
    db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
    fill(db, lib, false);  // snippets show the summary
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(db), lib.thesaurus()));
}

fs::path SearchIndex::cache_path(const Library& lib, const fs::path& cache_dir) { return cache_path(lib.roots_key(), cache_dir); }

fs::path SearchIndex::cache_path(uint64_t roots_key, const fs::path& cache_dir) {
    char name[64];
    std::snprintf(name, sizeof name, "search-%016llx.sqlite", static_cast<unsigned long long>(roots_key));
    return cache_dir / name;
}

void SearchIndex::remove_abandoned_temps(const fs::path& cache_dir) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache_dir, ec)) {
        // "search-<hash>.sqlite.tmp-<pid>", from build_file.
        std::string n = e.path().filename().string();
        size_t at = n.rfind(".sqlite.tmp-");
        if (n.rfind("search-", 0) != 0 || at == std::string::npos) continue;
        std::string pid = n.substr(at + std::strlen(".sqlite.tmp-"));
        if (pid.empty() || pid.size() > 9 || !std::all_of(pid.begin(), pid.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        // Only a dead builder's: another window starting at the same time may be writing its own.
        if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH) fs::remove(e.path(), ec);
    }
}

std::unique_ptr<SearchIndex> SearchIndex::cached(const Library& lib, const fs::path& cache_dir) {
    remove_abandoned_temps(cache_dir);
    fs::path path = cache_path(lib, cache_dir);
    try {
        if (fs::exists(path)) {
            bool current = false;
            {
                db::Db db(path, db::Db::ReadWrite);
                if (db.scalar_int("SELECT value FROM meta WHERE key = 'schema'") != kSchemaVersion)
                    throw db::Error(path.string() + ": search index has another schema version");
                auto st = db.prepare("SELECT value FROM meta WHERE key = 'content_hash'");
                current = st.step() && st.text(0) == std::to_string(lib.content_hash());
                if (!current) current = update(db, lib);  // the documents edited since, in place
            }
            if (current) return open_file(path, lib.thesaurus());
        }
    } catch (const db::Error&) {
        // A damaged index, an older schema's, or one that cannot be updated: built again, never trusted.
    }
    build_file(lib, path);  // replaces the file whole (a reader of the old one keeps reading it)
    // Indexes of other library versions are no longer needed.
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache_dir, ec)) {
        std::string n = e.path().filename().string();
        if (n.rfind("search-", 0) == 0 && e.path() != path && n.find(".tmp-") == std::string::npos && n.find("-journal") == std::string::npos)
            fs::remove(e.path(), ec);
    }
    return open_file(path, lib.thesaurus());
}

uint64_t SearchIndex::content_hash() {
    auto st = db_.prepare("SELECT value FROM meta WHERE key = 'content_hash'");
    return st.step() ? std::stoull(std::string(st.text(0))) : 0;
}

size_t SearchIndex::document_count() { return documents_; }

void SearchIndex::prepare_pinyin() {
    if (!title_pinyin_.empty()) return;
    for (const auto& t : titles_) title_pinyin_.push_back(pinyin_lookup(t));
    // The tags and keywords, read only now: most searches never need them.
    key_pinyin_.resize(titles_.size());
    for (auto st = db_.prepare("SELECT rowid, keys FROM docs"); st.step();)
        if (size_t row = size_t(st.int64(0)); row < key_pinyin_.size()) key_pinyin_[row] = pinyin_lookup(fold_for_search(st.text(1)));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Searching
// ---------------------------------------------------------------------------------------------

// Adds one term's BM25 contribution (times `weight`) to every document that holds it; `matched`
// counts, per document, the terms of the query it holds.
void SearchIndex::score_term(uint64_t key, double weight, std::vector<double>& score, std::vector<uint16_t>* matched) {
    // The base's postings and the delta's rows: (doc, weighted count) pairs, scored alike.
    thread_local std::vector<std::pair<uint32_t, uint32_t>> hits;
    hits.clear();
    double df = 0;
    postings_stmt_.bind(1, int64_t(key));
    if (postings_stmt_.step()) {
        df = double(postings_stmt_.int64(0));
        std::string_view data = postings_stmt_.blob(1);
        uint32_t delta = 0, count = 0, doc = 0;
        for (size_t i = 0; get_posting(data, i, delta, count);) hits.push_back({doc += delta, count});
    }
    postings_stmt_.reset();
    delta_stmt_.bind(1, int64_t(key));
    while (delta_stmt_.step()) hits.push_back({uint32_t(delta_stmt_.int64(0)), uint32_t(delta_stmt_.int64(1))});
    delta_stmt_.reset();
    if (hits.empty()) return;
    // The base's count includes rows edited since (near enough), but never more than there are.
    double n = double(documents_);
    df = std::min(std::max(df, double(hits.size())), n);
    double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
    double avg = documents_ ? double(total_length_) / double(documents_) : 1;
    for (auto [doc, count] : hits) {
        if (doc >= score.size() || !live_[doc]) continue;  // removed or edited since the base was built
        double tf = count;
        double norm = kK1 * (1 - kB + kB * double(length_[doc]) / avg);
        score[doc] += weight * idf * tf * (kK1 + 1) / (tf + norm);
        if (matched) ++(*matched)[doc];
    }
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, int limit) {
    std::vector<std::u32string> parts = query_terms(query);
    if (parts.empty() || limit <= 0) return {};
    std::u32string folded;  // the query without its spaces, as a phrase
    for (const auto& p : parts) folded += p;

    // The learner's terms, then the thesaurus's, each once.
    std::vector<Term> typed;
    for (const auto& p : parts) analyze(p, false, typed);
    std::vector<uint64_t> keys;
    for (const Term& t : typed)
        if (std::find(keys.begin(), keys.end(), t.key) == keys.end()) keys.push_back(t.key);
    std::vector<std::u32string> expansions = thesaurus_.expand(folded);
    std::vector<uint64_t> expanded;
    for (const auto& e : expansions) {
        std::vector<Term> ts;
        analyze(e, false, ts);
        for (const Term& t : ts)
            if (std::find(keys.begin(), keys.end(), t.key) == keys.end() &&
                std::find(expanded.begin(), expanded.end(), t.key) == expanded.end())
                expanded.push_back(t.key);
    }

    std::vector<double> score(length_.size(), 0);
    std::vector<uint16_t> matched(length_.size(), 0);
    for (uint64_t k : keys) score_term(k, 1.0, score, &matched);
    for (uint64_t k : expanded) score_term(k, kExpansionWeight, score, nullptr);

    // Pinyin and initials against the titles (a strong hit), else the tags and keywords.
    if (std::string letters = pinyin_query(query); !letters.empty()) {
        prepare_pinyin();
        for (size_t d = 1; d < titles_.size(); ++d) {
            if (pinyin_matches(title_pinyin_[d], letters)) score[d] += 10.0;
            else if (pinyin_matches(key_pinyin_[d], letters)) score[d] += 5.0;
        }
    }

    std::vector<uint32_t> found;
    for (size_t d = 1; d < score.size(); ++d)
        if (score[d] > 0) {
            // Documents that hold every typed term come before partial matches.
            if (matched[d] == keys.size() && !keys.empty()) score[d] += 4.0;
            score[d] *= kind_weight(kind_[d]);
            found.push_back(uint32_t(d));
        }
    // Equal scores by title: the same order whatever rows the documents were given.
    auto by_score = [&](uint32_t a, uint32_t b) {
        if (score[a] != score[b]) return score[a] > score[b];
        return titles_[a] != titles_[b] ? titles_[a] < titles_[b] : a < b;
    };
    // The whole query as a phrase (or every part, for a query with spaces): a title phrase first,
    // checked against the titles held in memory; then, among the best candidates that hold every
    // typed term, a body phrase. A part of one or two characters is a single term: holding it is
    // holding the phrase, so no text need be read for it.
    size_t verify = std::min<size_t>(found.size(), std::max<size_t>(size_t(limit) * 2, 40));
    std::partial_sort(found.begin(), found.begin() + long(verify), found.end(), by_score);
    bool short_parts = std::all_of(parts.begin(), parts.end(), [](const auto& p) { return p.size() <= 2; });
    for (size_t i = 0; i < verify; ++i) {
        uint32_t d = found[i];
        if (titles_[d].find(folded) != std::u32string::npos) {
            score[d] += 40;
            continue;
        }
        if (matched[d] != keys.size()) continue;
        bool all = short_parts;
        if (!all) {
            doc_stmt_.bind(1, int64_t(d));
            if (doc_stmt_.step()) {
                std::u32string text = titles_[d] + U"\n" + fold_for_search(inflated(doc_stmt_.blob(2))) + U"\n" + fold_for_search(doc_stmt_.text(3));
                all = std::all_of(parts.begin(), parts.end(), [&](const auto& p) { return text.find(p) != std::u32string::npos; });
            }
            doc_stmt_.reset();
        }
        if (all) score[d] += 20;
    }
    std::sort(found.begin(), found.begin() + long(verify), by_score);

    std::vector<std::u32string> marks = parts;  // what the snippet highlights
    marks.insert(marks.end(), expansions.begin(), expansions.end());
    std::vector<SearchHit> hits;
    for (size_t i = 0; i < found.size() && int(hits.size()) < limit; ++i) {
        SearchHit hit = make_hit(found[i], marks, parts);
        if (!hit.id.empty()) hits.push_back(std::move(hit));  // a row another process's update removed
    }
    return hits;
}

SearchHit SearchIndex::make_hit(int64_t rowid, const std::vector<std::u32string>& marks, const std::vector<std::u32string>& parts) {
    SearchHit hit;
    doc_stmt_.bind(1, rowid);
    if (doc_stmt_.step()) {
        hit.id = doc_stmt_.text(0);
        hit.title = doc_stmt_.text(1);
        std::u32string title = fold_for_search(hit.title);
        hit.title_hit = std::any_of(marks.begin(), marks.end(), [&](const auto& m) { return title.find(m) != std::u32string::npos; });

        std::vector<char32_t> raw = utf8::decode(inflated(doc_stmt_.blob(2)));
        std::u32string body(raw.begin(), raw.end());
        for (char32_t& c : body) c = fold_for_search(c);
        // Highlight the query's parts and the thesaurus's terms; failing those, the bigrams the
        // document shares with the query (a partial match still shows why it came up).
        std::vector<std::u32string> marked = marks;
        for (const auto& p : parts)
            for (size_t k = 0; k + 1 < p.size(); ++k) {
                std::u32string piece = p.substr(k, 2);
                if (!is_break(piece[0]) && !is_break(piece[1]) && !is_ascii_alnum(piece[0]) &&
                    std::find(marked.begin(), marked.end(), piece) == marked.end())
                    marked.push_back(piece);
            }
        size_t first = std::u32string::npos;
        for (const auto& m : marked) {
            size_t at = body.find(m);
            if (at != std::u32string::npos) {
                first = at;
                break;
            }
        }
        size_t begin = first == std::u32string::npos || first < kSnippetBefore ? 0 : first - kSnippetBefore;
        size_t end = std::min(raw.size(), begin + kSnippetLength);
        std::string snippet = begin > 0 ? "…" : "";
        std::vector<size_t> offsets;  // byte offset in snippet of each code point from begin
        for (size_t i = begin; i < end; ++i) {
            offsets.push_back(snippet.size());
            utf8::append(snippet, raw[i] == U'\n' ? U' ' : raw[i]);
        }
        offsets.push_back(snippet.size());
        std::vector<bool> taken(end - begin, false);  // overlapping marks highlight once
        for (const auto& m : marked) {
            for (size_t at = body.find(m, begin); at != std::u32string::npos && at + m.size() <= end; at = body.find(m, at + m.size())) {
                if (std::any_of(taken.begin() + long(at - begin), taken.begin() + long(at - begin + m.size()), [](bool b) { return b; }))
                    continue;
                std::fill(taken.begin() + long(at - begin), taken.begin() + long(at - begin + m.size()), true);
                hit.highlights.push_back({offsets[at - begin], offsets[at - begin + m.size()]});
            }
        }
        std::sort(hit.highlights.begin(), hit.highlights.end());
        if (end < raw.size()) snippet += "…";
        hit.snippet = std::move(snippet);
    }
    doc_stmt_.reset();
    return hit;
}

}  // namespace linli
