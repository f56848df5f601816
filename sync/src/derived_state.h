// The tables derived from the events of a store's learner (schema 3), shared by the store's
// migrations and derived_state.cpp, which keeps them.
#pragma once
#include "sync/payload.h"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

inline constexpr const char* kDropDerived = R"(
    DROP TABLE IF EXISTS doc_progress; DROP TABLE IF EXISTS drill_attempts;
    DROP TABLE IF EXISTS drill_choices; DROP TABLE IF EXISTS settings;
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
};

}  // namespace linli::derived
