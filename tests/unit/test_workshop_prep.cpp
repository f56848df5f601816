// The workshop's preparation page, from the bundled drill drill-waste-room: the kit by its five
// parts, the cases and guidelines it links to, their discussion questions, the decisions to time,
// and the printable page with its room plan, written out atomically.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "cases/catalog.h"
#include "core/workshop_prep.h"
#include "test_support.h"

using namespace linli;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

const Catalog& catalog() {
    static const Catalog c = Catalog::load({test::source_dir() / "content", test::source_dir() / "cases"});
    return c;
}

const Drill& waste_room() {
    const Drill* d = catalog().drill("drill-waste-room");
    REQUIRE(d);
    return *d;
}

const std::vector<std::string> kGroups = {"第一组", "银杏", "<b>&组", "晨光"};

WorkshopPrep sample(bool exam = false) { return make_prep(waste_room(), catalog().library, kGroups, 4, exam); }

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool contains(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("the prep page takes the drill's kit by its five ### parts, in order") {
    WorkshopPrep p = sample();
    CHECK(p.drill_id == "drill-waste-room");
    CHECK(p.drill_title == "居民反对建筑垃圾房选址");
    CHECK(p.summary == waste_room().doc->meta.summary);
    CHECK_FALSE(p.summary.empty());

    std::vector<std::string> titles;
    for (const PrepSection& s : p.kit)
        if (!s.title.empty()) titles.push_back(s.title);
    CHECK(titles == std::vector<std::string>{"去哪里看", "参考案例", "课前学习", "线下工作坊", "各方如何协作"});
    // The kit's introduction, before its first ###, is kept as an untitled first part.
    REQUIRE(p.kit.size() == 6);
    CHECK(p.kit[0].title.empty());
    REQUIRE(p.kit[0].paragraphs.size() == 1);
    CHECK(contains(p.kit[0].paragraphs[0], "场景化培训"));

    for (size_t i = 1; i < p.kit.size(); ++i) {
        INFO(p.kit[i].title);
        CHECK_FALSE(p.kit[i].paragraphs.empty());
    }
    // List items become "• " paragraphs, their text without the Markdown.
    const PrepSection& look = p.kit[1];
    REQUIRE(look.paragraphs.size() == 5);
    CHECK(look.paragraphs[0].rfind("• 本社区一块类似的闲置地：", 0) == 0);
    const PrepSection& workshop = p.kit[4];
    CHECK(workshop.paragraphs.front() == "半天（约 3 小时 20 分），20—30 人，分 4—5 组：");
    CHECK(workshop.paragraphs[1].rfind("• 0:00—0:15 开场：", 0) == 0);
}

TEST_CASE("the prep page lists every case and guideline the kit links to, once, in order") {
    WorkshopPrep p = sample();
    REQUIRE(p.references.size() >= 4);
    CHECK(p.references[0].id == "case-waste-room-garden");
    CHECK(p.references[0].title == "建筑垃圾房变成小花园：一次被否决后重开的议事");
    CHECK(p.references[0].kind == DocKind::Case);
    CHECK(p.references[1].id == "case-mosquito-halls");
    CHECK(p.references[2].id == "case-first-community-rush");
    CHECK(p.references[3].id == "practice-deliberation");
    CHECK(p.references[3].kind == DocKind::Guideline);

    std::set<std::string> ids;
    int cases = 0, guidelines = 0;
    for (const PrepReference& r : p.references) {
        INFO(r.id);
        CHECK(ids.insert(r.id).second);  // no duplicates
        const Document* doc = catalog().library.find(r.id);
        REQUIRE(doc);
        CHECK(r.title == doc->meta.title);
        CHECK(r.kind == doc->meta.kind);
        (r.kind == DocKind::Case ? cases : guidelines) += 1;
    }
    CHECK(cases == 3);
    CHECK(guidelines == 11);  // the ones 课前学习 links
    CHECK(ids.count("pit-space-burnout") == 1);
}

TEST_CASE("the prep page's discussion questions are the referenced cases' 讨论题") {
    WorkshopPrep p = sample();
    REQUIRE(p.questions.size() == 3);
    std::set<std::string> case_titles;
    for (const PrepReference& r : p.references)
        if (r.kind == DocKind::Case) case_titles.insert(r.title);
    for (const DebriefQuestions& q : p.questions) {
        INFO(q.source);
        CHECK(case_titles.count(q.source) == 1);
        CHECK_FALSE(q.items.empty());
        for (const std::string& item : q.items) CHECK_FALSE(item.empty());
    }
    CHECK(p.questions[0].source == "建筑垃圾房变成小花园：一次被否决后重开的议事");
    REQUIRE(p.questions[0].items.size() == 5);
    CHECK(p.questions[0].items[0].rfind("第一次议事会否决后", 0) == 0);
}

TEST_CASE("the prep page lists the decision nodes to time, without the endings, in file order") {
    const Drill& d = waste_room();
    WorkshopPrep p = sample();
    std::vector<std::string> want;
    for (const DrillNode& n : d.nodes)
        if (!n.is_ending()) want.push_back(n.title);
    CHECK(p.decisions == want);
    REQUIRE(p.decisions.size() == 14);
    CHECK(p.decisions.front() == "周一：图纸右下角的开工日期");
    CHECK(p.decisions.back() == "花园建成以后谁来管");
    for (const std::string& t : p.decisions) CHECK(t.rfind("结局", 0) != 0);
    CHECK(p.groups == kGroups);
    CHECK(p.minutes == 4);
    CHECK_FALSE(p.exam);
    CHECK(sample(true).exam);
}

TEST_CASE("the prep page is one self-contained, escaped A4 HTML page with the room plan") {
    WorkshopPrep p = sample();
    std::string html = prep_html(p);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(contains(html, "<html lang=\"zh-CN\">"));
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "font-family: \"Noto Sans CJK SC\", sans-serif"));
    CHECK(contains(html, "@page { size: A4; margin: 15mm }"));
    CHECK(contains(html, "break-inside: avoid"));
    CHECK(contains(html, "<h1>工作坊准备页：居民反对建筑垃圾房选址</h1>"));

    // Nothing is fetched: no stylesheet, script, image or font from anywhere.
    CHECK_FALSE(contains(html, "<link"));
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "src="));
    CHECK_FALSE(contains(html, "@import"));
    CHECK_FALSE(contains(html, "url("));
    CHECK_FALSE(contains(html, "href=\"http"));

    // The group name with markup in it is text, not markup.
    CHECK(contains(html, "&lt;b&gt;&amp;组"));
    CHECK_FALSE(contains(html, "<b>&"));

    // The room plan: a table per group, numbered, and the projector at the front.
    size_t room = html.find("<section class=\"room\">");
    REQUIRE(room != std::string::npos);
    std::string plan = html.substr(room, html.find("</section>", room) - room);
    CHECK(contains(plan, "投影"));
    CHECK(contains(plan, "培训师"));
    for (size_t i = 0; i < kGroups.size(); ++i) {
        std::string name = kGroups[i] == "<b>&组" ? "&lt;b&gt;&amp;组" : kGroups[i];
        INFO(name);
        CHECK(contains(plan, "<div class=\"no\">第" + std::to_string(i + 1) + "桌</div><div class=\"group\">" + name + "</div>"));
    }
    CHECK_FALSE(contains(plan, "第5桌"));

    // The set-up, the timing table, the kit, the references and the questions.
    CHECK(contains(html, "4 组"));
    CHECK(contains(html, "4 分钟"));
    CHECK(contains(html, "练习 <small>practice</small>"));
    CHECK(contains(prep_html(sample(true)), "考核 <small>exam</small>"));
    for (std::string t : p.decisions) {
        for (size_t q = t.find('"'); q != std::string::npos; q = t.find('"', q)) t.replace(q, 1, "&quot;");
        CHECK(contains(html, "<td>" + t + "</td>"));  // "不建"贴上公告栏以后: its quotes escaped
    }
    for (const char* part : {"去哪里看", "参考案例", "课前学习", "线下工作坊", "各方如何协作"})
        CHECK(contains(html, std::string("<h3>") + part + "</h3>"));
    CHECK(contains(html, "<span class=\"kind\">案例 Case</span>建筑垃圾房变成小花园"));
    CHECK(contains(html, "<span class=\"kind\">指南 Guideline</span>"));
    CHECK(contains(html, "<h3>建筑垃圾房变成小花园：一次被否决后重开的议事</h3>"));
    // The drill's text is escaped too ("有个空间" is written with ASCII quotes in the file).
    CHECK(contains(html, "&quot;有个空间&quot;"));
}

TEST_CASE("export_prep writes prep.html into a new folder through a temporary file") {
    TempDir tmp;
    WorkshopPrep p = sample();
    fs::path dir = tmp.path() / "workshops" / "2026-12" / "松涛里";
    fs::path file = export_prep(p, dir);
    CHECK(file == dir / "prep.html");
    CHECK(read(file) == prep_html(p));
    std::vector<fs::path> left;
    for (const auto& e : fs::directory_iterator(dir)) left.push_back(e.path().filename());
    CHECK(left == std::vector<fs::path>{"prep.html"});  // no temporary file left behind
    CHECK((fs::status(file).permissions() & fs::perms::others_read) != fs::perms::none);

    // Again over the old one: replaced whole.
    WorkshopPrep exam = sample(true);
    export_prep(exam, dir);
    CHECK(read(file) == prep_html(exam));

    // A folder that cannot be made (under a regular file): an error in Chinese, then English.
    fs::path blocker = tmp.write("plain-file", "x");
    try {
        export_prep(p, blocker / "prep");
        FAIL("export_prep did not throw");
    } catch (const std::runtime_error& e) {
        std::string what = e.what();
        CHECK(contains(what, "无法创建文件夹"));
        CHECK(contains(what, "cannot create the folder"));
        CHECK(what.find("无法") < what.find("cannot"));
    }
    CHECK_FALSE(fs::exists(blocker / "prep"));
}
