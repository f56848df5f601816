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
    R"(CREATE TABLE drill_attempts(
           id INTEGER PRIMARY KEY,
           drill_id TEXT NOT NULL,
           started_at INTEGER NOT NULL,
           finished_at INTEGER NOT NULL DEFAULT 0,
           ending TEXT NOT NULL DEFAULT '',
           rating TEXT NOT NULL DEFAULT '',
           final_state TEXT NOT NULL DEFAULT '');
       CREATE INDEX drill_attempts_by_drill ON drill_attempts(drill_id, started_at);
       CREATE TABLE drill_choices(
           attempt_id INTEGER NOT NULL REFERENCES drill_attempts(id),
           step INTEGER NOT NULL,
           node TEXT NOT NULL,
           choice INTEGER NOT NULL,
           chosen_at INTEGER NOT NULL,
           PRIMARY KEY(attempt_id, step));)",
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

namespace linli {

int64_t ProgressStore::start_attempt(const std::string& drill_id, int64_t now) {
    db_.prepare("INSERT INTO drill_attempts(drill_id, started_at) VALUES(?, ?)").bind(1, drill_id).bind(2, now).run();
    return sqlite3_last_insert_rowid(db_.handle());
}

void ProgressStore::record_choice(int64_t attempt, const ChoiceRecord& c) {
    db_.prepare("INSERT OR REPLACE INTO drill_choices(attempt_id, step, node, choice, chosen_at) VALUES(?,?,?,?,?)")
        .bind(1, attempt).bind(2, int64_t(c.step)).bind(3, c.node).bind(4, int64_t(c.choice)).bind(5, c.at).run();
}

void ProgressStore::finish_attempt(int64_t attempt, const std::string& ending, const std::string& rating,
                                   const std::string& final_state, int64_t now) {
    db_.prepare("UPDATE drill_attempts SET finished_at = ?, ending = ?, rating = ?, final_state = ? WHERE id = ?")
        .bind(1, now).bind(2, ending).bind(3, rating).bind(4, final_state).bind(5, attempt).run();
}

std::vector<AttemptRecord> ProgressStore::attempts(const std::string& drill_id) {
    std::vector<AttemptRecord> out;
    auto st = db_.prepare("SELECT id, drill_id, started_at, finished_at, ending, rating, final_state FROM drill_attempts "
                          "WHERE drill_id = ? ORDER BY started_at DESC, id DESC");
    st.bind(1, drill_id);
    while (st.step())
        out.push_back({st.int64(0), std::string(st.text(1)), st.int64(2), st.int64(3), std::string(st.text(4)),
                       std::string(st.text(5)), std::string(st.text(6)), {}});
    auto ch = db_.prepare("SELECT step, node, choice, chosen_at FROM drill_choices WHERE attempt_id = ? ORDER BY step");
    for (AttemptRecord& a : out) {
        ch.bind(1, a.id);
        while (ch.step()) a.choices.push_back({int(ch.int64(0)), std::string(ch.text(1)), int(ch.int64(2)), ch.int64(3)});
        ch.reset();
    }
    return out;
}

std::optional<AttemptRecord> ProgressStore::unfinished_attempt(const std::string& drill_id) {
    auto all = attempts(drill_id);
    if (all.empty() || all.front().finished_at != 0) return std::nullopt;  // only the newest counts
    return std::move(all.front());
}

}  // namespace linli
