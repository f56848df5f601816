// [SECTION] Encoding a parse: varints and length-prefixed strings, every read bounds-checked
// [SECTION] The cache file
#include "content/library_cache.h"

#include <algorithm>
#include <stdexcept>

namespace fs = std::filesystem;

namespace linli {
namespace {

constexpr int kSchema = 5;  // 3: stamps (path, size, mtime, hash) apart from the parses: a check reads only them; 4: the body last, length-prefixed (a load may skip it); 5: snapshots
constexpr const char* kFileName = "library.sqlite";

// ---------------------------------------------------------------------------------------------
// [SECTION] Encoding a parse
// ---------------------------------------------------------------------------------------------

struct Writer {
    std::string out;
    void u(uint64_t v) {
        while (v >= 0x80) out += char(v & 0x7F | 0x80), v >>= 7;
        out += char(v);
    }
    void i(int64_t v) { u(uint64_t(v) << 1 ^ uint64_t(v >> 63)); }  // zigzag
    void s(const std::string& v) {
        u(v.size());
        out += v;
    }
    void list(const std::vector<std::string>& v) {
        u(v.size());
        for (const auto& x : v) s(x);
    }
    void block(const Block& b) {
        u(uint64_t(b.kind));
        i(b.level);
        i(b.line);
        i(b.col);
        u(b.spans.size());
        for (const Span& sp : b.spans) {
            s(sp.text);
            u(sp.style);
            i(sp.link);
        }
        u(b.children.size());
        for (const Block& c : b.children) block(c);
        s(b.literal);
    }
};

struct Malformed : std::runtime_error {
    Malformed() : std::runtime_error("malformed cache entry") {}
};

struct Reader {
    std::string_view in;
    size_t at = 0;
    int depth = 0;
    uint64_t u() {
        uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            if (at >= in.size() || shift > 63) throw Malformed();
            unsigned char b = static_cast<unsigned char>(in[at++]);
            v |= uint64_t(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
    }
    int64_t i() {
        uint64_t v = u();
        return int64_t(v >> 1) ^ -int64_t(v & 1);
    }
    int small() {  // an int field: lines, columns, levels
        int64_t v = i();
        if (v < -1 || v > (1 << 30)) throw Malformed();
        return int(v);
    }
    size_t count() {  // a list length no larger than what is left
        uint64_t n = u();
        if (n > in.size() - at) throw Malformed();
        return size_t(n);
    }
    std::string s() {
        size_t n = count();
        std::string v(in.substr(at, n));
        at += n;
        return v;
    }
    std::vector<std::string> list() {
        std::vector<std::string> v(count());
        for (auto& x : v) x = s();
        return v;
    }
    Block block() {
        if (++depth > 200) throw Malformed();
        Block b;
        uint64_t kind = u();
        if (kind > uint64_t(BlockKind::Image)) throw Malformed();
        b.kind = BlockKind(kind);
        b.level = small();
        b.line = small();
        b.col = small();
        b.spans.resize(count());
        for (Span& sp : b.spans) {
            sp.text = s();
            sp.style = unsigned(u() & 0xFF);
            sp.link = small();
        }
        b.children.resize(count());
        for (Block& c : b.children) c = block();
        b.literal = s();
        --depth;
        return b;
    }
};

}  // namespace

namespace {

void write_problems(Writer& w, const std::vector<Diagnostic>& problems, bool with_path) {
    w.u(problems.size());
    for (const Diagnostic& d : problems) {
        if (with_path) w.s(d.path);
        w.i(d.line);
        w.i(d.col);
        w.u(d.severity == Severity::Error);
        w.s(d.message);
        w.s(d.message_en);
    }
}
std::vector<Diagnostic> read_problems(Reader& r, bool with_path) {
    std::vector<Diagnostic> out(r.count());
    for (Diagnostic& d : out) {
        if (with_path) d.path = r.s();
        d.line = r.small();
        d.col = r.small();
        d.severity = r.u() ? Severity::Error : Severity::Warning;
        d.message = r.s();
        d.message_en = r.s();
    }
    return out;
}

// A document without its body: metadata, links, where the body starts, the raw front matter and
// the images (for the checks a load makes without the body).
void write_head(Writer& w, const Document& d) {
    const Meta& m = d.meta;
    w.s(m.id);
    w.u(uint64_t(m.kind));
    w.s(m.title);
    w.s(m.title_en);
    w.list(m.keywords);
    w.s(m.summary);
    w.list(m.tags);
    w.list(m.stakeholders);
    w.list(m.sources);
    w.s(m.updated);
    w.i(m.id_line);
    w.u(d.links.size());
    for (const Link& l : d.links) {
        w.s(l.url);
        w.s(l.target_id);
        w.i(l.line);
        w.i(l.col);
    }
    w.i(d.body_line);
    w.s(d.front_matter);
    std::vector<Block> images = d.complete ? image_blocks(d.blocks) : d.blocks;
    w.u(images.size());
    for (const Block& b : images) w.block(b);
}
// Reads a head: the document is incomplete (its blocks the images alone).
Document read_head(Reader& r) {
    Document d;
    Meta& m = d.meta;
    m.id = r.s();
    uint64_t kind = r.u();
    if (kind > uint64_t(DocKind::Drill)) throw Malformed();
    m.kind = DocKind(kind);
    m.title = r.s();
    m.title_en = r.s();
    m.keywords = r.list();
    m.summary = r.s();
    m.tags = r.list();
    m.stakeholders = r.list();
    m.sources = r.list();
    m.updated = r.s();
    m.id_line = r.small();
    d.links.resize(r.count());
    for (Link& l : d.links) {
        l.url = r.s();
        l.target_id = r.s();
        l.line = r.small();
        l.col = r.small();
    }
    d.body_line = r.small();
    d.front_matter = r.s();
    d.blocks.resize(r.count());
    for (Block& b : d.blocks) b = r.block();
    d.complete = false;
    return d;
}

// Every span's link must point into the links.
bool links_hold(const Document& d) {
    std::vector<const Block*> stack;
    for (const Block& b : d.blocks) stack.push_back(&b);
    while (!stack.empty()) {
        const Block* b = stack.back();
        stack.pop_back();
        for (const Span& sp : b->spans)
            if (sp.link >= int(d.links.size())) return false;
        for (const Block& c : b->children) stack.push_back(&c);
    }
    return true;
}

}  // namespace

std::string LibraryCache::encode(const Parse& p) {
    Writer w;
    w.u(p.hash);
    write_problems(w, p.problems, false);
    w.u(p.doc.has_value());
    if (p.doc) {
        const Document& d = *p.doc;
        write_head(w, d);
        // The body last, after its length: a load that leaves bodies for later skips it.
        Writer body;
        body.u(d.blocks.size());
        for (const Block& b : d.blocks) body.block(b);
        body.s(d.plain_text);
        w.s(body.out);
    }
    return w.out;
}

std::optional<LibraryCache::Parse> LibraryCache::decode(std::string_view blob, bool body) {
    try {
        Reader r{blob};
        Parse p;
        p.hash = r.u();
        p.problems = read_problems(r, false);
        if (r.u()) {
            Document d = read_head(r);
            size_t body_size = r.count();
            // A drill's engine points into its blocks for as long as the library lives: whole.
            if (body || d.meta.kind == DocKind::Drill) {
                Reader br{r.in.substr(r.at, body_size)};
                d.blocks.resize(br.count());
                for (Block& b : d.blocks) b = br.block();
                d.plain_text = br.s();
                d.complete = true;
                if (br.at != body_size) return std::nullopt;
            } else {
                std::string().swap(d.front_matter);  // a drill's keys: whole() gives it back
            }
            r.at += body_size;
            if (!links_hold(d)) return std::nullopt;
            p.doc = std::move(d);
        }
        if (r.at != blob.size()) return std::nullopt;
        return p;
    } catch (const Malformed&) {
        return std::nullopt;
    }
}

std::string LibraryCache::encode_snapshot(uint64_t raw_hash, const std::vector<Document>& docs, const std::vector<Diagnostic>& problems) {
    Writer w;
    w.u(raw_hash);
    w.u(docs.size());
    for (const Document& d : docs) {
        w.s(d.path.string());
        w.s(d.root.string());
        w.s(d.cache_key);
        w.u(d.source_hash);
        write_head(w, d);
    }
    write_problems(w, problems, true);
    return w.out;
}

std::optional<LibraryCache::Snapshot> LibraryCache::decode_snapshot(std::string_view blob) {
    try {
        Reader r{blob};
        Snapshot s;
        s.raw_hash = r.u();
        s.docs.resize(r.count());
        for (Document& d : s.docs) {
            std::string path = r.s(), root = r.s(), key = r.s();
            uint64_t hash = r.u();
            d = read_head(r);
            d.path = path;
            d.root = root;
            d.cache_key = std::move(key);
            d.source_hash = hash;
            if (d.meta.kind != DocKind::Drill) std::string().swap(d.front_matter);
            if (!links_hold(d)) return std::nullopt;
        }
        s.problems = read_problems(r, true);
        if (r.at != blob.size()) return std::nullopt;
        return s;
    } catch (const Malformed&) {
        return std::nullopt;
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The cache file
// ---------------------------------------------------------------------------------------------

std::unique_ptr<LibraryCache> LibraryCache::open(const fs::path& cache_dir) {
    fs::path file = cache_dir / kFileName;
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            std::error_code ec;
            fs::create_directories(cache_dir, ec);
            db::Db db(file, db::Db::ReadWrite);
            db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            int version = int(db.scalar_int("PRAGMA user_version"));
            if (version == 0) {
                db.exec("CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL, "
                        "hash INTEGER NOT NULL) WITHOUT ROWID;"
                        "CREATE TABLE IF NOT EXISTS parses(path TEXT PRIMARY KEY, parse BLOB NOT NULL) WITHOUT ROWID;"
                        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
                        "CREATE TABLE IF NOT EXISTS snapshots(roots INTEGER PRIMARY KEY, raw_hash INTEGER NOT NULL, data BLOB NOT NULL);"
                        "PRAGMA user_version = " + std::to_string(kSchema) + ";");
            } else if (version != kSchema) {
                throw db::Error("foreign library cache");
            }
            db.scalar_int("SELECT count(*) FROM files");  // the table is there and readable
            return std::unique_ptr<LibraryCache>(new LibraryCache(std::move(db)));
        } catch (const std::exception&) {
            // A damaged or foreign cache: discarded, and made again once.
            std::error_code ec;
            for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fs::path(file.string() + suffix), ec);
        }
    }
    return nullptr;
}

std::optional<LibraryCache::Parse> LibraryCache::find(const std::string& resolved, int64_t size, int64_t mtime, bool body) {
    try {
        std::lock_guard lock(mutex_);
        db::Reset st(db_.cached("SELECT p.parse FROM files f JOIN parses p ON p.path = f.path WHERE f.path = ? AND f.size = ? AND f.mtime = ?"));
        st->bind(1, resolved).bind(2, size).bind(3, mtime);
        if (!st->step()) return std::nullopt;
        return decode(st->blob(0), body);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<Document> LibraryCache::find_whole(const std::string& resolved, uint64_t hash) {
    try {
        std::lock_guard lock(mutex_);
        db::Reset st(db_.cached("SELECT p.parse FROM files f JOIN parses p ON p.path = f.path WHERE f.path = ? AND f.hash = ?"));
        st->bind(1, resolved).bind(2, int64_t(hash));
        if (!st->step()) return std::nullopt;
        auto p = decode(st->blob(0), true);
        if (!p || !p->doc) return std::nullopt;
        return std::move(p->doc);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<LibraryCache::Parse> LibraryCache::find_by_hash(const std::string& resolved, uint64_t hash, bool body) {
    try {
        std::lock_guard lock(mutex_);
        db::Reset st(db_.cached("SELECT parse FROM parses WHERE path = ?"));
        st->bind(1, resolved);
        if (!st->step()) return std::nullopt;
        auto p = decode(st->blob(0), body);
        if (!p || p->hash != hash) return std::nullopt;
        return p;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void LibraryCache::store(const std::string& resolved, int64_t size, int64_t mtime, const Parse& p) {
    pending_.push_back({resolved, size, mtime, p.hash, encode(p)});
    if (pending_.size() >= 256) commit();  // a cold load of 10,000 files holds a few at a time
}

std::optional<uint64_t> LibraryCache::hash_of(const std::string& resolved, int64_t size, int64_t mtime) {
    try {
        db::Reset st(db_.cached("SELECT hash FROM files WHERE path = ? AND size = ? AND mtime = ?"));
        st->bind(1, resolved).bind(2, size).bind(3, mtime);
        if (!st->step()) return std::nullopt;
        return uint64_t(st->int64(0));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

LibraryCache::Stamps LibraryCache::stamps() {
    Stamps out;
    try {
        // The primary key's order: the paths' bytes, as std::string compares them.
        auto st = db_.prepare("SELECT path, size, mtime, hash FROM files ORDER BY path");
        while (st.step()) out.rows.push_back({std::string(st.text(0)), Stamp{st.int64(1), st.int64(2), uint64_t(st.int64(3))}});
    } catch (const std::exception&) {
        out.rows.clear();
    }
    return out;
}

const LibraryCache::Stamp* LibraryCache::Stamps::find(std::string_view path) const {
    auto it = std::lower_bound(rows.begin(), rows.end(), path, [](const auto& row, std::string_view p) { return row.first < p; });
    return it != rows.end() && it->first == path ? &it->second : nullptr;
}

std::optional<std::string> LibraryCache::meta(const std::string& key) {
    try {
        db::Reset st(db_.cached("SELECT value FROM meta WHERE key = ?"));
        st->bind(1, key);
        if (!st->step()) return std::nullopt;
        return std::string(st->text(0));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void LibraryCache::set_meta(const std::string& key, const std::string& value) {
    try {
        db_.cached("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)").bind(1, key).bind(2, value).run();
    } catch (const std::exception&) {
    }
}

void LibraryCache::commit() {
    if (pending_.empty()) return;
    try {
        db::Transaction tx(db_);
        for (const Pending& p : pending_)
        {
            db_.cached("INSERT OR REPLACE INTO files(path, size, mtime, hash) VALUES(?, ?, ?, ?)")
                .bind(1, p.path).bind(2, p.size).bind(3, p.mtime).bind(4, int64_t(p.hash)).run();
            db_.cached("INSERT OR REPLACE INTO parses(path, parse) VALUES(?, ?)").bind(1, p.path).bind_blob(2, p.blob.data(), p.blob.size()).run();
        }
        tx.commit();
    } catch (const std::exception&) {
        // A busy or full disk: this start parsed the files anyway; the next one tries again.
    }
    pending_.clear();
}

}  // namespace linli

namespace linli {

std::optional<LibraryCache::Snapshot> LibraryCache::snapshot(uint64_t roots_key) {
    try {
        std::lock_guard lock(mutex_);
        db::Reset st(db_.cached("SELECT data FROM snapshots WHERE roots = ?"));
        st->bind(1, int64_t(roots_key));
        if (!st->step()) return std::nullopt;
        return decode_snapshot(st->blob(0));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<uint64_t> LibraryCache::snapshot_hash(uint64_t roots_key) {
    try {
        std::lock_guard lock(mutex_);
        db::Reset st(db_.cached("SELECT raw_hash FROM snapshots WHERE roots = ?"));
        st->bind(1, int64_t(roots_key));
        if (!st->step()) return std::nullopt;
        return uint64_t(st->int64(0));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void LibraryCache::save_snapshot(uint64_t roots_key, uint64_t raw_hash, const std::vector<Document>& docs,
                                 const std::vector<Diagnostic>& problems) {
    try {
        std::string blob = encode_snapshot(raw_hash, docs, problems);
        std::lock_guard lock(mutex_);
        db_.cached("INSERT OR REPLACE INTO snapshots(roots, raw_hash, data) VALUES(?, ?, ?)")
            .bind(1, int64_t(roots_key)).bind(2, int64_t(raw_hash)).bind_blob(3, blob.data(), blob.size()).run();
    } catch (const std::exception&) {
        // a cache: the next start loads the library before its first frame instead
    }
}

}  // namespace linli
