#include "content/sqlite.h"

#include <algorithm>
#include <cstdio>

namespace linli::db {

// SQLite's memory statistics take a global mutex on every allocation (6 % of an imported
// event's cost); nothing here reads them. The setting must precede SQLite's initialisation, which
// the first open does, so every open goes through here first.
static void configure_sqlite_once() {
    static const int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)rc;  // SQLITE_MISUSE if SQLite was initialised elsewhere first: statistics stay on
}

// Connections are opened with extended result codes on, so rc is already the extended code.
static void check(sqlite3* db, int rc, std::string_view what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw Error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), rc);
}

Stmt::Stmt(sqlite3* db, std::string_view sql, unsigned prepare_flags) : db_(db) {
    check(db, sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), prepare_flags, &st_, nullptr),
          "prepare '" + std::string(sql.substr(0, 60)) + "'");
}

Stmt& Stmt::bind(int i, int64_t v) { check(db_, sqlite3_bind_int64(st_, i, v), "bind"); return *this; }
Stmt& Stmt::bind(int i, double v) { check(db_, sqlite3_bind_double(st_, i, v), "bind"); return *this; }
Stmt& Stmt::bind(int i, std::string_view v) {
    check(db_, sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
    return *this;
}
Stmt& Stmt::bind_ref(int i, std::string_view v) {
    const char* text = v.data() ? v.data() : "";  // a null pointer would bind NULL, not ''
    check(db_, sqlite3_bind_text(st_, i, text, static_cast<int>(v.size()), SQLITE_STATIC), "bind");
    return *this;
}
Stmt& Stmt::bind_blob(int i, const void* data, size_t n) {
    check(db_, sqlite3_bind_blob64(st_, i, data, n, SQLITE_TRANSIENT), "bind");
    return *this;
}
Stmt& Stmt::bind_null(int i) { check(db_, sqlite3_bind_null(st_, i), "bind"); return *this; }

bool Stmt::step() {
    int rc = sqlite3_step(st_);
    check(db_, rc, "step");
    return rc == SQLITE_ROW;
}

void Stmt::run() {
    try {
        step();
    } catch (...) {
        reset();
        throw;
    }
    reset();
}

void Stmt::reset() {
    sqlite3_reset(st_);  // its return value repeats the last step's error, already reported
    sqlite3_clear_bindings(st_);
}

std::string_view Stmt::text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
    return p ? std::string_view(p, sqlite3_column_bytes(st_, col)) : std::string_view();
}

std::string_view Stmt::blob(int col) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(st_, col));
    return p ? std::string_view(p, sqlite3_column_bytes(st_, col)) : std::string_view();
}

Db::Db(const std::filesystem::path& path, Mode mode) {
    configure_sqlite_once();
    int flags = mode == ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    std::string name = mode == Memory ? ":memory:" : path.string();
    int rc = sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        int code = db_ ? sqlite3_extended_errcode(db_) : rc;
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw Error("cannot open " + name + ": " + msg, code);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
}

Db::Db(Db&& o) noexcept : db_(o.db_), cache_(std::move(o.cache_)), depth_(o.depth_) {
    std::copy(std::begin(o.recent_), std::end(o.recent_), recent_);  // the nodes moved with the map
    o.db_ = nullptr;
    o.cache_.clear();
    std::fill(std::begin(o.recent_), std::end(o.recent_), Recent{});
    o.depth_ = 0;
}

Db::~Db() {
    cache_.clear();  // finalized before the connection closes
    sqlite3_close_v2(db_);
}

void Db::set_busy_timeout(int ms) { sqlite3_busy_timeout(db_, ms); }

Stmt& Db::cached(std::string_view sql) {
    Recent& slot = recent_[(reinterpret_cast<uintptr_t>(sql.data()) >> 3) % std::size(recent_)];
    if (slot.text == sql.data() && slot.entry->first == sql) {
        slot.entry->second->reset();
        return *slot.entry->second;
    }
    auto it = cache_.find(sql);
    if (it == cache_.end())
        it = cache_.emplace(std::string(sql), std::make_unique<Stmt>(db_, sql, SQLITE_PREPARE_PERSISTENT)).first;
    else
        it->second->reset();
    slot = {sql.data(), &*it};  // map nodes never move
    return *it->second;
}

Db Db::open_untrusted(const std::filesystem::path& path) {
    configure_sqlite_once();
    Db db;
    std::string uri = "file:";
    for (char c : path.string()) {  // percent-encode what a URI path may not hold
        if (c == '?' || c == '#' || c == '%') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            uri += buf;
        } else {
            uri += c;
        }
    }
    uri += "?mode=ro&immutable=1";
    int rc = sqlite3_open_v2(uri.c_str(), &db.db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)  // db's destructor closes the handle
        throw Error("cannot open " + path.string() + ": " + (db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc)),
                    db.db_ ? sqlite3_extended_errcode(db.db_) : rc);
    sqlite3_extended_result_codes(db.db_, 1);
    sqlite3_db_config(db.db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db.db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db.db_, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(db.db_, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_limit(db.db_, SQLITE_LIMIT_LENGTH, 1 << 20);
    db.exec("PRAGMA mmap_size=0; PRAGMA cell_size_check=ON;");
    return db;
}

void Db::exec(std::string_view sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw Error(msg, rc);
    }
}

int64_t Db::scalar_int(std::string_view sql) {
    Stmt st = prepare(sql);
    return st.step() ? st.int64(0) : 0;
}

// The control statements are cached too: parsing "BEGIN IMMEDIATE" and "COMMIT" again for every
// recorded event cost more than the event's own statements.
Transaction::Transaction(Db& db, Mode mode) : db_(db), level_(db.depth_ + 1) {
    // A transaction begun by hand (not by a guard) is nested into as well.
    savepoint_ = db.depth_ > 0 || !sqlite3_get_autocommit(db.db_);
    if (savepoint_) db_.cached("SAVEPOINT s" + std::to_string(level_)).run();
    else db_.cached(mode == Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED").run();
    db_.depth_ = level_;
}

void Transaction::commit() {
    if (!open_) throw Error("commit: the transaction is already over");
    if (db_.depth_ != level_) throw Error("commit: an inner transaction is still open");
    // If SQLite rolled the whole transaction back by itself (after SQLITE_FULL, IOERR, ...) both
    // fail ("no such savepoint", "no transaction is active"): the caller learns its work is gone.
    if (savepoint_) db_.cached("RELEASE s" + std::to_string(level_)).run();
    else db_.cached("COMMIT").run();
    open_ = false;
    db_.depth_ = level_ - 1;
}

Transaction::~Transaction() {
    if (!open_) return;
    char sql[64] = "ROLLBACK";  // no allocation, no cache: a destructor must not throw
    if (savepoint_) std::snprintf(sql, sizeof sql, "ROLLBACK TO s%d; RELEASE s%d", level_, level_);
    sqlite3_exec(db_.handle(), sql, nullptr, nullptr, nullptr);  // fails only if already rolled back
    db_.depth_ = level_ - 1;
}

}  // namespace linli::db
