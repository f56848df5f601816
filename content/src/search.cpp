#include "content/search.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_map>

#include "content/utf8.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

constexpr int kSchemaVersion = 2;  // 2: drills indexed by their cover text only
constexpr int kSnippetBefore = 24;  // code points of context before the first match
constexpr int kSnippetLength = 90;

// One- and two-character keys: a code point, or a pair packed into 42 bits.
uint64_t gram_key(char32_t a) { return a; }
uint64_t gram_key(char32_t a, char32_t b) { return (uint64_t(a) << 21 | b) + (1ull << 42); }

std::u32string folded(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) out += utf8::fold(utf8::next(s, i));
    return out;
}

std::string encode(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) utf8::append(out, c);
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
}

struct Posting {
    uint32_t doc;
    uint32_t score;  // title hit in the high bit, then the number of occurrences
};

// Counts every character and character pair of one document into the gram postings.
void add_grams(std::unordered_map<uint64_t, std::vector<Posting>>& grams, uint32_t doc,
               const std::u32string& title, const std::u32string& rest) {
    std::unordered_map<uint64_t, uint32_t> counts;
    auto count = [&](const std::u32string& s, uint32_t weight) {
        for (size_t i = 0; i < s.size(); ++i) {
            if (utf8::is_space(s[i])) continue;
            counts[gram_key(s[i])] += weight;
            if (i + 1 < s.size() && !utf8::is_space(s[i + 1])) counts[gram_key(s[i], s[i + 1])] += weight;
        }
    };
    count(title, 1u << 20);  // a title hit outranks any number of body hits
    count(rest, 1);
    for (auto [key, n] : counts) grams[key].push_back({doc, n});
}

}  // namespace

std::vector<std::u32string> query_terms(std::string_view query) {
    std::vector<std::u32string> terms;
    std::u32string cur;
    for (char32_t c : folded(query)) {
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

SearchIndex::SearchIndex(db::Db db)
    : db_(std::move(db)),
      gram_stmt_(db_.prepare("SELECT postings FROM grams WHERE gram = ?")),
      doc_stmt_(db_.prepare("SELECT id, title, body, tags FROM docs WHERE rowid = ?")) {}

void SearchIndex::fill(db::Db& db, const Library& lib) {
    db.exec(R"(
        CREATE TABLE meta(key TEXT PRIMARY KEY, value);
        CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, body TEXT, tags TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, content='docs', content_rowid='rowid',
                                            tokenize='trigram');
        CREATE TABLE grams(gram INTEGER PRIMARY KEY, postings BLOB NOT NULL) WITHOUT ROWID;
    )");
    db::Transaction tx(db);
    db.prepare("INSERT INTO meta VALUES('schema', ?)").bind(1, int64_t(kSchemaVersion)).run();
    db.prepare("INSERT INTO meta VALUES('content_hash', ?)").bind(1, std::to_string(lib.content_hash())).run();
    auto ins = db.prepare("INSERT INTO docs(rowid, id, title, body, tags) VALUES(?,?,?,?,?)");
    std::unordered_map<uint64_t, std::vector<Posting>> grams;
    const auto& docs = lib.documents();
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = docs[i];
        std::string tags = join(d.meta.tags);
        ins.bind(1, int64_t(i + 1)).bind(2, d.meta.id).bind(3, d.meta.title).bind(4, d.searchable()).bind(5, tags);
        ins.run();
        add_grams(grams, uint32_t(i + 1), folded(d.meta.title), folded(d.searchable() + "\n" + tags));
    }
    db.exec("INSERT INTO fts(fts) VALUES('rebuild')");

    std::vector<uint64_t> keys;
    keys.reserve(grams.size());
    for (auto& [k, v] : grams) keys.push_back(k);
    std::sort(keys.begin(), keys.end());  // in key order, so the B-tree is appended to
    auto gins = db.prepare("INSERT INTO grams(gram, postings) VALUES(?, ?)");
    std::vector<uint32_t> ids;
    for (uint64_t k : keys) {
        auto& v = grams[k];
        std::stable_sort(v.begin(), v.end(), [](const Posting& a, const Posting& b) { return a.score > b.score; });
        ids.clear();
        for (const Posting& p : v) ids.push_back(p.doc);
        gins.bind(1, int64_t(k)).bind_blob(2, ids.data(), ids.size() * sizeof(uint32_t));
        gins.run();
        std::vector<Posting>().swap(v);  // release as we go to keep peak memory down
    }
    tx.commit();
}

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
    fs::rename(tmp, path);
}

std::unique_ptr<SearchIndex> SearchIndex::open_file(const fs::path& path) {
    db::Db db(path, db::Db::ReadOnly);
    if (db.scalar_int("SELECT value FROM meta WHERE key = 'schema'") != kSchemaVersion)
        throw db::Error(path.string() + ": search index has another schema version");
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(db)));
}

std::unique_ptr<SearchIndex> SearchIndex::in_memory(const Library& lib) {
    db::Db db("", db::Db::Memory);
    fill(db, lib);
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(db)));
}

fs::path SearchIndex::cache_path(const Library& lib, const fs::path& cache_dir) {
    char name[64];
    std::snprintf(name, sizeof name, "search-%016llx.sqlite", static_cast<unsigned long long>(lib.content_hash()));
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
        if (fs::exists(path)) return open_file(path);
    } catch (const db::Error&) {
        fs::remove(path);  // a damaged cache is rebuilt, never trusted
    }
    build_file(lib, path);
    // Indexes of older library versions are no longer needed.
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache_dir, ec)) {
        std::string n = e.path().filename().string();
        if (n.rfind("search-", 0) == 0 && e.path() != path && n.find(".tmp-") == std::string::npos)
            fs::remove(e.path(), ec);
    }
    return open_file(path);
}

size_t SearchIndex::document_count() { return static_cast<size_t>(db_.scalar_int("SELECT count(*) FROM docs")); }

std::vector<int64_t> SearchIndex::match_grams(const std::u32string& term, int limit) {
    uint64_t key = term.size() == 1 ? gram_key(term[0]) : gram_key(term[0], term[1]);
    gram_stmt_.bind(1, int64_t(key));
    std::vector<int64_t> out;
    if (gram_stmt_.step()) {
        std::string_view blob = gram_stmt_.blob(0);
        size_t n = std::min<size_t>(blob.size() / sizeof(uint32_t), limit);
        for (size_t i = 0; i < n; ++i) {
            uint32_t id;
            std::memcpy(&id, blob.data() + i * sizeof id, sizeof id);
            out.push_back(id);
        }
    }
    gram_stmt_.reset();
    return out;
}

std::vector<int64_t> SearchIndex::match_fts(const std::vector<std::u32string>& terms, int limit) {
    // Each term is a quoted phrase; terms are AND-ed. Title matches come first, then by bm25.
    std::string phrases;
    for (const auto& t : terms) {
        std::string s = encode(t), q;
        for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        phrases += (phrases.empty() ? "" : " ") + ("\"" + q + "\"");
    }
    std::vector<int64_t> out;
    auto collect = [&](const std::string& match) {
        auto st = db_.prepare("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 10.0, 1.0, 5.0) LIMIT ?");
        st.bind(1, match).bind(2, int64_t(limit));
        while (st.step()) {
            int64_t id = st.int64(0);
            if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
        }
    };
    collect("title : (" + phrases + ")");
    if (static_cast<int>(out.size()) < limit) collect(phrases);
    if (static_cast<int>(out.size()) > limit) out.resize(limit);
    return out;
}

SearchHit SearchIndex::make_hit(int64_t rowid, const std::vector<std::u32string>& terms) {
    SearchHit hit;
    doc_stmt_.bind(1, rowid);
    if (doc_stmt_.step()) {
        hit.id = doc_stmt_.text(0);
        hit.title = doc_stmt_.text(1);
        std::u32string title = folded(hit.title);
        hit.title_hit = title.find(terms[0]) != std::u32string::npos;

        std::vector<char32_t> raw = utf8::decode(doc_stmt_.text(2));
        std::u32string body(raw.begin(), raw.end());
        for (char32_t& c : body) c = utf8::fold(c);
        size_t first = body.find(terms[0]);
        size_t begin = first == std::u32string::npos || first < kSnippetBefore ? 0 : first - kSnippetBefore;
        size_t end = std::min(raw.size(), begin + kSnippetLength);
        std::string snippet = begin > 0 ? "…" : "";
        std::vector<size_t> offsets;  // byte offset in snippet of each code point from begin
        for (size_t i = begin; i < end; ++i) {
            offsets.push_back(snippet.size());
            utf8::append(snippet, raw[i] == U'\n' ? U' ' : raw[i]);
        }
        offsets.push_back(snippet.size());
        for (const auto& t : terms) {
            for (size_t at = body.find(t, begin); at != std::u32string::npos && at + t.size() <= end;
                 at = body.find(t, at + t.size()))
                hit.highlights.push_back({offsets[at - begin], offsets[at - begin + t.size()]});
        }
        std::sort(hit.highlights.begin(), hit.highlights.end());
        if (end < raw.size()) snippet += "…";
        hit.snippet = std::move(snippet);
    }
    doc_stmt_.reset();
    return hit;
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, int limit) {
    std::vector<std::u32string> terms = query_terms(query);
    if (terms.empty() || limit <= 0) return {};
    // The longest term selects candidates; other terms filter them.
    std::stable_sort(terms.begin(), terms.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
    std::vector<std::u32string> long_terms;
    for (const auto& t : terms)
        if (t.size() >= 3) long_terms.push_back(t);
    bool filter = long_terms.size() != terms.size() && terms.size() > 1;
    int fetch = filter ? std::max(limit * 50, 1000) : limit;
    std::vector<int64_t> rows = long_terms.empty() ? match_grams(terms[0], fetch) : match_fts(long_terms, fetch);

    std::vector<SearchHit> hits;
    for (int64_t row : rows) {
        SearchHit h = make_hit(row, terms);
        if (filter) {
            doc_stmt_.bind(1, row);
            bool all = false;
            if (doc_stmt_.step()) {
                std::u32string text = folded(std::string(doc_stmt_.text(1)) + "\n" + std::string(doc_stmt_.text(2)) +
                                             "\n" + std::string(doc_stmt_.text(3)));
                all = std::all_of(terms.begin(), terms.end(),
                                  [&](const auto& t) { return text.find(t) != std::u32string::npos; });
            }
            doc_stmt_.reset();
            if (!all) continue;
        }
        hits.push_back(std::move(h));
        if (static_cast<int>(hits.size()) >= limit) break;
    }
    return hits;
}

}  // namespace linli
