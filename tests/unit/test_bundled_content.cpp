// The bundled library (content/guidelines, cases/library): loads clean, follows the section and
// cross-link rules of docs/content-format.md, and shares no run of 20 characters with a seed article.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "cases/catalog.h"
#include "cases/drill.h"
#include "cases/drill_paths.h"
#include "content/library.h"
#include "content/paths.h"
#include "content/sections.h"
#include "content/utf8.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;

namespace {

const Catalog& catalog() {
    static const Catalog c = Catalog::load({test::source_dir() / "content", test::source_dir() / "cases"});
    return c;
}

const Library& bundled() { return catalog().library; }

std::u32string without_spaces(const std::string& text) {
    std::u32string out;
    for (char32_t c : utf8::decode(text))
        if (!utf8::is_space(c)) out += c;
    return out;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string encode(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) utf8::append(out, c);
    return out;
}

std::vector<std::string> section_titles(const Document& d) {
    std::vector<std::string> out;
    for (const Section& s : sections(d)) out.push_back(s.title);
    return out;
}

const std::vector<std::string> kGuidelineSections = {"是什么", "为什么会踩坑", "预警信号", "应该怎么做",
                                                     "相关案例", "要点", "自测", "来源"};
const std::vector<std::string> kCaseSections = {"背景与经过", "决策点", "成效与教训", "相关方",
                                                "讨论题", "相关指南", "来源"};

}  // namespace

TEST_CASE("the bundled library and its drills load with no errors and no warnings") {
    for (const Diagnostic& d : catalog().problems) FAIL_CHECK(d.format());
    CHECK(bundled().count(DocKind::Guideline) >= 24);
    CHECK(bundled().count(DocKind::Case) >= 12);
}

TEST_CASE("the sixteen pitfalls and the eight practices are all there") {
    int pits = 0, practices = 0;
    for (const Document& d : bundled().documents()) {
        pits += d.meta.id.rfind("pit-", 0) == 0;
        practices += d.meta.id.rfind("practice-", 0) == 0;
    }
    CHECK(pits == 16);
    CHECK(practices == 8);
}

TEST_CASE("every guideline and case has its sections in order") {
    for (const Document& d : bundled().documents()) {
        if (d.meta.kind == DocKind::Drill) continue;
        INFO(d.path.string());
        CHECK(section_titles(d) == (d.meta.kind == DocKind::Guideline ? kGuidelineSections : kCaseSections));
        CHECK_FALSE(d.meta.summary.empty());
        CHECK_FALSE(d.meta.sources.empty());
        if (d.meta.kind == DocKind::Guideline) {
            auto points = key_points(d);
            CHECK(points.size() >= 3);
            CHECK(points.size() <= 5);
            auto checks = self_checks(d);
            CHECK(checks.size() >= 2);
            CHECK(checks.size() <= 3);
            for (const auto& c : checks) {
                CHECK_FALSE(c.question.empty());
                CHECK_FALSE(c.answer.empty());
            }
        }
    }
}

TEST_CASE("every guideline is linked from a case, and every case links a guideline") {
    const Library& lib = bundled();
    for (size_t i = 0; i < lib.documents().size(); ++i) {
        const Document& d = lib.documents()[i];
        INFO(d.path.string());
        if (d.meta.kind == DocKind::Guideline) {
            bool from_case = false;
            for (int j : lib.backlinks(static_cast<int>(i))) from_case |= lib.documents()[j].meta.kind == DocKind::Case;
            CHECK(from_case);
            // Its 相关案例 section links cases.
            auto secs = sections(d);
            const Section* s = find_section(secs, "相关案例");
            REQUIRE(s);
            bool links_case = false;
            for (const Link& l : d.links) {
                const Document* t = lib.find(l.target_id);
                links_case |= t && t->meta.kind == DocKind::Case && l.line > s->line;
            }
            CHECK(links_case);
        } else if (d.meta.kind == DocKind::Case) {
            bool links_guideline = false;
            for (const Link& l : d.links) {
                const Document* t = lib.find(l.target_id);
                links_guideline |= t && t->meta.kind == DocKind::Guideline;
            }
            CHECK(links_guideline);
        }
    }
}

// Readers never see the project's internal fact sheet: documents cite the public law or report.
TEST_CASE("no bundled document mentions the internal fact sheet") {
    for (const Document& d : bundled().documents()) {
        INFO(d.path.string());
        CHECK(d.plain_text.find("事实表") == std::string::npos);
        CHECK(d.plain_text.find("law-and-practice") == std::string::npos);
        for (const auto& s : d.meta.sources) CHECK(s.find("law-and-practice") == std::string::npos);
    }
}

TEST_CASE("no bundled document shares a run of 20 characters with a seed article") {
    fs::path seeds = test::source_dir().parent_path() / "shared" / "seeds";
    if (!fs::is_directory(seeds)) {
        WARN("seed articles not found at " << seeds.string() << "; the overlap check did not run");
        return;
    }
    constexpr size_t kRun = 20;
    std::unordered_map<std::u32string, std::string> runs;  // every 20-character run of every seed
    for (const auto& e : fs::directory_iterator(seeds)) {
        if (e.path().extension() != ".txt") continue;
        std::u32string t = without_spaces(read(e.path()));
        for (size_t i = 0; i + kRun <= t.size(); ++i) runs.emplace(t.substr(i, kRun), e.path().filename().string());
    }
    REQUIRE(runs.size() > 1000);
    size_t checked = 0;
    for (const fs::path& f : find_document_files({test::source_dir() / "content", test::source_dir() / "cases"})) {
        std::u32string t = without_spaces(read(f));
        for (size_t i = 0; i + kRun <= t.size(); ++i) {
            auto it = runs.find(t.substr(i, kRun));
            if (it != runs.end()) {
                FAIL_CHECK(f.string() << " shares \"" << encode(it->first) << "\" with seed " << it->second);
                break;
            }
        }
        ++checked;
    }
    CHECK(checked >= 36);
}

TEST_CASE("the eight bundled drills are substantial: 12+ nodes, 3+ endings, state that matters, a workshop kit") {
    const auto& drills = catalog().drills;
    CHECK(drills.size() >= 8);
    for (const Drill& d : drills) {
        INFO(d.doc->path.string());
        size_t endings = 0, conditional = 0;
        std::set<Rating> ratings;
        for (const DrillNode& n : d.nodes) {
            endings += n.is_ending();
            if (n.is_ending()) ratings.insert(n.rating);
            for (const RatingRule& r : n.rating_rules) ratings.insert(r.rating);
            for (const Choice& c : n.choices) conditional += !c.conditions.empty();
        }
        CHECK(d.nodes.size() >= 12);
        CHECK(endings >= 3);
        CHECK(ratings.count(Rating::Good) == 1);
        CHECK(ratings.count(Rating::Bad) == 1);
        CHECK(conditional >= 3);
        CHECK(d.vars.size() >= 2);
        CHECK_FALSE(d.kit.empty());
        std::vector<std::string> kit;
        for (const Block* b : d.kit)
            if (b->kind == BlockKind::Heading) kit.push_back(block_text(*b));
        CHECK(kit == std::vector<std::string>{"去哪里看", "参考案例", "课前学习", "线下工作坊", "各方如何协作"});
    }
}

TEST_CASE("the committee drill agrees with the fact sheet") {
    const Drill* d = catalog().drill("drill-committee-resigns");
    REQUIRE(d);
    std::string all;
    for (const DrillNode& n : d->nodes) {
        for (const Piece& p : n.body) all += block_text(*p.block);
        for (const Choice& c : n.choices) all += c.text + c.feedback;
        for (const Piece& p : n.better) all += block_text(*p.block);
    }
    for (const Block* b : d->kit) all += block_text(*b);
    // Local rules; fewer than half remaining -> extraordinary assembly to re-elect; seal and archives
    // handed over; the service contract survives; the 居委会 does not take over.
    for (const char* phrase : {"以本市", "不足半数", "临时会议", "公章", "档案", "物业服务合同", "居委会"}) {
        INFO(phrase);
        CHECK(all.find(phrase) != std::string::npos);
    }
    bool takeover_is_bad = false;
    for (const DrillNode& n : d->nodes)
        takeover_is_bad |= n.is_ending() && n.rating == Rating::Bad && n.title.find("居委会") != std::string::npos;
    CHECK(takeover_is_bad);
}

TEST_CASE("every bundled drill is small enough for lint to check every play") {
    for (const Drill& d : catalog().drills) {
        INFO(d.doc->meta.id);
        CHECK(explore_states(d).complete);
    }
}
