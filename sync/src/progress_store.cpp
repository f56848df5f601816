#include "sync/progress_store.h"

namespace linli {
namespace {

// Step i upgrades a store from version i to i+1. Append steps; never edit a shipped one.
const char* const kMigrations[] = {
    R"(CREATE TABLE doc_progress(
           doc_id TEXT PRIMARY KEY,
           first_opened INTEGER NOT NULL,
           last_opened INTEGER NOT NULL,
           finished_at INTEGER NOT NULL DEFAULT 0,
           position REAL NOT NULL DEFAULT 0);
       CREATE INDEX doc_progress_recent ON doc_progress(last_opened);)",
};
static_assert(std::size(kMigrations) == ProgressStore::kSchemaVersion);

DocProgress read_row(const db::Stmt& st) {
    return {std::string(st.text(0)), st.int64(1), st.int64(2), st.int64(3), st.real(4)};
}

db::Db open_in_new_folder(const std::filesystem::path& file) {
    std::filesystem::create_directories(file.parent_path());
    return db::Db(file, db::Db::ReadWrite);
}

}  // namespace

ProgressStore::ProgressStore(const std::filesystem::path& file) : db_(open_in_new_folder(file)) {
    db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    migrate();
}

void ProgressStore::migrate() {
    int version = schema_version();
    if (version > kSchemaVersion)
        throw db::Error("the progress store was written by a newer Linli (schema " + std::to_string(version) +
                        ", this build knows " + std::to_string(kSchemaVersion) + ")");
    for (; version < kSchemaVersion; ++version) {
        db::Transaction tx(db_);
        db_.exec(kMigrations[version]);
        db_.exec("PRAGMA user_version = " + std::to_string(version + 1));
        tx.commit();
    }
}

int ProgressStore::schema_version() { return static_cast<int>(db_.scalar_int("PRAGMA user_version")); }

void ProgressStore::mark_opened(const std::string& doc_id, int64_t now) {
    db_.prepare(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened) VALUES(?1, ?2, ?2)
                   ON CONFLICT(doc_id) DO UPDATE SET last_opened = excluded.last_opened)")
        .bind(1, doc_id).bind(2, now).run();
}

void ProgressStore::save_position(const std::string& doc_id, double position) {
    db_.prepare("UPDATE doc_progress SET position = ? WHERE doc_id = ?").bind(1, position).bind(2, doc_id).run();
}

void ProgressStore::mark_finished(const std::string& doc_id, int64_t now) {
    db_.prepare("UPDATE doc_progress SET finished_at = ? WHERE doc_id = ? AND finished_at = 0")
        .bind(1, now).bind(2, doc_id).run();
}

std::optional<DocProgress> ProgressStore::get(const std::string& doc_id) {
    auto st = db_.prepare("SELECT doc_id, first_opened, last_opened, finished_at, position FROM doc_progress WHERE doc_id = ?");
    st.bind(1, doc_id);
    if (!st.step()) return std::nullopt;
    return read_row(st);
}

std::vector<DocProgress> ProgressStore::all() {
    auto st = db_.prepare("SELECT doc_id, first_opened, last_opened, finished_at, position FROM doc_progress "
                          "ORDER BY last_opened DESC, doc_id");
    std::vector<DocProgress> out;
    while (st.step()) out.push_back(read_row(st));
    return out;
}

std::optional<std::string> ProgressStore::last_opened() {
    auto st = db_.prepare("SELECT doc_id FROM doc_progress ORDER BY last_opened DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    return std::string(st.text(0));
}

}  // namespace linli
