// Watches the library folders (inotify) so documents added or edited while the app runs are picked
// up. A worker thread blocks on the inotify descriptor: no polling, no CPU while nothing changes.
#pragma once
#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace linli {

class FolderWatcher {
public:
    // on_change runs on the worker thread, once per burst of changes (after a short quiet time).
    FolderWatcher(const std::vector<std::filesystem::path>& roots, std::function<void()> on_change);
    ~FolderWatcher();
    FolderWatcher(const FolderWatcher&) = delete;
    FolderWatcher& operator=(const FolderWatcher&) = delete;

    // True once after each burst of changes.
    bool take_change() { return changed_.exchange(false); }
    // What changed since the last call: the files, sorted, or `everything` when they cannot all be
    // told (the kernel's queue overflowed, a folder came or went, too many files).
    struct Changes {
        bool everything = false;
        std::vector<std::filesystem::path> files;
    };
    Changes take_changes();
    bool active() const { return worker_.joinable(); }

private:
    void run();
    void note(const char* buf, ssize_t n);  // the changed files of a read of inotify events

    int fd_ = -1;
    int stop_pipe_[2] = {-1, -1};
    std::atomic<bool> changed_{false};
    std::map<int, std::filesystem::path> folders_;  // watch descriptor -> the folder it watches
    std::mutex mutex_;                              // guards changes_
    Changes changes_;
    std::function<void()> on_change_;
    std::thread worker_;
};

}  // namespace linli
