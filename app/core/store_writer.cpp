#include "core/store_writer.h"

#include <cstdio>

namespace linli {

StoreWriter::StoreWriter(std::filesystem::path file, Wake wake) : file_(std::move(file)), wake_(std::move(wake)) {
    thread_ = std::thread([this] { run(); });
}

StoreWriter::~StoreWriter() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void StoreWriter::write(Job job) { enqueue(std::move(job), nullptr); }

void StoreWriter::enqueue(Job job, std::function<void()> on_ui) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back({std::move(job), std::move(on_ui)});
        status_.pending = queue_.size() + busy_;
    }
    cv_.notify_one();
}

void StoreWriter::deliver() {
    std::vector<std::function<void()>> ready;
    {
        std::lock_guard lock(mutex_);
        ready.swap(delivered_);
    }
    for (auto& f : ready) f();
}

bool StoreWriter::flush(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_cv_.wait_for(lock, timeout, [&] { return (queue_.empty() && !busy_) || status_.unavailable; }) &&
           !status_.unavailable;
}

StoreWriter::Status StoreWriter::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void StoreWriter::set_status(bool failed, std::string message) {
    {
        std::lock_guard lock(mutex_);
        if (status_.failed == failed && status_.message == message) return;
        status_.failed = failed;
        status_.message = std::move(message);
    }
    if (wake_) wake_();
}

bool StoreWriter::wait_or_stop(std::chrono::milliseconds pause) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, pause, [&] { return stop_; });
}

bool StoreWriter::ensure_open(std::unique_ptr<ProgressStore>& store) {
    if (store) return true;
    try {
        store = std::make_unique<ProgressStore>(file_);
        // Fail fast and retry here: the status line then says at once that saving waits.
        store->db().set_busy_timeout(static_cast<int>(kFirstRetry.count()) * 2);
        {
            std::lock_guard lock(mutex_);
            status_.open = true;
        }
        set_status(false, "");
        return true;
    } catch (const db::Error& e) {
        if (e.code() == 0 || e.corrupt()) {  // written by a newer Linli, or not a store: never
            std::lock_guard lock(mutex_);
            status_.unavailable = status_.failed = true;
            status_.message = e.what();
            idle_cv_.notify_all();
        } else {
            set_status(true, e.what());
        }
    } catch (const std::exception& e) {
        set_status(true, e.what());  // e.g. the folder cannot be created yet
    }
    return false;
}

void StoreWriter::run() {
    std::unique_ptr<ProgressStore> store;
    std::chrono::milliseconds pause = kFirstRetry;
    for (;;) {
        Item item;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (queue_.empty() || status_.unavailable) {
                if (stop_ || status_.unavailable) {
                    queue_.clear();
                    status_.pending = 0;
                    idle_cv_.notify_all();
                    if (stop_) return;
                    continue;
                }
            }
            item = std::move(queue_.front());
            queue_.pop_front();
            busy_ = true;
        }
        bool done = false;
        while (!done) {
            if (!ensure_open(store)) {
                if (status_.unavailable) break;
            } else {
                try {
                    item.job(*store);
                    done = true;
                    pause = kFirstRetry;
                    set_status(false, "");
                } catch (const db::Error& e) {
                    // Busy, full, I/O: the transaction rolled back; the same job runs again.
                    set_status(true, e.what());
                } catch (const std::exception& e) {
                    // Not the store's fault (a bad argument): retrying would not help.
                    std::fprintf(stderr, "linli: a progress write was dropped: %s\n", e.what());
                    done = true;
                }
            }
            if (!done && wait_or_stop(pause)) {
                // Stopping while the store still refuses: flush() had its chance to wait.
                std::lock_guard lock(mutex_);
                std::fprintf(stderr, "linli: %zu progress writes could not be saved: %s\n", queue_.size() + 1,
                             status_.message.c_str());
                queue_.clear();
                break;
            }
            pause = std::min(pause * 2, kMaxRetry);
        }
        bool wake, idle;
        {
            std::lock_guard lock(mutex_);
            busy_ = false;
            if (done && item.on_ui) delivered_.push_back(std::move(item.on_ui));
            status_.pending = queue_.size();
            idle = queue_.empty();
            wake = item.on_ui || idle;
        }
        if (wake_ && wake) wake_();
        if (idle) idle_cv_.notify_all();  // after the wake: flush() returning means the UI was woken
    }
}

}  // namespace linli
