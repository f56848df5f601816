// [SECTION] Result codes: busy, full, corrupt, I/O
// [SECTION] Transactions: savepoints, deferred and immediate
// [SECTION] The statement cache
// [SECTION] The progress store on top: nested adopt, sequence numbers, attempt ids, payloads
// Unit tests of the SQLite wrapper (content/sqlite.h): result codes told apart (busy, full,
// corrupt, I/O), transactions (deferred and immediate, nesting through savepoints), the statement
// cache; and how the progress store relies on them (nested adopt_learner, sequence numbers with
// two connections on one file, the payload reader that replaced json::parse in apply()).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <set>

#include "../../sync/src/derived_state.h"
#include "content/sqlite.h"
#include "sync/ids.h"
#include "sync/progress_store.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;

namespace {

// The db::Error `f` throws; fails the test if it throws none.
template <class F>
db::Error error_of(F&& f) {
    try {
        f();
    } catch (const db::Error& e) {
        return e;
    }
    FAIL("no db::Error was thrown");
    return db::Error("unreachable");
}

std::vector<int64_t> column(db::Db& db, const std::string& sql) {
    std::vector<int64_t> out;
    auto st = db.prepare(sql);
    while (st.step()) out.push_back(st.int64(0));
    return out;
}

}  // namespace

TEST_CASE("sqlite: errors carry SQLite's result code, a message-only error has none") {
    db::Error plain("not from SQLite");
    CHECK(plain.code() == 0);
    CHECK_FALSE((plain.busy() || plain.full() || plain.corrupt() || plain.io()));
    CHECK(std::string(plain.what()) == "not from SQLite");

    db::Db db("", db::Db::Memory);
    db::Error syntax = error_of([&] { db.exec("SELEKT 1"); });
    CHECK(syntax.primary() == SQLITE_ERROR);
    CHECK_FALSE((syntax.busy() || syntax.full() || syntax.corrupt() || syntax.io()));
    CHECK(std::string(syntax.what()).find("syntax error") != std::string::npos);

    db.exec("CREATE TABLE t(x INTEGER PRIMARY KEY)");
    db.exec("INSERT INTO t VALUES(1)");
    db::Error dup = error_of([&] { db.prepare("INSERT INTO t VALUES(1)").run(); });
    CHECK(dup.code() == SQLITE_CONSTRAINT_PRIMARYKEY);  // the extended code
    CHECK(dup.primary() == SQLITE_CONSTRAINT);
}

TEST_CASE("sqlite: a write blocked by another connection's lock is busy()") {
    test::TempDir tmp;
    const fs::path file = tmp.path() / "a.sqlite";
    db::Db a(file, db::Db::ReadWrite), b(file, db::Db::ReadWrite);
    a.exec("CREATE TABLE t(x)");
    b.exec("BEGIN EXCLUSIVE");
    a.set_busy_timeout(20);
    db::Error e = error_of([&] { a.exec("INSERT INTO t VALUES(1)"); });
    CHECK(e.busy());
    CHECK(e.primary() == SQLITE_BUSY);
    CHECK_FALSE((e.full() || e.corrupt() || e.io()));
    // Through a prepared statement and a transaction guard as well.
    CHECK(error_of([&] { a.cached("INSERT INTO t VALUES(2)").run(); }).busy());
    CHECK(error_of([&] { db::Transaction tx(a); }).busy());
    CHECK(a.transaction_depth() == 0);  // the failed BEGIN left no guard behind
    b.exec("ROLLBACK");
    a.cached("INSERT INTO t VALUES(3)").run();  // the same statement, once the lock is gone
    CHECK(column(a, "SELECT x FROM t") == std::vector<int64_t>{3});
}

TEST_CASE("sqlite: the progress store's writes are busy() while another connection writes") {
    test::TempDir tmp;
    ProgressStore store(tmp.path() / "p.sqlite");
    db::Db other(store.path(), db::Db::ReadWrite);
    other.exec("BEGIN IMMEDIATE");  // WAL: the write lock
    store.db().set_busy_timeout(20);
    CHECK(error_of([&] { store.mark_opened("pit-a", 100); }).busy());
    CHECK(store.get("pit-a") == std::nullopt);
    other.exec("COMMIT");
    store.mark_opened("pit-a", 100);
    CHECK(store.get("pit-a")->last_opened == 100);
}

TEST_CASE("sqlite: a full database is full()") {
    test::TempDir tmp;
    db::Db db(tmp.path() / "small.sqlite", db::Db::ReadWrite);
    db.exec("CREATE TABLE t(b BLOB)");
    db.exec("PRAGMA max_page_count = 8");
    auto& ins = db.cached("INSERT INTO t VALUES(randomblob(1000))");
    int rows = 0;
    db::Error e = error_of([&] {
        for (; rows < 1000; ++rows) ins.run();
    });
    CHECK(e.full());
    CHECK_FALSE((e.busy() || e.corrupt() || e.io()));
    CHECK(rows > 0);
    CHECK(rows < 40);  // 8 pages of 4 KB hold no more
}

TEST_CASE("sqlite: garbage or a damaged page is corrupt(), a folder that is not there is io()") {
    test::TempDir tmp;
    {
        std::mt19937 rng(7);
        std::string junk(8192, '\0');
        for (char& c : junk) c = static_cast<char>(rng());
        fs::path garbage = tmp.write("garbage.sqlite", junk);
        db::Db db(garbage, db::Db::ReadWrite);  // SQLite reads the file only when asked to
        db::Error e = error_of([&] { db.exec("SELECT count(*) FROM sqlite_schema"); });
        CHECK(e.corrupt());
        CHECK(e.primary() == SQLITE_NOTADB);
        CHECK_FALSE((e.busy() || e.full() || e.io()));
        // The progress store refuses it the same way, and leaves it as it was.
        CHECK(error_of([&] { ProgressStore store(garbage); }).corrupt());
        std::ifstream in(garbage, std::ios::binary);
        CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == junk);
    }
    {
        fs::path file = tmp.path() / "damaged.sqlite";
        {
            db::Db db(file, db::Db::ReadWrite);
            db.exec("CREATE TABLE t(x TEXT)");
            db::Transaction tx(db);
            for (int i = 0; i < 200; ++i) db.cached("INSERT INTO t VALUES(?)").bind(1, std::string(100, 'a' + i % 26)).run();
            tx.commit();
        }
        std::fstream f(file, std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(4096);  // page 2: t's root page
        f.write(std::string(64, '\xff').data(), 64);
        f.close();
        db::Db db(file, db::Db::ReadWrite);
        db::Error e = error_of([&] { column(db, "SELECT length(x) FROM t"); });
        CHECK(e.corrupt());
        CHECK(e.primary() == SQLITE_CORRUPT);
    }
    db::Error e = error_of([&] { db::Db db(tmp.path() / "no-such-folder" / "x.sqlite", db::Db::ReadWrite); });
    CHECK(e.io());
    CHECK(e.primary() == SQLITE_CANTOPEN);
    CHECK(std::string(e.what()).find("cannot open") != std::string::npos);
}

TEST_CASE("sqlite: nested transactions are savepoints") {
    db::Db db("", db::Db::Memory);
    db.exec("CREATE TABLE t(x)");
    auto put = [&](int x) { db.cached("INSERT INTO t VALUES(?)").bind(1, int64_t(x)).run(); };

    SECTION("an inner rollback keeps the outer's writes") {
        db::Transaction outer(db);
        CHECK_FALSE(outer.nested());
        put(1);
        {
            db::Transaction inner(db);
            CHECK(inner.nested());
            CHECK(db.transaction_depth() == 2);
            put(2);
        }  // not committed: rolled back to its savepoint
        CHECK(db.transaction_depth() == 1);
        put(3);
        outer.commit();
        CHECK(db.transaction_depth() == 0);
        CHECK(column(db, "SELECT x FROM t ORDER BY x") == std::vector<int64_t>{1, 3});
    }
    SECTION("an outer rollback drops the inner's released writes") {
        {
            db::Transaction outer(db);
            put(1);
            {
                db::Transaction inner(db);
                put(2);
                {
                    db::Transaction innermost(db, db::Transaction::Deferred);
                    put(3);
                    innermost.commit();
                }
                inner.commit();
            }
            CHECK(column(db, "SELECT x FROM t ORDER BY x") == std::vector<int64_t>{1, 2, 3});
        }
        CHECK(db.transaction_depth() == 0);
        CHECK(column(db, "SELECT count(*) FROM t") == std::vector<int64_t>{0});
        CHECK(sqlite3_get_autocommit(db.handle()));
    }
    SECTION("a transaction begun by hand is nested into, and commits stay in order") {
        db.exec("BEGIN");
        {
            db::Transaction tx(db);
            CHECK(tx.nested());
            put(1);
            tx.commit();
        }
        db.exec("ROLLBACK");
        CHECK(column(db, "SELECT count(*) FROM t") == std::vector<int64_t>{0});

        db::Transaction outer(db);
        db::Transaction inner(db);
        CHECK(std::string(error_of([&] { outer.commit(); }).what()).find("inner") != std::string::npos);
        inner.commit();
        outer.commit();
        CHECK_THROWS_AS(outer.commit(), db::Error);  // once only
    }
    SECTION("a failed statement inside an inner transaction rolls back that part alone") {
        db.exec("CREATE TABLE u(x INTEGER PRIMARY KEY)");
        db::Transaction outer(db);
        put(1);
        try {
            db::Transaction inner(db);
            put(2);
            db.exec("INSERT INTO u VALUES(1); INSERT INTO u VALUES(1)");
            inner.commit();
        } catch (const db::Error& e) {
            CHECK(e.primary() == SQLITE_CONSTRAINT);
        }
        outer.commit();
        CHECK(column(db, "SELECT x FROM t") == std::vector<int64_t>{1});
        CHECK(column(db, "SELECT count(*) FROM u") == std::vector<int64_t>{0});
    }
}

TEST_CASE("sqlite: an immediate transaction takes the write lock at once, a deferred one at its first write") {
    test::TempDir tmp;
    const fs::path file = tmp.path() / "a.sqlite";
    db::Db a(file, db::Db::ReadWrite), b(file, db::Db::ReadWrite);
    a.exec("PRAGMA journal_mode=WAL; CREATE TABLE t(x)");
    b.set_busy_timeout(20);
    a.set_busy_timeout(20);
    {
        db::Transaction deferred(a, db::Transaction::Deferred);
        b.exec("INSERT INTO t VALUES(1)");  // a holds no lock yet
        deferred.commit();
    }
    {
        db::Transaction immediate(a);
        db::Error e = error_of([&] { b.exec("INSERT INTO t VALUES(2)"); });
        CHECK(e.busy());
        immediate.commit();
    }
    b.exec("INSERT INTO t VALUES(3)");
    {
        // A deferred transaction that read before another connection wrote cannot write on its
        // stale snapshot: SQLITE_BUSY_SNAPSHOT, still busy().
        db::Transaction deferred(a, db::Transaction::Deferred);
        CHECK(column(a, "SELECT count(*) FROM t") == std::vector<int64_t>{2});
        b.exec("INSERT INTO t VALUES(4)");
        db::Error e = error_of([&] { a.exec("INSERT INTO t VALUES(5)"); });
        CHECK(e.code() == SQLITE_BUSY_SNAPSHOT);
        CHECK(e.busy());
    }
    CHECK(column(a, "SELECT x FROM t ORDER BY x") == std::vector<int64_t>{1, 3, 4});
}

TEST_CASE("sqlite: the statement cache keeps one statement per SQL text") {
    db::Db db("", db::Db::Memory);
    db.exec("CREATE TABLE t(x); INSERT INTO t VALUES(1), (2), (3)");
    db::Stmt& one = db.cached("SELECT 1");
    CHECK(&db.cached("SELECT 1") == &one);
    std::string same = "SELECT 1";  // the same text at another address
    CHECK(&db.cached(same) == &one);
    db::Stmt& two = db.cached("SELECT 2");
    CHECK(&two != &one);
    CHECK(db.cached_count() == 2);

    SECTION("an address reused for another text gets that text's statement") {
        char buf[32];
        std::strcpy(buf, "SELECT 10");
        auto& a = db.cached(buf);
        REQUIRE(a.step());
        CHECK(a.int64(0) == 10);
        std::strcpy(buf, "SELECT 20");
        auto& b = db.cached(buf);
        CHECK(&b != &a);
        REQUIRE(b.step());
        CHECK(b.int64(0) == 20);
    }
    SECTION("bindings are cleared") {
        db.cached("SELECT ?").bind(1, int64_t(5));
        auto& st = db.cached("SELECT ?");
        REQUIRE(st.step());
        CHECK(st.is_null(0));
    }
    SECTION("a statement abandoned mid-iteration starts again from the first row") {
        auto& st = db.cached("SELECT x FROM t ORDER BY x");
        REQUIRE(st.step());
        REQUIRE(st.step());
        CHECK(st.int64(0) == 2);
        CHECK(st.busy());  // left on a row
        auto& again = db.cached("SELECT x FROM t ORDER BY x");
        CHECK(&again == &st);
        CHECK_FALSE(again.busy());
        std::vector<int64_t> xs;
        while (again.step()) xs.push_back(again.int64(0));
        CHECK(xs == std::vector<int64_t>{1, 2, 3});
    }
    SECTION("a statement left on a row holds the table until reset; db::Reset resets it") {
        {
            db::Reset st(db.cached("SELECT x FROM t"));
            REQUIRE(st->step());
            CHECK(error_of([&] { db.exec("DROP TABLE t"); }).busy());  // SQLITE_LOCKED
        }
        db.exec("DROP TABLE t");
        // The cached statement is prepared again for the new table of that name.
        db.exec("CREATE TABLE t(x); INSERT INTO t VALUES(7)");
        auto& st = db.cached("SELECT x FROM t");
        REQUIRE(st.step());
        CHECK(st.int64(0) == 7);
    }
}

TEST_CASE("sqlite: a statement left mid-step keeps its snapshot until it is reset") {
    test::TempDir tmp;
    const fs::path file = tmp.path() / "a.sqlite";
    db::Db a(file, db::Db::ReadWrite), b(file, db::Db::ReadWrite);
    a.exec("PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES(1), (2)");
    auto& rows = a.cached("SELECT x FROM t");
    REQUIRE(rows.step());  // a read transaction stays open on a
    b.exec("INSERT INTO t VALUES(3)");
    CHECK(column(a, "SELECT count(*) FROM t") == std::vector<int64_t>{2});  // a's old snapshot
    a.cached("SELECT x FROM t");                                             // reset: snapshot released
    CHECK(column(a, "SELECT count(*) FROM t") == std::vector<int64_t>{3});
}

TEST_CASE("sqlite: progress store: adopt_learner nests in an outer transaction") {
    test::TempDir tmp;
    ProgressStore store(tmp.path() / "p.sqlite");
    const std::string mine = store.identity().learner_id, other = random_id();
    store.mark_opened("pit-mine", 100);
    store.add_events({{random_id(), 1, other, 5, event_kind::kDocOpened, "pit-theirs", "{}", 200}});
    REQUIRE(store.all().size() == 1);

    SECTION("committed: the store continues as the adopted learner") {
        db::Transaction outer(store.db());
        store.adopt_learner(other);
        store.set_meta("note", "adopted");
        outer.commit();
        CHECK(store.identity().learner_id == other);
        REQUIRE(store.all().size() == 1);
        CHECK(store.all()[0].doc_id == "pit-theirs");
        CHECK(store.meta("note") == "adopted");
    }
    SECTION("rolled back: nothing changed, and new events are still the old learner's") {
        {
            db::Transaction outer(store.db());
            store.adopt_learner(other);
            CHECK(store.identity().learner_id == other);
        }
        CHECK(store.identity().learner_id == mine);
        REQUIRE(store.all().size() == 1);
        CHECK(store.all()[0].doc_id == "pit-mine");
        store.mark_opened("pit-after", 300);
        auto events = store.events();
        auto after = std::find_if(events.begin(), events.end(), [](const Event& e) { return e.subject == "pit-after"; });
        REQUIRE(after != events.end());
        CHECK(after->learner == mine);
        CHECK(store.get("pit-after").has_value());
    }
}

TEST_CASE("sqlite: progress store: two connections on one file record without clashing sequence numbers") {
    test::TempDir tmp;
    ProgressStore window(tmp.path() / "p.sqlite"), worker(tmp.path() / "p.sqlite");
    REQUIRE(window.identity().device_id == worker.identity().device_id);
    for (int i = 0; i < 50; ++i) {
        window.mark_opened("pit-" + std::to_string(i), 1000 + i);
        worker.set_setting("k" + std::to_string(i % 3), std::to_string(i));
        if (i % 10 == 0) {  // a rolled-back write leaves no gap
            db::Transaction tx(window.db());
            window.mark_finished("pit-" + std::to_string(i), 5000);
        }
    }
    std::vector<int64_t> seqs;
    for (const Event& e : window.events()) seqs.push_back(e.seq);
    REQUIRE(seqs.size() == 100);
    for (size_t i = 0; i < seqs.size(); ++i) CHECK(seqs[i] == int64_t(i + 1));
    CHECK_FALSE(window.get("pit-0")->finished_at);

    // A learner adopted through one connection is the other's too.
    const std::string other = random_id();
    window.adopt_learner(other);
    worker.set_setting("k9", "after");
    CHECK(worker.identity().learner_id == other);
    CHECK(window.events().back().learner == other);
    CHECK(window.setting("k9") == "after");
}

TEST_CASE("sqlite: progress store: start_attempt takes the caller's attempt id") {
    test::TempDir tmp;
    ProgressStore store(tmp.path() / "p.sqlite");
    const std::string id = random_id();
    CHECK(store.start_attempt("drill-x", 100, id) == id);
    REQUIRE(store.unfinished_attempt("drill-x").has_value());
    CHECK(store.unfinished_attempt("drill-x")->id == id);
    std::string made = store.start_attempt("drill-y", 200);
    CHECK(is_id(made));
    CHECK(made != id);
    CHECK_THROWS_AS(store.start_attempt("drill-z", 300, "not-an-id"), std::invalid_argument);
    CHECK(store.attempts("drill-z").empty());
}

// apply() reads payloads with derived::Payload instead of building a json document; it must accept
// exactly what json::parse accepts and read the same values, on valid, odd and broken payloads.
TEST_CASE("sqlite: the payload reader agrees with nlohmann::json") {
    using nlohmann::json;
    const std::vector<std::string> seeds = {
        R"({})", R"({"pos":0.5})", R"({"pos":1})", R"({"pos":-0})", R"({"pos":1e308})", R"({"pos":1e999})", R"({"pos":1e-999})",
        R"({"drill":"d","step":3,"node":"n\u4e2d\ud83d\ude00","choice":18446744073709551615})",
        R"({"drill":"d","step":-9223372036854775808,"choice":-9223372036854775809})",
        R"({"value":"a\"b\\c\/d\b\f\n\r\t"})", R"({"value":"x","value":"y"})", R"({"val\u0075e":"escaped key"})",
        R"( {"value" : [1, {"a": [true, false, null]}, "x"], "pos": 0.25 } )", "\xEF\xBB\xBF{\"value\":\"bom\"}",
        R"({"value":"中文，全角"})", R"([1,2])", R"("text")", R"({"a":01})", R"({"a":1.})", R"({"a":.5})", R"({"a":+1})",
        R"({"a":"\ud800"})", R"({"a":"\udc00"})", R"({"a":"\ud800\u0041"})", R"({"a":tru})", R"({"a":1,})", R"({,})",
        R"({"a":{"b":{"c":[[[]]]}}, "value":"deep"})", R"({"value":"v"} x)", R"({"ending":"e","rating":"good","state":"x=1;y=2"})",
        "{\"value\":\"\xC0\xAF\"}", "{\"value\":\"\xED\xA0\x80\"}", "{\"value\":\"\xF4\x90\x80\x80\"}", "{\"value\":\"\xE2\x82\"}",
        "{\"value\":\"a\x01\"}", R"({"pos":"0.5"})", R"({"step":2.0,"choice":1E2})", R"({"step":12345678901234567890123})",
        R"({"a":[1,2,]})", R"({"a":[,1]})", R"({"a":{"k" 1}})", R"({"a":{"k":1,}})", R"({"a":{1:2}})", "",
    };
    const char* keys[] = {"pos", "drill", "node", "value", "step", "choice", "ending", "state", "a"};
    std::string alphabet = "{}[]\":,\\u0123456789abcdefABCDEF.-+eE tfnrl\xEF\xBB\xBF\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
    std::mt19937 rng(2024);
    derived::Payload p;
    int objects = 0, mismatches = 0;
    auto check = [&](const std::string& s) {
        json j = json::parse(s, nullptr, false);
        bool accepted = p.parse(s);
        if (accepted != j.is_object()) {
            ++mismatches;
            UNSCOPED_INFO("accepted differently: " << s);
            return;
        }
        if (!accepted) return;
        ++objects;
        for (const char* k : keys) {
            auto it = j.find(k);
            std::string str = it != j.end() && it->is_string() ? it->get<std::string>() : "";
            int64_t integer = it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
            std::optional<double> number;
            if (it != j.end() && it->is_number()) number = it->get<double>();
            if (p.str(k) != str || p.integer(k) != integer || p.number(k) != number) {
                ++mismatches;
                UNSCOPED_INFO("read differently: key " << k << " in " << s);
            }
        }
    };
    for (const auto& s : seeds) check(s);
    for (int i = 0; i < 100000; ++i) {
        std::string s = seeds[rng() % seeds.size()];
        for (int e = 1 + int(rng() % 3); e > 0 && !s.empty(); --e) {
            size_t at = rng() % (s.size() + 1);
            switch (rng() % 3) {
                case 0: s.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
                case 1: if (at < s.size()) s.erase(at, 1); break;
                default: if (at < s.size()) s[at] = alphabet[rng() % alphabet.size()]; break;
            }
        }
        check(s);
    }
    CHECK(mismatches == 0);
    CHECK(objects > 5000);  // enough of them were objects to compare values
}
