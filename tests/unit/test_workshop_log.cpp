// A workshop saved as events: every action lands in the progress store, syncs through the shared
// file like any progress, and a workshop interrupted mid-way resumes where it stopped.
#include <catch2/catch.hpp>

#include "cases/catalog.h"
#include "core/workshop_log.h"
#include "sync/ids.h"
#include "sync/progress_store.h"
#include "sync/syncer.h"
#include "test_support.h"

using namespace linli;
using test::fixtures;

namespace {

const Catalog& catalog() {
    static const Catalog c = Catalog::load({fixtures() / "good", fixtures() / "drills"});
    return c;
}

WorkshopLog::Sink into(ProgressStore& store) {
    return [&store](const char* kind, const std::string& id, std::string payload, int64_t at) {
        store.record_workshop(kind, id, payload, at);
    };
}

WorkshopSetup setup_for(const std::string& drill) {
    return {random_id(), drill, {"第1组", "第2组", "第3组", "第4组"}, 5, true, 1000};
}

}  // namespace

TEST_CASE("a workshop's actions are saved as events and replay to the same state") {
    test::TempDir dir;
    const Drill& d = *catalog().drill("two-round");
    WorkshopSetup setup = setup_for("two-round");
    std::string id = setup.id;
    {
        ProgressStore store(dir.path() / "p.sqlite");
        WorkshopLog log(into(store), setup);
        log.started();
        Workshop w(d, setup.groups, setup.started);
        w.vote(0, 2, 1001), w.vote(1, 2, 1002), w.vote(2, 1, 1003), w.vote(3, 2, 1004);
        w.reveal(0, 1010);
        w.continue_with_majority(0, 0, 1011);  // 花园
        w.vote(0, 1, 1020), w.vote(1, 2, 1021);
        w.note(0, "第2组想要儿童角", true, 1022);
        log.flush(w);
        log.flush(w);  // nothing new: nothing twice
        CHECK(store.workshop_events(id).size() == 1 + w.actions().size());
        CHECK(store.open_workshop() == id);
        // The lid closes here; the store is all that is left.
    }
    ProgressStore store(dir.path() / "p.sqlite");
    auto saved = read_saved(store.workshop_events(id));
    REQUIRE(saved);
    CHECK(saved->setup.drill == "two-round");
    CHECK(saved->setup.groups.size() == 4);
    CHECK(saved->setup.minutes == 5);
    CHECK(saved->setup.exam);
    CHECK_FALSE(saved->closed);
    size_t applied = 0;
    auto w = resume(d, *saved, &applied);
    CHECK(applied == saved->actions.size());
    CHECK(w->tracks()[0].direction == "花园");
    CHECK(w->vote_of(0) == 1);
    CHECK(w->vote_of(1) == 2);
    CHECK(w->vote_of(2) == 0);
    REQUIRE(w->notes().size() == 1);
    CHECK(w->notes()[0].text == "第2组想要儿童角");
    CHECK(w->decision_began() == 1011);
    // Going on after the resume continues the numbering: the saved actions stay one sequence.
    WorkshopLog log(into(store), saved->setup, w->actions().size());
    w->vote(2, 2, 1030);
    log.flush(*w);
    auto again = read_saved(store.workshop_events(id));
    REQUIRE(again);
    CHECK(again->actions.size() == saved->actions.size() + 1);
    log.closed(1040);
    CHECK_FALSE(store.open_workshop());
    CHECK(read_saved(store.workshop_events(id))->closed);
}

TEST_CASE("a workshop syncs through the shared file and resumes on another laptop") {
    test::TempDir dir;
    const Drill& d = *catalog().drill("mini");
    WorkshopSetup setup = setup_for("mini");
    ProgressStore a(dir.path() / "a.sqlite"), b(dir.path() / "b.sqlite");
    b.adopt_learner(a.identity().learner_id);  // the same trainer on a second laptop
    WorkshopLog log(into(a), setup);
    log.started();
    Workshop w(d, setup.groups, setup.started);
    w.vote(0, 1), w.vote(1, 2), w.vote(2, 1), w.vote(3, 2);
    w.reveal(0);
    w.continue_in_parallel(0);
    log.flush(w);
    REQUIRE(sync_shared(a, dir.path() / "shared.linli").status == SyncReport::Ok);
    REQUIRE(sync_shared(b, dir.path() / "shared.linli").status == SyncReport::Ok);
    CHECK(b.open_workshop() == setup.id);
    auto saved = read_saved(b.workshop_events(setup.id));
    REQUIRE(saved);
    auto resumed = resume(d, *saved);
    REQUIRE(resumed->tracks().size() == 4);
    for (int g = 0; g < 4; ++g)
        CHECK(resumed->tracks()[size_t(resumed->track_of(g))].session.path() == w.tracks()[size_t(w.track_of(g))].session.path());
}

TEST_CASE("damaged workshop events are left out, and a resume stops at the first that does not fit") {
    const Drill& d = *catalog().drill("mini");
    std::string id = random_id();
    auto ev = [&](const char* kind, std::string payload, int64_t seq) {
        return Event{std::string(32, 'a'), seq, std::string(32, 'b'), seq, kind, id, std::move(payload), 1000 + seq};
    };
    std::vector<Event> events = {
        ev(event_kind::kWorkshopStarted, R"({"drill":"mini","groups":["甲","乙"],"minutes":900})", 1),
        ev(event_kind::kWorkshopAction, R"({"n":0,"a":"vote","g":0,"v":1})", 2),
        ev(event_kind::kWorkshopAction, R"({"n":1,"a":"explode"})", 3),        // unknown action
        ev(event_kind::kWorkshopAction, R"(not json)", 4),
        ev(event_kind::kWorkshopAction, R"({"n":0,"a":"vote","g":0,"v":1})", 5),  // the same, twice
        ev(event_kind::kWorkshopAction, R"({"n":1,"a":"vote","g":7,"v":1})", 6),  // no such group
        ev(event_kind::kWorkshopAction, R"({"n":2,"a":"vote","g":1,"v":2})", 7),
    };
    auto saved = read_saved(events);
    REQUIRE(saved);
    CHECK(saved->setup.minutes == 60);  // clamped
    CHECK(saved->actions.size() == 3);
    size_t applied = 0;
    auto w = resume(d, *saved, &applied);
    CHECK(applied == 1);  // the vote of group 7 stops the replay
    CHECK(w->vote_of(0) == 1);
    CHECK(w->vote_of(1) == 0);
    CHECK_FALSE(read_saved({ev(event_kind::kWorkshopStarted, R"({"drill":1})", 1)}));
    CHECK_FALSE(read_saved({ev(event_kind::kWorkshopStarted, R"({"drill":"mini","groups":["甲"]})", 1)}));
    CHECK_FALSE(read_saved({ev(event_kind::kWorkshopStarted, R"({"drill":"mini","groups":["甲","甲"]})", 1)}));
    test::TempDir dir;
    ProgressStore store(dir.path() / "p.sqlite");
    CHECK_THROWS_AS(store.record_workshop(event_kind::kWorkshopClosed, "../../etc", "{}", 0), std::invalid_argument);
}
