// The tables derived from the events of a store's learner (schema 3), shared by the store's
// migrations and derived_state.cpp, which keeps them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::derived {

// An event's payload read as nlohmann::json would read it (same acceptance, same values, the
// last of duplicate keys), but without building a document: apply() reads one per event, and
// the DOM cost as much as the statements. Only top-level members are kept; nested values are
// checked and skipped.
class Payload {
public:
    bool parse(std::string_view json);  // false unless `json` is one valid JSON object
    // "" unless `key` holds a string.
    std::string str(std::string_view key) const;
    // 0 unless `key` holds an integer (a large unsigned one wraps, as json::get<int64_t> does).
    int64_t integer(std::string_view key) const;
    // Any number, as a double; nullopt when `key` holds none.
    std::optional<double> number(std::string_view key) const;

private:
    enum Type { String, Integer, Unsigned, Real, Other };
    struct Member {
        std::string_view key, value;  // raw text between the quotes (strings) or of the number
        bool key_escaped = false, value_escaped = false;
        Type type = Other;
        int64_t i = 0;  // Integer
        uint64_t u = 0;  // Unsigned
        double d = 0;    // Real
    };
    friend struct NumberReader;
    const Member* find(std::string_view key) const;
    std::vector<Member> members_;
};

// The text of a JSON string's contents (between its quotes) with escapes decoded. `raw` must be
// valid, as Payload::parse checks.
std::string unescape(std::string_view raw);

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
