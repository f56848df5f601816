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

TEST_CASE("the watcher names the files that changed, and says when it cannot") {
    test::TempDir dir;
    dir.write("sub/old.md", "x");
    FolderWatcher w({dir.path()}, nullptr);
    REQUIRE(w.active());

    dir.write("sub/old.md", "changed");
    dir.write("new.md", "y");
    REQUIRE(wait_for_change(w));
    auto changes = w.take_changes();
    CHECK_FALSE(changes.everything);
    CHECK(changes.files == std::vector<std::filesystem::path>{dir.path() / "new.md", dir.path() / "sub" / "old.md"});
    CHECK(w.take_changes().files.empty());  // taken once

    std::filesystem::create_directories(dir.path() / "another");  // a folder: the files below it are not watched yet
    REQUIRE(wait_for_change(w));
    CHECK(w.take_changes().everything);
}
