// The window's store writer: writes land in order, a store locked by another process is retried
// until every write is in, reads come back through deliver(), and a store from a newer Linli is
// reported without hanging anyone.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/store_writer.h"
#include "test_support.h"

using namespace linli;
using namespace std::chrono_literals;

namespace {

// Holds an exclusive lock on the store file from a connection of its own (as another process would).
class Locker {
public:
    explicit Locker(const std::filesystem::path& file) {
        REQUIRE(sqlite3_open(file.c_str(), &db_) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    void release() {
        if (!db_) return;
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db_);
        db_ = nullptr;
    }
    ~Locker() { release(); }

private:
    sqlite3* db_ = nullptr;
};

template <class F>
bool eventually(F done, std::chrono::milliseconds limit = 20s) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

}  // namespace

TEST_CASE("the store writer runs writes in order and hands reads back on deliver()") {
    test::TempDir dir;
    auto file = dir.path() / "progress.sqlite";
    std::atomic<int> wakes{0};
    StoreWriter w(file, [&] { ++wakes; });
    for (int i = 0; i < 50; ++i) w.write([i](ProgressStore& s) { s.mark_opened("doc-" + std::to_string(i), 1000 + i); });
    int64_t count = -1;
    w.read<int64_t>([](ProgressStore& s) { return s.event_count(); }, [&](int64_t n) { count = n; });
    REQUIRE(w.flush(10s));
    CHECK(count == -1);  // not before deliver(): results reach the UI thread only there
    w.deliver();
    CHECK(count == 50);
    CHECK(wakes > 0);
    ProgressStore store(file);
    auto all = store.all();
    REQUIRE(all.size() == 50);
    CHECK(all.front().doc_id == "doc-49");  // most recent first: they landed in order
}

TEST_CASE("a store locked by another connection is retried, shown as failing, and every write lands after") {
    test::TempDir dir;
    auto file = dir.path() / "progress.sqlite";
    { ProgressStore create(file); }
    StoreWriter w(file, nullptr);
    REQUIRE(w.flush(10s));  // opened
    Locker lock(file);
    for (int i = 0; i < 5; ++i) w.write([i](ProgressStore& s) { s.set_setting("ui.test", std::to_string(i)); });
    // The UI thread is never held: write() returned at once, and the status says what is wrong.
    REQUIRE(eventually([&] { return w.status().failed; }));
    CHECK(w.status().pending >= 1);
    CHECK_FALSE(w.status().message.empty());
    CHECK_FALSE(w.flush(200ms));
    lock.release();
    REQUIRE(w.flush(20s));
    CHECK_FALSE(w.status().failed);
    ProgressStore store(file);
    CHECK(store.setting("ui.test") == "4");
    CHECK(store.event_count() == 5);
}

TEST_CASE("a store from a newer Linli is reported as unavailable and flush() does not hang") {
    test::TempDir dir;
    auto file = dir.path() / "progress.sqlite";
    {
        ProgressStore create(file);
        create.db().exec("PRAGMA user_version = 999");
    }
    StoreWriter w(file, nullptr);
    w.write([](ProgressStore& s) { s.mark_opened("x", 1); });
    CHECK_FALSE(w.flush(10s));
    CHECK(w.status().unavailable);
    CHECK(w.status().message.find("newer") != std::string::npos);
}
