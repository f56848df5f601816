// Drills that grade truthfully: conditional text and ratings, exam mode, the grading audit with a
// broken fixture per check (each at its line), lint in Chinese first, and every bundled drill
// played on its intended best path and on a harmful one (tests/drill_plays/*.yaml).
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <fstream>

#include "cases/catalog.h"
#include "cases/drill_audit.h"
#include "cases/drill_engine.h"
#include "content/sections.h"
#include "test_support.h"

using namespace linli;
using test::fixtures;
using test::source_dir;

namespace {

const Catalog& conditional_catalog() {
    static const Catalog c = Catalog::load({fixtures() / "good", fixtures() / "drills"});
    return c;
}

// What the debrief shows at the end of this play: the ending's text and 更好的做法, as of its state.
std::string debrief(const DrillSession& s) {
    std::string out;
    for (const auto* text : {&s.node().body, &s.node().better})
        for (const Block* b : visible_blocks(s.drill(), *text, s.state())) out += block_text(*b) + "\n";
    return out;
}

DrillSession play(const Drill& d, const std::vector<int>& shown) {
    DrillSession s(d);
    for (int n : shown) s.choose_shown(n);
    return s;
}

// The file line (1-based) of the first line containing `marker`.
int line_of(const std::filesystem::path& file, const std::string& marker) {
    std::ifstream in(file);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        if (line.find(marker) != std::string::npos) return n;
    return -1;
}

}  // namespace

TEST_CASE("conditional text, ratings that depend on the play, and exam mode are read from the file") {
    const Drill* d = conditional_catalog().drill("conditional");
    REQUIRE(d);
    CHECK(d->exam);
    CHECK(d->flags == std::vector<std::string>{"曾越位", "已走访"});  // written without brackets
    const DrillNode& end = d->nodes[d->find_node("end")];
    CHECK(end.rating == Rating::Good);
    REQUIRE(end.rating_rules.size() == 2);
    CHECK(end.rating_rules[0].rating == Rating::Fair);

    DrillSession clean = play(*d, {2, 1});
    CHECK(clean.rating() == Rating::Good);
    std::string t = debrief(clean);
    CHECK(t.find("大多写进了方案") != std::string::npos);  // a conditional list item shown
    CHECK(t.find("方案在一周后公示") != std::string::npos);  // its unconditional sibling
    CHECK(t.find("越位") == std::string::npos);
    CHECK(t.find("【条件") == std::string::npos);  // the condition itself is never shown

    DrillSession harmful = play(*d, {1, 1});
    CHECK(harmful.rating() == Rating::Fair);
    t = debrief(harmful);
    CHECK(t.find("你曾替居民把方案定下来——这一步本身就越位了。") != std::string::npos);
    CHECK(t.find("先走访，再让居民自己商量方案") != std::string::npos);  // conditional 更好的做法
    CHECK(t.find("大多写进了方案") == std::string::npos);

    // A node's conditional text follows the play so far.
    DrillSession mid(*d);
    mid.choose_shown(1);
    std::string scene;
    for (const Block* b : visible_blocks(*d, mid.node().body, mid.state())) scene += block_text(*b);
    CHECK(scene.find("方案不是已经定了吗") != std::string::npos);
    CHECK(scene.find("走访听到的意见") == std::string::npos);
}

TEST_CASE("every grading and form check has a broken fixture that fails at its line, in Chinese and English") {
    Catalog c = Catalog::load({fixtures() / "good", fixtures() / "audit-drills"});
    struct Expect {
        const char* file;
        const char* marker;  // text on the line the diagnostic must name
        int col;             // 0: any
        Severity sev;
        const char* words;   // in the English message
    };
    const Severity E = Severity::Error, W = Severity::Warning;
    const Expect expected[] = {
        {"good-after-violation.md", "评级：好", 1, E, "is rated 好 on a play that made a choice marked 违背: start.2 → end"},
        {"names-skipped.md", "## 结局 {#end}", 1, E, "names '走访三号楼' (node 'visit') in its unconditional text, but a play reaches it without visiting that node: start.2 → end"},
        {"unread-state.md", "精力: {start", 1, W, "state variable '精力' is read by no condition"},
        {"unread-state.md", "标记：乙", 9, W, "flag '乙' is set but never tested"},
        {"farming-loop.md", "[再夸一遍居民骨干]", 1, W, "a loop can repeat it without bound"},
        {"longest-option.md", "## 开始 {#start}", 1, W, "in 2 of 2 decisions the option leading to the best outcome is the longest"},
        {"fact-sheet.md", "事实表", 1, W, "mentions the internal fact sheet"},
        {"misindented.md", "  - 条件：信任 >= 0", 1, E, "must be indented 3 spaces under '1. '"},
        {"misnumbered.md", "1、[照着做]", 1, E, "not '1、'"},
        {"misnumbered.md", "- [也照着做]", 1, E, "not '- ' bullets"},
        {"bad-rating.md", "评级：较好", 4, E, "unknown rating '较好'"},
        {"detail-lines.md", "效果：信任 +5，士气 -3", 15, E, "effect on undeclared state variable '士气'"},
        {"detail-lines.md", "标记：丙", 9, E, "undeclared flag '丙'"},
        {"detail-lines.md", "【条件：信任 >>= 3】", 5, E, "cannot read the condition '信任 >>= 3'"},
        {"bad-names.md", "{#Start}", 1, E, "node id 'Start' must be lowercase"},
        {"bad-names.md", "---", 1, E, "the file name must be the id"},
    };
    for (const auto& e : expected) {
        int line = line_of(fixtures() / "audit-drills" / e.file, e.marker);
        INFO(e.file << ":" << line << " " << e.words);
        REQUIRE(line > 0);
        bool found = false;
        for (const Diagnostic& d : c.problems)
            found |= d.path.find(e.file) != std::string::npos && d.line == line && (e.col == 0 || d.col == e.col) &&
                     d.severity == e.sev && d.message_en.find(e.words) != std::string::npos &&
                     d.message.rfind("演练：", 0) == 0;  // Chinese first
        CHECK(found);
    }
    // Nothing else: no cascade of misleading second messages.
    size_t in_fixtures = 0;
    for (const Diagnostic& d : c.problems) {
        bool ours = d.path.find("audit-drills") != std::string::npos;
        in_fixtures += ours;
        if (ours) INFO(d.format(true));
    }
    CHECK(in_fixtures == std::size(expected));
}

TEST_CASE("lint speaks Chinese first and English on request, with the same parsable prefix") {
    Catalog c = Catalog::load({fixtures() / "good", fixtures() / "audit-drills"});
    REQUIRE_FALSE(c.problems.empty());
    for (const Diagnostic& d : c.problems) {
        std::string zh = d.format(), en = d.format(true);
        std::string prefix = d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.col) + ": " +
                             (d.severity == Severity::Error ? "error: " : "warning: ");
        CHECK(zh.rfind(prefix, 0) == 0);
        CHECK(en.rfind(prefix, 0) == 0);
        CHECK(zh != en);
    }
}

TEST_CASE("every bundled drill passes the grading audit: no 好 after a 违背 choice, nothing unread, no warning") {
    Catalog c = Catalog::load({source_dir() / "content" / "guidelines", source_dir() / "cases" / "library"});
    REQUIRE(c.drills.size() == 8);
    for (const Drill& d : c.drills) {
        INFO(d.doc->meta.id);
        std::vector<Diagnostic> out;
        DrillAudit a = audit_drill(d, out);
        CHECK(a.complete);
        CHECK(a.good_after_violation.empty());
        for (const Diagnostic& p : out) FAIL_CHECK(p.format());
        for (const auto& [name, readers] : a.reads) {
            INFO(name);
            CHECK_FALSE(readers.empty());
        }
    }
}

TEST_CASE("every bundled drill's plays end where its play file says, with a debrief true of the play") {
    Catalog c = Catalog::load({source_dir() / "content" / "guidelines", source_dir() / "cases" / "library"});
    for (const Drill& d : c.drills) {
        const std::string id = d.doc->meta.id;
        auto file = source_dir() / "tests" / "drill_plays" / (id + ".yaml");
        INFO(file.string());
        REQUIRE(std::filesystem::exists(file));
        YAML::Node plays = YAML::LoadFile(file.string());
        REQUIRE(plays["best"]);
        REQUIRE(plays["harmful"]);
        for (const auto& kv : plays) {
            const std::string name = kv.first.Scalar();
            const YAML::Node& p = kv.second;
            INFO(id << " " << name);
            DrillSession s = play(d, p["choices"].as<std::vector<int>>());
            REQUIRE(s.finished());
            CHECK(s.node().id == p["ending"].as<std::string>());
            CHECK(rating_key(s.rating()) == p["rating"].as<std::string>());
            if (name == "best") CHECK(s.rating() == Rating::Good);
            if (name == "harmful") {
                CHECK(s.rating() != Rating::Good);
                CHECK_FALSE(s.guidelines_violated().empty());
            }
            std::string t = debrief(s);
            for (const auto& phrase : p["debrief_contains"]) {
                INFO("contains: " << phrase.Scalar());
                CHECK(t.find(phrase.Scalar()) != std::string::npos);
            }
            if (p["debrief_lacks"])
                for (const auto& phrase : p["debrief_lacks"]) {
                    INFO("lacks: " << phrase.Scalar());
                    CHECK(t.find(phrase.Scalar()) == std::string::npos);
                }
        }
    }
}
