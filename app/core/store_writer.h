// The window's one connection to the progress store, on a thread of its own, so no frame ever
// waits on SQLite. Writes are queued and land in order; a write that fails (the store is busy,
// the disk full) is retried with a growing pause until it succeeds, so nothing is lost. Reads
// are queued behind the writes and their results handed back to the UI thread by deliver().
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sync/progress_store.h"

namespace linli {

class StoreWriter {
public:
    using Job = std::function<void(ProgressStore&)>;
    using Wake = std::function<void()>;  // called on the writer's thread when the UI has news

    struct Status {
        bool open = false;       // the store is open
        bool failed = false;     // the current job failed and is being retried (or cannot open)
        bool unavailable = false;  // the store can never be opened (e.g. from a newer Linli)
        std::string message;     // SQLite's or the file system's reason
        size_t pending = 0;      // jobs not yet done
    };

    StoreWriter(std::filesystem::path file, Wake wake);
    ~StoreWriter();  // finishes what is queued (see flush), then stops
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    // Queues a write; retried until it succeeds. Jobs run in the order queued.
    void write(Job job);
    // Queues a read; `on_ui` gets its result on the UI thread, from deliver(). Not retried on a
    // failure other than busy: a read that cannot run is reported in the status.
    template <class T>
    void read(std::function<T(ProgressStore&)> query, std::function<void(T)> on_ui) {
        auto result = std::make_shared<T>();
        enqueue([query = std::move(query), result](ProgressStore& s) { *result = query(s); },
                [on_ui = std::move(on_ui), result] { on_ui(std::move(*result)); });
    }
    // On the UI thread, once per frame: runs the callbacks of the reads that finished.
    void deliver();
    // Waits until every queued job is done; false if `timeout` passed first.
    bool flush(std::chrono::milliseconds timeout);
    Status status() const;
    const std::filesystem::path& file() const { return file_; }

    // Pause between retries: starts here, doubles up to the maximum.
    static constexpr std::chrono::milliseconds kFirstRetry{100}, kMaxRetry{2000};

private:
    struct Item {
        Job job;
        std::function<void()> on_ui;  // empty for writes
    };
    void enqueue(Job job, std::function<void()> on_ui);
    void run();
    bool ensure_open(std::unique_ptr<ProgressStore>& store);
    void set_status(bool failed, std::string message);
    bool wait_or_stop(std::chrono::milliseconds pause);  // true when asked to stop

    const std::filesystem::path file_;
    const Wake wake_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;       // new work or stop, for the writer
    std::condition_variable idle_cv_;  // queue drained, for flush()
    std::deque<Item> queue_;
    bool busy_ = false;  // a job is running
    bool stop_ = false;
    Status status_;
    std::vector<std::function<void()>> delivered_;
    std::thread thread_;
};

}  // namespace linli
