// The workshop state machine: groups vote on a drill's decisions, votes are corrected until the
// reveal, and the room goes on with the majority (ties broken by the trainer), one group's choice,
// or each group on its own track.
#include <catch2/catch.hpp>

#include "cases/catalog.h"
#include "cases/workshop.h"
#include "test_support.h"

using namespace linli;
using test::fixtures;

namespace {

const Drill& mini() {
    static const Catalog c = Catalog::load({fixtures() / "good", fixtures() / "drills"});
    const Drill* d = c.drill("mini");
    REQUIRE(d != nullptr);
    return *d;
}

std::string node_id(const Workshop& w, int track) { return w.tracks()[size_t(track)].session.node().id; }

}  // namespace

TEST_CASE("a workshop needs 2 to 8 groups with distinct names") {
    CHECK_THROWS_AS(Workshop(mini(), {"第1组"}), std::invalid_argument);
    CHECK_THROWS_AS(Workshop(mini(), {"第1组", "第2组", "第3组", "第4组", "第5组", "第6组", "第7组", "第8组", "第9组"}), std::invalid_argument);
    CHECK_THROWS_AS(Workshop(mini(), {"第1组", "第1组"}), std::invalid_argument);
    CHECK_THROWS_AS(Workshop(mini(), {"第1组", ""}), std::invalid_argument);
    Workshop w(mini(), {"第1组", "第2组"});
    CHECK(w.tracks().size() == 1);
    CHECK(w.tracks()[0].groups == std::vector<int>{0, 1});
}

TEST_CASE("votes are recorded and corrected until the reveal, then final") {
    Workshop w(mini(), {"第1组", "第2组", "第3组"});
    w.vote(0, 1);
    w.vote(1, 2);
    w.vote(1, 1);  // corrected
    CHECK(w.vote_of(1) == 1);
    CHECK_THROWS_AS(w.vote(2, 3), std::invalid_argument);  // the first decision shows two choices
    w.vote(2, 2);
    w.clear_vote(2);
    CHECK(w.vote_of(2) == 0);
    CHECK(w.spread(0) == std::vector<std::vector<int>>{{0, 1}, {}});
    CHECK_THROWS_AS(w.continue_with_majority(0), std::logic_error);  // not revealed yet
    w.reveal(0);
    CHECK_THROWS_AS(w.vote(2, 2), std::logic_error);
    CHECK_THROWS_AS(w.clear_vote(0), std::logic_error);
    w.continue_with_majority(0);
    CHECK(node_id(w, 0) == "survey");
    CHECK(w.vote_of(0) == 0);  // a new decision, new votes
    CHECK_FALSE(w.tracks()[0].revealed);
}

TEST_CASE("a tied majority waits for the trainer to pick one of the tied choices") {
    Workshop w(mini(), {"第1组", "第2组", "第3组", "第4组"});
    w.vote(0, 1), w.vote(1, 1), w.vote(2, 2), w.vote(3, 2);
    w.reveal(0);
    CHECK(w.leaders(0) == std::vector<int>{1, 2});
    CHECK_THROWS_AS(w.continue_with_majority(0), std::invalid_argument);
    CHECK_THROWS_AS(w.continue_with_majority(0, 3), std::invalid_argument);
    w.continue_with_majority(0, 2);
    CHECK(node_id(w, 0) == "meeting");
}

TEST_CASE("the room can go on with one group's choice") {
    Workshop w(mini(), {"第1组", "第2组", "第3组"});
    w.vote(0, 1), w.vote(1, 1), w.vote(2, 2);
    w.reveal(0);
    CHECK_THROWS_AS(w.continue_with_group(0, 5), std::exception);
    w.continue_with_group(0, 2);  // the minority's choice, to discuss where it leads
    CHECK(node_id(w, 0) == "meeting");
    CHECK(w.tracks()[0].groups == std::vector<int>{0, 1, 2});
}

TEST_CASE("in parallel each group goes on its own track from the decision where they split") {
    const Drill& d = mini();
    Workshop w(d, {"第1组", "第2组", "第3组"});
    w.vote(0, 1), w.vote(1, 2);
    w.reveal(0);
    CHECK_THROWS_AS(w.continue_in_parallel(0), std::logic_error);  // 第3组 has not voted
    Workshop split(d, {"第1组", "第2组", "第3组"});
    split.vote(0, 1), split.vote(1, 2), split.vote(2, 1);
    split.reveal(0);
    split.continue_in_parallel(0);
    REQUIRE(split.tracks().size() == 3);
    for (int g = 0; g < 3; ++g) CHECK(split.tracks()[size_t(split.track_of(g))].groups == std::vector<int>{g});
    CHECK(node_id(split, split.track_of(0)) == "survey");
    CHECK(node_id(split, split.track_of(1)) == "meeting");
    CHECK(node_id(split, split.track_of(2)) == "survey");
    // Each track keeps its own meters, and the path they shared.
    const auto& t1 = split.tracks()[size_t(split.track_of(1))].session;
    CHECK(t1.state().values[size_t(d.var_index("信任"))] == 30);
    CHECK(t1.path().front() == "start");
    // A track votes and goes on alone; the workshop ends when every track has.
    int guard = 0;
    while (!split.finished() && ++guard < 50) {
        for (int t = 0; t < int(split.tracks().size()); ++t) {
            if (split.tracks()[size_t(t)].session.finished()) continue;
            int g = split.tracks()[size_t(t)].groups.front();
            split.vote(g, 1);
            split.reveal(t);
            split.continue_with_group(t, g);
        }
    }
    CHECK(split.finished());
    CHECK_THROWS_AS(split.vote(0, 1), std::logic_error);  // its track has ended
    CHECK(split.tracks()[size_t(split.track_of(0))].session.rating() == Rating::Good);
}
