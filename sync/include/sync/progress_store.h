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

class ProgressStore {
public:
    static constexpr int kSchemaVersion = 1;

    // Opens or creates the store; throws db::Error for a file from a newer Linli.
    explicit ProgressStore(const std::filesystem::path& file);

    void mark_opened(const std::string& doc_id, int64_t now);
    void save_position(const std::string& doc_id, double position);
    void mark_finished(const std::string& doc_id, int64_t now);

    std::optional<DocProgress> get(const std::string& doc_id);
    std::vector<DocProgress> all();              // most recently opened first
    std::optional<std::string> last_opened();    // the document to continue with
    int schema_version();

private:
    void migrate();
    db::Db db_;
};

}  // namespace linli
