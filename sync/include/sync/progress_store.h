// The local progress store: one SQLite file in the data folder recording, per document, when it
// was opened, whether it was read to the end, and where the reader left off. The schema carries a
// version from the first day and upgrades step by step.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/sqlite.h"

namespace linli {

struct DocProgress {
    std::string doc_id;
    int64_t first_opened = 0;  // unix seconds
    int64_t last_opened = 0;
    int64_t finished_at = 0;   // 0 while not read to the end
    double position = 0;       // 0..1, how far down the reader was
};

struct ChoiceRecord {
    int step = 0;
    std::string node;  // where the choice was made
    int choice = 0;    // index into that node's choices
    int64_t at = 0;
};

struct AttemptRecord {
    int64_t id = 0;
    std::string drill_id;
    int64_t started_at = 0, finished_at = 0;  // finished_at 0: unfinished
    std::string ending, rating;               // ending node id and rating key (good/fair/bad)
    std::string final_state;                  // "变量=值;..." as shown in the debrief
    std::vector<ChoiceRecord> choices;
};

class ProgressStore {
public:
    static constexpr int kSchemaVersion = 2;

    // Opens or creates the store; throws db::Error for a file from a newer Linli.
    explicit ProgressStore(const std::filesystem::path& file);

    void mark_opened(const std::string& doc_id, int64_t now);
    void save_position(const std::string& doc_id, double position);
    void mark_finished(const std::string& doc_id, int64_t now);

    std::optional<DocProgress> get(const std::string& doc_id);
    std::vector<DocProgress> all();              // most recently opened first
    std::optional<std::string> last_opened();    // the document to continue with

    // Drill attempts: every choice with its time, then the ending and final state.
    int64_t start_attempt(const std::string& drill_id, int64_t now);
    void record_choice(int64_t attempt, const ChoiceRecord& c);
    void finish_attempt(int64_t attempt, const std::string& ending, const std::string& rating,
                        const std::string& final_state, int64_t now);
    std::vector<AttemptRecord> attempts(const std::string& drill_id);  // newest first
    std::optional<AttemptRecord> unfinished_attempt(const std::string& drill_id);
    int schema_version();

private:
    void migrate();
    db::Db db_;
};

}  // namespace linli
