// The workshop state machine: groups vote on a drill's decisions, votes are corrected until the
// reveal, and the room goes on with the majority (ties broken by the trainer), one group's choice,
// or each group on its own track.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "cases/catalog.h"
#include "cases/workshop.h"
#include "cases/workshop_debrief.h"
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

namespace {

const Drill& two_round() {
    static const Catalog c = Catalog::load({fixtures() / "good", fixtures() / "drills"});
    const Drill* d = c.drill("two-round");
    REQUIRE(d != nullptr);
    return *d;
}

}  // namespace

TEST_CASE("a two-round node is voted on by direction first, then on the options within it") {
    Workshop w(two_round(), {"第1组", "第2组", "第3组"}, 100);
    Ballot b = w.ballot(0);
    CHECK(b.round == Round::Direction);
    CHECK(b.labels == std::vector<std::string>{"垃圾房", "花园"});
    CHECK_THROWS_AS(w.vote(0, 3), std::invalid_argument);  // two directions only
    w.vote(0, 2, 110), w.vote(1, 2, 111), w.vote(2, 1, 112);
    w.reveal(0, 120);
    w.continue_with_majority(0, 0, 130);
    CHECK(w.tracks()[0].direction == "花园");
    CHECK(w.tracks()[0].session.node().id == "start");  // still at the node: now its options
    b = w.ballot(0);
    CHECK(b.round == Round::Option);
    CHECK(b.choices == std::vector<int>{1, 2});  // within 花园, numbered 1 and 2
    CHECK(w.decision_began() == 130);
    w.vote(0, 2, 140), w.vote(1, 1, 141), w.vote(2, 2, 142);
    w.reveal(0, 150);
    w.continue_with_majority(0, 0, 160);
    CHECK(w.tracks()[0].session.node().id == "publish");
    CHECK(w.tracks()[0].session.steps().back().choice == 2);  // the node's third choice
    CHECK(w.tracks()[0].direction.empty());
    REQUIRE(w.decisions().size() == 2);
    CHECK(w.decisions()[0].round == Round::Direction);
    CHECK(w.decisions()[0].split());
    CHECK(w.decisions()[0].votes == std::vector<int>{2, 2, 1});
    CHECK(w.decisions()[1].began == 130);
    CHECK(w.decisions()[1].decided == 160);
}

TEST_CASE("a direction with one option takes it as soon as the direction is chosen") {
    Workshop w(two_round(), {"第1组", "第2组"});
    w.vote(0, 1), w.vote(1, 1);
    w.reveal(0);
    w.continue_with_majority(0);
    CHECK(w.tracks()[0].session.finished());  // 垃圾房 has one option: straight to its ending
    CHECK(w.tracks()[0].session.node().id == "bad-end");
}

TEST_CASE("a parallel split at a direction ballot gives each group its own direction") {
    Workshop w(two_round(), {"第1组", "第2组"});
    w.vote(0, 1), w.vote(1, 2);
    w.reveal(0);
    w.continue_in_parallel(0);
    CHECK(w.tracks()[size_t(w.track_of(0))].session.node().id == "bad-end");
    CHECK(w.tracks()[size_t(w.track_of(1))].direction == "花园");
    CHECK(w.ballot(w.track_of(1)).labels.size() == 2);
}

TEST_CASE("replaying a workshop's actions resumes it exactly where it stopped") {
    const Drill& d = mini();
    Workshop w(d, {"第1组", "第2组", "第3组"}, 1000);
    w.vote(0, 1, 1001), w.vote(1, 2, 1002), w.vote(1, 1, 1003), w.vote(2, 2, 1004);
    w.extend(60, 1005);
    w.reveal(0, 1010);
    w.note(0, "第3组想先开会：复盘时讨论", true, 1011);
    w.continue_in_parallel(0, 1020);
    w.vote(2, 1, 1030);  // 第3组, now on its own track at 开会
    Workshop again(d, {"第1组", "第2组", "第3组"}, 1000);
    for (const WorkshopAction& a : w.actions()) again.apply(a);
    REQUIRE(again.tracks().size() == w.tracks().size());
    for (size_t t = 0; t < w.tracks().size(); ++t) {
        CHECK(again.tracks()[t].groups == w.tracks()[t].groups);
        CHECK(again.tracks()[t].session.state() == w.tracks()[t].session.state());
        CHECK(again.tracks()[t].session.path() == w.tracks()[t].session.path());
    }
    for (int g = 0; g < 3; ++g) CHECK(again.vote_of(g) == w.vote_of(g));
    CHECK(again.vote_of(2) == 1);
    REQUIRE(again.notes().size() == 1);
    CHECK(again.notes()[0].discuss);
    CHECK(again.notes()[0].node == d.find_node("start"));
    CHECK(again.decision_began() == 1020);
    CHECK(again.extra_seconds() == 0);  // the added minute was for the decision before
    CHECK(again.decisions().size() == 1);
    CHECK(again.actions().size() == w.actions().size());
    // An action that does not fit (here: a vote after the reveal) is refused, not half applied.
    Workshop other(d, {"第1组", "第2组"});
    other.apply({WorkshopAction::Reveal, 0});
    CHECK_THROWS_AS(other.apply({WorkshopAction::Vote, -1, 0, 1}), std::logic_error);
    CHECK_THROWS_AS(other.apply({WorkshopAction::Vote, -1, 9, 1}), std::invalid_argument);
}

TEST_CASE("a long note is cut at a character boundary") {
    Workshop w(mini(), {"第1组", "第2组"});
    std::string long_text;
    while (long_text.size() < 2 * Workshop::kMaxNote) long_text += "议";
    w.note(0, long_text, false);
    const std::string& kept = w.notes()[0].text;
    CHECK(kept.size() <= Workshop::kMaxNote);
    CHECK(kept.size() % 3 == 0);  // whole characters of 3 bytes each
}

TEST_CASE("lint: a two-round node gives every choice a direction, and has two directions at least") {
    test::TempDir dir;
    std::string text;
    {
        std::ifstream in(fixtures() / "drills" / "two-round.md", std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto lint = [&](const std::string& drill) {
        dir.write("two-round.md", drill);
        Catalog c = Catalog::load({fixtures() / "good", dir.path()});
        std::vector<std::string> messages;
        for (const Diagnostic& d : c.problems) messages.push_back(std::to_string(d.line) + " " + d.message);
        return messages;
    };
    CHECK(lint(text).empty());
    std::string mixed = text;  // the third choice loses its direction
    size_t third = mixed.find("3. [花园加儿童角]");
    mixed.erase(mixed.find("   - 方向：花园\n", third), std::string("   - 方向：花园\n").size());
    auto m = lint(mixed);
    REQUIRE(m.size() == 1);
    int line = int(std::count(mixed.begin(), mixed.begin() + long(third), '\n')) + 1;
    CHECK(m[0].rfind(std::to_string(line) + " ", 0) == 0);  // the choice without a direction
    CHECK(m[0].find("也要写「- 方向") != std::string::npos);
    std::string one = text;
    one.replace(one.find("方向：垃圾房"), std::string("方向：垃圾房").size(), "方向：花园");
    m = lint(one);
    INFO(m.size());
    CHECK(std::any_of(m.begin(), m.end(), [](const std::string& s) { return s.find("只有一个方向") != std::string::npos; }));
}

TEST_CASE("the debrief tells each group's path, pitfalls and where it left the best path") {
    const Drill& d = mini();
    const Catalog& c = [] () -> const Catalog& {
        static const Catalog cat = Catalog::load({fixtures() / "good", fixtures() / "drills"});
        return cat;
    }();
    Workshop w(d, {"第1组", "第2组", "第3组"}, 1000);
    w.vote(0, 1, 1010), w.vote(1, 2, 1011), w.vote(2, 1, 1012);
    w.reveal(0, 1020);
    w.note(0, "第2组想直接开会", true, 1021);
    w.note(0, "时间控制得好", false, 1022);
    w.continue_in_parallel(0, 1030);
    // 第1组 and 第3组 surveyed; 第1组 goes on to the good ending, 第3组 stops before its end.
    w.vote(0, 1, 1040), w.reveal(w.track_of(0), 1041), w.continue_with_majority(w.track_of(0), 0, 1042);  // 开会 (+10)
    w.vote(0, 1, 1050), w.reveal(w.track_of(0), 1051), w.continue_with_majority(w.track_of(0), 0, 1052);  // 居民做主
    w.vote(1, 1, 1060), w.reveal(w.track_of(1), 1061), w.continue_with_majority(w.track_of(1), 0, 1062);  // 由你来定 (shown first)
    WorkshopDebrief db = make_debrief(w, c.library, 2000);
    REQUIRE(db.per_group.size() == 3);
    const GroupDebrief &g1 = db.per_group[0], &g2 = db.per_group[1], &g3 = db.per_group[2];
    CHECK(g1.ended);
    CHECK(g1.rating == Rating::Good);
    CHECK(g1.left_best == -1);
    CHECK(g1.pitfalls.empty());
    REQUIRE(g1.steps.size() == 3);
    CHECK(g1.steps[0].node_title == "开始");
    CHECK(g1.steps[1].meters[size_t(d.var_index("信任"))] == 60);
    CHECK(g1.start_meters[size_t(d.var_index("信任"))] == 50);
    // 第2组 went straight to the meeting: from there trust 30 can never make 60 — it left at step 0.
    CHECK(g2.rating == Rating::Fair);
    CHECK(g2.left_best == 0);
    CHECK(g2.steps[0].pitfall);
    CHECK(g2.steps[0].feedback == "太急了。");
    CHECK(g2.pitfalls == std::vector<std::string>{c.library.find("alpha")->meta.title});
    CHECK_FALSE(g3.ended);
    CHECK(g3.left_best == -1);  // it can still get there
    CHECK_FALSE(db.finished);
    REQUIRE_FALSE(db.decisions.empty());
    CHECK(db.decisions[0].split);
    CHECK(db.decisions[0].voters[0] == std::vector<std::string>{"第1组", "第3组"});
    CHECK(db.decisions[0].how.find("parallel") != std::string::npos);
    CHECK(db.decisions[0].seconds == 30);
    CHECK(db.splits().size() == 1);
    REQUIRE(db.notes.size() == 2);
    CHECK(db.notes[0].discuss);
    CHECK(db.notes[0].groups == "第1组、第2组、第3组");  // the room was one track when it was written
    CHECK(db.notes[0].where == "开始");
    CHECK_FALSE(db.better.empty());  // the reached endings' 更好的做法
    CHECK(db.started == 1000);
    CHECK(db.ended == 2000);
}

TEST_CASE("a good ending's reachability is found, kept for the next search, or said to be unknown past the cap") {
    const Drill& d = mini();
    DrillState s = initial_state(d);
    bool complete = false;
    GoodEndingSearch search(d);
    CHECK(search.reachable(s, &complete));
    CHECK(complete);
    DrillState hurt = apply_choice(d, s, 1);  // straight to the meeting: trust 30
    CHECK_FALSE(search.reachable(hurt, &complete));
    CHECK(complete);
    CHECK(search.reachable(apply_choice(d, s, 0)));  // surveyed first: on the found path
    CHECK_FALSE(search.reachable(hurt));              // proven before: the same answer
    GoodEndingSearch small(d, 1);
    CHECK_FALSE(small.reachable(s, &complete));  // cut short: not known
    CHECK_FALSE(complete);
}
