// Runs sync on a worker thread with its own connection to the progress store, so the window never
// waits for a shared folder; reports back through a callback that wakes the event loop.
#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sync/syncer.h"

namespace linli {

class SyncService {
public:
    ~SyncService();
    // Starts a sync unless one is running; false when one is.
    bool start(const std::filesystem::path& store_file, const std::filesystem::path& shared, std::function<void()> on_done);
    bool running() const { return running_.load(); }
    // The report of the sync that finished since the last call, if any.
    std::optional<SyncReport> take_report();
    void wait();

private:
    std::thread worker_;
    std::atomic<bool> running_{false};
    std::mutex mutex_;
    std::optional<SyncReport> report_;
};

}  // namespace linli
