// lint_buffer: one document's unsaved text checked as a library load checks its file, against the
// rest of the library; and the worker that runs it off the UI thread.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "cases/buffer_lint.h"
#include "cases/catalog.h"
#include "core/lint_worker.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace linli;

namespace {

const Catalog& bundled() {
    static const Catalog c = Catalog::load({test::source_dir() / "content", test::source_dir() / "cases"});
    return c;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool has(const std::vector<Diagnostic>& ds, int line, const std::string& part, Severity sev = Severity::Error) {
    for (const Diagnostic& d : ds)
        if (d.line == line && d.severity == sev && d.message.find(part) != std::string::npos) return true;
    return false;
}

std::string errors_of(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const Diagnostic& d : ds) s += d.format() + "\n";
    return s;
}

const char* kGuide = "---\nid: guide-buffer\nkind: guideline\ntitle: 缓冲区里的指南\n---\n\n# 缓冲区里的指南\n\n"
                     "先读[读懂请求背后的意图](linli:pit-read-intentions)。\n";

}  // namespace

TEST_CASE("buffer lint: a bundled drill's own text at its own path is clean, as the library load found it") {
    const fs::path file = test::source_dir() / "cases" / "library" / "drill-elderly-dancer.md";
    LintedBuffer r = lint_buffer(bundled().library, file, test::source_dir() / "cases", read(file));
    INFO(errors_of(r.diagnostics));
    CHECK_FALSE(has_errors(r.diagnostics));
    REQUIRE(r.doc);
    REQUIRE(r.drill);
    CHECK(r.drill->nodes.size() > 5);
}

TEST_CASE("buffer lint: a link to an unknown id is an error at its line; fixed, it is gone") {
    test::TempDir dir;
    const fs::path file = dir.path() / "guide-buffer.md";
    std::string text = kGuide;
    text += "\n再看[不存在的](linli:no-such-doc)。\n";
    LintedBuffer r = lint_buffer(bundled().library, file, dir.path(), text);
    CHECK(has(r.diagnostics, 11, "no-such-doc"));
    for (const Diagnostic& d : r.diagnostics) CHECK(d.path == file.string());
    text.replace(text.find("no-such-doc"), 11, "pit-formalism");
    CHECK_FALSE(has_errors(lint_buffer(bundled().library, file, dir.path(), text).diagnostics));
}

TEST_CASE("buffer lint: an id another document of the library uses is a duplicate") {
    test::TempDir dir;
    std::string text = kGuide;
    text.replace(text.find("guide-buffer"), 12, "pit-formalism");
    LintedBuffer r = lint_buffer(bundled().library, dir.path() / "copy.md", dir.path(), text);
    CHECK(has(r.diagnostics, 2, "重复"));
}

TEST_CASE("buffer lint: unusable front matter gives diagnostics and no document") {
    test::TempDir dir;
    LintedBuffer r = lint_buffer(bundled().library, dir.path() / "x.md", dir.path(), "没有前言的文字\n");
    CHECK(has_errors(r.diagnostics));
    CHECK_FALSE(r.doc);
}

TEST_CASE("buffer lint: a drill's choice to a missing node is reported at its line, in the unsaved text") {
    const fs::path file = test::source_dir() / "cases" / "library" / "drill-elderly-dancer.md";
    std::string text = read(file);
    const size_t at = text.find("](#square)");
    REQUIRE(at != std::string::npos);
    const int line = 1 + int(std::count(text.begin(), text.begin() + long(at), '\n'));
    text.replace(at, 10, "](#nowhere)");
    LintedBuffer r = lint_buffer(bundled().library, file, test::source_dir() / "cases", text);
    INFO(errors_of(r.diagnostics));
    CHECK(has(r.diagnostics, line, "nowhere"));
}

TEST_CASE("buffer lint: residents' details are warnings at their lines") {
    test::TempDir dir;
    std::string text = kGuide;
    text += "\n联系人电话 13812345678。\n";
    BufferLintOptions o;
    LintedBuffer r = lint_buffer(bundled().library, dir.path() / "guide-buffer.md", dir.path(), text, o);
    CHECK(has(r.diagnostics, 11, "手机号", Severity::Warning));
    CHECK(r.private_details == 1);
    CHECK_FALSE(has_errors(r.diagnostics));
}

TEST_CASE("buffer lint: the worker lints the newest request once typing pauses, and drops the older ones") {
    test::TempDir dir;
    LintWorker worker(std::chrono::milliseconds(50));
    std::atomic<int> done{0};
    for (int rev = 1; rev <= 5; ++rev) {
        LintWorker::Request r;
        r.revision = uint64_t(rev);
        r.text = kGuide;
        if (rev == 5) r.text += "\n[坏链接](linli:missing-doc)\n";
        r.path = dir.path() / "guide-buffer.md";
        r.root = dir.path();
        r.library = &bundled().library;
        worker.request(std::move(r), [&] { ++done; });
    }
    std::unique_ptr<LintResult> got;
    for (int i = 0; i < 400 && !got; ++i) {
        got = worker.take();
        if (!got) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(got);
    CHECK(got->revision == 5);
    CHECK(has(got->lint.diagnostics, 11, "missing-doc"));
    CHECK(done == 1);  // the four older requests were never linted
    CHECK_FALSE(worker.take());
    worker.stop();
}

TEST_CASE("buffer lint: the plays are explored again only when the drill's structure changes") {
    const fs::path file = test::source_dir() / "cases" / "library" / "drill-elderly-dancer.md";
    const std::string text = read(file);
    auto swap = [](std::string t, const std::string& from, const std::string& to) {
        const size_t at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    auto drill_of = [&](const std::string& t) {
        return lint_buffer(bundled().library, file, test::source_dir() / "cases", t);
    };
    LintedBuffer a = drill_of(text);
    REQUIRE(a.drill);
    const uint64_t h = structure_hash(*a.drill);

    // Prose: a scene's words and a feedback's, and a line added above everything.
    std::string prose = swap(swap(text, "窗外响起了音乐", "窗外忽然响起了音乐"), "# 跳舞的阿姨", "\n\n# 跳舞的阿姨");
    CHECK(structure_hash(*drill_of(prose).drill) == h);

    // An effect's amount and a choice's target are structure.
    CHECK(structure_hash(*drill_of(swap(text, "效果：服务使用 +15", "效果：服务使用 +16")).drill) != h);
    CHECK(structure_hash(*drill_of(swap(text, "](#gifts)", "](#data)")).drill) != h);

    // With the cache, the text whose prose moved every line gets the plays explored for the first
    // (not explored again), and the same marks and problems.
    PlaysCache cache;
    BufferLintOptions o;
    o.plays = &cache;
    LintedBuffer first = lint_buffer(bundled().library, file, test::source_dir() / "cases", text, o);
    const uint64_t explored = cache.structure;
    LintedBuffer moved = lint_buffer(bundled().library, file, test::source_dir() / "cases", prose, o);
    CHECK(cache.structure == explored);
    REQUIRE(moved.marks);
    CHECK(moved.marks->reach.node_reached == first.marks->reach.node_reached);
    CHECK(moved.diagnostics.size() == first.diagnostics.size());
}
