// Search: BM25 over characters, character pairs and words; whole-query matches first, then the
// best partial matches; title hits first; snippets; the cache file.
#include <catch2/catch.hpp>

#include <set>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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

TEST_CASE("longer queries find the documents holding them, and English words too") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    CHECK(ids(index->search("业委会")) == std::vector<std::string>{"d"});
    CHECK(ids(index->search("停水停电")) == std::vector<std::string>{"b"});
    CHECK(ids(index->search("committee")) == std::vector<std::string>{"d"});
    CHECK(ids(index->search("COMMITTEE")) == std::vector<std::string>{"d"});  // case folds
}

TEST_CASE("a query no document holds whole still returns the best partial match") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    // 没有这个词组: c holds 没有 and 个词 (这里没有那个词), the others nothing of it.
    auto hits = index->search("没有这个词组");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].id == "c");
    REQUIRE_FALSE(hits[0].highlights.empty());
    auto [b, e] = hits[0].highlights[0];
    CHECK(hits[0].snippet.substr(b, e - b) == "没有");
}

TEST_CASE("with several terms, documents holding all of them come first") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    CHECK(ids(index->search("议事 物业")) == std::vector<std::string>{"b", "a"});  // a: 议事 only
    CHECK(ids(index->search("居民 议事规则"))[0] == "a");
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

TEST_CASE("the index is kept in a file per library folder and updated in place when documents change") {
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
    CHECK(reopened->content_hash() == lib.content_hash());
    auto inode = [&] {
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        return st.st_ino;
    };
    auto before = inode();

    // Added, edited (物业 gone from b) and removed (c): the same file, brought up to date.
    dir.write("e.md", "---\nid: e\nkind: case\ntitle: 新文档\nsummary: s\n---\n物业新闻\n");
    dir.write("b.md", "---\nid: b\nkind: guideline\ntitle: 收费纠纷\nsummary: s\n---\n业主拒交费用时要协商。\n");
    std::filesystem::remove(dir.path() / "c.md");
    Library changed = Library::load({dir.path()});
    auto index2 = SearchIndex::cached(changed, cache.path());
    CHECK(inode() == before);  // updated, not rebuilt
    CHECK(index2->document_count() == 4);
    CHECK(index2->content_hash() == changed.content_hash());
    CHECK(ids(index2->search("物业")) == std::vector<std::string>{"e"});
    CHECK(ids(index2->search("收费")) == std::vector<std::string>{"b"});
    CHECK(index2->search("场景").empty());
    CHECK(index2->search("纠纷")[0].title == "收费纠纷");
}

TEST_CASE("an index updated in place ranks as one built from scratch") {
    test::TempDir dir, cache;
    const std::vector<std::string> words = {"居民", "议事", "物业", "业委会", "辞职", "空间", "活动", "志愿者", "社区", "协商"};
    auto write = [&](int i, int seed) {
        std::string body;
        for (int k = 0; k < 12; ++k) body += words[size_t(i * 7 + k * 3 + seed) % words.size()] + (k % 4 == 3 ? "。" : "，");
        dir.write("d" + std::to_string(i) + ".md", "---\nid: d" + std::to_string(i) + "\nkind: case\ntitle: " +
                                                       words[size_t(i + seed) % words.size()] + "的故事" + std::to_string(i) +
                                                       "\nsummary: s\n---\n" + body + "\n");
    };
    for (int i = 0; i < 200; ++i) write(i, 0);
    SearchIndex::cached(Library::load({dir.path()}), cache.path());
    // Three rounds of edits, each a few documents changed, added or removed.
    for (int round = 1; round <= 3; ++round) {
        for (int i = round; i < 200; i += 37) write(i, round);
        write(200 + round, round);
        std::filesystem::remove(dir.path() / ("d" + std::to_string(round * 11) + ".md"));
        Library lib = Library::load({dir.path()});
        auto updated = SearchIndex::cached(lib, cache.path());
        auto fresh = SearchIndex::in_memory(lib);
        REQUIRE(updated->document_count() == fresh->document_count());
        for (const std::string& q : {"居民", "议事 物业", "业委会辞职", "志愿者活动", "故事", "协商"}) {
            INFO("round " << round << ", query " << q);
            // Document frequencies count the edited rows until a rebuild, so scores may differ
            // slightly; the documents found may not.
            auto a = ids(updated->search(q, 500)), b = ids(fresh->search(q, 500));
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            CHECK(a == b);
            CHECK(updated->search(q, 1)[0].id == fresh->search(q, 1)[0].id);
        }
    }
}

TEST_CASE("when much of the library changed, the index is rebuilt rather than updated") {
    test::TempDir dir, cache;
    for (int i = 0; i < 100; ++i)
        dir.write("d" + std::to_string(i) + ".md", "---\nid: d" + std::to_string(i) + "\nkind: case\ntitle: 标题" + std::to_string(i) + "\nsummary: s\n---\n正文。\n");
    Library lib = Library::load({dir.path()});
    auto path = SearchIndex::cache_path(lib, cache.path());
    SearchIndex::cached(lib, cache.path());
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    auto before = st.st_ino;
    for (int i = 0; i < 100; ++i)
        dir.write("d" + std::to_string(i) + ".md", "---\nid: d" + std::to_string(i) + "\nkind: case\ntitle: 新标题" + std::to_string(i) + "\nsummary: s\n---\n新的正文。\n");
    auto index = SearchIndex::cached(Library::load({dir.path()}), cache.path());
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK(st.st_ino != before);  // a new file, renamed into place
    CHECK(ids(index->search("新的", 200)).size() == 100);
}

TEST_CASE("a damaged cache file is rebuilt, not trusted") {
    test::TempDir dir, cache;
    Library lib = sample_library(dir);
    auto path = SearchIndex::cache_path(lib, cache.path());
    cache.write(path.filename().string(), "this is not a database");
    auto index = SearchIndex::cached(lib, cache.path());
    CHECK(index->document_count() == 4);
}

TEST_CASE("temp files of a killed index build are removed at the next start, a running build's are kept") {
    test::TempDir dir, cache;
    Library lib = sample_library(dir);
    SearchIndex::cached(lib, cache.path());
    const std::string name = SearchIndex::cache_path(lib, cache.path()).filename().string();
    // A builder that was killed: a process that has exited and been reaped.
    pid_t dead = fork();
    REQUIRE(dead >= 0);
    if (dead == 0) _exit(0);
    REQUIRE(waitpid(dead, nullptr, 0) == dead);
    // A builder still running (another window starting at the same time): a child blocked on a pipe.
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    pid_t alive = fork();
    REQUIRE(alive >= 0);
    if (alive == 0) {
        close(pipe_fds[1]);
        char c;
        while (read(pipe_fds[0], &c, 1) < 0) {
        }
        _exit(0);
    }
    close(pipe_fds[0]);
    auto dead_tmp = cache.write(name + ".tmp-" + std::to_string(dead), "half an index");
    auto dead_other = cache.write("search-00000000000000aa.sqlite.tmp-" + std::to_string(dead), "an older library's");
    auto alive_tmp = cache.write(name + ".tmp-" + std::to_string(alive), "being written");
    auto not_ours = cache.write("notes.sqlite.tmp-" + std::to_string(dead), "someone else's file");

    auto index = SearchIndex::cached(lib, cache.path());  // the cache exists: this start only opens it
    CHECK(index->document_count() == 4);
    CHECK_FALSE(std::filesystem::exists(dead_tmp));
    CHECK_FALSE(std::filesystem::exists(dead_other));
    CHECK(std::filesystem::exists(alive_tmp));
    CHECK(std::filesystem::exists(not_ours));

    close(pipe_fds[1]);  // the running builder finishes
    REQUIRE(waitpid(alive, nullptr, 0) == alive);
    SearchIndex::remove_abandoned_temps(cache.path());
    CHECK_FALSE(std::filesystem::exists(alive_tmp));
}

TEST_CASE("a library given by a relative or an absolute path uses the same cache file") {
    test::TempDir dir, cache;
    Library abs = sample_library(dir);
    std::filesystem::path rel = std::filesystem::relative(dir.path(), std::filesystem::current_path());
    REQUIRE(rel.is_relative());
    Library relative = Library::load({rel});
    Library dotted = Library::load({dir.path() / "." / ".." / dir.path().filename()});
    CHECK(SearchIndex::cache_path(relative, cache.path()) == SearchIndex::cache_path(abs, cache.path()));
    CHECK(SearchIndex::cache_path(dotted, cache.path()) == SearchIndex::cache_path(abs, cache.path()));
    SearchIndex::cached(abs, cache.path());
    auto index = SearchIndex::cached(relative, cache.path());
    CHECK(index->document_count() == 4);
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(cache.path())) files += e.path().filename().string().rfind("search-", 0) == 0;
    CHECK(files == 1);
    // The key is the folders, not their content: an edit updates the same file.
    dir.write("e.md", "---\nid: e\nkind: case\ntitle: 新文档\nsummary: s\n---\n物业新闻\n");
    CHECK(SearchIndex::cache_path(Library::load({rel}), cache.path()) == SearchIndex::cache_path(abs, cache.path()));
}

TEST_CASE("the thesaurus expands queries both ways for synonyms, one way for arrows, and reports bad lines") {
    test::TempDir dir;
    dir.write("a.md", "---\nid: a\nkind: case\ntitle: 业主委员会集体辞职\nsummary: s\n---\n委员们辞职了。\n");
    dir.write("b.md", "---\nid: b\nkind: case\ntitle: 物业公司\nsummary: s\n---\n物业服务企业的合同。\n");
    dir.write("thesaurus.txt", "# 注释\n业委会 = 业主委员会\n不干了 / 撂挑子 → 辞职\n这一行读不懂\n太长的词语太长的词语太长 = 甲\n");
    Library lib = Library::load({dir.path()});
    CHECK(lib.thesaurus().rules() == 2);
    std::vector<std::pair<int, std::string>> bad;
    for (const Diagnostic& d : lib.problems())
        if (d.path.find("thesaurus.txt") != std::string::npos) bad.push_back({d.line, d.message_en});
    REQUIRE(bad.size() == 2);
    CHECK(bad[0].first == 4);
    CHECK(bad[1].first == 5);
    auto index = SearchIndex::in_memory(lib);
    CHECK(ids(index->search("业委会")) == std::vector<std::string>{"a"});  // 业委会 -> 业主委员会
    CHECK(ids(index->search("撂挑子"))[0] == "a");                         // 撂挑子 -> 辞职
    // One way only: 辞职 does not bring in 不干了 (and no document says it).
    auto exp = lib.thesaurus().expand(U"辞职");
    CHECK(exp.empty());
    auto both = lib.thesaurus().expand(U"业主委员会怎么办");
    CHECK(both == std::vector<std::u32string>{U"业委会"});
}

TEST_CASE("traditional characters, pinyin and initials find the simplified title") {
    test::TempDir dir;
    auto index = SearchIndex::in_memory(sample_library(dir));
    CHECK(ids(index->search("議事")).front() == "a");
    CHECK(ids(index->search("yishi")).front() == "a");
    CHECK(ids(index->search("yi shi hui")).front() == "a");  // 议事会
    CHECK(ids(index->search("wyf")).front() == "b");         // 物业费
    CHECK(ids(index->search("changjing")).front() == "c");  // 场景
}

TEST_CASE("a titles-only index finds by titles, tags and keywords, never by bodies") {
    test::TempDir dir;
    auto quick = SearchIndex::titles_only(sample_library(dir));
    CHECK(ids(quick->search("物业费")) == std::vector<std::string>{"b"});  // b's title
    CHECK(ids(quick->search("空间")) == std::vector<std::string>{"c"});    // c's tag (and no body: c's body says 空间 too)
    CHECK(quick->search("停水停电").empty());                               // only in b's body
}

TEST_CASE("an index built in segments finds every document that holds a term, across the segments' seams") {
    test::TempDir dir, cache;
    const std::vector<std::string> words = {"居民", "议事", "物业", "辞职", "空间", "志愿者"};
    std::vector<std::set<std::string>> holders(words.size());
    for (int i = 0; i < 700; ++i) {  // several segments of the build, and a part-filled last one
        std::string id = "d" + std::to_string(i), body;
        for (size_t w = 0; w < words.size(); ++w)
            if ((i * 7 + int(w) * 3) % (int(w) + 2) == 0) {
                body += words[w] + "。";
                holders[w].insert(id);
            }
        dir.write(id + ".md", "---\nid: " + id + "\nkind: case\ntitle: 第" + std::to_string(i) + "篇\nsummary: s\n---\n" + body + "正文。\n");
    }
    auto index = SearchIndex::cached(Library::load({dir.path()}), cache.path());
    REQUIRE(index->document_count() == 700);
    for (size_t w = 0; w < words.size(); ++w) {
        INFO(words[w]);
        auto found = ids(index->search(words[w], 1000));
        std::set<std::string> got(found.begin(), found.end());
        // A partial match may add documents holding one of the term's characters; every holder is found,
        // and those holding the whole term come first.
        for (const std::string& h : holders[w]) CHECK(got.count(h));
        std::set<std::string> top(found.begin(), found.begin() + long(std::min(found.size(), holders[w].size())));
        CHECK(top == holders[w]);
    }
}
