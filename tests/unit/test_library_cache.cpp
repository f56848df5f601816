// The library cache: documents parsed once across runs; a changed file is parsed again, a touched
// one is recognised by its bytes, and a damaged or foreign cache is never trusted.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <random>

#include "content/library.h"
#include "content/library_cache.h"
#include "cases/catalog.h"
#include "content/search.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;

namespace {

// Everything a parse produced, as one comparable string.
std::string dump(const Block& b) {
    std::string s = std::to_string(int(b.kind)) + ":" + std::to_string(b.level) + ":" + std::to_string(b.line) + ":" +
                    std::to_string(b.col) + "[" + b.literal + "]";
    for (const Span& sp : b.spans) s += "{" + sp.text + "|" + std::to_string(sp.style) + "|" + std::to_string(sp.link) + "}";
    for (const Block& c : b.children) s += "(" + dump(c) + ")";
    return s;
}
std::string dump(const Library& lib) {
    std::string s;
    for (const Document& d : lib.documents()) {
        s += d.path.string() + "|" + d.meta.id + "|" + d.meta.title + "|" + d.meta.title_en + "|" + d.meta.summary + "|" +
             d.plain_text + "|" + d.front_matter + "|" + std::to_string(d.body_line) + "\n";
        for (const auto* l : {&d.meta.tags, &d.meta.keywords, &d.meta.stakeholders, &d.meta.sources})
            for (const auto& x : *l) s += x + ",";
        for (const Link& l : d.links) s += l.url + ">" + l.target_id + "@" + std::to_string(l.line) + ":" + std::to_string(l.col) + ";";
        for (const Block& b : d.blocks) s += dump(b);
    }
    for (const Diagnostic& d : lib.problems()) s += d.format() + "\n" + d.format(true) + "\n";
    s += std::to_string(lib.content_hash());
    return s;
}

const char* kDoc = "---\nid: a\nkind: case\ntitle: 标题\ntitle_en: A title\nkeywords: [x, y]\nsummary: s\ntags: [甲]\n---\n"
                   "# 标题\n\n正文，见[乙](linli:b)。\n\n- 一\n- **二**\n\n1. 三\n\n> 引用\n";

}  // namespace

TEST_CASE("a library loaded through the cache is the same library, and the second load reads it from the cache") {
    test::TempDir lib_dir, cache_dir;
    lib_dir.write("a.md", kDoc);
    lib_dir.write("b.md", "---\nid: b\nkind: guideline\ntitle: 乙\nsummary: s\n---\n正文。\n");
    lib_dir.write("bad.md", "---\nid: Bad Id\nkind: case\ntitle: t\n---\nx\n");  // its problem is cached too
    const std::string plain = dump(Library::load({lib_dir.path()}));
    auto cache = LibraryCache::open(cache_dir.path());
    REQUIRE(cache);
    CHECK(dump(Library::load({lib_dir.path()}, cache.get())) == plain);  // first: parsed and stored
    cache.reset();
    auto again = LibraryCache::open(cache_dir.path());
    REQUIRE(again);
    CHECK(dump(Library::load({lib_dir.path()}, again.get())) == plain);  // second: from the cache
    // The cache really holds every file's parse.
    for (const char* f : {"a.md", "b.md", "bad.md"}) {
        INFO(f);
        fs::path p = fs::weakly_canonical(lib_dir.path() / f);
        struct stat st{};
        REQUIRE(::stat(p.c_str(), &st) == 0);
        CHECK(again->find(p.string(), int64_t(st.st_size), int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec).has_value());
    }
}

TEST_CASE("a changed file is parsed again; a touched one is recognised by its bytes") {
    test::TempDir lib_dir, cache_dir;
    lib_dir.write("a.md", kDoc);
    auto cache = LibraryCache::open(cache_dir.path());
    Library::load({lib_dir.path()}, cache.get());
    // Changed: new bytes, another mtime (set explicitly: a fast disk may give the same one).
    auto before = fs::last_write_time(lib_dir.path() / "a.md");
    lib_dir.write("a.md", std::string(kDoc) + "\n新的一段。\n");
    fs::last_write_time(lib_dir.path() / "a.md", before + std::chrono::seconds(2));
    Library changed = Library::load({lib_dir.path()}, cache.get());
    REQUIRE(changed.documents().size() == 1);
    CHECK(changed.documents()[0].plain_text.find("新的一段") != std::string::npos);
    CHECK(dump(changed) == dump(Library::load({lib_dir.path()})));
    // Touched: same bytes, a new mtime: found by hash, the same parse.
    fs::last_write_time(lib_dir.path() / "a.md", fs::last_write_time(lib_dir.path() / "a.md") + std::chrono::seconds(5));
    CHECK(dump(Library::load({lib_dir.path()}, cache.get())) == dump(Library::load({lib_dir.path()})));
}

TEST_CASE("a damaged or foreign cache is discarded, never trusted") {
    test::TempDir lib_dir, cache_dir;
    lib_dir.write("a.md", kDoc);
    const std::string plain = dump(Library::load({lib_dir.path()}));
    // Foreign: not a database at all.
    cache_dir.write("library.sqlite", "this is not a cache");
    auto cache = LibraryCache::open(cache_dir.path());
    REQUIRE(cache);
    CHECK(dump(Library::load({lib_dir.path()}, cache.get())) == plain);
    cache.reset();
    // Damaged entries: every stored parse overwritten with garbage of the same size and mtime.
    {
        db::Db db(cache_dir.path() / "library.sqlite", db::Db::ReadWrite);
        db.exec("UPDATE parses SET parse = randomblob(length(parse))");
    }
    cache = LibraryCache::open(cache_dir.path());
    REQUIRE(cache);
    CHECK(dump(Library::load({lib_dir.path()}, cache.get())) == plain);
}

TEST_CASE("decoding a cut or flipped parse never crashes and never yields a wrong document") {
    test::TempDir lib_dir;
    lib_dir.write("a.md", kDoc);
    std::vector<Diagnostic> diags;
    LibraryCache::Parse p;
    p.hash = 42;
    p.doc = parse_document(lib_dir.path() / "a.md", kDoc, diags);
    REQUIRE(p.doc);
    const std::string blob = LibraryCache::encode(p);
    auto back = LibraryCache::decode(blob);
    REQUIRE(back);
    REQUIRE(back->doc);
    CHECK(back->doc->plain_text == p.doc->plain_text);
    CHECK(back->doc->blocks.size() == p.doc->blocks.size());
    for (size_t n = 0; n < blob.size(); ++n) CHECK_FALSE(LibraryCache::decode(blob.substr(0, n)));  // every cut
    std::mt19937 rng(3);
    for (int round = 0; round < 2000; ++round) {
        std::string b = blob;
        b[rng() % b.size()] ^= char(1 + rng() % 255);
        auto d = LibraryCache::decode(b);  // may decode (a flipped letter is still text), must not crash
        if (d && d->doc)
            for (const Block& blk : d->doc->blocks) (void)dump(blk);
    }
}

TEST_CASE("a library loaded with bodies on demand holds no body but gives each whole, the same as an eager load") {
    test::TempDir lib_dir, cache_dir;
    lib_dir.write("a.md", kDoc);
    lib_dir.write("b.md", "---\nid: b\nkind: guideline\ntitle: 乙\nsummary: s\n---\n正文。\n\n![图](missing.png)\n");
    lib_dir.write("c.md", "---\nid: c\nkind: drill\ntitle: 演练\nsummary: s\n---\n开场。\n");
    std::shared_ptr<LibraryCache> cache = LibraryCache::open(cache_dir.path());
    REQUIRE(cache);
    for (int run = 0; run < 2; ++run) {  // first parsed (and stored), then from the cache
        INFO("run " << run);
        Library lib = Library::load({lib_dir.path()}, cache.get(), true);
        lib.read_bodies_from(cache);
        const Document& a = *lib.find("a");
        CHECK_FALSE(a.complete);
        CHECK(a.plain_text.empty());
        CHECK(a.blocks.empty());        // no images in a
        CHECK(lib.find("c")->complete);  // a drill's engine points into its blocks: always whole
        // The image is still checked by the load: the same problem as an eager load's.
        bool missing_reported = false;
        for (const Diagnostic& d : lib.problems()) missing_reported |= d.path.find("b.md") != std::string::npos && d.line == 9;
        CHECK(missing_reported);
        // Whole again, each document is what an eager load holds.
        Library rebuilt = Library::load({lib_dir.path()});
        for (size_t i = 0; i < lib.documents().size(); ++i) {
            auto whole = lib.whole(int(i));
            CHECK(whole->complete);
            CHECK(whole->plain_text == rebuilt.documents()[i].plain_text);
            CHECK(whole->blocks.size() == rebuilt.documents()[i].blocks.size());
            CHECK(whole->path == rebuilt.documents()[i].path);
        }
    }
    // The cache lost the bodies: whole() reads the file, while it is still the one loaded.
    Library lib = Library::load({lib_dir.path()}, cache.get(), true);
    lib.read_bodies_from(nullptr);
    CHECK(lib.whole(lib.index_of("a"))->plain_text == Library::load({lib_dir.path()}).find("a")->plain_text);
    lib_dir.write("a.md", std::string(kDoc) + "\n改过了。\n");  // edited since: not taken for the loaded version
    CHECK_FALSE(lib.whole(lib.index_of("a"))->complete);
}

TEST_CASE("search over a library loaded with bodies on demand finds what it finds over an eager one") {
    test::TempDir lib_dir, cache_dir;
    lib_dir.write("a.md", kDoc);
    lib_dir.write("b.md", "---\nid: b\nkind: guideline\ntitle: 乙\nsummary: s\n---\n引用别人的正文。\n");
    std::shared_ptr<LibraryCache> cache = LibraryCache::open(cache_dir.path());
    REQUIRE(cache);
    Library::load({lib_dir.path()}, cache.get(), true);  // fills the cache
    Library lazy = Library::load({lib_dir.path()}, cache.get(), true);
    lazy.read_bodies_from(cache);
    REQUIRE_FALSE(lazy.find("a")->complete);
    auto eager_index = SearchIndex::in_memory(Library::load({lib_dir.path()}));
    auto lazy_index = SearchIndex::in_memory(lazy);
    for (const char* q : {"正文", "引用", "三"}) {
        auto a = eager_index->search(q), b = lazy_index->search(q);
        REQUIRE(a.size() == b.size());
        CHECK(!a.empty());
        for (size_t i = 0; i < a.size(); ++i) CHECK((a[i].id == b[i].id && a[i].snippet == b[i].snippet));
    }
}

TEST_CASE("the window's load leaves a snapshot its next start shows before loading, and a damaged one is refused") {
    test::TempDir lib_dir, cache_dir;
    lib_dir.write("a.md", kDoc);
    lib_dir.write("b.md", "---\nid: b\nkind: guideline\ntitle: 乙\nsummary: s\n---\n正文，见[丙](linli:missing)。\n");
    CHECK_FALSE(Catalog::from_snapshot({lib_dir.path()}, cache_dir.path()));  // none before a load
    Catalog loaded = Catalog::load({lib_dir.path()}, false, cache_dir.path(), true);
    auto snap = Catalog::from_snapshot({lib_dir.path()}, cache_dir.path());
    REQUIRE(snap);
    CHECK(snap->provisional);
    CHECK_FALSE(loaded.provisional);
    REQUIRE(snap->library.documents().size() == loaded.library.documents().size());
    for (size_t i = 0; i < loaded.library.documents().size(); ++i) {
        const Document& a = loaded.library.documents()[i];
        const Document& b = snap->library.documents()[i];
        CHECK(a.meta.id == b.meta.id);
        CHECK(a.meta.title == b.meta.title);
        CHECK(a.meta.summary == b.meta.summary);
        CHECK(a.path == b.path);
        // Its bodies come from the cache, as the loaded library's do.
        CHECK(snap->library.whole(int(i))->plain_text == loaded.library.whole(int(i))->plain_text);
    }
    CHECK(snap->library.backlinks(snap->library.index_of("b")) == std::vector<int>{snap->library.index_of("a")});
    REQUIRE(snap->problems.size() == loaded.problems.size());  // the broken link, with its file
    CHECK(snap->problems[0].format() == loaded.problems[0].format());
    CHECK(snap->library.raw_hash() == loaded.library.raw_hash());

    // Damaged: every truncation of the blob is refused.
    std::string blob = LibraryCache::encode_snapshot(loaded.library.raw_hash(), loaded.library.documents(), loaded.problems);
    REQUIRE(LibraryCache::decode_snapshot(blob));
    for (size_t n = 0; n < blob.size(); n += 7) CHECK_FALSE(LibraryCache::decode_snapshot(std::string_view(blob).substr(0, n)));
}

TEST_CASE("a damaged snapshot in the cache is not shown: the window loads the library instead") {
    test::TempDir lib_dir, cache_dir;
    lib_dir.write("a.md", kDoc);
    Catalog::load({lib_dir.path()}, false, cache_dir.path(), true);
    REQUIRE(Catalog::from_snapshot({lib_dir.path()}, cache_dir.path()));
    {
        db::Db db(cache_dir.path() / "library.sqlite", db::Db::ReadWrite);
        db.exec("UPDATE snapshots SET data = x'0102030405060708090a'");
    }
    CHECK_FALSE(Catalog::from_snapshot({lib_dir.path()}, cache_dir.path()));
    // Another set of folders has a snapshot of its own, or none.
    test::TempDir other;
    other.write("b.md", "---\nid: b\nkind: guideline\ntitle: 乙\nsummary: s\n---\n正文。\n");
    CHECK_FALSE(Catalog::from_snapshot({other.path()}, cache_dir.path()));
}
