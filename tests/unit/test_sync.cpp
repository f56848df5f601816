// [SECTION] Generated activity and comparable derived state
// [SECTION] Merge algebra and round trips
// [SECTION] The shared file's defences: truncation, byte flips, foreign, hostile and newer files
// [SECTION] Conflicted copies, clock skew, restore, stale locks, schema upgrade
// Sync: the merge algebra of event stores, the shared file's defences (truncation, flipped bytes,
// foreign, hostile and newer files), conflicted copies, clock skew, restore.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "sync/ids.h"
#include "sync/shared_file.h"
#include "sync/sync_folder.h"
#include "sync/syncer.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_bytes(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary | std::ios::trunc) << s; }

// A learner's activity: a random mix of every kind of event.
void random_activity(ProgressStore& s, std::mt19937& rng, int n) {
    const char* docs[] = {"pit-a", "pit-b", "case-c", "case-d"};
    std::string attempt;
    for (int i = 0; i < n; ++i) {
        int64_t t = 1000 + rng() % 100000;
        switch (rng() % 7) {
            case 0: s.mark_opened(docs[rng() % 4], t); break;
            case 1: s.save_position(docs[rng() % 4], (rng() % 100) / 100.0); break;
            case 2: s.mark_finished(docs[rng() % 4], t); break;
            case 3: attempt = s.start_attempt("drill-x", t); break;
            case 4:
                if (!attempt.empty()) s.record_choice(attempt, "drill-x", {int(rng() % 5), "n" + std::to_string(rng() % 3), int(rng() % 3), t});
                break;
            case 5:
                if (!attempt.empty()) s.finish_attempt(attempt, "drill-x", "end", rng() % 2 ? "good" : "bad", "x=1", t);
                break;
            case 6: s.set_setting("theme", rng() % 2 ? "dark" : "light"); break;
        }
    }
}

// Everything derived, as one comparable string.
std::string derived_state(ProgressStore& s) {
    std::ostringstream o;
    for (const auto& p : s.all()) o << p.doc_id << ' ' << p.first_opened << ' ' << p.last_opened << ' ' << p.finished_at << ' ' << p.position << ';';
    for (const auto& a : s.attempts("drill-x")) {
        o << a.id << ' ' << a.started_at << ' ' << a.finished_at << ' ' << a.ending << ' ' << a.rating << ':';
        for (const auto& c : a.choices) o << c.step << c.node << c.choice << c.at << ',';
    }
    o << s.setting("theme").value_or("-");
    return o.str();
}

std::set<std::pair<std::string, int64_t>> ids(ProgressStore& s) {
    std::set<std::pair<std::string, int64_t>> out;
    for (const Event& e : s.events()) out.insert({e.device, e.seq});
    return out;
}

// Several devices of ONE learner (so every event feeds the derived state), with random activity.
// In memory: the algebra does not need files, and a thousand rounds of them would be slow.
struct Devices {
    std::vector<std::unique_ptr<ProgressStore>> stores;
    Devices(int n, std::mt19937& rng) {
        for (int i = 0; i < n; ++i) {
            stores.push_back(std::make_unique<ProgressStore>(":memory:"));
            if (i) stores[i]->adopt_learner(stores[0]->identity().learner_id);
            random_activity(*stores[i], rng, 3 + rng() % 12);
        }
    }
};

// A fresh store of the same learner that receives `parts` in the given order.
std::unique_ptr<ProgressStore> merged(const std::string& learner, const std::vector<std::vector<Event>>& parts) {
    auto s = std::make_unique<ProgressStore>(":memory:");
    s->adopt_learner(learner);
    for (const auto& p : parts) s->add_events(p);
    return s;
}

}  // namespace

TEST_CASE("merging is commutative, associative and idempotent, and order never changes the derived state") {
    std::mt19937 rng(7);
    for (int round = 0; round < 1000; ++round) {
        Devices d(3, rng);
        const std::string learner = d.stores[0]->identity().learner_id;
        auto a = d.stores[0]->events(), b = d.stores[1]->events(), c = d.stores[2]->events();
        auto ab = merged(learner, {a, b}), ba = merged(learner, {b, a});
        auto ab_c = merged(learner, {ab->events(), c}), a_bc = merged(learner, {a, merged(learner, {b, c})->events()});
        auto aa = merged(learner, {a, a, a});
        // The same events, shuffled: the same state.
        std::vector<Event> all = ab_c->events();
        std::shuffle(all.begin(), all.end(), rng);
        auto shuffled = merged(learner, {all});

        REQUIRE(ids(*ab) == ids(*ba));             // commutative
        REQUIRE(ids(*ab_c) == ids(*a_bc));         // associative
        REQUIRE(ids(*aa) == ids(*merged(learner, {a})));  // idempotent
        REQUIRE(derived_state(*ab) == derived_state(*ba));
        REQUIRE(derived_state(*ab_c) == derived_state(*a_bc));
        REQUIRE(derived_state(*shuffled) == derived_state(*ab_c));
        REQUIRE(ab_c->event_count() == static_cast<int64_t>(a.size() + b.size() + c.size()));
    }
}

// An import folds reading progress, settings and each attempt in memory before writing them; the
// rows must be those that applying the events one at a time writes.
TEST_CASE("an import's folded derived state equals the events applied one by one") {
    std::mt19937 rng(11);
    for (int round = 0; round < 300; ++round) {
        Devices d(3, rng);
        const std::string learner = d.stores[0]->identity().learner_id;
        std::vector<Event> all;
        for (auto& s : d.stores)
            for (const Event& e : s->events()) all.push_back(e);
        std::shuffle(all.begin(), all.end(), rng);
        auto together = merged(learner, {all});
        std::vector<std::vector<Event>> singles;
        for (const Event& e : all) singles.push_back({e});
        auto one_by_one = merged(learner, singles);
        REQUIRE(derived_state(*together) == derived_state(*one_by_one));
        REQUIRE(together->event_count() == static_cast<int64_t>(all.size()));
    }
}

TEST_CASE("a shared file round-trips every event and the devices' states converge") {
    test::TempDir dir;
    std::mt19937 rng(1);
    ProgressStore a(dir.path() / "a" / "p.sqlite"), b(dir.path() / "b" / "p.sqlite");
    b.adopt_learner(a.identity().learner_id);
    random_activity(a, rng, 30);
    random_activity(b, rng, 30);
    fs::path shared = dir.path() / "share" / "cohort.linli";
    fs::create_directories(shared.parent_path());
    CHECK(sync_shared(a, shared).status == SyncReport::Ok);
    const size_t a_events = static_cast<size_t>(a.event_count());
    SyncReport rb = sync_shared(b, shared);
    CHECK(rb.status == SyncReport::Ok);
    CHECK(rb.received == a_events);
    SyncReport ra = sync_shared(a, shared);
    CHECK(ra.status == SyncReport::Ok);
    CHECK_FALSE(ra.published);  // nothing new for the shared file
    CHECK(ids(a) == ids(b));
    CHECK(derived_state(a) == derived_state(b));
    CHECK(check_shared(shared, dir.path() / "scratch").shared_events == a.event_count());
}

// A writer that published a shared file of `events` random events, and a reader with one of its own.
struct Published {
    test::TempDir dir;
    ProgressStore writer{dir.path() / "w" / "p.sqlite"}, reader{dir.path() / "r" / "p.sqlite"};
    fs::path shared = dir.path() / "share" / "s.linli";
    std::string good;
    Published(unsigned seed, int events) {
        std::mt19937 rng(seed);
        random_activity(writer, rng, events);
        fs::create_directories(shared.parent_path());
        REQUIRE(sync_shared(writer, shared).status == SyncReport::Ok);
        good = read_bytes(shared);
        reader.mark_opened("mine", 5);
    }
};

TEST_CASE("every truncation of a shared file is refused and changes nothing") {
    Published pub(2, 5);
    const std::string& good = pub.good;
    const fs::path& shared = pub.shared;
    ProgressStore& reader = pub.reader;
    REQUIRE(good.size() >= 4096);
    const auto before = ids(reader);
    const std::string before_state = derived_state(reader);
    size_t refused = 0;
    for (size_t len = 0; len < good.size(); ++len) {
        write_bytes(shared, good.substr(0, len));
        SyncReport r = sync_shared(reader, shared);
        refused += r.status == SyncReport::Refused && r.received == 0 && !r.message.empty() &&
                   r.message.find("s.linli") != std::string::npos;
        REQUIRE(read_bytes(shared).size() == len);  // never overwritten
    }
    CHECK(refused == good.size());
    CHECK(ids(reader) == before);
    CHECK(derived_state(reader) == before_state);
}

TEST_CASE("1,000 random byte flips of a shared file are each refused and change nothing") {
    Published pub(3, 20);
    const std::string& good = pub.good;
    const fs::path& shared = pub.shared;
    ProgressStore& reader = pub.reader;
    ProgressStore& writer = pub.writer;
    std::mt19937 rng(3);
    const auto before = ids(reader);
    int refused = 0;
    for (int i = 0; i < 1000; ++i) {
        std::string bad = good;
        size_t at = rng() % bad.size();
        bad[at] = static_cast<char>(bad[at] ^ (1 + rng() % 255));
        write_bytes(shared, bad);
        SyncReport r = sync_shared(reader, shared);
        refused += r.status == SyncReport::Refused && r.received == 0;
        REQUIRE(read_bytes(shared) == bad);
    }
    CHECK(refused == 1000);
    CHECK(ids(reader) == before);
    // And the untouched file still syncs.
    write_bytes(shared, good);
    CHECK(sync_shared(reader, shared).status == SyncReport::Ok);
    CHECK(reader.event_count() == writer.event_count() + 1);
}

TEST_CASE("foreign, hostile and newer files are refused with a reason that names the file") {
    test::TempDir dir;
    ProgressStore store(dir.path() / "p" / "p.sqlite");
    fs::path shared = dir.path() / "cohort.linli";
    auto refused_with = [&](const std::string& words) {
        std::string before = read_bytes(shared);
        SyncReport r = sync_shared(store, shared);
        INFO(r.message);
        CHECK(r.status == SyncReport::Refused);
        CHECK(r.message.find("cohort.linli") != std::string::npos);
        CHECK(r.message.find(words) != std::string::npos);
        CHECK(read_bytes(shared) == before);
        CHECK(store.event_count() == 0);
    };
    write_bytes(shared, "hello, this is a text file and not a database at all, no no no. ..........................................");
    refused_with("not a Linli progress file");
    {   // an ordinary SQLite database
        fs::remove(shared);
        db::Db db(shared, db::Db::ReadWrite);
        db.exec("CREATE TABLE t(x); INSERT INTO t VALUES(1);");
    }
    refused_with("not a Linli progress file");

    // Our own format, edited by SQL and resealed so that the checksums pass: only the content is wrong.
    ProgressStore other(dir.path() / "o" / "p.sqlite");
    other.mark_opened("x", 1);
    auto tampered = [&](const char* sql) {
        fs::path img = dir.path() / "img.sqlite";
        write_shared_image(other, img, random_id());
        {
            db::Db db(img, db::Db::ReadWrite);
            db.exec(sql);
        }
        seal_page_checksums(img);
        fs::copy_file(img, shared, fs::copy_options::overwrite_existing);
    };
    tampered("CREATE VIEW v AS SELECT 1; CREATE TRIGGER t AFTER INSERT ON learners BEGIN DELETE FROM events; END;");
    refused_with("not a Linli progress file");
    tampered("UPDATE linli_sync SET value = '99' WHERE key = 'version'");
    refused_with("newer Linli");
    tampered("UPDATE events SET payload = '{\"x\":\"' || hex(zeroblob(5000)) || '\"}'");
    refused_with("too large");
    tampered("UPDATE devices SET uuid = 'not-an-id'");
    refused_with("a bad id");
    // Review and note events are checked field by field (more cases in test_review_events.cpp).
    tampered("UPDATE events SET kind = 'review.graded', payload = '{\"g\":7,\"doc\":\"x\"}'");
    refused_with("grade is not 1 to 4");
    tampered("UPDATE events SET kind = 'note.put', subject = lower(hex(randomblob(16))), "
             "payload = '{\"doc\":\"x\",\"block\":\"2\",\"quote\":\"q\",\"text\":\"\",\"color\":\"y\"}'");
    refused_with("block is not a whole number");
}

TEST_CASE("conflicted copies in every client's naming are merged once and archived") {
    const char* names[] = {
        "cohort (李四's conflicted copy 2026-11-20).linli",         // Dropbox
        "cohort (Case Conflict).linli",                             // Dropbox
        "cohort.sync-conflict-20261120-101500-ABCDEF7.linli",       // Syncthing
        "cohort (conflicted copy 2026-11-20 101500).linli",         // Nextcloud
        "cohort_conflict-20261120-101500.linli",                    // ownCloud
        "cohort-冲突-李四.linli",                                     // 坚果云 (Windows)
        "cohort-NSConflict-lisi.linli",                             // 坚果云 (Linux/macOS)
        "cohort-LAPTOP7.linli",                                     // OneDrive
        "cohort (1).linli",                                         // Google Drive
        "progress-backup.db",                                       // any other name: content decides
    };
    for (const char* copy_name : names) {
        INFO(copy_name);
        test::TempDir dir;
        fs::path share = dir.path() / "share", shared = share / "cohort.linli";
        fs::create_directories(share);
        ProgressStore a(dir.path() / "a" / "p.sqlite"), b(dir.path() / "b" / "p.sqlite"), c(dir.path() / "c" / "p.sqlite");
        a.mark_opened("doc-a", 1);
        REQUIRE(sync_shared(a, shared).status == SyncReport::Ok);
        // b works from the same file, offline; its client saves a conflicting copy.
        fs::copy_file(shared, dir.path() / "b-view.linli");
        b.mark_opened("doc-b", 2);
        REQUIRE(sync_shared(b, dir.path() / "b-view.linli").status == SyncReport::Ok);
        fs::copy_file(dir.path() / "b-view.linli", share / copy_name);
        if (std::string(copy_name) != "progress-backup.db") CHECK(classify_side_file(copy_name, "cohort.linli") == SideFile::ConflictCopy);
        // A sync client's temp file beside it is ignored.
        write_bytes(share / ".syncthing.cohort.linli.tmp", "partial");

        c.mark_opened("doc-c", 3);
        SyncReport r = sync_shared(c, shared);
        CHECK(r.status == SyncReport::Ok);
        CHECK(r.archived == std::vector<std::string>{copy_name});
        CHECK_FALSE(fs::exists(share / copy_name));
        CHECK(fs::exists(share / kArchiveFolder / copy_name));
        CHECK(fs::exists(share / ".syncthing.cohort.linli.tmp"));
        CHECK(c.event_count() == 3);  // a's, b's, c's — once each
        REQUIRE(sync_shared(a, shared).status == SyncReport::Ok);
        CHECK(a.event_count() == 3);
    }
}

TEST_CASE("a copy of another shared file beside it is left alone") {
    test::TempDir dir;
    fs::path share = dir.path() / "share";
    fs::create_directories(share);
    ProgressStore a(dir.path() / "a" / "p.sqlite"), b(dir.path() / "b" / "p.sqlite");
    a.mark_opened("x", 1);
    b.mark_opened("y", 2);
    REQUIRE(sync_shared(a, share / "one.linli").status == SyncReport::Ok);
    REQUIRE(sync_shared(b, share / "two.linli").status == SyncReport::Ok);
    SyncReport r = sync_shared(a, share / "one.linli");
    CHECK(r.merged.empty());
    CHECK(a.event_count() == 1);
    CHECK(fs::exists(share / "two.linli"));
}

TEST_CASE("a clock a day ahead, or jumping back, loses nothing and all agree on the latest setting") {
    test::TempDir dir;
    int64_t now = 1'800'000'000'000;
    int64_t skew = 24 * 3600 * 1000;
    int64_t jump = 0;
    ProgressStore ahead(dir.path() / "ahead" / "p.sqlite", [&] { return now + skew; });
    ProgressStore jumpy(dir.path() / "jumpy" / "p.sqlite", [&] { return now + jump; });
    jumpy.adopt_learner(ahead.identity().learner_id);
    fs::path shared = dir.path() / "s.linli";

    ahead.set_setting("theme", "dark");       // stamped a day ahead
    REQUIRE(sync_shared(ahead, shared).status == SyncReport::Ok);
    REQUIRE(sync_shared(jumpy, shared).status == SyncReport::Ok);
    now += 1000;
    jumpy.set_setting("theme", "light");      // later in truth: the HLC has moved past the skewed stamp
    jump = -3600 * 1000;                       // the clock jumps back an hour
    jumpy.mark_opened("doc", 10);
    jumpy.set_setting("lang", "en");
    REQUIRE(sync_shared(jumpy, shared).status == SyncReport::Ok);
    REQUIRE(sync_shared(ahead, shared).status == SyncReport::Ok);
    CHECK(ids(ahead) == ids(jumpy));
    CHECK(ahead.event_count() == 4);
    CHECK(ahead.setting("theme") == std::optional<std::string>("light"));
    CHECK(jumpy.setting("theme") == std::optional<std::string>("light"));
    CHECK(ahead.setting("lang") == std::optional<std::string>("en"));
    // Every event's HLC of one device rises, whatever its wall clock did.
    int64_t last = 0;
    for (const Event& e : jumpy.events())
        if (e.device == jumpy.identity().device_id) {
            CHECK(e.hlc > last);
            last = e.hlc;
        }
}

TEST_CASE("restore brings back the last good version over a damaged shared file, losing nothing") {
    test::TempDir dir;
    ProgressStore a(dir.path() / "a" / "p.sqlite");
    a.mark_opened("doc", 1);
    fs::path shared = dir.path() / "share" / "s.linli";
    fs::create_directories(shared.parent_path());
    REQUIRE(sync_shared(a, shared).status == SyncReport::Ok);
    write_bytes(shared, read_bytes(shared).substr(0, 5000));  // damaged by a half copy
    CHECK(sync_shared(a, shared).status == SyncReport::Refused);
    SyncReport r = sync_shared(a, shared, {std::chrono::milliseconds(1000), true});
    CHECK(r.status == SyncReport::Ok);
    CHECK(r.published);
    CHECK(check_shared(shared, dir.path() / "scratch").shared_events == 1);
    CHECK(fs::is_directory(shared.parent_path() / kArchiveFolder));  // the damaged file is kept aside
}

TEST_CASE("a stale lock from a dead process is taken over; a live one makes sync report busy") {
    test::TempDir dir;
    ProgressStore a(dir.path() / "a" / "p.sqlite");
    fs::path shared = dir.path() / "s.linli";
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    write_bytes(dir.path() / "s.linli.lock", "999999999 " + std::string(host) + " dead\n");
    CHECK(sync_shared(a, shared, {std::chrono::milliseconds(2000), false}).status == SyncReport::Ok);
    CHECK_FALSE(fs::exists(dir.path() / "s.linli.lock"));
    write_bytes(dir.path() / "s.linli.lock", std::to_string(getpid()) + " " + host + " alive\n");
    SyncReport r = sync_shared(a, shared, {std::chrono::milliseconds(300), false});
    CHECK(r.status == SyncReport::Busy);
    fs::remove(dir.path() / "s.linli.lock");
}

TEST_CASE("a store of schema 2 upgrades to events without losing progress") {
    test::TempDir dir;
    fs::path file = dir.path() / "p.sqlite";
    {
        db::Db db(file, db::Db::ReadWrite);
        db.exec(R"(CREATE TABLE doc_progress(doc_id TEXT PRIMARY KEY, first_opened INTEGER NOT NULL, last_opened INTEGER NOT NULL,
                       finished_at INTEGER NOT NULL DEFAULT 0, position REAL NOT NULL DEFAULT 0);
                   CREATE TABLE drill_attempts(id INTEGER PRIMARY KEY, drill_id TEXT NOT NULL, started_at INTEGER NOT NULL,
                       finished_at INTEGER NOT NULL DEFAULT 0, ending TEXT NOT NULL DEFAULT '', rating TEXT NOT NULL DEFAULT '',
                       final_state TEXT NOT NULL DEFAULT '');
                   CREATE TABLE drill_choices(attempt_id INTEGER NOT NULL, step INTEGER NOT NULL, node TEXT NOT NULL,
                       choice INTEGER NOT NULL, chosen_at INTEGER NOT NULL, PRIMARY KEY(attempt_id, step));
                   INSERT INTO doc_progress VALUES('pit-a', 100, 200, 150, 0.5);
                   INSERT INTO drill_attempts VALUES(1, 'drill-x', 300, 400, 'end', 'good', 'x=1');
                   INSERT INTO drill_choices VALUES(1, 0, 'start', 2, 350);
                   PRAGMA user_version = 2;)");
    }
    ProgressStore s(file);
    CHECK(s.schema_version() == ProgressStore::kSchemaVersion);
    auto p = s.get("pit-a");
    REQUIRE(p);
    CHECK(p->first_opened == 100);
    CHECK(p->last_opened == 200);
    CHECK(p->finished_at == 150);
    CHECK(p->position == Approx(0.5));
    auto a = s.attempts("drill-x");
    REQUIRE(a.size() == 1);
    CHECK(a[0].rating == "good");
    CHECK(a[0].started_at == 300);
    REQUIRE(a[0].choices.size() == 1);
    CHECK(a[0].choices[0].choice == 2);
    CHECK(s.event_count() >= 6);
}
