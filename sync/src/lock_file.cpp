#include "sync/lock_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
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

}  // namespace

LockFile::LockFile(const fs::path& path, const std::string& owner, std::chrono::milliseconds timeout,
                   std::chrono::seconds stale_after)
    : path_(path), stale_after_(stale_after) {
    content_ = std::to_string(getpid()) + " " + host_name() + " " + owner + " " + random_id() + "\n";
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::mt19937 rng(std::random_device{}());
    for (;;) {
        if (try_take()) return;
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
    // Remove it only if it is still ours (a stale take-over may have replaced it).
    std::ifstream in(path_);
    std::stringstream ss;
    ss << in.rdbuf();
    if (ss.str() == content_) {
        std::error_code ec;
        fs::remove(path_, ec);
    }
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
