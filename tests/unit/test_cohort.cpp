// The cohort report: learners' rows, each drill's item analysis (first attempts apart from later
// ones), endings and pitfalls, gone-quiet learners, weekly activity, filters, pseudonyms, and the
// three export forms — on a small cohort whose answers are known, in memory and through a real
// shared file.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cases/catalog.h"
#include "core/cohort.h"
#include "core/cohort_export.h"
#include "sync/ids.h"
#include "sync/progress_store.h"
#include "sync/shared_file.h"
#include "test_support.h"

using namespace linli;
using test::fixtures;

namespace {

const Catalog& catalog() {
    static const Catalog c = Catalog::load({fixtures() / "good", fixtures() / "drills"});
    return c;
}

constexpr int64_t kDay = 86400;
const int64_t kMonday = *parse_cst_date("2026-11-02");  // a Monday, 00:00 China Standard Time
const std::string kA(32, 'a'), kB(32, 'b'), kC(32, 'c');

// Events as devices record them: one device per learner here, seq and clock counting up.
struct Cohort {
    std::vector<Event> events;
    std::map<std::string, int64_t> seqs;
    int64_t clock = 1;
    void add(const std::string& learner, const char* kind, const std::string& subject, const std::string& payload, int64_t at) {
        std::string device = learner.substr(0, 31) + "d";
        events.push_back({device, ++seqs[device], learner, clock++, kind, subject, payload, at});
    }
    void profile(const std::string& l, const char* key, const std::string& value, int64_t at) {
        add(l, event_kind::kSetting, key, nlohmann::json{{"value", value}}.dump(), at);
    }
    // An attempt at the mini drill: its choices (node, choice index), finished at `ending` if any.
    void attempt(const std::string& l, const std::string& id, int64_t at, std::vector<std::pair<std::string, int>> steps,
                 const std::string& ending = "", const std::string& rating = "") {
        add(l, event_kind::kDrillStarted, id, R"({"drill":"mini"})", at);
        for (size_t i = 0; i < steps.size(); ++i)
            add(l, event_kind::kDrillChoice, id,
                nlohmann::json{{"drill", "mini"}, {"step", i}, {"node", steps[i].first}, {"choice", steps[i].second}}.dump(), at + 60 * int64_t(i + 1));
        if (!ending.empty())
            add(l, event_kind::kDrillFinished, id, nlohmann::json{{"drill", "mini"}, {"ending", ending}, {"rating", rating}, {"state", ""}}.dump(),
                at + 600);
    }
    EventFeed feed() const {
        return [this](const std::function<bool(const EventView&)>& fn) {
            for (const Event& e : events)
                if (!fn({e.learner, e.device, e.kind, e.subject, e.payload, e.seq, e.hlc, e.at})) return;
        };
    }
};

// 张三 (甲班): alpha read twice, beta opened; two attempts at mini, both finished. 李四 (乙班): one
// unfinished attempt. The third learner has no profile and was last seen 40 days before "now".
Cohort known_cohort() {
    Cohort c;
    c.profile(kA, "profile.name", "旧名字", kMonday);
    c.profile(kA, "profile.name", "张三", kMonday + 1);  // the later one stands
    c.profile(kA, "profile.cohort", "甲班", kMonday + 1);
    c.add(kA, event_kind::kDocOpened, "alpha", "{}", kMonday + 3600);
    c.add(kA, event_kind::kDocFinished, "alpha", "{}", kMonday + 3700);
    c.add(kA, event_kind::kDocFinished, "alpha", "{}", kMonday + 2 * kDay);
    c.add(kA, event_kind::kDocOpened, "beta", "{}", kMonday + 2 * kDay);
    c.attempt(kA, std::string(32, '1'), kMonday + kDay, {{"start", 0}, {"survey", 0}, {"meeting", 1}}, "fair-end", "fair");
    c.attempt(kA, std::string(32, '2'), kMonday + 9 * kDay, {{"start", 1}, {"meeting", 2}}, "bad-end", "bad");
    c.profile(kB, "profile.name", "李四", kMonday);
    c.profile(kB, "profile.cohort", "乙班", kMonday);
    c.attempt(kB, std::string(32, '3'), kMonday + 2 * kDay, {{"start", 0}, {"survey", 1}});
    c.add(kC, event_kind::kDocOpened, "beta", "{}", kMonday + 10 * kDay - 40 * kDay);
    return c;
}

CohortFilter at_day(int day) {
    CohortFilter f;
    f.now = kMonday + day * kDay;
    return f;
}

const LearnerRow& row(const CohortReport& r, const std::string& id) {
    for (const LearnerRow& l : r.learners)
        if (l.id == id) return l;
    FAIL("no learner " << id);
    throw;
}

}  // namespace

TEST_CASE("cohort: each learner's row from their events") {
    Cohort c = known_cohort();
    CohortReport r = build_cohort_report(c.feed(), catalog(), at_day(10));
    REQUIRE(r.learners.size() == 3);
    CHECK(r.events_read == int64_t(c.events.size()));
    // Named learners first, by name; the unnamed after them.
    CHECK(r.learners[0].name == "张三");
    CHECK(r.learners[1].name == "李四");
    CHECK(r.learners[2].name.empty());
    const LearnerRow& a = row(r, kA);
    CHECK(a.cohort == "甲班");
    CHECK(a.guidelines_read == 1);  // alpha, read twice, counts once
    CHECK(a.docs_read == 1);        // beta was opened, not finished
    CHECK(a.drills_attempted == 1);
    CHECK(a.attempts == 2);
    CHECK(a.attempts_finished == 2);
    REQUIRE(a.best.size() == 1);
    CHECK(a.best[0].ending_id == "fair-end");  // fair beats bad
    CHECK(a.best[0].rating == "fair");
    CHECK(a.best[0].ending_title == "结局：勉强");
    CHECK(a.first_active == kMonday + 3600);  // the profile is not activity; the first reading is
    CHECK(a.last_active == kMonday + 9 * kDay + 600);
    CHECK_FALSE(a.quiet);
    const LearnerRow& b = row(r, kB);
    CHECK(b.attempts == 1);
    CHECK(b.attempts_finished == 0);
    REQUIRE(b.best.size() == 1);
    CHECK(b.best[0].rating.empty());
    CHECK_FALSE(b.quiet);  // 8 days
    CHECK(row(r, kC).quiet);  // 40 days
    CHECK(r.cohorts == std::vector<std::string>{"乙班", "甲班"});
}

TEST_CASE("cohort: gone quiet after the configured days") {
    Cohort c = known_cohort();
    CohortFilter f = at_day(10);
    f.quiet_days = 7;  // 李四's last activity was 8 days ago
    CHECK(row(build_cohort_report(c.feed(), catalog(), f), kB).quiet);
    f.quiet_days = 9;
    CHECK_FALSE(row(build_cohort_report(c.feed(), catalog(), f), kB).quiet);
}

TEST_CASE("cohort: a drill's item analysis counts first attempts apart from later ones") {
    Cohort c = known_cohort();
    CohortReport r = build_cohort_report(c.feed(), catalog(), at_day(10));
    REQUIRE(r.drills.size() == 1);
    const DrillAnalysis& d = r.drills[0];
    CHECK(d.drill_id == "mini");
    CHECK(d.learners == 2);
    CHECK(d.attempts == 3);
    CHECK(d.finished == 2);
    CHECK(d.unknown_choices == 0);
    // Play order: start (depth 0), then survey and meeting (depth 1), in file order.
    REQUIRE(d.nodes.size() == 3);
    CHECK(d.nodes[0].node_id == "start");
    CHECK(d.nodes[1].node_id == "survey");
    CHECK(d.nodes[2].node_id == "meeting");
    CHECK(d.nodes[0].depth == 0);
    CHECK(d.nodes[2].depth == 1);
    const NodeTally& start = d.nodes[0];
    REQUIRE(start.choices.size() == 2);
    CHECK(start.choices[0].first == 2);  // 张三's first attempt and 李四's
    CHECK(start.choices[0].later == 0);
    CHECK(start.choices[1].first == 0);
    CHECK(start.choices[1].later == 1);  // 张三's second
    CHECK_FALSE(start.choices[0].violates);
    CHECK(start.choices[1].violates);
    CHECK(start.choices[0].label == "先去了解情况");
    CHECK(d.nodes[1].choices[0].first == 1);
    CHECK(d.nodes[1].choices[1].first == 1);
    CHECK(d.nodes[2].choices[1].first == 1);
    CHECK(d.nodes[2].choices[2].later == 1);
    CHECK(d.nodes[2].total() == 2);
    // Endings by count, then pitfalls: start 2 (once), meeting 2 and 3 (once each) 违背 alpha.
    REQUIRE(d.endings.size() == 2);
    CHECK(d.endings[0].count == 1);
    CHECK(d.endings[1].count == 1);
    CHECK((d.endings[0].rating == "bad" || d.endings[0].rating == "fair"));
    REQUIRE(d.pitfalls.size() == 1);
    CHECK(d.pitfalls[0].guideline_id == "alpha");
    CHECK(d.pitfalls[0].title == "物业沟通的第一步");
    CHECK(d.pitfalls[0].count == 3);
}

TEST_CASE("cohort: the first attempt is the one started first, whatever the events' order") {
    Cohort c = known_cohort();
    std::reverse(c.events.begin(), c.events.end());
    const NodeTally& start = build_cohort_report(c.feed(), catalog(), at_day(10)).drills[0].nodes[0];
    CHECK(start.choices[0].first == 2);
    CHECK(start.choices[1].later == 1);
}

TEST_CASE("cohort: a choice the drill no longer has is counted apart") {
    Cohort c = known_cohort();
    c.attempt(kB, std::string(32, '4'), kMonday + 3 * kDay, {{"gone-node", 0}, {"start", 7}});
    const DrillAnalysis d = build_cohort_report(c.feed(), catalog(), at_day(10)).drills[0];
    CHECK(d.unknown_choices == 2);
    CHECK(d.attempts == 4);
}

TEST_CASE("cohort: filters by cohort and by date") {
    Cohort c = known_cohort();
    CohortFilter f = at_day(10);
    f.cohort = "甲班";
    CohortReport r = build_cohort_report(c.feed(), catalog(), f);
    REQUIRE(r.learners.size() == 1);
    CHECK(r.learners[0].name == "张三");
    CHECK(r.drills[0].learners == 1);
    CHECK(r.drills[0].attempts == 2);
    CHECK(r.cohorts.size() == 2);  // the filter lists every cohort, not only the chosen one

    f = at_day(10);
    f.since = kMonday + 5 * kDay;  // only 张三's second attempt is after it
    r = build_cohort_report(c.feed(), catalog(), f);
    CHECK(row(r, kA).attempts == 1);
    CHECK(row(r, kA).guidelines_read == 0);
    CHECK(r.drills[0].nodes[0].choices[1].first == 1);  // within the range it is the first
    CHECK(r.learners.size() == 2);  // 李四 has a profile but no activity in the range
    CHECK(row(r, kB).attempts == 0);
}

TEST_CASE("cohort: weekly activity, new learners and those gone quiet") {
    CHECK(week_start(kMonday) == kMonday);
    CHECK(week_start(kMonday + 6 * kDay + 86399) == kMonday);
    CHECK(week_start(kMonday - 1) == kMonday - 7 * kDay);
    CHECK(week_start(*parse_cst_date("2026-12-02") + 10 * 3600) == *parse_cst_date("2026-11-30"));
    Cohort c = known_cohort();
    CohortReport r = build_cohort_report(c.feed(), catalog(), at_day(10));
    // From the third learner's week (30 days before: the Monday 35 days before) to this one, every
    // week listed.
    REQUIRE(r.weeks.size() == 7);
    CHECK(r.weeks.front().start == week_start(kMonday - 30 * kDay));
    CHECK(r.weeks.back().start == kMonday + 7 * kDay);
    for (size_t i = 1; i < r.weeks.size(); ++i) CHECK(r.weeks[i].start - r.weeks[i - 1].start == 7 * kDay);
    const WeekRow& first = r.weeks[5];  // the week of kMonday
    CHECK(first.start == kMonday);
    CHECK(first.active == 2);        // 张三, 李四
    CHECK(first.new_learners == 2);
    CHECK(r.weeks[6].active == 1);   // 张三's second attempt
    CHECK(r.weeks[0].active == 1);   // the third learner
    CHECK(r.weeks[1].active == 0);   // a quiet week is listed too
    int quiet = 0, fresh = 0;
    for (const WeekRow& w : r.weeks) quiet += w.gone_quiet, fresh += w.new_learners;
    CHECK(fresh == 3);
    CHECK(quiet == 1);                // the third learner, 14 days after their last visit
    CHECK(r.weeks[2].gone_quiet == 1);
}

TEST_CASE("cohort: pseudonyms are stable and hide who they stand for") {
    CHECK(pseudonym(kA) == pseudonym(kA));
    CHECK(pseudonym(kA) != pseudonym(kB));
    CHECK(pseudonym(kA).rfind("学员-", 0) == 0);
    CHECK(pseudonym(kA).find("aaaa") == std::string::npos);
    Cohort c = known_cohort();
    CohortReport r1 = build_cohort_report(c.feed(), catalog(), at_day(10));
    CohortReport r2 = build_cohort_report(c.feed(), catalog(), at_day(10));
    anonymise(r1);
    anonymise(r2);
    REQUIRE(r1.learners.size() == 3);
    for (size_t i = 0; i < r1.learners.size(); ++i) {
        CHECK(r1.learners[i].id == r2.learners[i].id);  // the same in every run
        CHECK(r1.learners[i].name.empty());
    }
    std::string all = report_json(r1) + report_markdown(r1);
    for (const auto& csv : report_csv(r1)) all += csv.text;
    for (const char* secret : {"张三", "李四", "aaaaaaaa", "bbbbbbbb", "cccccccc"}) CHECK(all.find(secret) == std::string::npos);
    CHECK(all.find(pseudonym(kA)) != std::string::npos);
}

TEST_CASE("cohort: CSV is UTF-8 with a BOM and CRLF, quoted where it must be") {
    Cohort c = known_cohort();
    c.profile(kB, "profile.name", "李\"四\",二", kMonday + 2);
    CohortReport r = build_cohort_report(c.feed(), catalog(), at_day(10));
    std::vector<CsvTable> tables = report_csv(r);
    REQUIRE(tables.size() == 5);
    CHECK(tables[0].name == "learners");
    CHECK(tables[1].name == "items");
    CHECK(tables[4].name == "weeks");
    for (const CsvTable& t : tables) {
        CHECK(t.text.rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK(t.text.size() > 5);
        CHECK(t.text.substr(t.text.size() - 2) == "\r\n");
        for (size_t i = 0; i < t.text.size(); ++i)
            if (t.text[i] == '\n') CHECK(t.text[i - 1] == '\r');
    }
    const std::string& learners = tables[0].text;
    CHECK(learners.rfind("\xEF\xBB\xBF学员id learner_id,姓名 name,小组 cohort,", 0) == 0);
    CHECK(learners.find("\r\n" + kA + ",张三,甲班,1,1,1,2,2,0,2026-11-02,2026-11-11,否\r\n") != std::string::npos);
    CHECK(learners.find(",\"李\"\"四\"\",二\",乙班,") != std::string::npos);
    CHECK(tables[1].text.find("\r\nmini,start,开始,0,2,直接把大家叫来开会,是,0,1\r\n") != std::string::npos);
}

TEST_CASE("cohort: the Markdown report matches its golden file") {
    Cohort c = known_cohort();
    CohortReport r = build_cohort_report(c.feed(), catalog(), at_day(10));
    const auto golden = fixtures() / "cohort" / "report.md";
    std::string md = report_markdown(r);
    if (std::getenv("LINLI_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << md;
    std::ifstream in(golden, std::ios::binary);
    REQUIRE(in);
    std::stringstream want;
    want << in.rdbuf();
    CHECK(md == want.str());
    // Short lines for a phone: no table wider than six columns.
    std::istringstream lines(md);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line[0] == '|') CHECK(std::count(line.begin(), line.end(), '|') <= 7);
}

TEST_CASE("cohort: JSON has a learners list and the drills' and weeks' tables") {
    Cohort c = known_cohort();
    CohortReport r = build_cohort_report(c.feed(), catalog(), at_day(10));
    auto j = nlohmann::json::parse(report_json(r));
    CHECK(j["format"] == "linli-cohort-report");
    REQUIRE(j["learners"].size() == 3);
    CHECK(j["learners"][0]["name"] == "张三");
    CHECK(j["learners"][0]["guidelines_read"] == 1);
    CHECK(j["learners"][0]["best"][0]["rating"] == "fair");
    CHECK(j["learners"][0]["last_active"] == "2026-11-11");
    CHECK(j["drills"][0]["nodes"][0]["choices"][0]["first"] == 2);
    CHECK(j["weeks"].size() == 7);
    auto only = nlohmann::json::parse(report_json(r, "mini"));
    CHECK(only["learners"].empty());
    CHECK(only["drills"].size() == 1);
}

TEST_CASE("cohort: the same report through a real shared file") {
    test::TempDir dir;
    Cohort c = known_cohort();
    ProgressStore store(dir.path() / "store.sqlite");
    store.add_events(c.events);
    write_shared_image(store, dir.path() / "shared.linli", random_id());
    auto snap = SharedSnapshot::open(dir.path() / "shared.linli", dir.path() / "scratch");
    CohortReport from_file = build_cohort_report(shared_file_feed(*snap), catalog(), at_day(10));
    CohortReport in_memory = build_cohort_report(c.feed(), catalog(), at_day(10));
    // The store's own (new) learner has only its identity: not a learner of the cohort.
    CHECK(from_file.events_read == in_memory.events_read);
    CHECK(report_json(from_file) == report_json(in_memory));
    std::vector<TimelineEntry> t = learner_timeline(shared_file_feed(*snap), catalog(), kA);
    REQUIRE(t.size() == 8);  // 2 openings, 2 reads to the end, 2 starts, 2 endings: no settings or single choices
    CHECK(t.front().what.find("打开《物业沟通的第一步》") == 0);
    CHECK(t.back().at == kMonday + 9 * kDay + 600);
    CHECK(t.back().what.find("（糟糕）") != std::string::npos);
}
