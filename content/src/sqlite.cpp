#include "content/sqlite.h"

#include <cstdio>

namespace linli::db {

static void check(sqlite3* db, int rc, std::string_view what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw Error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
    check(db, sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr),
          "prepare '" + std::string(sql.substr(0, 60)) + "'");
}

Stmt& Stmt::bind(int i, int64_t v) { check(db_, sqlite3_bind_int64(st_, i, v), "bind"); return *this; }
Stmt& Stmt::bind(int i, double v) { check(db_, sqlite3_bind_double(st_, i, v), "bind"); return *this; }
Stmt& Stmt::bind(int i, std::string_view v) {
    check(db_, sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
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

void Stmt::reset() {
    sqlite3_reset(st_);
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
    int flags = mode == ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    std::string name = mode == Memory ? ":memory:" : path.string();
    int rc = sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw Error("cannot open " + name + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
}

Db Db::open_untrusted(const std::filesystem::path& path) {
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
    if (rc != SQLITE_OK) throw Error("cannot open " + path.string() + ": " + (db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc)));
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
        throw Error(msg);
    }
}

int64_t Db::scalar_int(std::string_view sql) {
    Stmt st = prepare(sql);
    return st.step() ? st.int64(0) : 0;
}

}  // namespace linli::db
