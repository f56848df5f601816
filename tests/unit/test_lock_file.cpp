// The sync lock: taken over when stale by age, kept fresh by its heartbeat while held, stopped
// at once when released.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "sync/lock_file.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string host() {
    char buf[256] = {};
    gethostname(buf, sizeof buf - 1);
    return buf;
}

struct timespec mtime_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mtim;
}

bool later(const struct timespec& a, const struct timespec& b) {
    return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

// Whether a second LockFile gets the lock within `timeout`; "busy" is the only failure expected.
bool second_takes(const fs::path& lock, std::chrono::milliseconds timeout, std::chrono::seconds stale) {
    try {
        LockFile second(lock, "second", timeout, stale);
        return true;
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).rfind("busy", 0) == 0);
        return false;
    }
}

}  // namespace

TEST_CASE("a lock older than the stale age is taken over even when its process (this one) is alive") {
    // The control for the heartbeat test below: the age rule alone takes a live process's lock.
    test::TempDir dir;
    fs::path lock = dir.path() / "s.linli.lock";
    std::ofstream(lock) << getpid() << ' ' << host() << " old-holder\n";
    CHECK_FALSE(second_takes(lock, 200ms, 2s));  // fresh: this process is alive, so it is held
    struct timespec old[2] = {{::time(nullptr) - 5, 0}, {::time(nullptr) - 5, 0}};
    REQUIRE(::utimensat(AT_FDCWD, lock.c_str(), old, 0) == 0);
    CHECK(second_takes(lock, 200ms, 2s));
}

TEST_CASE("a held lock's heartbeat keeps it from being taken over for three times the stale age") {
    test::TempDir dir;
    fs::path lock = dir.path() / "s.linli.lock";
    const auto stale = 2s;
    auto holder = std::make_unique<LockFile>(lock, "holder", 0ms, stale);
    REQUIRE(holder->held());
    const struct timespec first = mtime_of(lock);
    // Same pid and host as the holder, so "its process is gone" never applies: only the age rule can.
    const auto until = std::chrono::steady_clock::now() + 3 * stale;
    int tries = 0;
    while (std::chrono::steady_clock::now() < until) {
        bool taken = second_takes(lock, 250ms, stale);
        CHECK_FALSE(taken);
        if (taken) break;
        ++tries;
    }
    CHECK(tries >= 12);
    CHECK(holder->held());
    CHECK(later(mtime_of(lock), first));  // the heartbeat moved the mtime forward
    auto released = std::chrono::steady_clock::now();
    holder.reset();
    CHECK(std::chrono::steady_clock::now() - released < 200ms);
    CHECK_FALSE(fs::exists(lock));
    CHECK(second_takes(lock, 250ms, stale));
}

TEST_CASE("releasing a lock stops its heartbeat at once, not at the next beat") {
    test::TempDir dir;
    fs::path lock = dir.path() / "s.linli.lock";
    auto holder = std::make_unique<LockFile>(lock, "holder", 0ms, std::chrono::seconds(120));  // beats every 30 s
    auto t0 = std::chrono::steady_clock::now();
    holder.reset();
    CHECK(std::chrono::steady_clock::now() - t0 < 500ms);
    CHECK_FALSE(fs::exists(lock));
}

TEST_CASE("a heartbeat never refreshes a lock that another device took over") {
    test::TempDir dir;
    fs::path lock = dir.path() / "s.linli.lock";
    LockFile holder(lock, "holder", 0ms, std::chrono::seconds(1));  // beats every 250 ms
    // Another device takes it over (as a stale take-over would: the file is replaced) and stalls.
    fs::remove(lock);
    std::ofstream(lock) << "1 another-host other-device x\n";
    struct timespec old[2] = {{::time(nullptr) - 30, 0}, {::time(nullptr) - 30, 0}};
    REQUIRE(::utimensat(AT_FDCWD, lock.c_str(), old, 0) == 0);
    CHECK_FALSE(holder.held());
    // Wait for several beats: the other device's lock keeps its own mtime.
    auto until = std::chrono::steady_clock::now() + 1500ms;
    while (std::chrono::steady_clock::now() < until) {
        CHECK(mtime_of(lock).tv_sec == old[1].tv_sec);
        std::this_thread::sleep_for(100ms);
    }
}
