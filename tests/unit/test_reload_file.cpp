// One saved file taken into a loaded catalog without a load (the editor's save).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cases/catalog.h"
#include "test_support.h"

using namespace linli;
using linli::test::fixtures;
using linli::test::TempDir;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string kCase = R"(---
id: delta
kind: case
title: 新来的案例
summary: 先读[新指南](linli:pit-fresh)。
updated: 2026-03-01
---
见[新指南](linli:pit-fresh)，也见[alpha](linli:alpha)。
)";

const std::string kGuideline = R"(---
id: pit-fresh
kind: guideline
title: 新写的指南
summary: 一句话。
updated: 2026-03-01
---
正文。
)";

bool names(const std::vector<Diagnostic>& problems, const std::string& what) {
    return std::any_of(problems.begin(), problems.end(), [&](const Diagnostic& d) { return d.message.find(what) != std::string::npos; });
}

}  // namespace

TEST_CASE("a new file is added in place, and the broken links to it are resolved", "[reload]") {
    TempDir dir;
    std::filesystem::copy(fixtures() / "good", dir.path(), std::filesystem::copy_options::recursive);
    dir.write("delta.md", kCase);
    Catalog c = Catalog::load({dir.path()});
    REQUIRE(names(c.problems, "pit-fresh"));
    size_t before = c.library.documents().size();

    auto file = dir.write("pit-fresh.md", kGuideline);
    auto doc = c.reload_file(file, dir.path());
    REQUIRE(doc);
    CHECK(c.library.documents().size() == before + 1);
    CHECK(c.library.find("pit-fresh") == &c.library.documents()[size_t(*doc)]);
    CHECK_FALSE(names(c.problems, "pit-fresh"));
    CHECK_FALSE(names(c.library.problems(), "pit-fresh"));
    CHECK(c.library.backlinks(*doc) == std::vector<int>{c.library.index_of("delta")});
}

TEST_CASE("an edited file replaces its document and only its problems", "[reload]") {
    TempDir dir;
    std::filesystem::copy(fixtures() / "good", dir.path(), std::filesystem::copy_options::recursive);
    auto delta = dir.write("delta.md", kCase);
    Catalog c = Catalog::load({dir.path()});
    int at = c.library.index_of("delta");
    REQUIRE(names(c.problems, "pit-fresh"));
    uint64_t hash = c.library.content_hash();

    std::string edited = kCase;
    edited.replace(edited.find("新来的案例"), std::string("新来的案例").size(), "改过的案例");
    edited.replace(edited.find("(linli:pit-fresh)，"), std::string("(linli:pit-fresh)，").size(), "(linli:beta)，");
    dir.write("delta.md", edited);
    auto doc = c.reload_file(delta, dir.path());
    REQUIRE(doc);
    CHECK(*doc == at);
    CHECK(c.library.find("delta")->meta.title == "改过的案例");
    CHECK(c.library.content_hash() != hash);  // the search index is brought up to date by it
    // Its broken link is gone with the edit; beta gained a backlink; alpha's problems stay none.
    CHECK_FALSE(names(c.problems, "pit-fresh"));
    auto back = c.library.backlinks(c.library.index_of("beta"));
    CHECK(std::find(back.begin(), back.end(), at) != back.end());
}

TEST_CASE("what only a full load can tell is left to it", "[reload]") {
    TempDir dir;
    std::filesystem::copy(fixtures() / "good", dir.path(), std::filesystem::copy_options::recursive);
    auto delta = dir.write("delta.md", kCase);
    Catalog c = Catalog::load({dir.path()});
    size_t count = c.library.documents().size();

    SECTION("a changed id") {
        std::string renamed = kCase;
        renamed.replace(renamed.find("id: delta"), 9, "id: omega");
        dir.write("delta.md", renamed);
        CHECK_FALSE(c.reload_file(delta, dir.path()));
    }
    SECTION("an id another file has") {
        CHECK_FALSE(c.reload_file(dir.write("copy.md", kCase), dir.path()));
    }
    SECTION("a file that no longer parses") {
        dir.write("delta.md", "---\nid: [\n");
        CHECK_FALSE(c.reload_file(delta, dir.path()));
    }
    SECTION("a file that is gone") {
        std::filesystem::remove(delta);
        CHECK_FALSE(c.reload_file(delta, dir.path()));
    }
    CHECK(c.library.documents().size() == count);
    CHECK(c.library.find("delta")->meta.title == "新来的案例");
}

TEST_CASE("a saved drill is parsed again and every drill still points at its document", "[reload]") {
    TempDir dir;
    std::filesystem::copy(fixtures() / "good", dir.path(), std::filesystem::copy_options::recursive);
    std::filesystem::copy(fixtures() / "drills", dir.path() / "drills", std::filesystem::copy_options::recursive);
    Catalog c = Catalog::load({dir.path()});
    REQUIRE_FALSE(c.drills.empty());
    const Drill& first = c.drills.front();
    std::string id = first.doc->meta.id;
    std::filesystem::path file = first.doc->path;
    std::string text = slurp(file);
    size_t title = text.find("title: ");
    REQUIRE(title != std::string::npos);
    text.insert(title + 7, "改·");
    std::ofstream(file, std::ios::binary) << text;

    dir.write("pit-fresh.md", kGuideline);  // a new document too: the vector of documents grows
    REQUIRE(c.reload_file(dir.path() / "pit-fresh.md", dir.path()));
    auto doc = c.reload_file(file, dir.path());
    REQUIRE(doc);
    const Drill* d = c.drill(id);
    REQUIRE(d);
    CHECK(d->doc == &c.library.documents()[size_t(*doc)]);
    CHECK(d->doc->meta.title.rfind("改·", 0) == 0);
    for (const Drill& each : c.drills) CHECK(c.library.find(each.doc->meta.id) == each.doc);
    // Checked alone, it says what a full load's check of it says.
    Catalog full = Catalog::load({dir.path()});
    auto messages = [](std::vector<Diagnostic> ds) {
        std::vector<std::string> m;
        for (auto& x : ds) m.push_back(x.format());
        std::sort(m.begin(), m.end());
        return m;
    };
    CHECK(messages(c.check_drill_of(*doc)) == messages(full.check_drill_of(full.library.index_of(id))));
    CHECK(c.check_drill_of(c.library.index_of("alpha")).empty());  // not a drill
}
