// Spaced review in the progress store: review.graded and review.undone events, each card's FSRS
// memory derived from them in (hlc, device, seq) order, the review log, and the schema 3 -> 4
// upgrade. The expected memories are folds of the events by fsrs::review, computed here apart
// from the store (and its payload reader): nlohmann reads the payloads.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "sync/ids.h"
#include "sync/shared_file.h"
#include "sync/syncer.h"
#include "test_support.h"

using namespace linli;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kT0 = 1'780'000'000;  // unix seconds
constexpr int64_t kDay = 86400;

// A memory as text, doubles exact (%a): two memories are the same when their texts are.
std::string show(const fsrs::Memory& m) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "phase=%d step=%d S=%a D=%a due=%lld last=%lld reps=%d lapses=%d", int(m.phase), m.step,
                  m.stability, m.difficulty, static_cast<long long>(m.due), static_cast<long long>(m.last_review), m.reps, m.lapses);
    return buf;
}

std::string show(const ReviewLogEntry& r) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s %s g=%d at=%lld before=%d R=%a", r.card.c_str(), r.doc.c_str(), r.grade,
                  static_cast<long long>(r.at), int(r.phase_before), r.retrievability_before);
    return buf;
}

// Everything the store derived about reviews, as one comparable text.
std::string review_text(ProgressStore& s) {
    std::string out;
    for (const auto& [card, m] : s.review_states()) out += card + ": " + show(m) + "\n";
    out += "--\n";
    for (const ReviewLogEntry& r : s.review_log()) out += show(r) + "\n";
    return out;
}

// The same, folded from the events by the rules the store documents: this learner's graded
// events by (hlc, device, seq), the undone skipped, each at its time or the previous review's.
std::string expected_text(const std::vector<Event>& evs, const std::string& learner) {
    std::set<std::tuple<std::string, std::string, int64_t>> undone;  // card, device, seq
    std::vector<Event> graded;
    for (const Event& e : evs) {
        if (e.learner != learner) continue;
        if (e.kind == event_kind::kReviewUndone) {
            json j = json::parse(e.payload);
            undone.insert({e.subject, j["device"].get<std::string>(), j["seq"].get<int64_t>()});
        } else if (e.kind == event_kind::kReviewGraded) {
            graded.push_back(e);
        }
    }
    std::sort(graded.begin(), graded.end(),
              [](const Event& a, const Event& b) { return std::tie(a.hlc, a.device, a.seq) < std::tie(b.hlc, b.device, b.seq); });
    std::map<std::string, fsrs::Memory> states;
    std::string log;
    for (const Event& e : graded) {
        if (undone.count({e.subject, e.device, e.seq})) continue;
        json j = json::parse(e.payload);
        fsrs::Memory& m = states[e.subject];
        const int64_t at = std::max(e.at, m.last_review);
        log += show(ReviewLogEntry{e.subject, j["doc"].get<std::string>(), j["g"].get<int>(), at, m.phase,
                                   fsrs::retrievability(m, at)}) + "\n";
        m = fsrs::review(m, static_cast<fsrs::Grade>(j["g"].get<int>()), at);
    }
    std::string out;
    for (const auto& [card, m] : states) out += card + ": " + show(m) + "\n";
    return out + "--\n" + log;
}

// A fold of grades from a new card, each at its time.
fsrs::Memory fold(const std::vector<std::pair<int, int64_t>>& grades, fsrs::Memory m = {}) {
    for (const auto& [g, at] : grades) m = fsrs::review(m, static_cast<fsrs::Grade>(g), at);
    return m;
}

// A clock the test moves: milliseconds, so the HLC of each recorded event is under its control.
struct TestClock {
    int64_t ms = kT0 * 1000;
    ProgressStore::Clock clock(int64_t skew_ms = 0) {
        return [this, skew_ms] { return ms + skew_ms; };
    }
};

}  // namespace

TEST_CASE("review: grading a card updates its memory as fsrs::review says", "[review]") {
    TestClock t;
    ProgressStore s(":memory:", t.clock());
    const std::string card = "pit-community-seeds#要点-2", doc = "pit-community-seeds";
    const std::string ref = s.record_review(card, doc, 3, kT0);
    CHECK(ref == s.identity().device_id + ":1");
    t.ms += 1000;
    s.record_review(card, doc, 1, kT0 + 600);
    t.ms += 1000;
    s.record_review(card, doc, 3, kT0 + 3 * kDay);
    t.ms += 1000;
    s.record_review("other#自测-1", "other", 4, kT0 + 10);

    const fsrs::Memory first = fsrs::review({}, fsrs::Grade::Good, kT0);
    const fsrs::Memory second = fsrs::review(first, fsrs::Grade::Again, kT0 + 600);
    const fsrs::Memory third = fsrs::review(second, fsrs::Grade::Good, kT0 + 3 * kDay);
    REQUIRE(s.review_state(card));
    CHECK(show(*s.review_state(card)) == show(third));
    CHECK(s.review_state(card)->reps == 3);
    CHECK(show(*s.review_state("other#自测-1")) == show(fsrs::review({}, fsrs::Grade::Easy, kT0 + 10)));
    CHECK_FALSE(s.review_state("never#要点-1"));
    CHECK(s.review_states().size() == 2);

    const auto log = s.review_log();  // in HLC order: the order they were recorded
    REQUIRE(log.size() == 4);
    CHECK(log[0].card == card);
    CHECK(log[0].doc == doc);
    CHECK(log[0].grade == 3);
    CHECK(log[0].at == kT0);
    CHECK(log[0].phase_before == fsrs::Phase::New);
    CHECK(log[0].retrievability_before == 1.0);
    CHECK(log[1].grade == 1);
    CHECK(log[1].phase_before == first.phase);
    CHECK(log[1].retrievability_before == fsrs::retrievability(first, kT0 + 600));
    CHECK(log[2].phase_before == second.phase);
    CHECK(log[2].retrievability_before == fsrs::retrievability(second, kT0 + 3 * kDay));
    CHECK(log[3].card == "other#自测-1");
}

TEST_CASE("review: a review dated before the card's last one is scheduled at the last one's time", "[review]") {
    TestClock t;
    ProgressStore s(":memory:", t.clock());
    s.record_review("c#要点-1", "c", 3, kT0 + 5000);
    t.ms += 1000;
    s.record_review("c#要点-1", "c", 3, kT0);  // the wall clock went back
    const fsrs::Memory first = fsrs::review({}, fsrs::Grade::Good, kT0 + 5000);
    CHECK(show(*s.review_state("c#要点-1")) == show(fsrs::review(first, fsrs::Grade::Good, kT0 + 5000)));
    REQUIRE(s.review_log().size() == 2);
    CHECK(s.review_log()[1].at == kT0 + 5000);
}

TEST_CASE("review: a grade outside 1..4 or a missing card is refused and writes nothing", "[review]") {
    ProgressStore s(":memory:");
    CHECK_THROWS_AS(s.record_review("c#要点-1", "c", 0, kT0), std::invalid_argument);
    CHECK_THROWS_WITH(s.record_review("c#要点-1", "c", 5, kT0), Catch::Contains("评分") && Catch::Contains("grade is not 1 to 4"));
    CHECK_THROWS_WITH(s.record_review("", "c", 3, kT0), Catch::Contains("names no card"));
    CHECK_THROWS_WITH(s.record_review("c#要点-1", "", 3, kT0), Catch::Contains("names no document"));
    CHECK_THROWS_WITH(s.record_review(std::string(300, 'c'), "c", 3, kT0), Catch::Contains("too large"));
    CHECK_THROWS_WITH(s.record_review("c#要点-1", "\xff", 3, kT0), Catch::Contains("UTF-8"));
    CHECK(s.event_count() == 0);
    CHECK(s.review_states().empty());
}

TEST_CASE("review: undo takes back the last grade and restores the memory exactly", "[review]") {
    test::TempDir dir;
    TestClock t;
    const fs::path file = dir.path() / "p.sqlite";
    std::string before_last;
    {
        ProgressStore s(file, t.clock());
        CHECK_FALSE(s.undo_last_review());  // nothing to take back
        s.record_review("a#要点-1", "a", 3, kT0);
        t.ms += 1000;
        s.record_review("a#要点-1", "a", 3, kT0 + 600);
        t.ms += 1000;
        before_last = show(*s.review_state("a#要点-1"));
        const std::string log_before = review_text(s);
        s.record_review("a#要点-1", "a", 1, kT0 + 2 * kDay);
        t.ms += 1000;
        REQUIRE(show(*s.review_state("a#要点-1")) != before_last);
        CHECK(s.undo_last_review() == std::optional<std::string>("a#要点-1"));
        CHECK(show(*s.review_state("a#要点-1")) == before_last);
        CHECK(review_text(s) == log_before);
        // The undo is an event naming the review it takes back.
        const Event undo = s.events().back();
        CHECK(undo.kind == event_kind::kReviewUndone);
        CHECK(undo.subject == "a#要点-1");
        CHECK(json::parse(undo.payload) == json{{"device", s.identity().device_id}, {"seq", 3}});

        t.ms += 1000;
        s.record_review("b#要点-1", "b", 2, kT0 + 3 * kDay);
        CHECK(s.undo_last_review() == std::optional<std::string>("b#要点-1"));
        CHECK_FALSE(s.review_state("b#要点-1"));  // its only review was taken back
        CHECK(s.review_log().size() == 2);
    }
    ProgressStore s(file, t.clock());  // the same after reopening
    CHECK(show(*s.review_state("a#要点-1")) == before_last);
    // Undo again goes further back, down to nothing.
    CHECK(s.undo_last_review() == std::optional<std::string>("a#要点-1"));
    CHECK(show(*s.review_state("a#要点-1")) == show(fold({{3, kT0}})));
    CHECK(s.undo_last_review() == std::optional<std::string>("a#要点-1"));
    CHECK_FALSE(s.review_state("a#要点-1"));
    CHECK_FALSE(s.undo_last_review());
    CHECK(s.review_log().empty());
    // A grade after the undos starts from there.
    t.ms += 1000;
    s.record_review("a#要点-1", "a", 4, kT0 + 4 * kDay);
    CHECK(show(*s.review_state("a#要点-1")) == show(fold({{4, kT0 + 4 * kDay}})));
    CHECK(review_text(s) == expected_text(s.events(), s.identity().learner_id));
}

TEST_CASE("review: an undo that arrives before its review is kept and applied when the review arrives", "[review]") {
    TestClock t;
    ProgressStore a(":memory:", t.clock());
    a.record_review("c#要点-1", "c", 3, kT0);
    t.ms += 1000;
    a.record_review("c#要点-1", "c", 1, kT0 + kDay);
    t.ms += 1000;
    REQUIRE(a.undo_last_review());
    const std::vector<Event> evs = a.events();
    REQUIRE(evs.size() == 3);

    ProgressStore b(":memory:");
    b.adopt_learner(a.identity().learner_id);
    CHECK(b.add_events({evs[2]}) == 1);  // the undo alone: nothing to take back yet
    CHECK_FALSE(b.review_state("c#要点-1"));
    CHECK(b.add_events({evs[1]}) == 1);  // the undone review: not applied
    CHECK_FALSE(b.review_state("c#要点-1"));
    CHECK(b.add_events({evs[0]}) == 1);
    CHECK(show(*b.review_state("c#要点-1")) == show(fold({{3, kT0}})));
    CHECK(review_text(b) == review_text(a));
    CHECK(b.review_log().size() == 1);
}

TEST_CASE("review: a review that sorts before the card's last one makes the card recomputed", "[review]") {
    TestClock t;
    ProgressStore a(":memory:", t.clock()), b(":memory:", t.clock());
    b.adopt_learner(a.identity().learner_id);
    // b reviews offline first (earlier HLC); a, not knowing it, reviews twice later.
    b.record_review("c#要点-1", "c", 1, kT0);
    t.ms += 60'000;
    a.record_review("c#要点-1", "c", 3, kT0 + 60);
    t.ms += 60'000;
    a.record_review("c#要点-1", "c", 3, kT0 + 2 * kDay);
    const fsrs::Memory sorted = fold({{1, kT0}, {3, kT0 + 60}, {3, kT0 + 2 * kDay}});
    const fsrs::Memory appended = fold({{3, kT0 + 60}, {3, kT0 + 2 * kDay}, {1, kT0 + 2 * kDay}});
    REQUIRE(show(sorted) != show(appended));  // the order matters here

    CHECK(a.add_events(b.events()) == 1);
    CHECK(show(*a.review_state("c#要点-1")) == show(sorted));
    const auto log = a.review_log();
    REQUIRE(log.size() == 3);
    CHECK(log[0].grade == 1);  // b's, first
    CHECK(log[0].phase_before == fsrs::Phase::New);
    CHECK(log[1].phase_before != fsrs::Phase::New);
    // b learns a's reviews, which come after its own: folded on, the same state.
    CHECK(b.add_events(a.events()) == 2);
    CHECK(review_text(b) == review_text(a));
    CHECK(review_text(a) == expected_text(a.events(), a.identity().learner_id));
}

TEST_CASE("review: two devices' offline reviews and undos agree whatever order they are exchanged in", "[review]") {
    std::mt19937 rng(42);
    const char* cards[] = {"d#要点-1", "d#要点-2", "e#自测-1"};
    for (int round = 0; round < 150; ++round) {
        INFO("round " << round);
        TestClock t;
        const int64_t skew_b = int64_t(rng() % 7200'000) - 3600'000;  // b's clock up to an hour off
        ProgressStore a(":memory:", t.clock()), b(":memory:", t.clock(skew_b));
        b.adopt_learner(a.identity().learner_id);
        ProgressStore* dev[] = {&a, &b};
        const int steps = 5 + int(rng() % 30);
        for (int i = 0; i < steps; ++i) {
            t.ms += rng() % 4 == 0 ? int64_t(rng() % 3) * kDay * 1000 : int64_t(rng() % 900'000);
            ProgressStore& s = *dev[rng() % 2];
            if (rng() % 8 == 0) {
                s.undo_last_review();
                continue;
            }
            int64_t at = t.ms / 1000 - (rng() % 6 == 0 ? int64_t(rng() % 20000) : 0);  // now and then a clock behind
            s.record_review(cards[rng() % 3], "d", 1 + int(rng() % 4), at);
        }
        std::vector<Event> ea = a.events(), eb = b.events();
        // a takes b's events in shuffled batches of random sizes; b takes a's at once, newest first.
        std::shuffle(eb.begin(), eb.end(), rng);
        for (size_t i = 0; i < eb.size();) {
            size_t n = 1 + rng() % 4;
            std::vector<Event> batch(eb.begin() + long(i), eb.begin() + long(std::min(eb.size(), i + n)));
            a.add_events(batch);
            i += n;
        }
        std::reverse(ea.begin(), ea.end());
        b.add_events(ea);
        // A third device of the learner takes everything one event at a time, shuffled.
        std::vector<Event> all = a.events();
        std::shuffle(all.begin(), all.end(), rng);
        ProgressStore c(":memory:");
        c.adopt_learner(a.identity().learner_id);
        for (const Event& e : all) c.add_events({e});

        const std::string want = expected_text(all, a.identity().learner_id);
        REQUIRE(review_text(a) == want);
        REQUIRE(review_text(b) == want);
        REQUIRE(review_text(c) == want);
        // And rebuilding from the events changes nothing.
        c.rebuild_derived();
        REQUIRE(review_text(c) == want);
    }
}

TEST_CASE("review: another learner's reviews are kept but not derived", "[review]") {
    ProgressStore a(":memory:"), other(":memory:");
    other.record_review("c#要点-1", "c", 3, kT0);
    CHECK(a.add_events(other.events()) == 1);
    CHECK(a.review_states().empty());
    CHECK(a.review_log().empty());
    CHECK_FALSE(a.undo_last_review());
}

TEST_CASE("review: reviews and undos sync through the shared file both ways", "[review]") {
    test::TempDir dir;
    TestClock t;
    ProgressStore a(dir.path() / "a" / "p.sqlite", t.clock()), b(dir.path() / "b" / "p.sqlite", t.clock(5000));
    b.adopt_learner(a.identity().learner_id);
    const fs::path shared = dir.path() / "share" / "cohort.linli";
    fs::create_directories(shared.parent_path());
    for (int i = 0; i < 6; ++i) {
        t.ms += 3600'000;
        a.record_review("c#要点-" + std::to_string(i % 2), "c", 1 + i % 4, t.ms / 1000);
        b.record_review("c#要点-" + std::to_string(i % 3), "c", 4 - i % 4, t.ms / 1000 - 30);
    }
    REQUIRE(b.undo_last_review());
    REQUIRE(sync_shared(a, shared).status == SyncReport::Ok);
    SyncReport rb = sync_shared(b, shared);
    REQUIRE(rb.status == SyncReport::Ok);
    CHECK(rb.received == 6);
    REQUIRE(sync_shared(a, shared).status == SyncReport::Ok);
    CHECK(a.event_count() == 13);
    CHECK(review_text(a) == review_text(b));
    CHECK(review_text(a) == expected_text(a.events(), a.identity().learner_id));
    CHECK(a.review_log().size() == 11);
}

namespace {

// A shared file whose first event is replaced by (kind, subject, payload), resealed: only the
// content is wrong. Returns the reader's sync report.
SyncReport import_tampered(const test::TempDir& dir, const std::string& kind, const std::string& subject, const std::string& payload) {
    ProgressStore writer(":memory:");
    writer.record_review("c#要点-1", "c", 3, kT0);
    const fs::path img = dir.path() / "img.sqlite", shared = dir.path() / "cohort.linli";
    fs::remove(img);
    write_shared_image(writer, img, random_id());
    {
        db::Db db(img, db::Db::ReadWrite);
        db.prepare("UPDATE events SET kind = ?, subject = ?, payload = ? WHERE seq = 1")
            .bind(1, kind).bind(2, subject).bind(3, payload).run();
    }
    seal_page_checksums(img);
    fs::copy_file(img, shared, fs::copy_options::overwrite_existing);
    ProgressStore reader(dir.path() / "r" / (random_id() + ".sqlite"));
    SyncReport r = sync_shared(reader, shared);
    if (reader.event_count() != 0) r.message += " [but events were imported]";
    return r;
}

}  // namespace

TEST_CASE("review: a shared file with a malformed review or note is refused, naming the file and the fault", "[review][notes]") {
    test::TempDir dir;
    const std::string id = random_id();
    const std::string note = R"("doc":"d","block":1,"quote":"q","text":"","color":"yellow")";
    struct Case {
        const char* kind;
        std::string subject, payload, words;
    } cases[] = {
        {"review.graded", "c#1", R"({"g":5,"doc":"d"})", "grade is not 1 to 4"},
        {"review.graded", "c#1", R"({"g":0,"doc":"d"})", "grade is not 1 to 4"},
        {"review.graded", "c#1", R"({"g":"3","doc":"d"})", "grade is not 1 to 4"},
        {"review.graded", "c#1", R"({"g":2.5,"doc":"d"})", "grade is not 1 to 4"},
        {"review.graded", "c#1", R"({"g":18446744073709551615,"doc":"d"})", "grade is not 1 to 4"},
        {"review.graded", "c#1", R"({"g":3})", "names no document"},
        {"review.graded", "c#1", R"({"g":3,"doc":7})", "names no document"},
        {"review.graded", "c#1", "[3]", "not a JSON object"},
        {"review.undone", "c#1", R"({"device":"not-a-device","seq":1})", "does not name the review"},
        {"review.undone", "c#1", R"({"device":")" + id + R"(","seq":0})", "does not name the review"},
        {"review.undone", "c#1", R"({"seq":1})", "does not name the review"},
        {"note.put", id, "{" + note + R"(,"quote":")" + std::string(1001, 'q') + R"("})", "quote is over 1000 bytes"},
        {"note.put", id, "{" + note + R"(,"text":")" + std::string(2001, 't') + R"("})", "text is over 2000 bytes"},
        {"note.put", id, "{" + note + R"(,"block":"1"})", "block is not a whole number"},
        {"note.put", id, "{" + note + R"(,"block":-1})", "block is not a whole number"},
        {"note.put", id, "{" + note + R"(,"text":5})", "has no text"},
        {"note.put", id, R"({"doc":"d","block":1,"text":"","color":""})", "has no quote"},
        {"note.put", id, "{" + note + R"(,"color":")" + std::string(33, 'c') + R"("})", "color is not a short key"},
        {"note.put", id, R"({"block":1,"quote":"q","text":"","color":""})", "names no document"},
        {"note.deleted", id, "\"gone\"", "not a JSON object"},
    };
    for (const Case& c : cases) {
        INFO(c.kind << " " << c.payload.substr(0, 120));
        SyncReport r = import_tampered(dir, c.kind, c.subject, c.payload);
        INFO(r.message);
        CHECK(r.status == SyncReport::Refused);
        CHECK(r.message.find("cohort.linli") != std::string::npos);
        CHECK(r.message.find(c.words) != std::string::npos);
        CHECK(r.message.find("events were imported") == std::string::npos);
    }
    // The same file with good payloads of each kind is taken in.
    for (const auto& [kind, subject, payload] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"review.graded", "c#1", R"({"g":4,"doc":"d"})"},
             {"review.undone", "c#1", R"({"device":")" + id + R"(","seq":3})"},
             {"note.put", id, "{" + note + "}"},
             {"note.put", id, "{" + note + R"(,"quote":")" + std::string(1000, 'q') + R"("})"},
             {"note.deleted", id, "{}"}}) {
        INFO(kind << " " << payload.substr(0, 120));
        SyncReport r = import_tampered(dir, kind, subject, payload);
        INFO(r.message);
        CHECK(r.status == SyncReport::Ok);
    }
}

TEST_CASE("review: malformed review events given to add_events are kept but never derived", "[review]") {
    ProgressStore s(":memory:");
    const Identity me = s.identity();
    auto ev = [&](int64_t seq, const char* kind, const std::string& subject, const std::string& payload) {
        return Event{random_id(), seq, me.learner_id, seq << 16, kind, subject, payload, kT0 + seq};
    };
    const std::vector<Event> bad = {
        ev(1, "review.graded", "c#1", R"({"g":9,"doc":"d"})"),
        ev(2, "review.graded", "c#1", R"({"g":"2","doc":"d"})"),
        ev(3, "review.graded", "", R"({"g":2,"doc":"d"})"),
        ev(4, "review.graded", "c#1", "{\"g\":2,"),
        ev(5, "review.undone", "c#1", R"({"device":"x","seq":"1"})"),
    };
    CHECK(s.add_events(bad) == bad.size());
    CHECK(s.review_states().empty());
    CHECK(s.review_log().empty());
    s.rebuild_derived();
    CHECK(s.review_states().empty());
    // A good review beside them is derived as usual.
    CHECK(s.add_events({ev(6, "review.graded", "c#1", R"({"g":3,"doc":"d"})")}) == 1);
    CHECK(show(*s.review_state("c#1")) == show(fold({{3, kT0 + 6}})));
}

TEST_CASE("review: a store of schema 3 upgrades to 4, keeping its events and deriving reviews and notes", "[review][notes]") {
    test::TempDir dir;
    const fs::path file = dir.path() / "p.sqlite";
    const std::string learner = random_id(), device = random_id(), other = random_id(), note_a = random_id(), note_b = random_id();
    auto row = [](const std::string& dev, int64_t seq, int64_t hlc, const char* kind, const std::string& subject,
                  const std::string& payload, int64_t at) {
        return "INSERT INTO events VALUES((SELECT idx FROM devices WHERE uuid = '" + dev + "'), " + std::to_string(seq) + ", 1, " +
               std::to_string(hlc) + ", '" + kind + "', '" + subject + "', '" + payload + "', " + std::to_string(at) + ");";
    };
    {   // Schema 3 as Linli wrote it, with review and note events received from a newer device.
        db::Db db(file, db::Db::ReadWrite);
        db.exec(R"(
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE learners(idx INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
            CREATE TABLE devices(idx INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
            CREATE TABLE events(
                device INTEGER NOT NULL, seq INTEGER NOT NULL, learner INTEGER NOT NULL, hlc INTEGER NOT NULL,
                kind TEXT NOT NULL, subject TEXT NOT NULL, payload TEXT NOT NULL, at INTEGER NOT NULL,
                PRIMARY KEY(device, seq)) WITHOUT ROWID;
            CREATE TABLE doc_progress(doc_id TEXT PRIMARY KEY, first_opened INTEGER NOT NULL, last_opened INTEGER NOT NULL,
                finished_at INTEGER NOT NULL DEFAULT 0, position REAL NOT NULL DEFAULT 0, pos_hlc INTEGER NOT NULL DEFAULT 0,
                pos_device TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
            CREATE INDEX doc_progress_recent ON doc_progress(last_opened);
            CREATE TABLE drill_attempts(id TEXT PRIMARY KEY, drill_id TEXT NOT NULL, started_at INTEGER NOT NULL DEFAULT 0,
                finished_at INTEGER NOT NULL DEFAULT 0, finished_hlc INTEGER NOT NULL DEFAULT 0, ending TEXT NOT NULL DEFAULT '',
                rating TEXT NOT NULL DEFAULT '', final_state TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
            CREATE INDEX drill_attempts_by_drill ON drill_attempts(drill_id, started_at);
            CREATE TABLE drill_choices(attempt_id TEXT NOT NULL, step INTEGER NOT NULL, node TEXT NOT NULL, choice INTEGER NOT NULL,
                chosen_at INTEGER NOT NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL, PRIMARY KEY(attempt_id, step)) WITHOUT ROWID;
            CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL) WITHOUT ROWID;
            PRAGMA user_version = 3;)");
        db.exec("INSERT INTO meta VALUES('learner_id', '" + learner + "'), ('device_id', '" + device + "'), ('hlc', '1000');"
                "INSERT INTO learners VALUES(1, '" + learner + "');"
                "INSERT INTO devices VALUES(1, '" + device + "'), (2, '" + other + "');"
                "INSERT INTO doc_progress(doc_id, first_opened, last_opened) VALUES('pit-a', 100, 100);");
        db.exec(row(device, 1, 10, "doc.opened", "pit-a", "{}", 100) +
                row(other, 1, 20, "review.graded", "pit-a#要点-1", R"({"g":3,"doc":"pit-a"})", kT0) +
                row(other, 2, 30, "review.graded", "pit-a#要点-1", R"({"g":1,"doc":"pit-a"})", kT0 + kDay) +
                row(other, 3, 40, "review.graded", "pit-a#要点-1", R"({"g":4,"doc":"pit-a"})", kT0 + 2 * kDay) +
                row(other, 4, 50, "review.undone", "pit-a#要点-1", R"({"device":")" + other + R"(","seq":3})", kT0 + 2 * kDay) +
                row(other, 5, 60, "note.put", note_a, R"({"doc":"pit-a","block":4,"quote":"种子要去找","text":"好","color":"yellow"})", kT0) +
                row(other, 6, 70, "note.put", note_a, R"({"doc":"pit-a","block":4,"quote":"种子要去找","text":"很好","color":"green"})", kT0 + 9) +
                row(other, 7, 80, "note.put", note_b, R"({"doc":"pit-a","block":1,"quote":"x","text":"","color":"yellow"})", kT0) +
                row(other, 8, 90, "note.deleted", note_b, "{}", kT0 + 1));
    }
    ProgressStore s(file);
    CHECK(s.schema_version() == 4);
    CHECK(s.identity().learner_id == learner);
    CHECK(s.identity().device_id == device);
    CHECK(s.event_count() == 9);
    REQUIRE(s.get("pit-a"));
    CHECK(s.get("pit-a")->first_opened == 100);
    REQUIRE(s.review_state("pit-a#要点-1"));
    CHECK(show(*s.review_state("pit-a#要点-1")) == show(fold({{3, kT0}, {1, kT0 + kDay}})));
    CHECK(s.review_log().size() == 2);
    CHECK(review_text(s) == expected_text(s.events(), learner));
    const auto notes = s.notes();
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] == Note{note_a, "pit-a", 4, "种子要去找", "很好", "green", kT0, kT0 + 9});
    CHECK(s.db().scalar_int("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'events_reviews'") == 1);
    // It goes on as a store of schema 4: this device's next event follows its last.
    s.record_review("pit-a#要点-1", "pit-a", 3, kT0 + 5 * kDay);
    CHECK(s.events().size() == 10);
    CHECK(review_text(s) == expected_text(s.events(), learner));
}

TEST_CASE("review: the events index serves a card's reviews", "[review]") {
    ProgressStore s(":memory:");
    auto st = s.db().prepare(R"(EXPLAIN QUERY PLAN SELECT d.uuid, e.seq, e.hlc, e.payload, e.at FROM events e JOIN devices d ON d.idx = e.device
                                WHERE e.kind = 'review.graded' AND e.learner = ? AND e.subject = ?)");
    std::string plan;
    while (st.step()) plan += std::string(st.text(3)) + "\n";
    INFO(plan);
    CHECK(plan.find("events_reviews") != std::string::npos);
}
