// The library: loading folders, lint diagnostics with file:line, links and backlinks.
#include <catch2/catch.hpp>

#include <algorithm>

#include "content/glyph_needs.h"
#include "content/library.h"
#include "test_support.h"

using namespace linli;
using linli::test::fixtures;

namespace {

const Diagnostic* find_diag(const Library& lib, const std::string& file_suffix) {
    for (const auto& d : lib.problems())
        if (d.path.size() >= file_suffix.size() && d.path.compare(d.path.size() - file_suffix.size(), file_suffix.size(), file_suffix) == 0)
            return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("good documents load with no problems and link both ways") {
    Library lib = Library::load({fixtures() / "good"});
    CHECK(lib.problems().empty());
    REQUIRE(lib.documents().size() == 3);
    CHECK(lib.count(DocKind::Guideline) == 1);
    CHECK(lib.count(DocKind::Case) == 2);
    CHECK(lib.count(DocKind::Drill) == 0);

    int alpha = lib.index_of("alpha"), beta = lib.index_of("beta"), gamma = lib.index_of("gamma");
    REQUIRE(alpha >= 0);
    // beta links alpha twice; it is listed once. gamma links alpha too.
    CHECK(lib.backlinks(alpha) == std::vector<int>{beta, gamma});
    CHECK(lib.backlinks(beta) == std::vector<int>{alpha});
    CHECK(lib.backlinks(gamma).empty());
    CHECK(lib.find("nope") == nullptr);
}

TEST_CASE("broken files are reported with file and line, and the rest still load") {
    Library lib = Library::load({fixtures() / "broken", fixtures() / "good"});
    struct Expect {
        const char* file;
        int line, col;
        Severity sev;
        const char* words;
    };
    const Expect expected[] = {
        {"broken/no-front-matter.md", 1, 1, Severity::Error, "missing front matter"},
        {"broken/bad-yaml.md", 5, 8, Severity::Error, "malformed front matter"},
        {"broken/unknown-kind.md", 3, 7, Severity::Error, "unknown kind 'essay'"},
        {"broken/missing-title.md", 1, 1, Severity::Error, "missing 'title'"},
        {"broken/bad-link.md", 9, 13, Severity::Error, "unknown document id 'no-such-doc'"},
        {"broken/dup-b.md", 3, 1, Severity::Error, "duplicate id 'dup'"},
        {"broken/latin1.md", 7, 4, Severity::Error, "not valid UTF-8"},
        {"broken/empty-body.md", 7, 1, Severity::Warning, "empty body"},
    };
    for (const auto& e : expected) {
        INFO(e.file);
        const Diagnostic* d = find_diag(lib, e.file);
        REQUIRE(d != nullptr);
        CHECK(d->line == e.line);
        CHECK(d->col == e.col);
        CHECK(d->severity == e.sev);
        CHECK((d->message_en.empty() ? d->message : d->message_en).find(e.words) != std::string::npos);
    }
    CHECK(lib.problems().size() == std::size(expected));
    // Everything usable loaded: the good three, bad-link, the first dup, empty-body.
    CHECK(lib.documents().size() == 6);
    CHECK(lib.find("bad-link") != nullptr);
    CHECK(lib.find("dup")->meta.title == "重复一");
    CHECK(has_errors(lib.problems()));
}

TEST_CASE("the content hash changes when a file changes") {
    test::TempDir dir;
    dir.write("a.md", "---\nid: a\nkind: case\ntitle: 甲\nsummary: s\n---\n正文\n");
    uint64_t h1 = Library::load({dir.path()}).content_hash();
    CHECK(Library::load({dir.path()}).content_hash() == h1);
    dir.write("a.md", "---\nid: a\nkind: case\ntitle: 甲\nsummary: s\n---\n正文改了\n");
    CHECK(Library::load({dir.path()}).content_hash() != h1);
}

TEST_CASE("README.md files and non-Markdown files are not documents") {
    test::TempDir dir;
    dir.write("README.md", "# not a document\n");
    dir.write("notes.txt", "text\n");
    dir.write("sub/a.md", "---\nid: a\nkind: case\ntitle: 甲\nsummary: s\n---\n正文\n");
    Library lib = Library::load({dir.path(), dir.path() / "sub"});  // the same file twice loads once
    CHECK(lib.documents().size() == 1);
    CHECK(lib.problems().empty());
}

TEST_CASE("glyph needs cover what each text style draws") {
    Library lib = Library::load({fixtures() / "good"});
    GlyphNeeds g = glyph_needs(lib);
    auto has = [](const std::vector<char32_t>& v, char32_t c) { return std::binary_search(v.begin(), v.end(), c); };
    // The "common" Chinese range misses these; the atlas must not.
    for (char32_t c : {U'杭', U'圳', U'咖', U'啡', U'屏'}) CHECK(has(g.body, c));
    CHECK(has(g.bold, U'经'));   // **物业经理**
    CHECK(has(g.h1, U'沟'));     // # 物业沟通的第一步
    CHECK_FALSE(has(g.h1, U'段'));  // body text is not baked in the heading font
}

TEST_CASE("a document that is a symbolic link is read only when it stays inside the library") {
    test::TempDir dir;
    const std::string doc = "---\nid: ID\nkind: guideline\ntitle: 标题\nsummary: 摘要。\nupdated: 2026-12-01\n---\n# 标题\n\n正文。\n";
    auto secret = dir.write("outside/secret.md", std::string(doc).replace(doc.find("ID"), 2, "secret"));
    dir.write("lib/real.md", std::string(doc).replace(doc.find("ID"), 2, "real"));
    std::filesystem::create_directories(dir.path() / "lib/links");
    std::filesystem::create_symlink(secret, dir.path() / "lib/links/out.md");               // absolute, outside
    std::filesystem::create_symlink("../../outside/secret.md", dir.path() / "lib/links/up.md");  // relative, outside
    std::filesystem::create_symlink("../real.md", dir.path() / "lib/links/in.md");          // inside: a second name
    Library lib = Library::load({dir.path() / "lib"});
    CHECK(lib.find("secret") == nullptr);
    CHECK(lib.find("real") != nullptr);
    REQUIRE(find_diag(lib, "links/out.md") != nullptr);
    REQUIRE(find_diag(lib, "links/up.md") != nullptr);
    CHECK(find_diag(lib, "links/out.md")->severity == Severity::Error);
    CHECK(find_diag(lib, "links/out.md")->message.find("文库之外") != std::string::npos);
    CHECK(find_diag(lib, "links/in.md") == nullptr);  // the same file twice is read once, quietly
}
