// A small move-only wrapper over the system SQLite: errors carry SQLite's message, statements bind
// typed values, and a transaction guard rolls back unless committed.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace linli::db {

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Stmt {
public:
    Stmt(sqlite3* db, std::string_view sql);
    Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
    Stmt& operator=(Stmt&&) = delete;
    Stmt(const Stmt&) = delete;
    ~Stmt() { sqlite3_finalize(st_); }

    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, double v);
    Stmt& bind(int i, std::string_view v);
    Stmt& bind_blob(int i, const void* data, size_t n);
    Stmt& bind_null(int i);

    bool step();  // true while a row is available
    void run() { step(); reset(); }
    void reset();

    int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
    double real(int col) const { return sqlite3_column_double(st_, col); }
    std::string_view text(int col) const;
    std::string_view blob(int col) const;
    bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

class Db {
public:
    enum Mode { ReadOnly, ReadWrite, Memory };
    Db(const std::filesystem::path& path, Mode mode);
    // A file that came from elsewhere: read-only, immutable (no locks, no journal), defensive,
    // no schema code trusted, no mmap, cell sizes checked.
    static Db open_untrusted(const std::filesystem::path& path);
    Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
    Db(const Db&) = delete;
    ~Db() { sqlite3_close_v2(db_); }

    void exec(std::string_view sql);
    Stmt prepare(std::string_view sql) { return Stmt(db_, sql); }
    int64_t scalar_int(std::string_view sql);
    sqlite3* handle() const { return db_; }

private:
    Db() = default;
    sqlite3* db_ = nullptr;
};

class Transaction {
public:
    explicit Transaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    void commit() { db_.exec("COMMIT"); done_ = true; }
    ~Transaction() {
        if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }

private:
    Db& db_;
    bool done_ = false;
};

}  // namespace linli::db
