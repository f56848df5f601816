// The folder watcher reports documents written while the app runs.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "content/folder_watcher.h"
#include "test_support.h"

using namespace linli;

static bool wait_for_change(FolderWatcher& w) {
    for (int i = 0; i < 60; ++i) {
        if (w.take_change()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

TEST_CASE("a file written into a watched folder, or a subfolder, is reported once") {
    test::TempDir dir;
    dir.write("sub/old.md", "x");
    std::atomic<int> calls{0};
    FolderWatcher w({dir.path()}, [&] { ++calls; });
    REQUIRE(w.active());
    CHECK_FALSE(w.take_change());

    dir.write("new.md", "---\nid: n\n---\n");
    CHECK(wait_for_change(w));
    CHECK_FALSE(w.take_change());  // one burst, one change

    dir.write("sub/old.md", "changed");
    CHECK(wait_for_change(w));
    CHECK(calls.load() == 2);
}

TEST_CASE("a watcher with no existing folder is inactive") {
    FolderWatcher w({"/nonexistent/linli"}, nullptr);
    CHECK_FALSE(w.active());
}
