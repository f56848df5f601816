// The drill engine: parsing the format, playing it as a state machine, validation with file:line,
// path enumeration, recording and resuming attempts, and random walks over every bundled drill.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "cases/catalog.h"
#include "cases/drill_check.h"
#include "cases/drill_paths.h"
#include "content/search.h"
#include "content/utf8.h"
#include "core/drill_recorder.h"
#include "test_support.h"

using namespace linli;
using test::fixtures;

namespace {

const Catalog& mini_catalog() {
    static const Catalog c = Catalog::load({fixtures() / "good", fixtures() / "drills"});
    return c;
}

const Drill& mini() {
    const Drill* d = mini_catalog().drill("mini");
    REQUIRE(d != nullptr);
    return *d;
}

int value(const Drill& d, const DrillState& s, const std::string& var) { return s.values[d.var_index(var)]; }

}  // namespace

TEST_CASE("a drill's state, nodes, choices and endings are read from its Markdown") {
    CHECK(mini_catalog().problems.empty());
    const Drill& d = mini();
    REQUIRE(d.vars.size() == 2);
    CHECK(d.vars[0].name == "信任");
    CHECK(d.vars[0].start == 50);
    CHECK(d.vars[1].max == 40);
    CHECK(d.flags == std::vector<std::string>{"已调查"});
    REQUIRE(d.nodes.size() == 6);
    CHECK(d.nodes[0].id == "start");
    CHECK(d.nodes[0].title == "开始");
    CHECK_FALSE(d.opening.empty());
    const Choice& c = d.nodes[0].choices[0];
    CHECK(c.text == "先去了解情况");
    CHECK(c.target == "survey");
    CHECK(c.effects.size() == 1);
    CHECK(c.effects[0].delta == -10);
    CHECK(c.set_flags == std::vector<std::string>{"已调查"});
    CHECK(c.feedback == "先了解再行动。");
    CHECK(c.applies == std::vector<std::string>{"alpha"});
    CHECK(d.nodes[0].choices[1].violates == std::vector<std::string>{"alpha"});
    const DrillNode& meeting = d.nodes[d.find_node("meeting")];
    REQUIRE(meeting.choices[0].conditions.size() == 2);
    CHECK(meeting.choices[0].conditions[0].kind == Condition::FlagSet);
    CHECK(meeting.choices[0].conditions[1].op == CmpOp::Ge);
    const DrillNode& good = d.nodes[d.find_node("good-end")];
    CHECK(good.rating == Rating::Good);
    CHECK_FALSE(good.better.empty());
    CHECK_FALSE(d.kit.empty());
}

TEST_CASE("play is deterministic: choices change state and lead to the next node") {
    const Drill& d = mini();
    DrillSession s(d);
    CHECK(s.node().id == "start");
    CHECK(s.available() == std::vector<int>{0, 1});
    s.choose(0, 100);  // survey: 精力 30 -> 20, flag set
    CHECK(s.node().id == "survey");
    CHECK(value(d, s.state(), "精力") == 20);
    CHECK((s.state().flags & 1) == 1);
    s.choose(1, 101);  // survey again: 精力 10, 信任 55
    s.choose(1, 102);  // and again: 精力 0, 信任 60
    CHECK(value(d, s.state(), "精力") == 0);
    CHECK(s.available() == std::vector<int>{0});  // 精力 >= 10 no longer holds
    CHECK_THROWS_AS(s.choose(1), std::invalid_argument);
    s.choose_shown(1, 103);  // meeting: 信任 70
    CHECK(s.node().id == "meeting");
    CHECK(s.available() == std::vector<int>{0, 1});  // cancelling needs 信任 < 40
    s.choose(0, 104);
    CHECK(s.finished());
    CHECK(s.node().rating == Rating::Good);
    CHECK(value(d, s.state(), "信任") == 90);
    CHECK(s.path() == std::vector<std::string>{"start", "survey", "survey", "survey", "meeting", "good-end"});
    CHECK(s.trajectory().size() == 6);
    CHECK(s.guidelines_violated().empty());

    // The same choices always give the same result.
    DrillSession again(d);
    for (int c : {0, 1, 1, 0, 0}) again.choose(c);
    CHECK(again.state() == s.state());
}

TEST_CASE("effects are clamped to each variable's range") {
    const Drill& d = mini();
    DrillState st = initial_state(d);
    st.values[d.var_index("信任")] = 95;
    st.node = d.find_node("meeting");
    DrillState after = apply_choice(d, st, 0);
    CHECK(value(d, after, "信任") == 100);
}

TEST_CASE("the pitfalls a play hits are the guidelines its choices violate") {
    DrillSession s(mini());
    s.choose(1);  // straight to the meeting: violates alpha
    s.choose(2);  // 信任 30 < 40: cancel
    CHECK(s.node().rating == Rating::Bad);
    CHECK(s.guidelines_violated() == std::vector<std::string>{"alpha"});
}

TEST_CASE("path enumeration counts every ending within the bound") {
    const Drill& d = mini();
    PathStats st = enumerate_paths(d, 12);
    std::map<std::string, uint64_t> by;
    for (const EndingPaths& e : st.endings) by[e.id] += e.paths;
    // start->meeting: fair or bad (信任 30). start->survey->(survey)*k->meeting: good or fair.
    CHECK(by["bad-end"] == 1);
    CHECK(by["good-end"] >= 1);
    CHECK(by["fair-end"] >= 3);
    CHECK(st.total == by["good-end"] + by["fair-end"] + by["bad-end"]);
    CHECK(st.stuck == 0);
    CHECK(st.cut == 0);  // the survey loop ends when 精力 runs out
}

TEST_CASE("every broken drill fixture gives its error at the right line") {
    Catalog c = Catalog::load({fixtures() / "good", fixtures() / "broken-drills"});
    struct Expect {
        const char* file;
        int line;
        const char* words;
    };
    const Expect expected[] = {
        {"bad-target.md", 16, "choice leads to unknown node 'nowhere'"},
        {"unreachable.md", 20, "node 'island' is unreachable"},
        {"dead-end.md", 23, "node 'stuck' has no choices and is not an ending"},
        {"undeclared.md", 17, "effect on undeclared state variable '士气'"},  // the 效果 line itself
        {"never-holds.md", 20, "condition '信任 > 100' can never hold"},  // the 条件 line
        {"no-way-out.md", 23, "node 'loop-a' is in a cycle with no way out"},
        {"no-way-out.md", 29, "node 'loop-b' is in a cycle with no way out"},
        {"bad-guideline.md", 18, "link to unknown document id 'no-such-guideline'"},
        {"bad-guideline.md", 19, "'beta' is a case, not a guideline"},
        {"bad-guideline.md", 25, "is rated 好 on a play that made a choice marked 违背"},
        {"ending-blocked.md", 28, "ending 'end-good' is reached by no play"},
        {"no-feedback.md", 16, "has no feedback"},
        {"no-feedback.md", 16, "cites no guideline"},
    };
    for (const auto& e : expected) {
        INFO(e.file << ":" << e.line << " " << e.words);
        bool found = false;
        for (const Diagnostic& d : c.problems)
            found |= d.path.find(e.file) != std::string::npos && d.line == e.line &&
                     d.severity == Severity::Error && d.message_en.find(e.words) != std::string::npos;
        CHECK(found);
    }
    size_t errors = 0;
    for (const Diagnostic& d : c.problems) errors += d.severity == Severity::Error;
    CHECK(errors == std::size(expected));
}

TEST_CASE("attempts are recorded choice by choice and an unfinished one resumes") {
    test::TempDir dir;
    const Drill& d = mini();
    auto file = dir.path() / "progress.sqlite";
    {
        ProgressStore store(file);
        DrillRecorder rec(&store, d, 1000);
        CHECK_FALSE(rec.resumed());
        rec.choose(0, 1001);
        rec.choose(0, 1002);  // at the meeting now; the app "closes"
    }
    ProgressStore store(file);
    DrillRecorder resumed(&store, d, 2000);
    CHECK(resumed.resumed());
    CHECK(resumed.session().node().id == "meeting");
    CHECK(value(d, resumed.session().state(), "信任") == 60);
    resumed.choose(0, 2001);
    REQUIRE(resumed.session().finished());

    auto attempts = store.attempts("mini");
    REQUIRE(attempts.size() == 1);
    const AttemptRecord& a = attempts[0];
    CHECK(a.finished_at == 2001);
    CHECK(a.ending == "good-end");
    CHECK(a.rating == "good");
    CHECK(a.final_state == "信任=80;精力=20;已调查");
    REQUIRE(a.choices.size() == 3);
    CHECK(a.choices[0].node == "start");
    CHECK(a.choices[0].at == 1001);
    CHECK(a.choices[2].node == "meeting");
    CHECK_FALSE(store.unfinished_attempt("mini").has_value());

    DrillRecorder next(&store, d, 3000);  // a finished attempt is not resumed
    CHECK_FALSE(next.resumed());
    CHECK(store.attempts("mini").size() == 2);
}

TEST_CASE("10,000 random walks across every bundled drill each reach an ending within four steps per node") {
    const Catalog& bundled = [] () -> const Catalog& {
        static const Catalog c = Catalog::load({test::source_dir() / "content", test::source_dir() / "cases"});
        return c;
    }();
    std::vector<const Drill*> drills{&mini()};
    for (const Drill& d : bundled.drills) drills.push_back(&d);
    std::mt19937 rng(20261123);
    int walks = 0, endings = 0;
    for (; walks < 10000; ++walks) {
        const Drill& d = *drills[walks % drills.size()];
        DrillSession s(d);
        int bound = 4 * static_cast<int>(d.nodes.size());  // the node bound: four visits per node at most
        for (int step = 0; step < bound && !s.finished(); ++step) {
            auto avail = s.available();
            REQUIRE_FALSE(avail.empty());  // never stuck
            s.choose(avail[std::uniform_int_distribution<size_t>(0, avail.size() - 1)(rng)]);
        }
        if (!s.finished()) FAIL(d.doc->meta.id << ": a walk did not end within " << bound << " steps");
        endings += s.finished();
    }
    CHECK(endings == 10000);
}

TEST_CASE("search sees a drill's cover, never its answers") {
    const Catalog bundled = Catalog::load({test::source_dir() / "content", test::source_dir() / "cases"}, false);
    REQUIRE(bundled.drills.size() >= 8);
    auto index = SearchIndex::in_memory(bundled.library);
    int checked = 0;
    for (const Drill& d : bundled.drills) {
        const std::string& text = d.doc->searchable();
        INFO(d.doc->meta.id);
        CHECK(text.find(d.nodes.front().title) != std::string::npos);  // the scenes are searchable
        for (const DrillNode& n : d.nodes)
            for (const Choice& c : n.choices) {
                if (c.feedback.size() < 12) continue;
                REQUIRE(text.find(c.feedback) == std::string::npos);
                // A phrase only the feedback holds finds no snippet of this drill showing it.
                size_t end = 0;
                for (int k = 0; k < 6 && end < c.feedback.size(); ++k) utf8::next(c.feedback, end);
                std::string phrase = c.feedback.substr(0, end);
                if (text.find(phrase) != std::string::npos) continue;  // the scene says it too
                ++checked;
                for (const SearchHit& h : index->search(phrase, 30))
                    if (h.id == d.doc->meta.id) CHECK(h.snippet.find(phrase) == std::string::npos);
            }
        CHECK(bundled.drill(d.doc->meta.id) == &d);
    }
    CHECK(checked > 100);
    CHECK(bundled.drill("pit-read-intentions") == nullptr);  // a guideline is not a drill
}
