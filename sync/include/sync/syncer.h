// Sync through one shared file (docs in README: "Sync"): take the lock, merge the shared file and
// any valid copies of it beside it into the local store (union of events), publish the union as a
// new file (temp, fsync, rename) when the shared file lacks anything, archive the merged copies.
// A damaged, foreign or newer shared file is refused: nothing imported, nothing overwritten.
#pragma once
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "sync/progress_store.h"

namespace linli {

struct SyncReport {
    enum Status { Ok = 0, Refused = 1, IoError = 3, Busy = 4, StoreError = 5 };
    Status status = Ok;
    std::string message;  // what went wrong, in plain words
    size_t received = 0;  // events new to this store
    size_t sent = 0;      // events the shared file lacked and now holds
    int64_t shared_events = 0;
    bool published = false;
    std::vector<std::string> merged, archived, warnings;  // file names
};

struct SyncOptions {
    std::chrono::milliseconds lock_timeout{30000};
    // Bring back the last good version this device published: merged with the local store, it
    // replaces a shared file that is refused (which is moved into the archive, not deleted).
    bool restore = false;
    // A lock older than this is taken over (its holder crashed or lost its share). A sync keeps
    // its own lock fresh while it runs, however long it takes.
    std::chrono::seconds lock_stale_after{120};
};

SyncReport sync_shared(ProgressStore& store, const std::filesystem::path& shared, const SyncOptions& opts = {});

// Reads and verifies a shared file without changing anything; Ok or Refused with the reason.
SyncReport check_shared(const std::filesystem::path& shared, const std::filesystem::path& scratch);

// Where the store keeps its working copies and the backup of the last file it published.
std::filesystem::path sync_scratch_dir(const ProgressStore& store);

}  // namespace linli
