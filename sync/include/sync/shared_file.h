// The shared progress file: a self-contained SQLite file that several devices read and replace,
// never write in place. Every page carries a checksum in SQLite's reserved bytes, so a truncated,
// damaged or half-copied file is recognised before SQLite reads it; a file is read from a local
// copy, opened read-only, immutable and defensive, and checked table by table and row by row.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "content/sqlite.h"
#include "sync/progress_store.h"

namespace linli {
namespace derived {
class Payload;
}

inline constexpr const char* kSharedFormat = "linli-progress";
inline constexpr int kSharedVersion = 1;
inline constexpr uintmax_t kMaxSharedBytes = uintmax_t(1) << 30;  // 1 GiB: more is not ours

// Why a file was refused. The message names the file and the reason in plain words.
struct SharedFileError : std::runtime_error {
    enum Kind { Unreadable, TooLarge, Truncated, Damaged, Foreign, Newer };
    SharedFileError(Kind k, const std::string& msg) : std::runtime_error(msg), kind(k) {}
    Kind kind;
};

// A verified, opened copy of a shared file.
class SharedSnapshot {
public:
    // When the rows are checked: all of them before open() returns (an import, all or nothing,
    // needs that), or each as each_event() reads it (a report, which writes nothing from the file
    // until it has read it all: one pass instead of two, and no integrity check beyond the pages'
    // checksums and what SQLite itself finds reading).
    enum class RowCheck { Before, WhileReading };
    // Copies `file` into `scratch_dir`, verifies it and opens it; throws SharedFileError.
    static std::unique_ptr<SharedSnapshot> open(const std::filesystem::path& file, const std::filesystem::path& scratch_dir,
                                                RowCheck rows = RowCheck::Before);
    ~SharedSnapshot();

    const std::string& file_id() const { return file_id_; }
    int64_t event_count() const { return events_; }
    // Adds the events this store lacks, all in one transaction; returns how many were new.
    size_t import_into(ProgressStore& store);
    // Every event, by device then seq, one at a time (a cohort's report reads them so, never all
    // in memory); returning false from `fn` stops. With RowCheck::WhileReading, a bad row throws
    // SharedFileError there.
    // `kinds` (optional): only events of these kinds, picked by SQLite, not read one by one.
    void each_event(const std::function<bool(const EventView&)>& fn, const std::vector<std::string>& kinds = {});

private:
    SharedSnapshot(std::filesystem::path copy, db::Db db);
    void validate(const std::filesystem::path& original, RowCheck rows);
    // Throws SharedFileError for an event no Linli writes (impossible numbers, a foreign kind,
    // too large, no device or learner, data that is not JSON).
    struct Row {
        int64_t seq, hlc, at;
        std::string_view kind, payload;
        size_t subject_size;
        bool known_device, known_learner;
    };
    void check_row(const Row& r);

    std::filesystem::path copy_;
    db::Db db_;
    std::string file_id_;
    std::string name_;  // the original's file name, for messages
    int64_t events_ = 0;
    bool rows_checked_ = true;  // by validate(); otherwise by each_event()
    std::unique_ptr<derived::Payload> payload_;  // check_row's reader, kept between rows
};

// Writes every event of the store into a new shared file at `out` (a local path), sealed with
// page checksums. Returns the number of events written.
int64_t write_shared_image(ProgressStore& store, const std::filesystem::path& out, const std::string& file_id);

// Replaces `target` with a copy of `image`: a temp file beside it, fsync, rename, fsync the folder.
void publish_file(const std::filesystem::path& image, const std::filesystem::path& target, const std::string& tag);

// Page checksums: seal writes them, verify checks them (and the header's size fields).
void seal_page_checksums(const std::filesystem::path& file);

// The temp files publish_file leaves if it is killed: "<name>.tmp-<tag>-<random>".
bool is_publish_temp(const std::string& file_name, const std::string& shared_name);

}  // namespace linli
