// The tables derived from the events of a store's learner (schema 3), shared by the store's
// migrations and derived_state.cpp, which keeps them.
#pragma once
#include "payload.h"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::derived {

// What is derived from the events of this store's learner; rebuilt at will.
inline constexpr const char* kDerivedTables = R"(
    CREATE TABLE doc_progress(
        doc_id TEXT PRIMARY KEY,
        first_opened INTEGER NOT NULL,
        last_opened INTEGER NOT NULL,
        finished_at INTEGER NOT NULL DEFAULT 0,
        position REAL NOT NULL DEFAULT 0,
        pos_hlc INTEGER NOT NULL DEFAULT 0,
        pos_device TEXT NOT NULL DEFAULT '');
    CREATE INDEX doc_progress_recent ON doc_progress(last_opened);
    CREATE TABLE drill_attempts(
        id TEXT PRIMARY KEY,
        drill_id TEXT NOT NULL,
        started_at INTEGER NOT NULL DEFAULT 0,
        finished_at INTEGER NOT NULL DEFAULT 0,
        finished_hlc INTEGER NOT NULL DEFAULT 0,
        ending TEXT NOT NULL DEFAULT '',
        rating TEXT NOT NULL DEFAULT '',
        final_state TEXT NOT NULL DEFAULT '');
    CREATE INDEX drill_attempts_by_drill ON drill_attempts(drill_id, started_at);
    CREATE TABLE drill_choices(
        attempt_id TEXT NOT NULL,
        step INTEGER NOT NULL,
        node TEXT NOT NULL,
        choice INTEGER NOT NULL,
        chosen_at INTEGER NOT NULL,
        hlc INTEGER NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY(attempt_id, step));
    CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL);
)";

inline constexpr const char* kDropDerived = R"(
    DROP TABLE IF EXISTS doc_progress; DROP TABLE IF EXISTS drill_attempts;
    DROP TABLE IF EXISTS drill_choices; DROP TABLE IF EXISTS settings;
)";

}  // namespace linli::derived
