// The cohort generator (bench/cohort_gen.h): the same seed gives the same file, every drill choice
// is one the drill has, the file opens and holds what the generator says, and every rating occurs.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cases/catalog.h"
#include "cohort_gen.h"
#include "sync/ids.h"
#include "sync/keys.h"
#include "sync/shared_file.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;

namespace {

const Catalog& bundled() {
    static const Catalog c = Catalog::load({test::source_dir() / "content", test::source_dir() / "cases"}, false);
    return c;
}

std::vector<Event> read_events(const fs::path& file, const fs::path& scratch, int64_t* count = nullptr) {
    auto snap = SharedSnapshot::open(file, scratch);
    if (count) *count = snap->event_count();
    std::vector<Event> out;
    snap->each_event([&](const EventView& v) {
        out.push_back({std::string(v.device), v.seq, std::string(v.learner), v.hlc, std::string(v.kind), std::string(v.subject),
                       std::string(v.payload), v.at});
        return true;
    });
    return out;
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("cohort generator: deterministic, real drill paths, a valid shared file", "[cohort_gen]") {
    const Catalog& cat = bundled();
    REQUIRE(!cat.drills.empty());
    test::TempDir dir;
    CohortSpec spec;
    spec.learners = 30;
    spec.attempts_per_learner = 8;
    spec.docs_per_learner = 6;
    spec.seed = 7;
    const fs::path a = dir.path() / "a.sqlite", b = dir.path() / "b.sqlite", c = dir.path() / "c.sqlite";
    const fs::path scratch = dir.path() / "scratch";
    CohortStats sa = generate_cohort(cat, spec, a, scratch);
    CohortStats sb = generate_cohort(cat, spec, b, scratch);
    spec.seed = 8;
    CohortStats sc = generate_cohort(cat, spec, c, scratch);

    int64_t count = 0;
    const std::vector<Event> ea = read_events(a, scratch, &count), eb = read_events(b, scratch), ec = read_events(c, scratch);

    SECTION("the same seed gives the same events (and the same bytes); another seed does not") {
        CHECK(sa.events == sb.events);
        CHECK(sa.attempts == sb.attempts);
        CHECK(ea == eb);
        CHECK(read_bytes(a) == read_bytes(b));
        CHECK(ea != ec);
        CHECK(sc.learners == 30);
    }

    SECTION("the file holds what the generator says; the scratch store is gone") {
        CHECK(count == sa.events);
        CHECK(int64_t(ea.size()) == sa.events);
        CHECK(sa.learners == 30);
        CHECK(fs::is_empty(scratch));
        std::set<std::string> learners;
        for (const Event& e : ea) learners.insert(e.learner);
        CHECK(learners.size() == 30);
    }

    SECTION("ids, seq and clocks per device are as the app writes them; every learner has a profile") {
        std::map<std::string, std::pair<int64_t, int64_t>> last;  // device -> seq, hlc
        std::map<std::string, std::set<std::string>> devices;
        std::map<std::string, std::string> names, cohorts;
        for (const Event& e : ea) {
            REQUIRE(is_id(e.device));
            REQUIRE(is_id(e.learner));
            auto& [seq, hlc] = last[e.device];
            CHECK(e.seq == seq + 1);
            CHECK(e.hlc > hlc);
            seq = e.seq;
            hlc = e.hlc;
            devices[e.learner].insert(e.device);
            CHECK(e.at >= spec.start);
            CHECK(e.at < spec.start + int64_t(spec.days + 2) * 86400);
            if (e.kind == event_kind::kSetting) {
                auto v = nlohmann::json::parse(e.payload).at("value").get<std::string>();
                if (e.subject == setting_key::kProfileName) names[e.learner] = v;
                if (e.subject == setting_key::kProfileCohort) cohorts[e.learner] = v;
            }
        }
        CHECK(names.size() == 30);
        CHECK(cohorts.size() == 30);
        for (const auto& [learner, cohort] : cohorts)
            CHECK(std::find(spec.cohorts.begin(), spec.cohorts.end(), cohort) != spec.cohorts.end());
        for (const auto& [learner, devs] : devices) CHECK((devs.size() == 1 || devs.size() == 2));
    }

    SECTION("every choice names a node of its drill and a choice it has; endings and ratings are real") {
        std::map<std::string, int> next_step;  // attempt -> its next step
        std::set<std::string> ratings, started;
        int choices = 0, finished = 0;
        for (const Event& e : ea) {
            if (e.kind == event_kind::kDrillStarted) {
                started.insert(e.subject);
                REQUIRE(cat.drill(nlohmann::json::parse(e.payload).at("drill").get<std::string>()));
            } else if (e.kind == event_kind::kDrillChoice) {
                ++choices;
                auto p = nlohmann::json::parse(e.payload);
                REQUIRE(p.size() == 4);
                const Drill* d = cat.drill(p.at("drill").get<std::string>());
                REQUIRE(d);
                int node = d->find_node(p.at("node").get<std::string>());
                REQUIRE(node >= 0);
                int choice = p.at("choice").get<int>();
                CHECK(choice >= 0);
                CHECK(choice < int(d->nodes[size_t(node)].choices.size()));
                CHECK(started.count(e.subject));
                CHECK(p.at("step").get<int>() == next_step[e.subject]++);
            } else if (e.kind == event_kind::kDrillFinished) {
                ++finished;
                auto p = nlohmann::json::parse(e.payload);
                REQUIRE(p.size() == 4);
                const Drill* d = cat.drill(p.at("drill").get<std::string>());
                REQUIRE(d);
                int node = d->find_node(p.at("ending").get<std::string>());
                REQUIRE(node >= 0);
                CHECK(d->nodes[size_t(node)].is_ending());
                ratings.insert(p.at("rating").get<std::string>());
                CHECK(p.at("state").is_string());
            }
        }
        CHECK(int(started.size()) == sa.attempts);
        CHECK(sa.attempts == 30 * 8);
        CHECK(choices > sa.attempts);
        CHECK(ratings == std::set<std::string>{"bad", "fair", "good"});
        // Most attempts finish; some are left part-way.
        CHECK(finished < sa.attempts);
        CHECK(finished > sa.attempts * 3 / 4);
    }
}
