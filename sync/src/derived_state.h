// The tables derived from the events of a store's learner (schema 3, and schema 4's review and
// notes tables), shared by the store's migrations and derived_state.cpp, review_state.cpp and
// notes_state.cpp, which keep them.
#pragma once
#include "sync/payload.h"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace linli::derived {

// What is derived from the events of this store's learner; rebuilt at will. WITHOUT ROWID: each
// row lives in its key's B-tree alone, so an insert writes one tree, not a table and its key index.
// (Stores made before keep rowid tables until rebuild_derived(); the statements suit both.)
inline constexpr const char* kDerivedTables = R"(
    CREATE TABLE doc_progress(
        doc_id TEXT PRIMARY KEY,
        first_opened INTEGER NOT NULL,
        last_opened INTEGER NOT NULL,
        finished_at INTEGER NOT NULL DEFAULT 0,
        position REAL NOT NULL DEFAULT 0,
        pos_hlc INTEGER NOT NULL DEFAULT 0,
        pos_device TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
    CREATE INDEX doc_progress_recent ON doc_progress(last_opened);
    CREATE TABLE drill_attempts(
        id TEXT PRIMARY KEY,
        drill_id TEXT NOT NULL,
        started_at INTEGER NOT NULL DEFAULT 0,
        finished_at INTEGER NOT NULL DEFAULT 0,
        finished_hlc INTEGER NOT NULL DEFAULT 0,
        ending TEXT NOT NULL DEFAULT '',
        rating TEXT NOT NULL DEFAULT '',
        final_state TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
    CREATE INDEX drill_attempts_by_drill ON drill_attempts(drill_id, started_at);
    CREATE TABLE drill_choices(
        attempt_id TEXT NOT NULL,
        step INTEGER NOT NULL,
        node TEXT NOT NULL,
        choice INTEGER NOT NULL,
        chosen_at INTEGER NOT NULL,
        hlc INTEGER NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY(attempt_id, step)) WITHOUT ROWID;
    CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL) WITHOUT ROWID;
)";

// Schema 4: spaced review and notes.
// - review_state: each card's FSRS memory after its applied reviews (phase as fsrs::Phase's value).
// - review_log: every applied review, in the order the card's memory was folded, with the memory's
//   phase and recall probability just before it; `at` is the time it was scheduled at.
// - review_undone: the reviews taken back (by review.undone), by card; kept whether or not the
//   review itself is known yet.
// - notes: the winning put of each note (by hlc, device, seq), created_at the earliest put's time;
//   a deleted note is a row with deleted = 1 and its fields emptied, which no put changes again.
inline constexpr const char* kStudyTables = R"(
    CREATE TABLE review_state(
        card TEXT PRIMARY KEY,
        phase INTEGER NOT NULL,
        step INTEGER NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        due INTEGER NOT NULL,
        last_review INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE review_log(
        card TEXT NOT NULL,
        hlc INTEGER NOT NULL,
        device TEXT NOT NULL,
        seq INTEGER NOT NULL,
        doc TEXT NOT NULL,
        grade INTEGER NOT NULL,
        at INTEGER NOT NULL,
        phase_before INTEGER NOT NULL,
        r_before REAL NOT NULL,
        PRIMARY KEY(card, hlc, device, seq)) WITHOUT ROWID;
    CREATE INDEX review_log_order ON review_log(hlc, device, seq);
    CREATE TABLE review_undone(card TEXT NOT NULL, device TEXT NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY(card, device, seq)) WITHOUT ROWID;
    CREATE TABLE notes(
        id TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        block INTEGER NOT NULL,
        quote TEXT NOT NULL,
        text TEXT NOT NULL,
        color TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        hlc INTEGER NOT NULL,
        device TEXT NOT NULL,
        seq INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
    CREATE INDEX notes_by_doc ON notes(doc, block, created_at) WHERE deleted = 0;
)";

inline constexpr const char* kDropDerived = R"(
    DROP TABLE IF EXISTS doc_progress; DROP TABLE IF EXISTS drill_attempts;
    DROP TABLE IF EXISTS drill_choices; DROP TABLE IF EXISTS settings;
)";
inline constexpr const char* kDropStudy = R"(
    DROP TABLE IF EXISTS review_state; DROP TABLE IF EXISTS review_log;
    DROP TABLE IF EXISTS review_undone; DROP TABLE IF EXISTS notes;
)";

// Reading progress and settings derived from events but not yet written. apply() folds each doc.*
// and setting event in here by the same commutative rules as the tables' UPSERTs, and flush()
// writes one row per document or key: a bulk import touches each row once, not once per event.
// (A drill choice is written at once: each step is its own row, and folding them in a map
// measured slower than SQLite's cached statements.)
struct Pending {
    struct Doc {
        bool opened = false, positioned = false, finished = false;  // which events were folded
        int64_t first_opened = 0, last_opened = 0, finished_at = 0;
        double position = 0;
        int64_t pos_hlc = 0;
        std::string pos_device;
    };
    struct Setting {
        std::string value;
        int64_t hlc = 0;
        std::string device;
    };
    std::unordered_map<std::string, Doc> docs;
    std::unordered_map<std::string, Setting> settings;
    // The drill attempt being folded: an import sees an attempt's events one after another, so its
    // start and finish are written as one row, before the next attempt or at flush().
    struct Attempt {
        std::string id, drill;  // id empty: none; drill of its first event seen (all name the same)
        int64_t started_at = 0;  // 0 until its start is known
        bool finished = false;
        int64_t finished_at = 0, finished_hlc = 0;
        std::string ending, rating, state;
    } attempt;
    // Reviews by card, applied at flush(): a card's memory depends on the order of its reviews, so
    // they are sorted there and folded onto the stored memory, or the card is recomputed from all
    // its events when one sorts before its last applied review or an undo touched it.
    struct Review {
        int64_t hlc = 0;
        std::string device;
        int64_t seq = 0;
        std::string doc;
        int grade = 0;
        int64_t at = 0;
    };
    struct Card {
        std::vector<Review> added;
        std::vector<std::pair<std::string, int64_t>> undone;  // (device, seq) of reviews taken back
    };
    std::unordered_map<std::string, Card> cards;
    // Notes by id: the latest put and the earliest put's time, or deleted.
    struct Note {
        bool put = false, deleted = false;
        std::string doc, quote, text, color;
        int64_t block = 0, created_at = 0, updated_at = 0;
        int64_t hlc = 0, seq = 0;
        std::string device;
    };
    std::unordered_map<std::string, Note> notes;
};

// Throws std::invalid_argument (its message in Chinese, then English) unless an event of `kind`
// with this subject and payload is one other devices will accept (the shared file's limits and
// payload_problem): what the store records itself must never make the shared file refused.
void require_valid(std::string_view kind, std::string_view subject, const std::string& payload);

}  // namespace linli::derived
