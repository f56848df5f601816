// Notes and highlights in the progress store: note.put (the latest by HLC, then device, then seq
// wins) and note.deleted (a tombstone no put undoes), across devices and through the shared file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "sync/ids.h"
#include "sync/syncer.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kT0 = 1'780'000'000;  // unix seconds

struct TestClock {
    int64_t ms = kT0 * 1000;
    ProgressStore::Clock clock(int64_t skew_ms = 0) {
        return [this, skew_ms] { return ms + skew_ms; };
    }
};

Note note(const std::string& doc, int block, const std::string& quote, const std::string& text = "", const std::string& color = "yellow") {
    Note n;
    n.doc = doc;
    n.block = block;
    n.quote = quote;
    n.text = text;
    n.color = color;
    return n;
}

std::string notes_text(ProgressStore& s) {
    std::string out;
    for (const Note& n : s.notes())
        out += n.id + " " + n.doc + " " + std::to_string(n.block) + " " + n.quote + " | " + n.text + " | " + n.color + " " +
               std::to_string(n.created_at) + " " + std::to_string(n.updated_at) + "\n";
    return out;
}

}  // namespace

TEST_CASE("notes: a note is put, replaced, listed by document, block and creation, and deleted", "[notes]") {
    test::TempDir dir;
    const fs::path file = dir.path() / "p.sqlite";
    std::string a, b, c;
    {
        ProgressStore s(file);
        CHECK(s.notes().empty());
        a = s.put_note(note("pit-b", 3, "种子要去找，不是培养。", "先找到已经在做事的人"), kT0);
        CHECK(is_id(a));
        b = s.put_note(note("pit-a", 7, "第二段"), kT0 + 1);
        c = s.put_note(note("pit-a", 2, "第一段", "", "green"), kT0 + 2);
        const auto all = s.notes();
        REQUIRE(all.size() == 3);
        CHECK(all[0].id == c);  // pit-a block 2, pit-a block 7, pit-b
        CHECK(all[1].id == b);
        CHECK(all[2].id == a);
        CHECK(all[2] == Note{a, "pit-b", 3, "种子要去找，不是培养。", "先找到已经在做事的人", "yellow", kT0, kT0});
        // A later put of the same id replaces it; created_at stays the first put's.
        Note edit = all[2];
        edit.text = "先找到已经在做事的人，再请他们带人";
        edit.color = "red";
        CHECK(s.put_note(edit, kT0 + 50) == a);
        REQUIRE(s.note(a));
        CHECK(s.note(a)->text == "先找到已经在做事的人，再请他们带人");
        CHECK(s.note(a)->color == "red");
        CHECK(s.note(a)->created_at == kT0);
        CHECK(s.note(a)->updated_at == kT0 + 50);
        CHECK(s.notes("pit-a").size() == 2);
        CHECK(s.notes("pit-b").size() == 1);
        s.delete_note(b, kT0 + 60);
        CHECK_FALSE(s.note(b));
        CHECK(s.notes("pit-a").size() == 1);
        // A put after the delete does not bring it back.
        Note again = note("pit-a", 7, "第二段", "回来");
        again.id = b;
        s.put_note(again, kT0 + 70);
        CHECK_FALSE(s.note(b));
    }
    ProgressStore s(file);  // persists
    CHECK(s.notes().size() == 2);
    CHECK(s.note(a)->color == "red");
    CHECK_FALSE(s.note(b));
    s.rebuild_derived();
    CHECK(s.notes().size() == 2);
    CHECK(s.note(a)->text == "先找到已经在做事的人，再请他们带人");
}

TEST_CASE("notes: put_note refuses what other devices would refuse, writing nothing", "[notes]") {
    ProgressStore s(":memory:");
    CHECK_THROWS_WITH(s.put_note(note("d", 1, std::string(1001, 'q'))), Catch::Contains("摘录") && Catch::Contains("quote is over 1000 bytes"));
    CHECK_THROWS_WITH(s.put_note(note("d", 1, "q", std::string(2001, 't'))), Catch::Contains("text is over 2000 bytes"));
    CHECK_THROWS_WITH(s.put_note(note("d", -1, "q")), Catch::Contains("block"));
    CHECK_THROWS_WITH(s.put_note(note("", 1, "q")), Catch::Contains("names no document"));
    CHECK_THROWS_WITH(s.put_note(note("d", 1, "q", "", std::string(40, 'c'))), Catch::Contains("color"));
    CHECK_THROWS_WITH(s.put_note(note("d", 1, std::string("\xe7\xa7", 2))), Catch::Contains("UTF-8"));  // a character cut in two
    // Within the field limits, but escapes make the payload too large for the shared file.
    CHECK_THROWS_WITH(s.put_note(note("d", 1, std::string(1000, '\x01'))), Catch::Contains("too large"));
    Note bad_id = note("d", 1, "q");
    bad_id.id = "not-an-id";
    CHECK_THROWS_WITH(s.put_note(bad_id), Catch::Contains("32 hex"));
    CHECK_THROWS_WITH(s.delete_note("not-an-id"), Catch::Contains("32 hex"));
    CHECK(s.event_count() == 0);
    // At the limits it is taken.
    const std::string id = s.put_note(note("d", 0, std::string(1000, 'q'), std::string(2000, 't'), std::string(32, 'c')));
    REQUIRE(s.note(id));
    CHECK(s.note(id)->quote.size() == 1000);
}

TEST_CASE("notes: the latest put by HLC wins on both devices, whatever order they sync in", "[notes]") {
    test::TempDir dir;
    TestClock t;
    // b's wall clock is an hour behind.
    ProgressStore a(dir.path() / "a" / "p.sqlite", t.clock()), b(dir.path() / "b" / "p.sqlite", t.clock(-3600'000));
    b.adopt_learner(a.identity().learner_id);
    const fs::path shared = dir.path() / "share" / "s.linli";
    fs::create_directories(shared.parent_path());
    auto edit = [](ProgressStore& s, const std::string& id, const std::string& text, int64_t at) {
        Note n = *s.note(id);
        n.text = text;
        s.put_note(n, at);
    };
    const std::string id = a.put_note(note("d", 1, "引文", "a1"), kT0);
    REQUIRE(sync_shared(a, shared).status == SyncReport::Ok);
    REQUIRE(sync_shared(b, shared).status == SyncReport::Ok);
    t.ms += 1000;
    edit(a, id, "a2", kT0 + 1);
    REQUIRE(sync_shared(a, shared).status == SyncReport::Ok);
    t.ms += 1000;
    // b has seen a2: its edit is later by HLC, though its clock (and `at`) say an hour earlier.
    REQUIRE(sync_shared(b, shared).status == SyncReport::Ok);
    edit(b, id, "b3", kT0 - 3600);
    CHECK(b.note(id)->text == "b3");
    // Meanwhile a edits again without syncing: concurrent with b3, and later by HLC (a's clock is right).
    t.ms += 1000;
    edit(a, id, "a4", kT0 + 3);
    // b publishes first, then a gets b3 (older by HLC: a4 stays), then b gets a4.
    REQUIRE(sync_shared(b, shared).status == SyncReport::Ok);
    REQUIRE(sync_shared(a, shared).status == SyncReport::Ok);
    CHECK(a.note(id)->text == "a4");
    REQUIRE(sync_shared(b, shared).status == SyncReport::Ok);
    CHECK(b.note(id)->text == "a4");
    CHECK(a.note(id)->created_at == kT0 - 3600);  // the earliest put's time
    CHECK(a.note(id)->updated_at == kT0 + 3);     // the winning put's
    CHECK(notes_text(a) == notes_text(b));
    // The winner is the put with the greatest HLC.
    const auto evs = a.events();
    const auto latest = std::max_element(evs.begin(), evs.end(), [](const Event& x, const Event& y) { return x.hlc < y.hlc; });
    CHECK(latest->payload.find("a4") != std::string::npos);
}

TEST_CASE("notes: a delete beats an older put that arrives later and a concurrent put", "[notes]") {
    TestClock t;
    ProgressStore a(":memory:", t.clock()), b(":memory:", t.clock()), c(":memory:", t.clock());
    b.adopt_learner(a.identity().learner_id);
    c.adopt_learner(a.identity().learner_id);
    const std::string id = a.put_note(note("d", 1, "q", "v1"), kT0);
    b.add_events(a.events());
    c.add_events(a.events());
    t.ms += 1000;
    Note edit = *c.note(id);
    edit.text = "c edits, offline";
    c.put_note(edit, kT0 + 1);  // concurrent with the delete below, and later by HLC
    t.ms += 1000;
    edit.text = "c edits again";
    c.put_note(edit, kT0 + 2);
    b.delete_note(id, kT0 + 1);
    // a gets the delete first, then c's later puts: still deleted.
    a.add_events(b.events());
    CHECK_FALSE(a.note(id));
    a.add_events(c.events());
    CHECK_FALSE(a.note(id));
    // b gets c's puts one at a time, c gets the delete: all agree.
    for (const Event& e : c.events()) b.add_events({e});
    c.add_events(b.events());
    CHECK_FALSE(b.note(id));
    CHECK_FALSE(c.note(id));
    // A store that gets the delete before any put of the note, and the first put last.
    ProgressStore d(":memory:");
    d.adopt_learner(a.identity().learner_id);
    std::vector<Event> all = a.events();
    std::sort(all.begin(), all.end(), [](const Event& x, const Event& y) { return x.kind < y.kind; });  // note.deleted before note.put
    REQUIRE(all.front().kind == event_kind::kNoteDeleted);
    for (const Event& e : all) d.add_events({e});
    CHECK(d.notes().empty());
    CHECK(d.event_count() == 4);
    CHECK(d.db().scalar_int("SELECT count(*) FROM notes WHERE deleted = 1 AND text = ''") == 1);  // emptied, kept as a tombstone
}

TEST_CASE("notes: puts with the same HLC are ordered by device, then seq", "[notes]") {
    ProgressStore s(":memory:");
    const std::string learner = s.identity().learner_id, id = random_id();
    std::string low = random_id(), high = random_id();
    if (high < low) std::swap(low, high);
    auto put = [&](const std::string& device, int64_t seq, const std::string& text) {
        return Event{device, seq, learner, int64_t(77) << 16, "note.put", id,
                     R"({"doc":"d","block":1,"quote":"q","text":")" + text + R"(","color":"y"})", kT0 + seq};
    };
    // Any order: the highest device wins the tie, and within it the highest seq.
    s.add_events({put(high, 1, "high-1"), put(low, 9, "low-9")});
    CHECK(s.note(id)->text == "high-1");
    s.add_events({put(high, 2, "high-2")});
    CHECK(s.note(id)->text == "high-2");
    ProgressStore r(":memory:");
    r.adopt_learner(learner);
    r.add_events({put(high, 2, "high-2")});
    r.add_events({put(low, 9, "low-9"), put(high, 1, "high-1")});
    CHECK(r.note(id)->text == "high-2");
    CHECK(r.note(id)->created_at == kT0 + 1);  // the earliest put's time, whichever won
    CHECK(notes_text(r) == notes_text(s));
}

TEST_CASE("notes: random puts and deletes on three devices converge on the rules' answer", "[notes]") {
    std::mt19937 rng(5);
    for (int round = 0; round < 200; ++round) {
        INFO("round " << round);
        TestClock t;
        ProgressStore a(":memory:", t.clock()), b(":memory:", t.clock(int64_t(rng() % 5000))), c(":memory:", t.clock(-int64_t(rng() % 5000)));
        b.adopt_learner(a.identity().learner_id);
        c.adopt_learner(a.identity().learner_id);
        ProgressStore* dev[] = {&a, &b, &c};
        const std::string ids[] = {random_id(), random_id(), random_id()};
        for (int i = 0, n = 3 + int(rng() % 15); i < n; ++i) {
            t.ms += rng() % 3000;
            ProgressStore& s = *dev[rng() % 3];
            const std::string& id = ids[rng() % 3];
            if (rng() % 5 == 0) {
                s.delete_note(id, kT0 + i);
            } else {
                Note n = note("doc-" + std::to_string(rng() % 2), int(rng() % 4), "q" + std::to_string(i), "t" + std::to_string(i));
                n.id = id;
                s.put_note(n, kT0 + int64_t(rng() % 100));
            }
        }
        std::vector<Event> all;
        for (ProgressStore* s : dev)
            for (const Event& e : s->events()) all.push_back(e);
        // The rules, applied here: the deleted set, the latest put by (hlc, device, seq), the earliest put time.
        std::map<std::string, Event> latest;
        std::map<std::string, int64_t> created;
        std::set<std::string> deleted;
        for (const Event& e : all) {
            if (e.kind == event_kind::kNoteDeleted) deleted.insert(e.subject);
            if (e.kind != event_kind::kNotePut) continue;
            auto [it, fresh] = latest.try_emplace(e.subject, e);
            if (!fresh && std::tie(it->second.hlc, it->second.device, it->second.seq) < std::tie(e.hlc, e.device, e.seq)) it->second = e;
            created[e.subject] = created.count(e.subject) ? std::min(created[e.subject], e.at) : e.at;
        }
        size_t alive = 0;
        for (const auto& [id, l] : latest) alive += !deleted.count(id);

        std::shuffle(all.begin(), all.end(), rng);
        ProgressStore one(":memory:"), bulk(":memory:");
        one.adopt_learner(a.identity().learner_id);
        bulk.adopt_learner(a.identity().learner_id);
        for (const Event& e : all) one.add_events({e});
        bulk.add_events(all);
        for (ProgressStore* s : dev) s->add_events(all);
        REQUIRE(one.notes().size() == alive);
        for (const Note& n : one.notes()) {
            REQUIRE_FALSE(deleted.count(n.id));
            const Event& won = latest.at(n.id);
            CHECK(n.updated_at == won.at);
            CHECK(n.created_at == created.at(n.id));
            CHECK(won.payload.find("\"text\":\"" + n.text + "\"") != std::string::npos);
        }
        const std::string want = notes_text(one);
        REQUIRE(notes_text(bulk) == want);
        for (ProgressStore* s : dev) REQUIRE(notes_text(*s) == want);
    }
}

TEST_CASE("notes: malformed note events given to add_events are kept but never derived", "[notes]") {
    ProgressStore s(":memory:");
    const std::string learner = s.identity().learner_id, device = random_id(), id = random_id();
    auto ev = [&](int64_t seq, const char* kind, const std::string& subject, const std::string& payload) {
        return Event{device, seq, learner, seq << 16, kind, subject, payload, kT0};
    };
    CHECK(s.add_events({
              ev(1, "note.put", "not-hex", R"({"doc":"d","block":1,"quote":"q","text":"","color":"y"})"),
              ev(2, "note.put", id, R"({"doc":"d","block":"1","quote":"q","text":"","color":"y"})"),
              ev(3, "note.put", id, R"({"doc":"d","block":1,"quote":")" + std::string(1001, 'q') + R"(","text":"","color":"y"})"),
              ev(4, "note.deleted", "not-hex", "{}"),
              ev(5, "note.put", id, "not json"),
          }) == 5);
    CHECK(s.notes().empty());
    CHECK(s.db().scalar_int("SELECT count(*) FROM notes") == 0);
    s.add_events({ev(6, "note.put", id, R"({"doc":"d","block":1,"quote":"q","text":"ok","color":"y"})")});
    REQUIRE(s.note(id));
    CHECK(s.note(id)->text == "ok");
}
