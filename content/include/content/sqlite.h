// A small move-only wrapper over the system SQLite: errors carry SQLite's message and result code
// (so busy, full, corrupt and I/O failures are told apart), statements bind typed values, a
// connection keeps a cache of prepared statements, and a transaction guard (nesting through
// savepoints) rolls back unless committed.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace linli::db {

struct Error : std::runtime_error {
    // code: SQLite's extended result code; 0 when the error is not SQLite's (a message only).
    explicit Error(const std::string& msg, int code = 0) : std::runtime_error(msg), code_(code) {}
    explicit Error(const char* msg, int code = 0) : std::runtime_error(msg), code_(code) {}

    int code() const { return code_; }
    int primary() const { return code_ & 0xff; }
    bool busy() const { return primary() == SQLITE_BUSY || primary() == SQLITE_LOCKED; }
    bool full() const { return primary() == SQLITE_FULL; }
    bool corrupt() const { return primary() == SQLITE_CORRUPT || primary() == SQLITE_NOTADB; }
    bool io() const { return primary() == SQLITE_IOERR || primary() == SQLITE_CANTOPEN; }

private:
    int code_ = 0;
};

class Stmt {
public:
    Stmt(sqlite3* db, std::string_view sql, unsigned prepare_flags = 0);
    Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
    Stmt& operator=(Stmt&&) = delete;
    Stmt(const Stmt&) = delete;
    ~Stmt() { sqlite3_finalize(st_); }

    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, double v);
    Stmt& bind(int i, std::string_view v);  // SQLite copies the text
    // SQLite reads the text in place, no copy: v must stay valid until the statement is reset,
    // e.g. bound and run in one expression. For hot paths.
    Stmt& bind_ref(int i, std::string_view v);
    Stmt& bind_blob(int i, const void* data, size_t n);
    Stmt& bind_null(int i);

    bool step();  // true while a row is available
    void run();   // steps to the end and resets, also when the step throws
    void reset();  // ready to run again: not mid-step, no bindings

    int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
    double real(int col) const { return sqlite3_column_double(st_, col); }
    std::string_view text(int col) const;
    std::string_view blob(int col) const;
    bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
    bool busy() const { return sqlite3_stmt_busy(st_) != 0; }  // stepped, not yet done or reset
    sqlite3_stmt* handle() const { return st_; }

private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

// Resets a statement when the scope ends. A cached statement left on a row keeps its read
// transaction open: the connection would not see other connections' commits, could not take the
// write lock (SQLITE_BUSY_SNAPSHOT), and blocks checkpoints and DROP TABLE.
class Reset {
public:
    explicit Reset(Stmt& st) : st_(st) {}
    Reset(const Reset&) = delete;
    ~Reset() { st_.reset(); }
    Stmt& operator*() const { return st_; }
    Stmt* operator->() const { return &st_; }

private:
    Stmt& st_;
};

class Db {
public:
    enum Mode { ReadOnly, ReadWrite, Memory };
    Db(const std::filesystem::path& path, Mode mode);
    // A file that came from elsewhere: read-only, immutable (no locks, no journal), defensive,
    // no schema code trusted, no mmap, cell sizes checked.
    static Db open_untrusted(const std::filesystem::path& path);
    Db(Db&& o) noexcept;
    Db(const Db&) = delete;
    ~Db();

    void exec(std::string_view sql);
    Stmt prepare(std::string_view sql) { return Stmt(db_, sql); }
    // The statement for this SQL text, prepared once per connection and kept: reset (even if a
    // previous user left it mid-step) and with its bindings cleared, ready to bind. One user at a
    // time: asking again for the same text resets it. Pass fixed texts; each distinct one stays.
    Stmt& cached(std::string_view sql);
    size_t cached_count() const { return cache_.size(); }
    int64_t scalar_int(std::string_view sql);
    void set_busy_timeout(int ms);  // how long a write waits for another connection's lock (default 5 s)
    sqlite3* handle() const { return db_; }
    int transaction_depth() const { return depth_; }  // open Transaction guards, outermost = 1

private:
    friend class Transaction;
    Db() = default;
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Cache = std::unordered_map<std::string, std::unique_ptr<Stmt>, Hash, std::equal_to<>>;
    sqlite3* db_ = nullptr;
    Cache cache_;
    // Callers pass the same literal again and again: a slot by the text's address skips hashing
    // hundreds of bytes (the text is still compared, as an address may be reused for another).
    struct Recent {
        const char* text = nullptr;
        const Cache::value_type* entry = nullptr;
    };
    Recent recent_[64];
    int depth_ = 0;
};

// Outermost: BEGIN DEFERRED (locks taken by the first read/write) or BEGIN IMMEDIATE (the write
// lock at once, so a busy database fails here rather than halfway through). Inside another
// transaction on the same connection: SAVEPOINT sN, released on commit and rolled back to on
// destruction, so the inner work is undone alone; the mode is then the outer one's.
// The destructor rolls back unless committed, and never throws.
class Transaction {
public:
    enum Mode { Deferred, Immediate };
    explicit Transaction(Db& db, Mode mode = Immediate);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();
    bool nested() const { return savepoint_; }

private:
    Db& db_;
    int level_ = 0;          // this guard's depth in db_, and its savepoint's name: s<level>
    bool savepoint_ = false;  // false: BEGIN/COMMIT
    bool open_ = true;
};

}  // namespace linli::db
