// The local progress store: what was opened, read to the end, and where; versioned schema.
#include <catch2/catch.hpp>

#include "sync/progress_store.h"
#include "test_support.h"

using namespace linli;

TEST_CASE("progress records opening, position and reading to the end") {
    test::TempDir dir;
    auto file = dir.path() / "data" / "progress.sqlite";
    {
        ProgressStore store(file);
        CHECK(store.schema_version() == ProgressStore::kSchemaVersion);
        CHECK_FALSE(store.last_opened().has_value());
        store.mark_opened("a", 100);
        store.mark_opened("b", 200);
        store.save_position("a", 0.4);
        store.mark_finished("b", 250);
        store.mark_finished("b", 300);  // the first finish is kept
        store.mark_opened("a", 400);
    }
    ProgressStore store(file);  // persists across opening
    auto a = store.get("a");
    REQUIRE(a);
    CHECK(a->first_opened == 100);
    CHECK(a->last_opened == 400);
    CHECK(a->position == Approx(0.4));
    CHECK(a->finished_at == 0);
    CHECK(store.get("b")->finished_at == 250);
    CHECK(store.last_opened() == std::optional<std::string>("a"));
    CHECK(store.all().size() == 2);
    CHECK_FALSE(store.get("c").has_value());
}

TEST_CASE("a store from a newer Linli is refused, not damaged") {
    test::TempDir dir;
    auto file = dir.path() / "progress.sqlite";
    {
        db::Db db(file, db::Db::ReadWrite);
        db.exec("PRAGMA user_version = 99");
    }
    CHECK_THROWS_WITH(ProgressStore(file), Catch::Contains("newer Linli"));
    db::Db db(file, db::Db::ReadOnly);
    CHECK(db.scalar_int("PRAGMA user_version") == 99);
}
