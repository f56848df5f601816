#include "sync/lock_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "sync/ids.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

std::string host_name() {
    char buf[256] = {};
    gethostname(buf, sizeof buf - 1);
    return buf;
}

// Reads what the lock file at `fd` holds (a lock is one short line).
std::string read_all(int fd) {
    std::string out;
    char buf[512];
    for (off_t at = 0;;) {
        ssize_t n = ::pread(fd, buf, sizeof buf, at);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        out.append(buf, static_cast<size_t>(n));
        at += n;
        if (out.size() > 4096) break;  // not a lock we wrote
    }
    return out;
}

}  // namespace

LockFile::LockFile(const fs::path& path, const std::string& owner, std::chrono::milliseconds timeout,
                   std::chrono::seconds stale_after)
    : path_(path), stale_after_(stale_after) {
    content_ = std::to_string(getpid()) + " " + host_name() + " " + owner + " " + random_id() + "\n";
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::mt19937 rng(std::random_device{}());
    for (;;) {
        if (try_take()) {
            try {
                beat_ = std::thread([this] { heartbeat(); });
            } catch (const std::system_error&) {
                // No thread to spare: the lock still holds off others for a sync shorter than the stale age.
            }
            return;
        }
        if (stale()) {
            // Take over by renaming it away first: of several processes that all saw it stale,
            // only one rename succeeds.
            fs::path aside = path_;
            aside += ".stale-" + random_id().substr(0, 8);
            std::error_code ec;
            fs::rename(path_, aside, ec);
            fs::remove(aside, ec);
            continue;
        }
        if (std::chrono::steady_clock::now() >= deadline)
            throw std::runtime_error("busy: another device is syncing (" + path_.filename().string() + " is held)");
        std::this_thread::sleep_for(std::chrono::milliseconds(10 + rng() % 40));
    }
}

LockFile::~LockFile() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (beat_.joinable()) beat_.join();
    // Remove it only if it is still ours (a stale take-over may have replaced it).
    if (held()) {
        std::error_code ec;
        fs::remove(path_, ec);
    }
}

bool LockFile::held() const {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str() == content_;
}

void LockFile::heartbeat() {
    // Four beats per stale age: a beat or two may be late (a slow share, a busy machine) and the
    // lock is still fresh for whoever looks at it.
    const auto every = std::max<std::chrono::milliseconds>(stale_after_ / 4, std::chrono::milliseconds(50));
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        if (wake_.wait_for(lock, every, [this] { return stopping_; })) return;
        lock.unlock();
        bool keep = true;
        try {
            keep = touch_if_ours();
        } catch (...) {
            // A failed beat is retried at the next one; the sync itself goes on either way.
        }
        lock.lock();
        if (!keep) return;
    }
}

// Refreshes the lock's mtime if the file still holds our content. Checks and touches the same
// open file, so a lock someone else took over in between is never refreshed by us. Returns false
// when the lock is no longer ours (gone or replaced): there is nothing left to keep alive.
bool LockFile::touch_if_ours() const {
    int fd = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0 && errno == EACCES) fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);  // the owner may still set times
    if (fd < 0) return errno != ENOENT;
    bool ours = read_all(fd) == content_;
    if (ours && ::futimens(fd, nullptr) != 0) {
        // Where setting times is not allowed (some network shares), rewriting the bytes moves the mtime.
        ssize_t n = ::pwrite(fd, content_.data(), content_.size(), 0);
        (void)n;
    }
    ::close(fd);
    return ours;
}

bool LockFile::try_take() {
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == EEXIST) return false;
        throw std::runtime_error("cannot create the lock " + path_.string() + ": " + std::strerror(errno));
    }
    // No fsync: after a crash a lock is recognised as stale anyway.
    bool ok = ::write(fd, content_.data(), content_.size()) == static_cast<ssize_t>(content_.size());
    ::close(fd);
    if (!ok) {
        std::error_code ec;
        fs::remove(path_, ec);
        throw std::runtime_error("cannot write the lock " + path_.string());
    }
    return true;
}

bool LockFile::stale() {
    std::ifstream in(path_);
    long pid = 0;
    std::string host;
    if (!(in >> pid >> host)) {
        // Empty or half-written: stale once it is old enough that its writer cannot still be at it.
        std::error_code ec;
        auto t = fs::last_write_time(path_, ec);
        return !ec && fs::file_time_type::clock::now() - t > std::chrono::seconds(5);
    }
    if (host == host_name() && pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return true;
    std::error_code ec;
    auto t = fs::last_write_time(path_, ec);
    return !ec && fs::file_time_type::clock::now() - t > stale_after_;
}

}  // namespace linli
