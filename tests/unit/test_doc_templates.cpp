// The editor's 新建指南 / 新建案例 / 新建演练 templates (cases/doc_templates.h): each, saved as
// <id>.md beside the bundled library, loads with no error and no warning, drills checked.
#include <catch2/catch.hpp>

#include <functional>
#include <set>
#include <sstream>
#include <tuple>

#include "cases/buffer_lint.h"
#include "cases/catalog.h"
#include "cases/doc_templates.h"
#include "cases/drill_engine.h"
#include "cases/drill_paths.h"
#include "content/sections.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;

namespace {

const TemplateKind kKinds[] = {TemplateKind::Guideline, TemplateKind::Case, TemplateKind::Drill};

DocKind doc_kind(TemplateKind k) {
    return k == TemplateKind::Guideline ? DocKind::Guideline : k == TemplateKind::Case ? DocKind::Case : DocKind::Drill;
}

const char* name_of(TemplateKind k) {
    return k == TemplateKind::Guideline ? "guideline" : k == TemplateKind::Case ? "case" : "drill";
}

std::vector<fs::path> bundled_roots() { return {test::source_dir() / "content", test::source_dir() / "cases"}; }

// The bundled library with `folder` added, drills checked: what `linli lint folder` loads.
Catalog load_with(const fs::path& folder) {
    auto roots = bundled_roots();
    roots.push_back(folder);
    return Catalog::load(roots, /*check_drills=*/true);
}

bool inside(const std::string& file, const fs::path& folder) {
    std::error_code ec;
    fs::path f = fs::weakly_canonical(file, ec), r = fs::weakly_canonical(folder, ec);
    auto [rit, fit] = std::mismatch(r.begin(), r.end(), f.begin(), f.end());
    return rit == r.end();
}

// The load's problems in files of `folder`, each printed.
std::vector<Diagnostic> problems_in(const Catalog& c, const fs::path& folder) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : c.problems)
        if (inside(d.path, folder)) out.push_back(d);
    return out;
}

void require_clean(const std::vector<Diagnostic>& diags) {
    for (const Diagnostic& d : diags) FAIL_CHECK(d.format());
    REQUIRE(diags.empty());
}

const Catalog& bundled() {
    static const Catalog c = Catalog::load(bundled_roots(), /*check_drills=*/false);
    return c;
}

std::vector<std::string> section_titles(const Document& d) {
    std::vector<std::string> out;
    for (const Section& s : sections(d)) out.push_back(s.title);
    return out;
}

// Every play from `s`: calls `end` with each ending state reached; false when a play gets stuck
// (a non-ending with no shown choice) or runs longer than `depth` steps.
bool every_play_ends(const Drill& d, const DrillState& s, int depth, const std::function<void(const DrillState&)>& end) {
    if (d.nodes[s.node].is_ending()) {
        end(s);
        return true;
    }
    auto shown = available_choices(d, s);
    if (shown.empty() || depth == 0) return false;
    bool ok = true;
    for (int c : shown) ok = every_play_ends(d, apply_choice(d, s, c), depth - 1, end) && ok;
    return ok;
}

}  // namespace

TEST_CASE("doc templates: each kind, saved beside the bundled library, lints with no error and no warning") {
    for (TemplateKind kind : kKinds) {
        INFO(name_of(kind));
        test::TempDir dir;
        std::string id = new_document_id(kind, [](std::string_view id) { return bundled().library.find(id) != nullptr; });
        fs::path file = dir.write(id + ".md", document_template(kind, id, default_title(kind), "2026-05-01"));
        Catalog c = load_with(dir.path());
        require_clean(problems_in(c, dir.path()));
        const Document* doc = c.library.find(id);
        REQUIRE(doc);
        CHECK(doc->meta.kind == doc_kind(kind));
        CHECK(doc->meta.title == default_title(kind));
        CHECK_FALSE(doc->meta.summary.empty());
        // Every link resolves to a bundled document: none points into the new file's folder.
        CHECK_FALSE(doc->links.empty());
        for (const Link& l : doc->links) {
            if (l.target_id.empty()) continue;
            const Document* t = c.library.find(l.target_id);
            REQUIRE(t);
            CHECK_FALSE(inside(t->path.string(), dir.path()));
        }
    }
}

TEST_CASE("doc templates: the editor's lint of the unsaved text is clean too") {
    for (TemplateKind kind : kKinds) {
        INFO(name_of(kind));
        test::TempDir dir;
        std::string id = new_document_id(kind, [](std::string_view) { return false; });
        LintedBuffer r = lint_buffer(bundled().library, dir.path() / (id + ".md"), dir.path(),
                                     document_template(kind, id, default_title(kind), "2026-05-01"));
        REQUIRE(r.doc);
        require_clean(r.diagnostics);
        CHECK((kind == TemplateKind::Drill) == (r.drill != nullptr));
    }
}

TEST_CASE("doc templates: the drill has two two-way decisions, three endings rated 好 尚可 糟糕, and every play ends") {
    test::TempDir dir;
    dir.write("drill-new.md", document_template(TemplateKind::Drill, "drill-new", "新演练", "2026-05-01"));
    Catalog c = load_with(dir.path());
    require_clean(problems_in(c, dir.path()));
    const Drill* d = c.drill("drill-new");
    REQUIRE(d);
    CHECK(d->vars.size() == 2);
    CHECK(d->flags.size() == 1);
    CHECK_FALSE(d->opening.empty());
    CHECK_FALSE(d->kit.empty());

    // A single decision with two options can lead to two endings at most (each node other than the
    // start needs a choice leading to it), so three endings take two decisions of two options.
    std::vector<const DrillNode*> decisions, endings;
    for (const DrillNode& n : d->nodes) {
        if (n.choices.size() >= 2) decisions.push_back(&n);
        if (n.is_ending()) endings.push_back(&n);
    }
    REQUIRE(decisions.size() == 2);
    CHECK(decisions[0] == &d->nodes[0]);
    for (const DrillNode* n : decisions) CHECK(n->choices.size() == 2);
    CHECK(d->nodes.size() == 5);  // the two decisions and the three endings

    REQUIRE(endings.size() == 3);
    std::multiset<Rating> ratings;
    for (const DrillNode* e : endings) {
        INFO(e->id);
        ratings.insert(e->rating);
        CHECK(e->rating_rules.empty());
        CHECK_FALSE(e->body.empty());    // the debrief
        CHECK_FALSE(e->better.empty());  // 更好的做法
    }
    CHECK(ratings == std::multiset<Rating>{Rating::Good, Rating::Fair, Rating::Bad});

    // Every play reaches an ending, and each ending is reached by some play.
    std::set<int> reached;
    CHECK(every_play_ends(*d, initial_state(*d), 20, [&](const DrillState& s) { reached.insert(s.node); }));
    CHECK(reached.size() == 3);
    PathStats paths = enumerate_paths(*d, default_step_bound(*d));
    CHECK(paths.total == 3);
    CHECK(paths.stuck == 0);
    CHECK(paths.cut == 0);

    // Every choice has its feedback and cites a guideline.
    for (const DrillNode* n : decisions)
        for (const Choice& ch : n->choices) {
            CHECK_FALSE(ch.feedback.empty());
            CHECK(ch.applies.size() + ch.violates.size() >= 1);
        }
}

TEST_CASE("doc templates: the guideline and the case have their sections in order, key points and self-checks") {
    test::TempDir dir;
    dir.write("pit-new.md", document_template(TemplateKind::Guideline, "pit-new", "新指南", "2026-05-01"));
    dir.write("case-new.md", document_template(TemplateKind::Case, "case-new", "新案例", "2026-05-01"));
    Catalog c = load_with(dir.path());
    require_clean(problems_in(c, dir.path()));

    const Document* g = c.library.find("pit-new");
    REQUIRE(g);
    CHECK(section_titles(*g) == std::vector<std::string>{"是什么", "为什么会踩坑", "预警信号", "应该怎么做", "相关案例", "要点", "自测", "来源"});
    auto points = key_points(*g);
    CHECK(points.size() >= 3);
    CHECK(points.size() <= 5);
    auto checks = self_checks(*g);
    CHECK(checks.size() >= 2);
    CHECK(checks.size() <= 3);
    for (const SelfCheck& s : checks) {
        CHECK_FALSE(s.question.empty());
        CHECK_FALSE(s.answer.empty());
    }
    bool links_case = false;
    for (const Link& l : g->links)
        if (const Document* t = c.library.find(l.target_id)) links_case |= t->meta.kind == DocKind::Case;
    CHECK(links_case);

    const Document* k = c.library.find("case-new");
    REQUIRE(k);
    CHECK(section_titles(*k) == std::vector<std::string>{"背景与经过", "决策点", "成效与教训", "相关方", "讨论题", "相关指南", "来源"});
    bool links_guideline = false;
    for (const Link& l : k->links)
        if (const Document* t = c.library.find(l.target_id)) links_guideline |= t->meta.kind == DocKind::Guideline;
    CHECK(links_guideline);
}

TEST_CASE("doc templates: the id, the title and the date go into the front matter") {
    // A title YAML would misread unquoted (": ", "#", quotes), and a plain Chinese one.
    const std::string titles[] = {"楼道堆物: 先上门 #1 \"别贴通知\"", "楼道堆物清理"};
    test::TempDir dir;
    std::vector<std::tuple<TemplateKind, std::string, std::string>> written;  // kind, id, title
    for (TemplateKind kind : kKinds)
        for (size_t t = 0; t < 2; ++t) {
            const std::string id = std::string(kind == TemplateKind::Guideline ? "pit" : name_of(kind)) + "-stairwell-" + char('a' + t);
            const std::string& title = titles[t];
            INFO(id << " " << title);
            std::string text = document_template(kind, id, title, "2026-05-01");
            std::istringstream in(text);
            std::string line, front;
            std::getline(in, line);
            REQUIRE(line == "---");
            while (std::getline(in, line) && line != "---") front += line + "\n";
            CHECK(front.find("id: " + id + "\n") != std::string::npos);
            CHECK(front.find("updated: 2026-05-01\n") != std::string::npos);
            CHECK(text.find("\n# " + title + "\n") != std::string::npos);
            dir.write(id + ".md", text);
            written.emplace_back(kind, id, title);
        }
    Catalog c = load_with(dir.path());
    require_clean(problems_in(c, dir.path()));
    for (const auto& [kind, id, title] : written) {
        INFO(id);
        const Document* doc = c.library.find(id);
        REQUIRE(doc);
        CHECK(doc->meta.kind == doc_kind(kind));
        CHECK(doc->meta.id == id);
        CHECK(doc->meta.title == title);
        CHECK(doc->meta.updated == "2026-05-01");
    }
    // An empty title takes the default one; line breaks in a title become spaces.
    CHECK(document_template(TemplateKind::Case, "case-x", "", "2026-05-01").find("title: 新案例\n") != std::string::npos);
    CHECK(document_template(TemplateKind::Case, "case-x", "两行\n标题", "2026-05-01").find("title: 两行 标题\n") != std::string::npos);
}

TEST_CASE("doc templates: new_document_id starts from the kind's stem and skips taken ids") {
    auto none = [](std::string_view) { return false; };
    CHECK(new_document_id(TemplateKind::Guideline, none) == "pit-new");
    CHECK(new_document_id(TemplateKind::Case, none) == "case-new");
    CHECK(new_document_id(TemplateKind::Drill, none) == "drill-new");
    std::set<std::string, std::less<>> taken = {"drill-new", "drill-new-2", "drill-new-4", "case-new"};
    auto in = [&](std::string_view id) { return taken.count(id) > 0; };
    CHECK(new_document_id(TemplateKind::Drill, in) == "drill-new-3");
    CHECK(new_document_id(TemplateKind::Case, in) == "case-new-2");
    CHECK(new_document_id(TemplateKind::Guideline, in) == "pit-new");
    // Ten taken in a row: the eleventh.
    std::set<std::string, std::less<>> many = {"pit-new"};
    for (int n = 2; n <= 10; ++n) many.insert("pit-new-" + std::to_string(n));
    CHECK(new_document_id(TemplateKind::Guideline, [&](std::string_view id) { return many.count(id) > 0; }) == "pit-new-11");
    CHECK(std::string(default_title(TemplateKind::Guideline)) == "新指南");
    CHECK(std::string(default_title(TemplateKind::Case)) == "新案例");
    CHECK(std::string(default_title(TemplateKind::Drill)) == "新演练");
}

TEST_CASE("doc templates: two new documents of each kind in one folder lint clean together") {
    test::TempDir dir;
    std::set<std::string, std::less<>> made;
    for (TemplateKind kind : kKinds)
        for (int i = 0; i < 2; ++i) {
            std::string id = new_document_id(kind, [&](std::string_view id) {
                return made.count(id) > 0 || bundled().library.find(id) != nullptr;
            });
            made.insert(id);
            dir.write(id + ".md", document_template(kind, id, default_title(kind), "2026-05-01"));
        }
    CHECK(made == std::set<std::string, std::less<>>{"pit-new", "pit-new-2", "case-new", "case-new-2", "drill-new", "drill-new-2"});
    Catalog c = load_with(dir.path());
    require_clean(problems_in(c, dir.path()));
    for (const std::string& id : made) CHECK(c.library.find(id));
    CHECK(c.drill("drill-new"));
    CHECK(c.drill("drill-new-2"));
}
