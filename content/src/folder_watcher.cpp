#include "content/folder_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace fs = std::filesystem;

namespace linli {

namespace {
constexpr uint32_t kEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE;
constexpr int kQuietMs = 250;  // editors save in several steps; wait for them to finish
constexpr size_t kMaxFiles = 256;  // past this many, a reload of everything costs no more
}  // namespace

FolderWatcher::FolderWatcher(const std::vector<fs::path>& roots, std::function<void()> on_change)
    : on_change_(std::move(on_change)) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0 || pipe(stop_pipe_) != 0) return;
    int watches = 0;
    for (const fs::path& root : roots) {
        std::error_code ec;
        if (!fs::is_directory(root, ec)) continue;
        auto watch = [&](const fs::path& dir) {
            int wd = inotify_add_watch(fd_, dir.c_str(), kEvents);
            if (wd >= 0) folders_[wd] = dir;
            watches += wd >= 0;
        };
        watch(root);
        for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            // Never a folder a symbolic link leads to: it may be outside the library.
            if (!it->is_symlink(ec) && it->is_directory(ec)) watch(it->path());
    }
    if (watches == 0) return;
    worker_ = std::thread([this] {
        try {
            run();
        } catch (...) {
            // Watching stops; the library still reloads at the next start.
        }
    });
}

FolderWatcher::~FolderWatcher() {
    if (worker_.joinable()) {
        char c = 0;
        [[maybe_unused]] auto n = write(stop_pipe_[1], &c, 1);
        worker_.join();
    }
    for (int fd : {fd_, stop_pipe_[0], stop_pipe_[1]})
        if (fd >= 0) close(fd);
}

void FolderWatcher::run() {
    alignas(inotify_event) char buf[8192];
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    bool pending = false;
    for (;;) {
        int n = poll(fds, 2, pending ? kQuietMs : -1);
        if (n < 0) continue;
        if (fds[1].revents) return;
        if (n == 0) {  // quiet after a burst
            pending = false;
            changed_.store(true);
            if (on_change_) on_change_();
            continue;
        }
        for (ssize_t got; (got = read(fd_, buf, sizeof buf)) > 0;) {
            note(buf, got);
            pending = true;
        }
    }
}

void FolderWatcher::note(const char* buf, ssize_t n) {
    std::lock_guard lock(mutex_);
    for (ssize_t at = 0; at < n;) {
        const auto* e = reinterpret_cast<const inotify_event*>(buf + at);
        at += ssize_t(sizeof(inotify_event) + e->len);
        auto folder = folders_.find(e->wd);
        if ((e->mask & (IN_Q_OVERFLOW | IN_ISDIR)) || folder == folders_.end() || e->len == 0 ||
            changes_.files.size() >= kMaxFiles) {
            changes_.everything = true;
            continue;
        }
        changes_.files.push_back(folder->second / e->name);
    }
}

FolderWatcher::Changes FolderWatcher::take_changes() {
    std::lock_guard lock(mutex_);
    Changes out = std::exchange(changes_, {});
    std::sort(out.files.begin(), out.files.end());
    out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
    return out;
}

}  // namespace linli
