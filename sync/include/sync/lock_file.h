// A lock file beside the shared file that serialises writers where the filesystem allows it:
// created with O_EXCL, holding who took it and when. A lock whose process is gone (same host) or
// that is older than the stale age (another host, a crashed run) is taken over.
// While held, a heartbeat thread touches the lock's mtime every stale_after/4, so a sync that runs
// longer than the stale age keeps its lock; it only touches the lock while the lock is still ours.
#pragma once
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

namespace linli {

class LockFile {
public:
    // Waits up to `timeout` for the lock; throws std::runtime_error("busy: ...") if it cannot.
    LockFile(const std::filesystem::path& path, const std::string& owner, std::chrono::milliseconds timeout,
             std::chrono::seconds stale_after = std::chrono::seconds(120));
    // Stops the heartbeat (at once, not at its next beat) and removes the lock if it is still ours.
    ~LockFile();
    LockFile(const LockFile&) = delete;
    LockFile& operator=(const LockFile&) = delete;

    // Whether the lock file still holds what this LockFile wrote (no one took it over).
    bool held() const;

private:
    bool try_take();
    bool stale();
    void heartbeat();
    bool touch_if_ours() const;

    std::filesystem::path path_;
    std::string content_;
    std::chrono::seconds stale_after_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread beat_;
};

}  // namespace linli
