// xAPI export: a shared file of known events becomes statements that keep the xAPI 1.0.3 rules
// (required properties, absolute IRIs, version 5 ids, ISO 8601 timestamps and durations,
// language maps), with stable ids, the right verb per event kind, and nothing personal when
// anonymous. The LRS push itself is tested through the CLI against a fake LRS (tests/lrs).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cases/catalog.h"
#include "core/cohort.h"
#include "core/lrs_client.h"
#include "core/workshop_log.h"
#include "core/xapi.h"
#include "sync/ids.h"
#include "sync/progress_store.h"
#include "sync/shared_file.h"
#include "test_support.h"

using namespace linli;
using nlohmann::json;
using test::fixtures;
namespace fs = std::filesystem;

namespace {

const Catalog& catalog() {
    static const Catalog c = Catalog::load({fixtures() / "good", fixtures() / "drills"});
    return c;
}

constexpr int64_t kStart = 1790000000;  // 2026-09-21 14:13:20 UTC

// Two learners on two devices, merged into one shared file: every kind of event, a profile set
// after the events it names, a drill the library does not have, an event whose hybrid clock is
// far from its wall clock.
struct Cohort {
    test::TempDir dir;
    int64_t now_ms = kStart * 1000;
    std::string a_learner, a_device, b_learner, b_device, attempt1, attempt2, attempt_b, workshop;
    int64_t first_finish_seq = 0;  // of a's first drill.finished
    int64_t beta_at = 0;
    fs::path shared;
    std::unique_ptr<SharedSnapshot> snapshot;

    int64_t now() const { return now_ms / 1000; }
    void wait(int64_t seconds) { now_ms += seconds * 1000 + 7; }

    Cohort() {
        ProgressStore::Clock clock = [this] { return now_ms; };
        ProgressStore a(dir.path() / "a" / "progress.sqlite", clock), b(dir.path() / "b" / "progress.sqlite", clock);
        a_learner = a.identity().learner_id, a_device = a.identity().device_id;
        b_learner = b.identity().learner_id, b_device = b.identity().device_id;

        a.set_profile("张三", "一班");
        wait(5);
        a.mark_opened("alpha", now());
        a.save_position("alpha", 0.5);
        wait(60);
        a.mark_finished("alpha", now());
        attempt1 = a.start_attempt("mini", now());
        wait(100);
        a.record_choice(attempt1, "mini", {1, "start", 0, now()});
        wait(100);
        a.record_choice(attempt1, "mini", {2, "survey", 0, now()});
        wait(100);
        a.record_choice(attempt1, "mini", {3, "meeting", 0, now()});
        now_ms += 3000 - 3 * 7;  // 303 s after the start in all
        a.finish_attempt(attempt1, "mini", "good-end", "good", "信任=80", now());
        wait(10);
        attempt2 = a.start_attempt("mini", now());
        a.record_choice(attempt2, "mini", {1, "start", 1, now()});
        a.record_choice(attempt2, "mini", {2, "meeting", 1, now()});
        wait(1);
        a.finish_attempt(attempt2, "mini", "bad-end", "bad", "信任=30", now());
        workshop = random_id();
        a.record_workshop(event_kind::kWorkshopStarted, workshop,
                          setup_payload({workshop, "mini", {"第1组", "第2组"}, 3, false, now()}), now());
        a.record_workshop(event_kind::kWorkshopAction, workshop, R"({"n":0,"a":"vote","t":0,"g":0,"v":1})", now());
        wait(600);
        a.record_workshop(event_kind::kWorkshopClosed, workshop, "{}", now());
        a.set_setting("ui.theme", "dark");
        beta_at = now() + 10 * 86400;  // a wall clock ten days ahead of the hybrid clock
        a.mark_finished("beta", beta_at);

        attempt_b = b.start_attempt("gone-drill", now());
        wait(42);
        b.finish_attempt(attempt_b, "gone-drill", "x", "fair", "", now());
        b.mark_finished("no-such-doc", now());
        b.set_profile("李四", "二班");
        wait(1);
        b.set_profile("李四改", "二班");  // the latest name wins

        for (const Event& e : a.events())
            if (e.kind == event_kind::kDrillFinished && !first_finish_seq) first_finish_seq = e.seq;
        a.add_events(b.events());
        shared = dir.path() / "cohort.linli";
        write_shared_image(a, shared, random_id());
        snapshot = SharedSnapshot::open(shared, dir.path() / "scratch");
    }

    std::vector<json> statements(const xapi::ExportOptions& o = {}, const xapi::SentMarks& sent = {},
                                 xapi::ExportCounts* counts = nullptr) {
        xapi::StatementBuilder b(catalog(), o);
        EventFeed feed = shared_file_feed(*snapshot);
        b.collect(feed);
        std::vector<json> all;
        xapi::ExportCounts c = b.each(feed, sent, [&](const EventView&, std::vector<json>& sts) {
            for (json& s : sts) all.push_back(std::move(s));
            return true;
        });
        if (counts) *counts = c;
        return all;
    }
};

std::string verb_of(const json& s) {
    std::string id = s["verb"]["id"];
    return id.substr(id.rfind('/') + 1);
}

const std::regex kUuid5("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
const std::regex kUuid("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
const std::regex kTimestamp(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
const std::regex kDuration(R"(^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$)");
const std::regex kLanguageTag("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$");
const std::regex kScheme("^[A-Za-z][A-Za-z0-9+.-]*:.+");

void check_iri(const json& v, const std::string& where) {
    INFO(where << ": " << v.dump());
    REQUIRE(v.is_string());
    CHECK(std::regex_search(v.get<std::string>(), kScheme));
    CHECK(xapi::is_absolute_iri(v.get<std::string>()));
}

void check_lang_map(const json& m, const std::string& where) {
    INFO(where << ": " << m.dump());
    REQUIRE(m.is_object());
    CHECK_FALSE(m.empty());
    for (auto it = m.begin(); it != m.end(); ++it) {
        CHECK(std::regex_match(it.key(), kLanguageTag));
        CHECK(it.value().is_string());
        CHECK_FALSE(it.value().get<std::string>().empty());
    }
}

void check_activity(const json& a, const std::string& where) {
    REQUIRE(a.is_object());
    CHECK(a.value("objectType", "Activity") == "Activity");
    check_iri(a["id"], where + ".id");
    if (!a.contains("definition")) return;
    const json& d = a["definition"];
    if (d.contains("type")) check_iri(d["type"], where + ".definition.type");
    if (d.contains("name")) check_lang_map(d["name"], where + ".definition.name");
    if (d.contains("description")) check_lang_map(d["description"], where + ".definition.description");
    if (d.contains("choices"))
        for (const json& c : d["choices"]) {
            CHECK(c["id"].is_string());
            check_lang_map(c["description"], where + ".definition.choices");
        }
}

// The statement rules of xAPI 1.0.3 (Data, section 2.4) this exporter must keep.
void check_conformance(const json& s) {
    INFO(s.dump());
    for (const char* key : {"id", "actor", "verb", "object", "timestamp"}) REQUIRE(s.contains(key));
    for (auto it = s.begin(); it != s.end(); ++it)
        CHECK(std::set<std::string>{"id", "actor", "verb", "object", "result", "context", "timestamp"}.count(it.key()) == 1);
    CHECK(std::regex_match(s["id"].get<std::string>(), kUuid5));
    CHECK(std::regex_match(s["timestamp"].get<std::string>(), kTimestamp));
    const json& actor = s["actor"];
    CHECK(actor["objectType"] == "Agent");
    REQUIRE(actor.contains("account"));  // the one identifier: an account
    CHECK_FALSE(actor.contains("mbox"));
    check_iri(actor["account"]["homePage"], "account.homePage");
    CHECK_FALSE(actor["account"]["name"].get<std::string>().empty());
    check_iri(s["verb"]["id"], "verb.id");
    check_lang_map(s["verb"]["display"], "verb.display");
    CHECK(s["verb"]["display"].contains("zh-CN"));
    CHECK(s["verb"]["display"].contains("en-US"));
    check_activity(s["object"], "object");
    if (s.contains("result")) {
        const json& r = s["result"];
        if (r.contains("duration")) CHECK(std::regex_match(r["duration"].get<std::string>(), kDuration));
        if (r.contains("success")) CHECK(r["success"].is_boolean());
        if (r.contains("completion")) CHECK(r["completion"].is_boolean());
        if (r.contains("response")) CHECK(r["response"].is_string());
        if (r.contains("extensions"))
            for (auto it = r["extensions"].begin(); it != r["extensions"].end(); ++it) check_iri(json(it.key()), "result.extensions");
    }
    REQUIRE(s.contains("context"));
    const json& c = s["context"];
    CHECK(std::regex_match(c["language"].get<std::string>(), kLanguageTag));
    if (c.contains("registration")) CHECK(std::regex_match(c["registration"].get<std::string>(), kUuid));
    if (c.contains("extensions"))
        for (auto it = c["extensions"].begin(); it != c["extensions"].end(); ++it) check_iri(json(it.key()), "context.extensions");
    if (c.contains("contextActivities"))
        for (const json& p : c["contextActivities"]["parent"]) check_activity(p, "context.parent");
}

const json* find(const std::vector<json>& all, const std::string& verb, const std::string& object_suffix) {
    for (const json& s : all) {
        std::string id = s["object"]["id"];
        if (verb_of(s) == verb && id.size() >= object_suffix.size() && id.compare(id.size() - object_suffix.size(), object_suffix.size(), object_suffix) == 0)
            return &s;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("xapi: the helpers: uuid v5, timestamps, durations, IRIs") {
    // Known answer, from Python: uuid.uuid5(uuid.UUID('80b4be2b-765a-509b-91de-041b3148f980'), NAME).
    CHECK(xapi::statement_id("0123456789abcdef0123456789abcdef", 7, "completed") == "f46d5fe0-c0b1-5354-af2b-ec0232fb8edd");
    CHECK(xapi::as_uuid("0123456789abcdef0123456789abcdef") == "01234567-89ab-4def-8123-456789abcdef");  // version 4, RFC variant
    CHECK(xapi::as_uuid("0123456789abcdef0123456789abcdef") == xapi::as_uuid("0123456789abcdef0123456789abcdef"));
    CHECK(xapi::as_uuid("not-an-id").empty());
    CHECK(xapi::iso_timestamp(0) == "1970-01-01T00:00:00.000Z");
    CHECK(xapi::iso_timestamp(1790000000123) == "2026-09-21T14:13:20.123Z");
    CHECK(xapi::iso_duration(303000) == "PT5M3S");
    CHECK(xapi::iso_duration(0) == "PT0S");
    CHECK(xapi::iso_duration(-5) == "PT0S");
    CHECK(xapi::iso_duration(250) == "PT0.25S");
    CHECK(xapi::iso_duration(1500) == "PT1.5S");
    CHECK(xapi::iso_duration(3600000) == "PT1H");
    CHECK(xapi::iso_duration(93601000) == "PT26H1S");
    for (int64_t ms : {0, 1, 999, 61000, 3600000, 3661010, 86400000, 90061999})
        CHECK(std::regex_match(xapi::iso_duration(ms), kDuration));
    CHECK(xapi::percent_encode("drill-a_b.c~1") == "drill-a_b.c~1");
    CHECK(xapi::percent_encode("节点 1/a") == "%E8%8A%82%E7%82%B9%201%2Fa");
    CHECK(xapi::is_absolute_iri("https://linli.invalid"));
    CHECK(xapi::is_absolute_iri("urn:x"));
    CHECK_FALSE(xapi::is_absolute_iri("linli.invalid/x"));
    CHECK_FALSE(xapi::is_absolute_iri("/xapi"));
    CHECK_FALSE(xapi::is_absolute_iri("https:"));
    // The hybrid clock's milliseconds when plausible, else the wall clock.
    CHECK(xapi::event_time_ms(hlc::pack(kStart * 1000 + 250, 3), kStart) == kStart * 1000 + 250);
    CHECK(xapi::event_time_ms(hlc::pack(kStart * 1000 + 250, 3), kStart + 2 * 86400) == (kStart + 2 * 86400) * 1000);
    CHECK(xapi::event_time_ms(0, kStart) == kStart * 1000);
}

TEST_CASE("xapi: every statement keeps the xAPI 1.0.3 rules, with the verb of its event") {
    Cohort c;
    std::vector<json> all = c.statements();
    std::map<std::string, int> verbs;
    for (const json& s : all) {
        check_conformance(s);
        ++verbs[verb_of(s)];
    }
    // doc.opened, doc.position, workshop.action and settings give none.
    CHECK(verbs == std::map<std::string, int>{{"experienced", 3}, {"attempted", 3}, {"answered", 5}, {"completed", 3},
                                              {"passed", 2}, {"failed", 1}, {"initialized", 1}, {"terminated", 1}});
    CHECK(all.size() == 19);
    for (const json& s : all) CHECK(s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/" + verb_of(s));

    std::set<std::string> ids;
    for (const json& s : all) ids.insert(s["id"]);
    CHECK(ids.size() == all.size());  // distinct

    SECTION("ids and statements are the same in a second export") {
        std::vector<json> again = c.statements();
        REQUIRE(again.size() == all.size());
        for (size_t i = 0; i < all.size(); ++i) CHECK(again[i] == all[i]);
    }

    SECTION("documents: experienced, with the library's titles") {
        const json* alpha = find(all, "experienced", "/xapi/activities/document/alpha");
        REQUIRE(alpha);
        CHECK((*alpha)["object"]["id"] == "https://linli.invalid/xapi/activities/document/alpha");
        CHECK((*alpha)["object"]["definition"]["name"]["zh-CN"] == "物业沟通的第一步");
        CHECK((*alpha)["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/lesson");
        CHECK((*alpha)["actor"]["name"] == "张三");
        CHECK((*alpha)["actor"]["account"] == json{{"homePage", "https://linli.invalid"}, {"name", c.a_learner}});
        CHECK((*alpha)["context"]["extensions"]["https://linli.invalid/xapi/extensions/cohort"] == "一班");
        CHECK((*alpha)["context"]["language"] == "zh-CN");
        // beta was finished with a wall clock ten days off the hybrid clock: the wall clock it is.
        const json* beta = find(all, "experienced", "/document/beta");
        REQUIRE(beta);
        CHECK((*beta)["timestamp"] == xapi::iso_timestamp(c.beta_at * 1000));
        const json* unknown = find(all, "experienced", "/document/no-such-doc");
        REQUIRE(unknown);
        CHECK_FALSE((*unknown)["object"].contains("definition"));
    }

    SECTION("drills: attempted, answered with the node's choices, completed with its duration, passed or failed") {
        const std::string reg1 = xapi::as_uuid(c.attempt1), reg2 = xapi::as_uuid(c.attempt2);
        int answered = 0;
        for (const json& s : all) {
            if (verb_of(s) == "answered" && s["context"].value("registration", "") == reg1) {
                ++answered;
                CHECK(s["object"]["definition"]["interactionType"] == "choice");
                CHECK(s["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction");
                CHECK(s["result"]["response"] == "0");
                CHECK(s["context"]["contextActivities"]["parent"][0]["id"] == "https://linli.invalid/xapi/activities/drill/mini");
            }
        }
        CHECK(answered == 3);
        const json* start = find(all, "answered", "/drill/mini/node/start");
        REQUIRE(start);
        CHECK((*start)["object"]["definition"]["name"]["zh-CN"] == "开始");
        REQUIRE((*start)["object"]["definition"]["choices"].size() == 2);
        CHECK((*start)["object"]["definition"]["choices"][1] ==
              json{{"id", "1"}, {"description", {{"zh-CN", "直接把大家叫来开会"}}}});  // no English in the drill: none claimed

        std::map<std::string, const json*> of_attempt1;
        for (const json& s : all)
            if (s["context"].value("registration", "") == reg1) of_attempt1[verb_of(s)] = &s;
        REQUIRE(of_attempt1.count("attempted"));
        REQUIRE(of_attempt1.count("completed"));
        REQUIRE(of_attempt1.count("passed"));
        CHECK_FALSE(of_attempt1.count("failed"));
        const json& completed = *of_attempt1["completed"];
        CHECK(completed["object"]["id"] == "https://linli.invalid/xapi/activities/drill/mini");
        CHECK(completed["object"]["definition"]["name"]["zh-CN"] == "小演练");
        CHECK(completed["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/simulation");
        CHECK(completed["result"]["completion"] == true);
        CHECK(completed["result"]["duration"] == "PT5M3S");
        CHECK((*of_attempt1["passed"])["result"]["success"] == true);
        CHECK((*of_attempt1["passed"])["result"]["extensions"]["https://linli.invalid/xapi/extensions/rating"] == "good");

        int failed = 0;
        for (const json& s : all)
            if (verb_of(s) == "failed") {
                ++failed;
                CHECK(s["context"]["registration"] == reg2);
                CHECK(s["result"]["success"] == false);
            }
        CHECK(failed == 1);
    }

    SECTION("a drill the library no longer has, and a profile set after the events it names") {
        const std::string reg = xapi::as_uuid(c.attempt_b);
        int seen = 0;
        for (const json& s : all) {
            if (s["actor"]["account"]["name"] != c.b_learner) continue;
            ++seen;
            CHECK(s["actor"]["name"] == "李四改");
            CHECK(s["context"]["extensions"]["https://linli.invalid/xapi/extensions/cohort"] == "二班");
            if (verb_of(s) == "experienced") continue;
            CHECK(s["context"]["registration"] == reg);
            CHECK(s["object"]["id"] == "https://linli.invalid/xapi/activities/drill/gone-drill");
            CHECK(s["object"]["definition"] == json{{"type", "http://adlnet.gov/expapi/activities/simulation"}});
        }
        CHECK(seen == 4);  // attempted, completed, passed (fair), experienced
        const json* passed = find(all, "passed", "/drill/gone-drill");
        REQUIRE(passed);
        CHECK((*passed)["result"]["duration"] == "PT42.01S");
    }

    SECTION("workshops: initialized and terminated on the drill, the workshop as the registration") {
        const json* init = find(all, "initialized", "/drill/mini");
        const json* term = find(all, "terminated", "/drill/mini");
        REQUIRE(init);
        REQUIRE(term);
        CHECK((*init)["context"]["registration"] == xapi::as_uuid(c.workshop));
        CHECK((*term)["context"]["registration"] == xapi::as_uuid(c.workshop));
    }
}

TEST_CASE("xapi: anonymous statements carry pseudonyms, no names and no learner ids") {
    Cohort c;
    xapi::ExportOptions o;
    o.anonymous = true;
    std::vector<json> all = c.statements(o);
    REQUIRE(all.size() == 19);
    std::set<std::string> accounts;
    for (const json& s : all) {
        check_conformance(s);
        CHECK_FALSE(s["actor"].contains("name"));
        accounts.insert(s["actor"]["account"]["name"]);
        std::string text = s.dump();
        CHECK(text.find(c.a_learner) == std::string::npos);
        CHECK(text.find(c.b_learner) == std::string::npos);
        CHECK(s.dump(-1, ' ', false).find("张三") == std::string::npos);
        CHECK(s.dump(-1, ' ', false).find("李四") == std::string::npos);
    }
    CHECK(accounts == std::set<std::string>{pseudonym(c.a_learner), pseudonym(c.b_learner)});
    // The same ids as the named export: an LRS sees one statement, whichever way it was sent.
    std::vector<json> named = c.statements();
    for (size_t i = 0; i < all.size(); ++i) CHECK(all[i]["id"] == named[i]["id"]);
}

TEST_CASE("xapi: --base prefixes every IRI of ours, and the ADL vocabulary stays") {
    Cohort c;
    xapi::ExportOptions o;
    o.base = "https://training.example.org/lms/";
    for (const json& s : c.statements(o)) {
        check_conformance(s);
        CHECK(s["actor"]["account"]["homePage"] == "https://training.example.org/lms");
        CHECK(s["object"]["id"].get<std::string>().rfind("https://training.example.org/lms/xapi/activities/", 0) == 0);
        CHECK(s["verb"]["id"].get<std::string>().rfind("http://adlnet.gov/expapi/verbs/", 0) == 0);
        for (auto it = s["context"]["extensions"].begin(); it != s["context"]["extensions"].end(); ++it)
            CHECK(it.key() == "https://training.example.org/lms/xapi/extensions/cohort");
    }
}

TEST_CASE("xapi: the marks skip the events sent before") {
    Cohort c;
    std::vector<json> all = c.statements();
    xapi::ExportCounts counts;
    // a's device up to its first drill.finished: experienced, attempted, 3 answered, completed, passed.
    std::vector<json> rest = c.statements({}, {{c.a_device, c.first_finish_seq}}, &counts);
    CHECK(counts.skipped == 7);
    CHECK(counts.statements == int64_t(all.size()) - 7);
    REQUIRE(rest.size() == all.size() - 7);
    std::set<std::string> all_ids, rest_ids;
    for (const json& s : all) all_ids.insert(s["id"]);
    for (const json& s : rest) rest_ids.insert(s["id"]);
    CHECK(std::includes(all_ids.begin(), all_ids.end(), rest_ids.begin(), rest_ids.end()));
    for (const json& s : rest) CHECK(s["context"].value("registration", "") != xapi::as_uuid(c.attempt1));
    // Everything sent: nothing left.
    c.statements({}, {{c.a_device, 1 << 30}, {c.b_device, 1 << 30}}, &counts);
    CHECK(counts.statements == 0);
    CHECK(counts.skipped == int64_t(all.size()));
}

TEST_CASE("xapi: --out writes one JSON array, atomically") {
    Cohort c;
    fs::path out = c.dir.path() / "out" / "statements.json";
    fs::create_directories(out.parent_path());
    std::ofstream(out) << "old";
    xapi::ExportCounts n = xapi::write_statements_file(shared_file_feed(*c.snapshot), catalog(), {}, out);
    CHECK(n.statements == 19);
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    json file = json::parse(text.str());
    REQUIRE(file.is_array());
    std::vector<json> all = c.statements();
    REQUIRE(file.size() == all.size());
    for (size_t i = 0; i < all.size(); ++i) CHECK(file[i] == all[i]);
    size_t entries = 0;
    for (const auto& e : fs::directory_iterator(out.parent_path())) ++entries, (void)e;
    CHECK(entries == 1);  // no temporary file left beside it
    CHECK_THROWS_AS(xapi::write_statements_file(shared_file_feed(*c.snapshot), catalog(), {}, c.dir.path() / "no" / "such" / "x.json"),
                    std::runtime_error);
}

TEST_CASE("xapi: LRS URLs are remembered normalised, with the marks in the progress store") {
    CHECK(xapi::normalise_lrs_url(" HTTPS://LRS.Example.ORG/xAPI/ ") == "https://lrs.example.org/xAPI");
    CHECK(xapi::normalise_lrs_url("https://lrs.example.org/xapi/statements/") == "https://lrs.example.org/xapi");
    CHECK(xapi::normalise_lrs_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
    CHECK(xapi::normalise_lrs_url("ftp://lrs.example.org").empty());
    CHECK(xapi::normalise_lrs_url("lrs.example.org/xapi").empty());
    CHECK(xapi::normalise_lrs_url("https:///xapi").empty());
    std::string key = xapi::sent_meta_key("https://lrs.example.org/xapi");
    CHECK(std::regex_match(key, std::regex("^xapi\\.sent\\.[0-9a-f]{16}$")));
    CHECK(key == xapi::sent_meta_key(xapi::normalise_lrs_url("https://LRS.example.org/xapi/")));
    CHECK(key != xapi::sent_meta_key("https://other.example.org/xapi"));

    test::TempDir dir;
    ProgressStore store(dir.path() / "progress.sqlite");
    CHECK(xapi::read_sent_marks(store, "https://lrs.example.org/xapi").empty());
    xapi::write_sent_marks(store, "https://lrs.example.org/xapi", {{"d1", 5}, {"d2", 9}});
    CHECK(xapi::read_sent_marks(store, "https://lrs.example.org/xapi") == xapi::SentMarks{{"d1", 5}, {"d2", 9}});
    CHECK(xapi::read_sent_marks(store, "https://other.example.org/xapi").empty());
    store.set_meta(key, "not json");
    CHECK(xapi::read_sent_marks(store, "https://lrs.example.org/xapi").empty());
}

TEST_CASE("xapi: the serialised statements a file is written with are the statements themselves") {
    Cohort c;
    for (bool anonymous : {false, true}) {
        xapi::ExportOptions o;
        o.anonymous = anonymous;
        xapi::StatementBuilder as_json(catalog(), o), as_text(catalog(), o);
        EventFeed feed = shared_file_feed(*c.snapshot);
        as_json.collect(feed);
        as_text.collect(feed);
        size_t compared = 0;
        std::vector<json> js;
        std::string ts;
        feed([&](const EventView& e) {
            js.clear();
            ts.clear();
            as_json.statements(e, js);
            const int n = as_text.statements_text(e, ts);
            REQUIRE(size_t(n) == js.size());
            if (n == 0) return true;
            const json parsed = json::parse("[" + ts + "]");
            REQUIRE(parsed.size() == js.size());
            for (size_t i = 0; i < js.size(); ++i, ++compared) CHECK(parsed[i] == js[i]);
            return true;
        });
        CHECK(compared >= 19);  // every verb of the fixture: experienced, attempted, answered, completed, passed, failed, initialized, terminated
    }
}
