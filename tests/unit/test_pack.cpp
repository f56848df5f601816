// Case packs (core/pack.h): export and import round trips, every hostile pack refused with nothing
// written, and the ledger of packs offered through the shared folder. Packs are built here with
// libarchive (or byte by byte, for headers no writer would make).
#include <catch2/catch.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cases/catalog.h"
#include "content/library.h"
#include "core/pack.h"
#include "test_support.h"

using namespace linli;
using Catch::Matchers::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string guideline(const std::string& id, const std::string& body = "正文。\n") {
    return "---\nid: " + id + "\nkind: guideline\ntitle: 标题 " + id + "\nsummary: 一句话。\n---\n" + body;
}

std::string pixel_png() { return read(test::fixtures() / "images" / "pixel.png"); }

// [SECTION] writing tar archives with any entry a hostile pack could hold

struct RawEntry {
    std::string name;
    std::string data;
    unsigned type = AE_IFREG;  // AE_IFLNK, AE_IFIFO, AE_IFCHR, AE_IFDIR
    std::string symlink;       // the target of a symbolic link
    std::string hardlink;      // the entry a hard link names
};

void write_tar(const fs::path& out, const std::vector<RawEntry>& entries) {
    archive* a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    REQUIRE(archive_write_open_filename(a, out.c_str()) == ARCHIVE_OK);
    for (const RawEntry& r : entries) {
        archive_entry* e = archive_entry_new();
        archive_entry_copy_pathname(e, r.name.c_str());  // the bytes as they are, even invalid UTF-8
        archive_entry_set_filetype(e, r.type);
        archive_entry_set_perm(e, 0644);
        if (!r.symlink.empty()) archive_entry_set_symlink(e, r.symlink.c_str());
        if (!r.hardlink.empty()) archive_entry_set_hardlink(e, r.hardlink.c_str());
        if (r.type == AE_IFCHR) archive_entry_set_rdev(e, 0x0103);  // /dev/null's numbers
        archive_entry_set_size(e, r.type == AE_IFREG && r.hardlink.empty() ? la_int64_t(r.data.size()) : 0);
        REQUIRE(archive_write_header(a, e) >= ARCHIVE_WARN);
        if (!r.data.empty() && r.type == AE_IFREG) archive_write_data(a, r.data.data(), r.data.size());
        archive_entry_free(e);
    }
    REQUIRE(archive_write_close(a) == ARCHIVE_OK);
    archive_write_free(a);
}

// A ustar header declaring `size` bytes, whatever follows it (no writer makes a lying one).
std::string ustar_header(const std::string& name, size_t size) {
    std::string h(512, '\0');
    auto put = [&](size_t at, const std::string& s) { std::memcpy(&h[at], s.data(), s.size()); };
    char octal[16];
    put(0, name);
    put(100, "0000644");
    put(108, "0000000");
    put(116, "0000000");
    std::snprintf(octal, sizeof octal, "%011zo", size);
    put(124, octal);
    put(136, "00000000000");
    h[156] = '0';
    put(257, "ustar");
    put(263, "00");
    put(148, "        ");
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    std::snprintf(octal, sizeof octal, "%06o", sum);
    put(148, octal);
    h[154] = '\0';
    h[155] = ' ';
    return h;
}
std::string padded(std::string data) {
    data.resize((data.size() + 511) / 512 * 512, '\0');
    return data;
}

// A pack as a test builds it: listed documents and files (the manifest follows them), entries the
// manifest does not list, and a manifest the test may spoil.
struct TestPack {
    json manifest = {{"format", "linli-pack"}, {"format_version", 1}, {"linli_version", "test"}, {"created", "2026-03-01T08:00:00Z"},
                     {"author", "讲师"}, {"title", "测试包"}, {"documents", json::array()}, {"files", json::array()}};
    std::vector<RawEntry> entries;
    bool manifest_first = true, with_manifest = true;
    std::string manifest_text;  // when set: the manifest's bytes as they are

    TestPack& document(const std::string& name, const std::string& id, const std::string& text) {
        entries.push_back({name, text});
        manifest["documents"].push_back({{"id", id}, {"kind", "guideline"}, {"title", "标题 " + id}, {"path", name},
                                         {"version", "v"}, {"sha256", sha256_hex(text)}, {"bytes", text.size()}});
        return *this;
    }
    TestPack& file(const std::string& name, const std::string& bytes) {
        entries.push_back({name, bytes});
        manifest["files"].push_back({{"path", name}, {"sha256", sha256_hex(bytes)}, {"bytes", bytes.size()}});
        return *this;
    }
    TestPack& extra(RawEntry e) {
        entries.push_back(std::move(e));
        return *this;
    }
    // JSON holds no invalid UTF-8: such a name is listed as U+FFFD, and the entry keeps its bytes.
    RawEntry manifest_entry() const {
        return {"manifest.json", manifest_text.empty() ? manifest.dump(-1, ' ', false, json::error_handler_t::replace) : manifest_text};
    }
    void write(const fs::path& out) const {
        std::vector<RawEntry> all;
        if (with_manifest && manifest_first) all.push_back(manifest_entry());
        all.insert(all.end(), entries.begin(), entries.end());
        if (with_manifest && !manifest_first) all.push_back(manifest_entry());
        write_tar(out, all);
    }
};

// A valid pack: one document showing one image.
TestPack valid_pack() {
    TestPack p;
    p.document("docs/a.md", "pack-a", guideline("pack-a", "见图。\n\n![示意图](images/pixel.png)\n"));
    p.file("images/images/pixel.png", pixel_png());
    return p;
}

bool empty_folder(const fs::path& dir) { return !fs::exists(dir) || fs::is_empty(dir); }

// Plans the import of `pack` into an empty user library: refused with `words`, nothing written.
void expect_refused(const fs::path& pack, const std::string& words, const PackLimits& limits = {}) {
    test::TempDir user;
    fs::path library = user.path() / "library";
    Catalog local = Catalog::load({library}, false);
    PackPlan plan = plan_import(pack, local, limits);
    INFO("pack: " << pack.filename().string() << "\nrefusal: " << plan.refusal);
    CHECK_FALSE(plan.ok());
    CHECK_THAT(plan.refusal, Contains(words));
    CHECK_THAT(plan.refusal, Contains(" / "));  // Chinese, then English
    CHECK(plan.documents.empty());
    CHECK(plan.files.empty());
    CHECK_THROWS_AS(apply_import(plan, library, true), std::logic_error);
    CHECK(empty_folder(library));
}

void expect_refused(const TestPack& p, const std::string& words, const PackLimits& limits = {}) {
    test::TempDir dir;
    fs::path pack = dir.path() / "hostile.linlipack";
    p.write(pack);
    expect_refused(pack, words, limits);
}

// [SECTION] a library to export from: three bundled documents and one with an image

struct RoundTrip {
    test::TempDir work;
    fs::path src = work.path() / "src", user = work.path() / "user", stubs = work.path() / "stubs";
    fs::path pack = work.path() / "week1.linlipack";
    std::vector<std::string> ids;
    std::vector<std::pair<fs::path, std::string>> originals;  // source file -> its library path

    RoundTrip() {
        fs::create_directories(user);
        write_own_document("见[案例](linli:CASE)。\n\n![示意图](images/示意图.png)\n\n[活动手册](files/handbook.txt)\n");
        pick_bundled();
        export_all();
        write_stubs();
    }

    void write_own_document(std::string body) {
        body.replace(body.find("CASE"), 4, case_id());
        test::TempDir* w = &work;
        w->write("src/own/pack-own.md", guideline("pack-own", body));
        fs::create_directories(src / "own" / "images");
        fs::copy_file(test::fixtures() / "images" / "pixel.png", src / "own" / "images" / "示意图.png", fs::copy_options::overwrite_existing);
        w->write("src/own/files/handbook.txt", "活动手册\n");
    }

    static const Library& bundled() {
        static const Library lib = Library::load({test::source_dir() / "content", test::source_dir() / "cases"});
        return lib;
    }
    static std::string case_id() {
        for (const Document& d : bundled().documents())
            if (d.meta.kind == DocKind::Case) return d.meta.id;
        return {};
    }

    // Two guidelines and a case, in the library's order.
    void pick_bundled() {
        int guidelines = 0;
        for (const Document& d : bundled().documents()) {
            bool take = (d.meta.kind == DocKind::Guideline && guidelines < 2) || d.meta.id == case_id();
            if (!take) continue;
            guidelines += d.meta.kind == DocKind::Guideline;
            ids.push_back(d.meta.id);
            originals.push_back({d.path, d.path.lexically_relative(d.root).generic_string()});
        }
        REQUIRE(ids.size() == 3);
        ids.push_back("pack-own");
        originals.push_back({src / "own" / "pack-own.md", "own/pack-own.md"});
        originals.push_back({src / "own" / "images" / "示意图.png", "own/images/示意图.png"});
        originals.push_back({src / "own" / "files" / "handbook.txt", "own/files/handbook.txt"});
    }

    void export_all() {
        Library lib = Library::load({test::source_dir() / "content", test::source_dir() / "cases", src});
        export_pack(lib, ids, PackInfo{"讲师", "第一周", "test", {}}, pack);
    }

    // The documents the exported ones link to, as stand-ins: the user's library holds none of them.
    void write_stubs() {
        std::set<std::string> exported(ids.begin(), ids.end()), wanted;
        for (const std::string& id : ids)
            if (const Document* d = bundled().find(id))
                for (const Link& l : d->links)
                    if (!l.target_id.empty() && !exported.count(l.target_id)) wanted.insert(l.target_id);
        fs::create_directories(stubs);
        for (const std::string& id : wanted) work.write("stubs/" + id + ".md", guideline(id));
    }

    Catalog local() const { return Catalog::load({stubs, user}, false); }
    PackPlan plan() const {
        PackPlan p = plan_import(pack, local());
        INFO(p.refusal);
        for (const Diagnostic& d : p.problems) INFO(d.format(true));
        REQUIRE(p.ok());
        return p;
    }
    const PlannedDocument* planned(const PackPlan& p, const std::string& id) const {
        for (const PlannedDocument& d : p.documents)
            if (d.id == id) return &d;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("pack: export then import into an empty library gives the same bytes") {
    RoundTrip t;
    PackPlan plan = t.plan();
    CHECK(plan.info.title == "第一周");
    CHECK(plan.info.author == "讲师");
    CHECK(plan.count(PackChange::Added) == 4);
    CHECK(plan.files.size() == 2);
    REQUIRE(t.planned(plan, "pack-own"));
    CHECK(t.planned(plan, "pack-own")->uses.size() == 2);
    CHECK(t.planned(plan, "pack-own")->version == sha256_hex(read(t.src / "own" / "pack-own.md")).substr(0, 12));

    PackResult r = apply_import(plan, t.user, false);
    CHECK(r.added.size() == 4);
    CHECK(r.skipped.empty());
    CHECK(r.written.size() == 6);
    for (const auto& [source, rel] : t.originals) {
        INFO(rel);
        REQUIRE(fs::is_regular_file(t.user / fs::u8path(rel)));
        CHECK(read(t.user / fs::u8path(rel)) == read(source));
    }
    // The imported library lints clean: links, the image and the linked file all resolve.
    Catalog after = t.local();
    for (const Diagnostic& d : after.problems) CHECK(d.severity != Severity::Error);
}

TEST_CASE("pack: importing the same pack again changes nothing") {
    RoundTrip t;
    apply_import(t.plan(), t.user, false);
    PackPlan again = t.plan();
    CHECK(again.count(PackChange::Unchanged) == 4);
    for (const PlannedDocument& d : again.documents) CHECK(d.local_version == d.version);
    PackResult r = apply_import(again, t.user, true);
    CHECK(r.written.empty());
    CHECK(r.skipped.empty());
}

TEST_CASE("pack: a changed document is Updated and written only with replace") {
    RoundTrip t;
    apply_import(t.plan(), t.user, false);
    std::string old_text = read(t.user / "own" / "pack-own.md");
    t.work.write("src/own/pack-own.md", guideline("pack-own", "新的一版。见[案例](linli:" + RoundTrip::case_id() + ")。\n\n![示意图](images/示意图.png)\n\n[活动手册](files/handbook.txt)\n"));
    t.export_all();

    PackPlan plan = t.plan();
    CHECK(plan.count(PackChange::Updated) == 1);
    CHECK(plan.count(PackChange::Unchanged) == 3);
    const PlannedDocument* own = t.planned(plan, "pack-own");
    REQUIRE(own);
    CHECK(own->change == PackChange::Updated);
    CHECK(own->local_version == sha256_hex(old_text).substr(0, 12));
    CHECK(own->version == sha256_hex(read(t.src / "own" / "pack-own.md")).substr(0, 12));

    PackResult kept = apply_import(plan, t.user, false);
    REQUIRE(kept.skipped.size() == 1);
    CHECK(kept.skipped[0].what == "pack-own");
    CHECK(kept.skipped[0].reason == SkipReason::NeedsReplace);
    CHECK(kept.written.empty());
    CHECK(read(t.user / "own" / "pack-own.md") == old_text);

    PackResult replaced = apply_import(plan, t.user, true);
    CHECK(replaced.updated == std::vector<std::string>{"pack-own"});
    CHECK(replaced.skipped.empty());
    CHECK(read(t.user / "own" / "pack-own.md") == read(t.src / "own" / "pack-own.md"));
}

TEST_CASE("pack: a bundled document is never overwritten, even with replace") {
    const Document* g = nullptr;
    for (const Document& d : RoundTrip::bundled().documents())
        if (d.meta.kind == DocKind::Guideline && !g) g = &d;
    REQUIRE(g);
    std::string bundled_bytes = read(g->path);
    test::TempDir work;
    work.write("src/" + g->path.filename().string(), bundled_bytes + "\n补充一段。\n");
    fs::path pack = work.path() / "edit.linlipack";
    export_pack(Library::load({work.path() / "src"}), {g->meta.id}, PackInfo{}, pack);

    fs::path user = work.path() / "user";
    Catalog local = Catalog::load({test::source_dir() / "content", test::source_dir() / "cases", user}, false);
    PackPlan plan = plan_import(pack, local);
    INFO(plan.refusal);
    REQUIRE(plan.ok());
    REQUIRE(plan.documents.size() == 1);
    CHECK(plan.documents[0].change == PackChange::Updated);
    CHECK(plan.documents[0].local_path == g->path);

    PackResult r = apply_import(plan, user, true);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason == SkipReason::OutsideUserLibrary);
    CHECK(read(g->path) == bundled_bytes);
    CHECK(empty_folder(user));
}

TEST_CASE("pack: an Added document never overwrites another file at its path") {
    test::TempDir work;
    fs::path pack = work.path() / "p.linlipack";
    valid_pack().write(pack);
    fs::path user = work.path() / "user";
    work.write("user/a.md", "不是文档，只是一个文件\n");  // no front matter: not in the catalog
    PackPlan plan = plan_import(pack, Catalog::load({user}, false));
    INFO(plan.refusal);
    REQUIRE(plan.ok());
    PackResult r = apply_import(plan, user, true);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason == SkipReason::PathTaken);
    CHECK(read(user / "a.md") == "不是文档，只是一个文件\n");
}

TEST_CASE("pack: export refuses an unknown id") {
    test::TempDir work;
    Library lib = Library::load({test::fixtures() / "good"});
    CHECK_THROWS_WITH(export_pack(lib, {"alpha", "no-such-id"}, PackInfo{}, work.path() / "x.linlipack"), Contains("no-such-id"));
    CHECK_FALSE(fs::exists(work.path() / "x.linlipack"));
}

TEST_CASE("pack: a valid hand-built pack is accepted") {
    test::TempDir work;
    fs::path pack = work.path() / "p.linlipack";
    valid_pack().write(pack);
    PackPlan plan = plan_import(pack, Catalog::load({work.path() / "user"}, false));
    INFO(plan.refusal);
    for (const Diagnostic& d : plan.problems) INFO(d.format(true));
    REQUIRE(plan.ok());
    CHECK(plan.sha256 == file_sha256(pack));
    CHECK(plan.count(PackChange::Added) == 1);
}

TEST_CASE("pack: entry paths that leave the library folder or are malformed are refused") {
    const std::pair<std::string, const char*> hostile[] = {
        {"../x.md", "leaves the library folder: ../x.md"},
        {"/etc/x.md", "leaves the library folder: /etc/x.md"},
        {"docs/../../x.md", "leaves the library folder: docs/../../x.md"},
        {"docs\\x.md", "backslash"},
        {"C:/x.md", "leaves the library folder"},
        {"docs//x.md", "empty segment"},
        {"docs/./x.md", "'.' segment"},
        {"docs/" + std::string(600, 'a') + ".md", "too long"},
        {"docs/" + std::string(300, 'a') + "/x.md", "too long"},
        {"docs/\x01x.md", "control character"},
        {"docs/\xff.md", "UTF-8"},
    };
    for (const auto& [name, words] : hostile) {
        INFO(name);
        TestPack unlisted = valid_pack();  // an entry the manifest does not list
        unlisted.extra({name, guideline("pack-x")});
        expect_refused(unlisted, words);
        TestPack listed = valid_pack();  // and the manifest listing it
        listed.document(name, "pack-x", guideline("pack-x"));
        expect_refused(listed, words);
    }
}

TEST_CASE("pack: entries outside docs/, images/ and files/ are refused") {
    TestPack doc_as_file = valid_pack();
    doc_as_file.file("images/sneaky.md", guideline("pack-s"));
    expect_refused(doc_as_file, "neither documents nor a thesaurus");
    TestPack thesaurus = valid_pack();
    thesaurus.file("files/thesaurus.txt", "a = b\n");
    expect_refused(thesaurus, "thesaurus");
    TestPack top = valid_pack();
    top.document("a.md", "pack-t", guideline("pack-t"));
    expect_refused(top, "go below docs/");
}

TEST_CASE("pack: symbolic links, hard links, devices and FIFOs are refused") {
    const std::pair<RawEntry, const char*> hostile[] = {
        {{"docs/link.md", "", AE_IFLNK, "/etc/passwd"}, "symbolic link"},
        {{"docs/hard.md", "", AE_IFREG, "", "docs/a.md"}, "hard link"},
        {{"docs/fifo", "", AE_IFIFO}, "FIFO"},
        {{"docs/null", "", AE_IFCHR}, "device"},
        {{"docs/disk", "", AE_IFBLK}, "device"},
    };
    for (const auto& [entry, words] : hostile) {
        INFO(entry.name);
        TestPack p = valid_pack();
        p.extra(entry);
        expect_refused(p, words);
    }
}

TEST_CASE("pack: entries over the size cap are refused, by the manifest and by the header") {
    PackLimits small;
    small.max_entry_bytes = 1000;
    TestPack big;
    big.document("docs/a.md", "pack-a", guideline("pack-a", std::string(2000, 'x') + "\n"));
    expect_refused(big, "too large (over 1 KB): docs/a.md", small);
    // The manifest claims 10 bytes; the entry's header says 2,000.
    TestPack lying = big;
    lying.manifest["documents"][0]["bytes"] = 10;
    expect_refused(lying, "too large", small);

    PackLimits total;
    total.max_total_bytes = 1500;
    TestPack two;
    two.document("docs/a.md", "pack-a", guideline("pack-a", std::string(1000, 'x') + "\n"));
    two.document("docs/b.md", "pack-b", guideline("pack-b", std::string(1000, 'x') + "\n"));
    expect_refused(two, "unpacks to too much", total);
}

TEST_CASE("pack: a header that lies about its entry's size is refused") {
    test::TempDir work;
    TestPack p = valid_pack();
    std::string manifest = p.manifest.dump(), doc = p.entries[0].data, png = p.entries[1].data;
    std::string head = ustar_header("manifest.json", manifest.size()) + padded(manifest);
    std::string end(1024, '\0');

    // Says 10 bytes where the manifest lists the whole document: the rest is read as a header.
    std::ofstream(work.path() / "short.linlipack", std::ios::binary)
        << head << ustar_header("docs/a.md", 10) << padded(doc) << ustar_header("images/images/pixel.png", png.size()) << padded(png) << end;
    expect_refused(work.path() / "short.linlipack", "does not match the manifest: docs/a.md");

    // Says 10 bytes and the manifest agrees about those 10: the next block, text, is no header.
    std::string long_doc = guideline("pack-a", std::string(2000, 'x') + "\n");
    TestPack ten;
    ten.document("docs/a.md", "pack-a", long_doc.substr(0, 10));
    std::string m10 = ten.manifest.dump();
    std::ofstream(work.path() / "spill.linlipack", std::ios::binary)
        << ustar_header("manifest.json", m10.size()) << padded(m10) << ustar_header("docs/a.md", 10) << padded(long_doc) << end;
    expect_refused(work.path() / "spill.linlipack", "damaged");

    // Says more than the archive holds.
    std::ofstream(work.path() / "truncated.linlipack", std::ios::binary) << head << ustar_header("docs/a.md", doc.size()) << doc.substr(0, 20);
    expect_refused(work.path() / "truncated.linlipack", "damaged");
}

TEST_CASE("pack: a decompression bomb is refused by its ratio") {
    TestPack bomb;
    bomb.document("docs/a.md", "pack-a", guideline("pack-a", std::string(8u << 20, 'a') + "\n"));
    expect_refused(bomb, "decompression bomb");
}

TEST_CASE("pack: too many entries are refused") {
    PackLimits few;
    few.max_entries = 3;
    TestPack listed = valid_pack();
    listed.document("docs/b.md", "pack-b", guideline("pack-b"));
    listed.document("docs/c.md", "pack-c", guideline("pack-c"));
    expect_refused(listed, "too many entries (over 3)", few);
    TestPack folders = valid_pack();  // folders are skipped, but counted
    for (int i = 0; i < 5; ++i) folders.extra({"docs/f" + std::to_string(i) + "/", "", AE_IFDIR});
    expect_refused(folders, "too many entries", few);
}

TEST_CASE("pack: a missing, misplaced or broken manifest is refused") {
    TestPack none = valid_pack();
    none.with_manifest = false;
    expect_refused(none, "has no manifest.json");
    TestPack last = valid_pack();
    last.manifest_first = false;
    expect_refused(last, "has no manifest.json");
    TestPack not_json = valid_pack();
    not_json.manifest_text = "{\"format\": \"linli-pack\", ";
    expect_refused(not_json, "not a valid JSON object");
    TestPack other = valid_pack();
    other.manifest["format"] = "zip-of-things";
    expect_refused(other, "not a Linli pack");
    TestPack future = valid_pack();
    future.manifest["format_version"] = 2;
    expect_refused(future, "unknown pack format version 2");
    TestPack no_hash = valid_pack();
    no_hash.manifest["files"][0].erase("sha256");
    expect_refused(no_hash, "\"files[0].sha256\" is missing or wrong");
    TestPack bad_kind = valid_pack();
    bad_kind.manifest["documents"][0]["kind"] = "essay";
    expect_refused(bad_kind, "\"documents[0].kind\" is missing or wrong");
}

TEST_CASE("pack: hashes, unlisted entries and missing entries are refused") {
    TestPack hash = valid_pack();
    hash.manifest["files"][0]["sha256"] = sha256_hex("something else");
    expect_refused(hash, "SHA-256 does not match the manifest (changed or damaged): images/images/pixel.png");
    TestPack unlisted = valid_pack();
    unlisted.extra({"images/extra.png", pixel_png()});
    expect_refused(unlisted, "not listed in the manifest: images/extra.png");
    TestPack missing = valid_pack();
    missing.manifest["files"].push_back({{"path", "images/gone.png"}, {"sha256", sha256_hex("x")}, {"bytes", 1}});
    expect_refused(missing, "missing from the pack: images/gone.png");
    TestPack twice = valid_pack();
    twice.extra({"docs/a.md", twice.entries[0].data});
    expect_refused(twice, "appears twice: docs/a.md");
    TestPack unused = valid_pack();
    unused.file("images/unused.png", pixel_png());
    expect_refused(unused, "no document in the pack uses this file: images/unused.png");
    TestPack wrong_id = valid_pack();
    wrong_id.manifest["documents"][0]["id"] = "pack-other";
    expect_refused(wrong_id, "the manifest says docs/a.md is 'pack-other'");
}

TEST_CASE("pack: a document that fails lint is refused at its pack path and line") {
    TestPack link;
    link.document("docs/bad.md", "pack-bad", guideline("pack-bad", "见[别处](linli:no-such-doc)。\n"));
    expect_refused(link, "errors; nothing imported");

    test::TempDir work;
    link.write(work.path() / "bad.linlipack");
    PackPlan plan = plan_import(work.path() / "bad.linlipack", Catalog::load({work.path() / "user"}, false));
    REQUIRE(plan.problems.size() == 1);
    CHECK(plan.problems[0].path == "docs/bad.md");
    CHECK(plan.problems[0].line == 7);
    CHECK_THAT(plan.problems[0].format(true), Contains("docs/bad.md:7:7: error: "));
    CHECK_THAT(plan.problems[0].format(true), Contains("unknown document id 'no-such-doc'"));

    TestPack front;
    front.document("docs/bad.md", "pack-bad", "---\nid: pack-bad\nkind: guideline\ntitle: [未闭合\n---\n正文\n");
    expect_refused(front, "errors; nothing imported");
    TestPack image;
    image.document("docs/bad.md", "pack-bad", guideline("pack-bad", "![图](../../etc/passwd)\n"));
    expect_refused(image, "errors; nothing imported");
    TestPack not_png;
    not_png.document("docs/bad.md", "pack-bad", guideline("pack-bad", "![图](fake.png)\n"));
    not_png.file("images/fake.png", "not an image at all");
    expect_refused(not_png, "errors; nothing imported");
    TestPack duplicate;
    duplicate.document("docs/a.md", "pack-dup", guideline("pack-dup"));
    duplicate.document("docs/b.md", "pack-dup", guideline("pack-dup"));
    expect_refused(duplicate, "errors; nothing imported");
}

TEST_CASE("pack: the ledger remembers packs across instances") {
    test::TempDir dir;
    fs::path file = dir.path() / "data" / "packs.json";
    {
        PackLedger ledger(file);
        CHECK(ledger.entries().empty());
        CHECK_FALSE(ledger.seen("aaa"));
        ledger.record("aaa", "第一周.linlipack", PackOutcome::Imported);
        ledger.record("bbb", "第二周.linlipack", PackOutcome::Declined);
        CHECK(ledger.seen("aaa"));
    }
    PackLedger again(file);
    CHECK(again.seen("aaa"));
    CHECK(again.seen("bbb"));
    CHECK_FALSE(again.seen("ccc"));
    REQUIRE(again.entries().size() == 2);
    CHECK(again.entries()[0].name == "第一周.linlipack");
    CHECK(again.entries()[0].outcome == "imported");
    CHECK(again.entries()[1].outcome == "declined");
    CHECK(again.entries()[1].time.size() == 20);  // 2026-03-01T08:00:00Z
    again.record("bbb", "第二周.linlipack", PackOutcome::Imported);  // offered again, taken this time
    PackLedger third(file);
    REQUIRE(third.entries().size() == 2);
    CHECK(third.entries()[1].outcome == "imported");
}

TEST_CASE("pack: a damaged ledger reads as empty and is kept until a record") {
    test::TempDir dir;
    fs::path file = dir.write("packs.json", "{\"packs\": [ {\"sha256\": \"aa");
    PackLedger ledger(file);
    CHECK(ledger.entries().empty());
    CHECK_FALSE(ledger.seen("aa"));
    CHECK(read(file) == "{\"packs\": [ {\"sha256\": \"aa");
    ledger.record("cc", "x.linlipack", PackOutcome::Declined);
    CHECK(PackLedger(file).seen("cc"));
    CHECK(json::parse(read(file))["packs"].size() == 1);

    dir.write("other.json", "[1, 2, 3]");  // JSON, but not a ledger
    CHECK(PackLedger(dir.path() / "other.json").entries().empty());
}

TEST_CASE("pack: the packs beside the shared file are listed sorted") {
    test::TempDir dir;
    dir.write("cohort/shared.linli", "");
    dir.write("cohort/b.linlipack", "");
    dir.write("cohort/a.linlipack", "");
    dir.write("cohort/notes.txt", "");
    fs::create_directories(dir.path() / "cohort" / "folder.linlipack");
    std::vector<fs::path> packs = packs_beside(dir.path() / "cohort" / "shared.linli");
    REQUIRE(packs.size() == 2);
    CHECK(packs[0].filename() == "a.linlipack");
    CHECK(packs[1].filename() == "b.linlipack");
    CHECK(packs_beside(dir.path() / "nowhere" / "shared.linli").empty());
}
