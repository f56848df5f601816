// A lock file beside the shared file that serialises writers where the filesystem allows it:
// created with O_EXCL, holding who took it and when. A lock whose process is gone (same host) or
// that is older than the stale age (another host, a crashed run) is taken over.
#pragma once
#include <chrono>
#include <filesystem>
#include <string>

namespace linli {

class LockFile {
public:
    // Waits up to `timeout` for the lock; throws std::runtime_error("busy: ...") if it cannot.
    LockFile(const std::filesystem::path& path, const std::string& owner, std::chrono::milliseconds timeout,
             std::chrono::seconds stale_after = std::chrono::seconds(120));
    ~LockFile();
    LockFile(const LockFile&) = delete;
    LockFile& operator=(const LockFile&) = delete;

private:
    bool try_take();
    bool stale();

    std::filesystem::path path_;
    std::string content_;
    std::chrono::seconds stale_after_;
};

}  // namespace linli
