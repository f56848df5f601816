// Search: FTS5 trigram for 3+ characters, the gram index for 1-2, title hits first, snippets.
#include <catch2/catch.hpp>

#include "content/search.h"
#include "test_support.h"

using namespace linli;

namespace {

Library sample_library(const test::TempDir& dir) {
    auto doc = [&](const std::string& id, const std::string& title, const std::string& body, const std::string& tags) {
        dir.write(id + ".md", "---\nid: " + id + "\nkind: guideline\ntitle: " + title + "\nsummary: s\ntags: [" + tags +
                                  "]\n---\n" + body + "\n");
    };
    doc("a", "居民议事会怎么开", "先定议题，再请居民来。议事规则要提前公布。", "议事");
    doc("b", "物业费纠纷", "业主拒交物业费时，物业不能停水停电。议事可以作为协商的办法。", "物业");
    doc("c", "场景营造", "把空间变成居民愿意来的地方。这里没有那个词。", "空间");
    doc("d", "Owners Committee", "The committee resigned. 业委会集体辞职。", "committee");
    return Library::load({dir.path()});
}

std::vector<std::string> ids(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.id);
    return out;
}

}  // namespace

TEST_CASE("two-character Chinese queries find documents, title hits first") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    // 议事: in a's title and body, b's body only.
    CHECK(ids(index->search("议事")) == std::vector<std::string>{"a", "b"});
    CHECK(index->search("议事")[0].title_hit);
    CHECK_FALSE(index->search("议事")[1].title_hit);
    // 物业: in b's title.
    CHECK(ids(index->search("物业")) == std::vector<std::string>{"b"});
}

TEST_CASE("one-character queries work") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    auto hits = ids(index->search("营"));
    CHECK(hits == std::vector<std::string>{"c"});
    CHECK(ids(index->search("居")) == std::vector<std::string>{"a", "c"});
}

TEST_CASE("three or more characters go through FTS5 trigram") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    CHECK(ids(index->search("业委会")) == std::vector<std::string>{"d"});
    CHECK(ids(index->search("停水停电")) == std::vector<std::string>{"b"});
    CHECK(ids(index->search("committee")) == std::vector<std::string>{"d"});
    CHECK(ids(index->search("COMMITTEE")) == std::vector<std::string>{"d"});  // case folds
    CHECK(index->search("没有这个词组").empty());
}

TEST_CASE("several terms must all match") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    CHECK(ids(index->search("议事 物业")) == std::vector<std::string>{"b"});
    CHECK(ids(index->search("居民 议事规则")) == std::vector<std::string>{"a"});
    CHECK(index->search("   ").empty());
}

TEST_CASE("tags are searched too") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    CHECK(ids(index->search("空间")) == std::vector<std::string>{"c"});
}

TEST_CASE("snippets show the match with highlights on it") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    auto hits = index->search("停水");
    REQUIRE(hits.size() == 1);
    const SearchHit& h = hits[0];
    REQUIRE(h.highlights.size() == 1);
    auto [b, e] = h.highlights[0];
    CHECK(h.snippet.substr(b, e - b) == "停水");
}

TEST_CASE("the limit caps results") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    CHECK(index->search("居", 1).size() == 1);
}

TEST_CASE("the index is cached in a file keyed by the content hash and rebuilt when content changes") {
    test::TempDir dir, cache;
    Library lib = sample_library(dir);
    auto path = SearchIndex::cache_path(lib, cache.path());
    {
        auto index = SearchIndex::cached(lib, cache.path());
        CHECK(std::filesystem::exists(path));
        CHECK(index->document_count() == 4);
    }
    auto reopened = SearchIndex::open_file(path);
    CHECK(ids(reopened->search("物业")) == std::vector<std::string>{"b"});

    dir.write("e.md", "---\nid: e\nkind: case\ntitle: 新文档\nsummary: s\n---\n物业新闻\n");
    Library changed = Library::load({dir.path()});
    auto index2 = SearchIndex::cached(changed, cache.path());
    CHECK(index2->document_count() == 5);
    CHECK_FALSE(std::filesystem::exists(path));  // the stale index was removed
}

TEST_CASE("a damaged cache file is rebuilt, not trusted") {
    test::TempDir dir, cache;
    Library lib = sample_library(dir);
    auto path = SearchIndex::cache_path(lib, cache.path());
    cache.write(path.filename().string(), "this is not a database");
    auto index = SearchIndex::cached(lib, cache.path());
    CHECK(index->document_count() == 4);
}
