// The shared progress file.
//
// [SECTION] Page checksums and the verified copy
// [SECTION] SharedSnapshot: open, validate table by table and row by row, import
// [SECTION] Writing a new image, sealing it, publishing it (temp, fsync, rename)
#include "sync/shared_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <unordered_map>
#include <set>
#include <vector>

#include "sync/ids.h"
#include "sync/payload.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

constexpr int kPageSize = 4096;
constexpr int kReserve = 8;  // bytes at the end of every page: its checksum
constexpr char kSqliteMagic[] = "SQLite format 3";

// The exact schema a shared file has. Anything else (views, triggers, other tables) is refused.
const char* const kSchema[][2] = {
    {"linli_sync", "CREATE TABLE linli_sync(key TEXT PRIMARY KEY, value TEXT NOT NULL)"},
    {"learners", "CREATE TABLE learners(idx INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE)"},
    {"devices", "CREATE TABLE devices(idx INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE)"},
    {"events",
     "CREATE TABLE events(device INTEGER NOT NULL, seq INTEGER NOT NULL, learner INTEGER NOT NULL, "
     "hlc INTEGER NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, payload TEXT NOT NULL, "
     "at INTEGER NOT NULL, PRIMARY KEY(device, seq)) WITHOUT ROWID"},
};

uint32_t be32(const unsigned char* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

// FNV-1a over the page, seeded with its number: each step is a bijection, so any change of a
// single byte changes the sum, and pages swapped with each other do not match either.
uint64_t page_sum(const unsigned char* page, size_t n, uint64_t pgno) {
    uint64_t h = 1469598103934665603ull ^ (pgno * 0x9E3779B97F4A7C15ull);
    for (size_t i = 0; i < n; ++i) h = (h ^ page[i]) * 1099511628211ull;
    return h;
}

// page_sum of four consecutive pages (numbers pgno..pgno+3) in one loop: the same sums.
void page_sums4(const unsigned char* pages, uint64_t pgno, uint64_t out[4]) {
    uint64_t h[4];
    for (int k = 0; k < 4; ++k) h[k] = 1469598103934665603ull ^ ((pgno + uint64_t(k)) * 0x9E3779B97F4A7C15ull);
    const unsigned char *a = pages, *b = a + kPageSize, *c = b + kPageSize, *d = c + kPageSize;
    for (size_t i = 0; i < size_t(kPageSize - kReserve); ++i) {
        h[0] = (h[0] ^ a[i]) * 1099511628211ull;
        h[1] = (h[1] ^ b[i]) * 1099511628211ull;
        h[2] = (h[2] ^ c[i]) * 1099511628211ull;
        h[3] = (h[3] ^ d[i]) * 1099511628211ull;
    }
    for (int k = 0; k < 4; ++k) out[k] = h[k];
}

void put_le64(unsigned char* p, uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

uint64_t get_le64(const unsigned char* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | p[i];
    return v;
}

std::string name_of(const fs::path& p) { return p.filename().string(); }

// Copies `src` to `dst` while checking the header and every page's checksum.
void copy_verified(const fs::path& src, const fs::path& dst) {
    const std::string name = name_of(src);
    std::error_code ec;
    uintmax_t size = fs::file_size(src, ec);
    if (ec) throw SharedFileError(SharedFileError::Unreadable, name + ": cannot read it (" + ec.message() + ")");
    if (size > kMaxSharedBytes)
        throw SharedFileError(SharedFileError::TooLarge, name + ": " + std::to_string(size >> 20) + " MB is larger than any progress file (limit " +
                                                             std::to_string(kMaxSharedBytes >> 20) + " MB)");
    std::ifstream in(src, std::ios::binary);
    if (!in) throw SharedFileError(SharedFileError::Unreadable, name + ": cannot open it for reading");
    if (size < 100) throw SharedFileError(size == 0 ? SharedFileError::Truncated : SharedFileError::Foreign,
                                          name + (size == 0 ? ": the file is empty" : ": not a Linli progress file (too short)"));
    std::vector<unsigned char> page(kPageSize);
    in.read(reinterpret_cast<char*>(page.data()), 100);
    if (std::memcmp(page.data(), kSqliteMagic, sizeof kSqliteMagic) != 0)
        throw SharedFileError(SharedFileError::Foreign, name + ": not a Linli progress file (not an SQLite database)");
    uint32_t page_size = uint32_t(page[16]) << 8 | page[17];
    if (page_size == 1) page_size = 65536;
    if (page_size != kPageSize || page[20] != kReserve)
        throw SharedFileError(SharedFileError::Foreign, name + ": not a Linli progress file (an SQLite database of another kind)");
    uint64_t pages = be32(page.data() + 28);
    if (size % kPageSize != 0 || pages * kPageSize != size)
        throw SharedFileError(SharedFileError::Truncated, name + ": the file is cut short or padded (" + std::to_string(size) +
                                                              " bytes, its header says " + std::to_string(pages * kPageSize) + ")");
    in.seekg(0);
    std::ofstream out(dst, std::ios::binary | std::ios::trunc);
    if (!out) throw SharedFileError(SharedFileError::Unreadable, "cannot write a working copy in " + dst.parent_path().string());
    // A megabyte at a time; the checksums of four pages at once (page_sums4), which a core works
    // on together: each one alone is a chain of dependent multiplies.
    constexpr uint64_t kChunk = 256;
    std::vector<unsigned char> chunk(kChunk * kPageSize);
    for (uint64_t first = 1; first <= pages; first += kChunk) {
        const uint64_t n = std::min(kChunk, pages - first + 1);
        if (!in.read(reinterpret_cast<char*>(chunk.data()), std::streamsize(n * kPageSize)))
            throw SharedFileError(SharedFileError::Truncated, name + ": the file ended early (it may still be copying)");
        for (uint64_t i = 0; i < n; i += 4) {
            uint64_t sums[4];
            const unsigned char* at = chunk.data() + i * kPageSize;
            if (n - i >= 4) page_sums4(at, first + i, sums);
            else
                for (uint64_t k = 0; k < n - i; ++k) sums[k] = page_sum(at + k * kPageSize, kPageSize - kReserve, first + i + k);
            for (uint64_t k = 0; k < std::min<uint64_t>(4, n - i); ++k)
                if (sums[k] != get_le64(at + k * kPageSize + kPageSize - kReserve))
                    throw SharedFileError(SharedFileError::Damaged, name + ": page " + std::to_string(first + i + k) + " of " +
                                                                        std::to_string(pages) + " is damaged (its checksum does not match)");
        }
        out.write(reinterpret_cast<const char*>(chunk.data()), std::streamsize(n * kPageSize));
    }
    if (!out.flush()) throw SharedFileError(SharedFileError::Unreadable, "cannot write a working copy in " + dst.parent_path().string());
}

bool valid_kind(std::string_view k) {
    if (k.empty() || k.size() > kMaxKind) return false;
    return std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '.' || c == '_'; });
}

void fsync_path(const fs::path& p, int flags) {
    int fd = ::open(p.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::unique_ptr<SharedSnapshot> SharedSnapshot::open(const fs::path& file, const fs::path& scratch_dir, RowCheck rows) {
    fs::create_directories(scratch_dir);
    fs::path copy = scratch_dir / ("in-" + random_id().substr(0, 12) + ".sqlite");
    try {
        copy_verified(file, copy);
        std::unique_ptr<SharedSnapshot> snap(new SharedSnapshot(copy, db::Db::open_untrusted(copy)));
        snap->validate(file, rows);
        return snap;
    } catch (const db::Error& e) {
        std::error_code ec;
        fs::remove(copy, ec);
        throw SharedFileError(SharedFileError::Damaged, name_of(file) + ": the database inside is damaged (" + e.what() + ")");
    } catch (...) {
        std::error_code ec;
        fs::remove(copy, ec);
        throw;
    }
}

SharedSnapshot::SharedSnapshot(fs::path copy, db::Db db) : copy_(std::move(copy)), db_(std::move(db)), payload_(std::make_unique<derived::Payload>()) {}

SharedSnapshot::~SharedSnapshot() {
    std::error_code ec;
    fs::remove(copy_, ec);
}

void SharedSnapshot::check_row(const Row& r) {
    auto damaged = [&](const char* why) { return SharedFileError(SharedFileError::Damaged, name_ + ": " + why); };
    if (r.seq < 1 || r.hlc < 0 || r.at < 0) throw damaged("an event has impossible numbers");
    if (!valid_kind(r.kind)) throw damaged("an event has an unknown kind of name");
    if (r.subject_size > kMaxSubject || r.payload.size() > kMaxPayload) throw damaged("an event is too large");
    if (!r.known_device || !r.known_learner) throw damaged("an event belongs to no device or learner");
    // The fast reader accepts what nlohmann does (a unit test holds them to it) but objects only;
    // any other JSON value is asked of nlohmann itself.
    if (!payload_->parse(r.payload) && !nlohmann::json::accept(r.payload)) throw damaged("an event's data is not readable");
    if (const char* why = payload_problem(r.kind, *payload_)) throw damaged(why);  // review.*, note.*: their fields
}

void SharedSnapshot::validate(const fs::path& original, RowCheck rows) {
    const std::string name = name_ = name_of(original);
    auto damaged = [&](const std::string& why) { return SharedFileError(SharedFileError::Damaged, name + ": " + why); };
    if (rows == RowCheck::Before) {
        auto st = db_.prepare("PRAGMA quick_check");
        st.step();
        if (st.text(0) != "ok") throw damaged("the database inside is damaged (" + std::string(st.text(0)) + ")");
    }
    // Exactly our tables (and SQLite's own indexes for them): no views, triggers or strangers.
    std::map<std::string, std::string> tables;
    {
        auto st = db_.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema");
        while (st.step()) {
            std::string type(st.text(0)), n(st.text(1));
            if (type == "index" && n.rfind("sqlite_autoindex_", 0) == 0) continue;
            if (type != "table") throw SharedFileError(SharedFileError::Foreign, name + ": not a Linli progress file (it holds a " + type + ")");
            tables[n] = std::string(st.text(2));
        }
    }
    if (!tables.count("linli_sync"))
        throw SharedFileError(SharedFileError::Foreign, name + ": not a Linli progress file (no linli_sync table)");
    std::map<std::string, std::string> magic;
    {
        auto st = db_.prepare("SELECT key, value FROM linli_sync");
        while (st.step()) magic[std::string(st.text(0))] = std::string(st.text(1));
    }
    if (magic["format"] != kSharedFormat)
        throw SharedFileError(SharedFileError::Foreign, name + ": not a Linli progress file (format '" + magic["format"] + "')");
    int version = std::atoi(magic["version"].c_str());
    if (version > kSharedVersion)
        throw SharedFileError(SharedFileError::Newer, name + ": written by a newer Linli (format " + magic["version"] +
                                                          "); update Linli on this computer to sync with it");
    if (version < 1) throw damaged("its format version is missing");
    if (tables.size() != std::size(kSchema)) throw damaged("it has unexpected tables");
    for (const auto& [t, sql] : kSchema)
        if (tables[t] != sql) throw damaged("table '" + std::string(t) + "' is not as Linli writes it");
    file_id_ = magic["file_id"];
    if (!is_id(file_id_)) throw damaged("its file id is missing");

    for (const char* t : {"learners", "devices"}) {
        auto st = db_.prepare(std::string("SELECT uuid FROM ") + t);
        while (st.step())
            if (!is_id(st.text(0))) throw damaged(std::string("a bad id in ") + t);
    }
    if (rows == RowCheck::WhileReading) {
        rows_checked_ = false;
        auto st = db_.prepare("SELECT count(*) FROM events");
        st.step();
        events_ = st.int64(0);
        return;
    }
    // Every row, before anything is imported.
    auto st = db_.prepare(R"(SELECT e.seq, e.hlc, e.kind, length(e.subject), e.payload, e.at, d.uuid IS NOT NULL, l.uuid IS NOT NULL
                             FROM events e LEFT JOIN devices d ON d.idx = e.device LEFT JOIN learners l ON l.idx = e.learner)");
    while (st.step()) {
        ++events_;
        check_row({st.int64(0), st.int64(1), st.int64(5), st.text(2), st.text(4), size_t(st.int64(3)), st.int64(6) != 0, st.int64(7) != 0});
    }
}

size_t SharedSnapshot::import_into(ProgressStore& store) {
    ProgressStore::Import imp(store);
    std::map<int64_t, std::string> learners;
    {
        auto st = db_.prepare("SELECT idx, uuid FROM learners");
        while (st.step()) learners[st.int64(0)] = std::string(st.text(1));
    }
    auto devs = db_.prepare("SELECT d.idx, d.uuid, count(e.seq), coalesce(max(e.seq), 0) FROM devices d "
                            "LEFT JOIN events e ON e.device = d.idx GROUP BY d.idx");
    auto rows = db_.prepare("SELECT seq, learner, hlc, kind, subject, payload, at FROM events WHERE device = ? AND seq > ? ORDER BY seq");
    while (devs.step()) {
        int64_t idx = devs.int64(0), count = devs.int64(2), max = devs.int64(3);
        std::string device(devs.text(1));
        // A device's events travel as a prefix 1..n: everything above what we hold is new. If a
        // file breaks that (gaps), each event is checked instead.
        bool prefix = count == max;
        int64_t known = prefix ? imp.max_seq(device) : 0;
        if (prefix && known >= max) continue;
        rows.bind(1, idx).bind(2, known);
        Event e;
        e.device = device;
        int64_t learner = -1;  // e.learner's row: a device's events are mostly one learner's
        while (rows.step()) {
            e.seq = rows.int64(0);
            if (rows.int64(1) != learner) e.learner = learners[learner = rows.int64(1)];
            e.hlc = rows.int64(2);
            e.kind = rows.text(3);
            e.subject = rows.text(4);
            e.payload = rows.text(5);
            e.at = rows.int64(6);
            imp.add(e, !prefix);
        }
        rows.reset();
    }
    imp.commit();
    return imp.added();
}

void SharedSnapshot::each_event(const std::function<bool(const EventView&)>& fn, const std::vector<std::string>& kinds) {
    // The uuids once, the events in the table's own order (its primary key): no sort, no join.
    auto uuids = [&](const char* table) {
        std::unordered_map<int64_t, std::string> m;
        auto st = db_.prepare(std::string("SELECT idx, uuid FROM ") + table);
        while (st.step()) m.emplace(st.int64(0), std::string(st.text(1)));
        return m;
    };
    const auto learners = uuids("learners"), devices = uuids("devices");
    std::string sql = "SELECT device, seq, learner, hlc, kind, subject, payload, at FROM events";
    for (size_t i = 0; i < kinds.size(); ++i) sql += i == 0 ? " WHERE kind IN (?" : ", ?";
    if (!kinds.empty()) sql += ")";
    auto rows = db_.prepare(sql);
    for (size_t i = 0; i < kinds.size(); ++i) rows.bind(int(i) + 1, std::string_view(kinds[i]));
    EventView v;
    int64_t device = -1, learner = -1;
    bool known_device = false, known_learner = false;
    auto find = [](const auto& map, int64_t idx, std::string_view& out) {
        auto it = map.find(idx);
        if (it == map.end()) return false;
        out = it->second;
        return true;
    };
    while (rows.step()) {
        if (rows.int64(0) != device) known_device = find(devices, device = rows.int64(0), v.device);
        if (rows.int64(2) != learner) known_learner = find(learners, learner = rows.int64(2), v.learner);
        v.seq = rows.int64(1);
        v.hlc = rows.int64(3);
        v.kind = rows.text(4);
        v.subject = rows.text(5);
        v.payload = rows.text(6);
        v.at = rows.int64(7);
        if (!rows_checked_) {
            check_row({v.seq, v.hlc, v.at, v.kind, v.payload, v.subject.size(), known_device, known_learner});
            v.parsed = payload_->ok() ? payload_.get() : nullptr;
        }
        if (!fn(v)) return;
    }
}

int64_t write_shared_image(ProgressStore& store, const fs::path& out, const std::string& file_id) {
    std::error_code ec;
    fs::remove(out, ec);
    db::Db& db = store.db();
    db.prepare("ATTACH DATABASE ? AS img").bind(1, out.string()).run();
    struct Detach {
        db::Db& db;
        ~Detach() { sqlite3_exec(db.handle(), "DETACH DATABASE img", nullptr, nullptr, nullptr); }
    } detach{db};
    int reserve = kReserve;
    sqlite3_file_control(db.handle(), "img", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    db.exec("PRAGMA img.page_size = " + std::to_string(kPageSize) + "; PRAGMA img.journal_mode = OFF; PRAGMA img.synchronous = OFF;");
    for (const auto& [t, sql] : kSchema) {
        std::string create = sql;
        create.replace(0, std::strlen("CREATE TABLE "), "CREATE TABLE img.");
        db.exec(create);
    }
    {
        // Deferred: main is only read, so the store's other connection can go on writing meanwhile.
        db::Transaction tx(db, db::Transaction::Deferred);
        db.exec(R"(INSERT INTO img.learners SELECT idx, uuid FROM main.learners;
                   INSERT INTO img.devices SELECT idx, uuid FROM main.devices;
                   INSERT INTO img.events SELECT device, seq, learner, hlc, kind, subject, payload, at FROM main.events ORDER BY device, seq;)");
        auto put = db.prepare("INSERT INTO img.linli_sync(key, value) VALUES(?, ?)");
        put.bind(1, std::string_view("format")).bind(2, std::string_view(kSharedFormat)).run();
        put.bind(1, std::string_view("version")).bind(2, std::to_string(kSharedVersion)).run();
        put.bind(1, std::string_view("file_id")).bind(2, file_id).run();
        put.bind(1, std::string_view("written_by")).bind(2, store.identity().device_id).run();
        tx.commit();
    }
    int64_t n = db.scalar_int("SELECT count(*) FROM img.events");
    sqlite3_exec(db.handle(), "DETACH DATABASE img", nullptr, nullptr, nullptr);
    seal_page_checksums(out);
    return n;
}

void seal_page_checksums(const fs::path& file) {
    std::fstream f(file, std::ios::binary | std::ios::in | std::ios::out);
    if (!f) throw std::runtime_error("cannot open " + file.string() + " to seal it");
    std::vector<unsigned char> page(kPageSize);
    f.read(reinterpret_cast<char*>(page.data()), 100);
    if (page[20] != kReserve || (uint32_t(page[16]) << 8 | page[17]) != kPageSize)
        throw std::runtime_error("the shared image was not written with reserved checksum space");
    uint64_t pages = be32(page.data() + 28);
    f.seekg(0);
    for (uint64_t pg = 1; pg <= pages; ++pg) {
        std::streamoff at = std::streamoff(pg - 1) * kPageSize;
        f.seekg(at);
        if (!f.read(reinterpret_cast<char*>(page.data()), kPageSize)) throw std::runtime_error("the shared image is shorter than its header says");
        if (pg == 1) page[18] = page[19] = 1;  // rollback-journal file format: readers need no -wal or -shm
        put_le64(page.data() + kPageSize - kReserve, page_sum(page.data(), kPageSize - kReserve, pg));
        f.seekp(at);
        f.write(reinterpret_cast<const char*>(page.data()), kPageSize);
    }
    f.flush();
    if (!f) throw std::runtime_error("cannot seal " + file.string());
}

void publish_file(const fs::path& image, const fs::path& target, const std::string& tag) {
    fs::path tmp = target;
    tmp += ".tmp-" + tag + "-" + random_id().substr(0, 8);
    {
        std::ifstream in(image, std::ios::binary);
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (!in || fd < 0) throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
        std::vector<char> buf(1 << 20);
        bool ok = true;
        while (ok && in) {
            in.read(buf.data(), buf.size());
            for (std::streamsize done = 0, n = in.gcount(); ok && done < n;) {
                ssize_t w = ::write(fd, buf.data() + done, n - done);
                if (w <= 0) ok = false;
                else done += w;
            }
        }
        ok = ok && ::fsync(fd) == 0;
        int err = errno;
        ::close(fd);
        if (!ok) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(err));
        }
    }
    std::error_code ec;
    for (int attempt = 0; attempt < 5; ++attempt) {  // a reader on Windows/SMB may hold the old file
        fs::rename(tmp, target, ec);
        if (!ec) break;
        usleep(100000);
    }
    if (ec) {
        std::string why = ec.message();  // before the clean-up below reuses ec
        fs::remove(tmp, ec);
        throw std::runtime_error("cannot replace " + target.string() + ": " + why);
    }
    fsync_path(target.parent_path(), O_RDONLY | O_DIRECTORY);
}

bool is_publish_temp(const std::string& file_name, const std::string& shared_name) {
    return file_name.rfind(shared_name + ".tmp-", 0) == 0;
}

}  // namespace linli
