// Learning paths (*.path.yaml): parsing with problems at their lines, lint against a library,
// finding the files safely, progress, and the bundled first-month path.
#include <catch2/catch.hpp>

#include <set>

#include "content/learning_path.h"
#include "content/library.h"
#include "test_support.h"

using namespace linli;
namespace fs = std::filesystem;

namespace {

const char* kGood = R"(id: week-one
title: 第一周
summary: 先认人。
weeks:
  - title: 第1周 · 认人
    goal: 说得出五方。
    steps:
      - doc: alpha
        note: 先读它。
      - doc: beta
  - title: 第2周 · 认合作方
    steps:
      - doc: gamma
        note: 再读它。
)";

std::optional<LearningPath> parse_file(const test::TempDir& dir, const std::string& name, const std::string& text,
                                       std::vector<Diagnostic>& problems) {
    fs::path file = dir.write(name, text);
    return read_path_file(file, problems);
}

const Diagnostic* with(const std::vector<Diagnostic>& diags, const std::string& part) {
    for (const Diagnostic& d : diags)
        if (d.message.find(part) != std::string::npos) return &d;
    return nullptr;
}

std::string doc(const std::string& id, const char* kind = "guideline") {
    return "---\nid: " + id + "\nkind: " + kind + "\ntitle: " + id + "\nsummary: s\n---\n\n正文。\n";
}

const Library& bundled() {
    static const Library lib = Library::load({test::source_dir() / "content", test::source_dir() / "cases"});
    return lib;
}

}  // namespace

TEST_CASE("path: a good file parses into weeks and steps with their lines", "[path]") {
    test::TempDir dir;
    std::vector<Diagnostic> problems;
    auto path = parse_file(dir, "week-one.path.yaml", kGood, problems);
    for (const auto& d : problems) FAIL_CHECK(d.format());
    REQUIRE(path);
    CHECK(path->id == "week-one");
    CHECK(path->title == "第一周");
    CHECK(path->summary == "先认人。");
    CHECK(path->file == dir.path() / "week-one.path.yaml");
    REQUIRE(path->weeks.size() == 2);
    const PathWeek& w1 = path->weeks[0];
    CHECK(w1.title == "第1周 · 认人");
    CHECK(w1.goal == "说得出五方。");
    CHECK(w1.line == 5);
    REQUIRE(w1.steps.size() == 2);
    CHECK(w1.steps[0].doc_id == "alpha");
    CHECK(w1.steps[0].note == "先读它。");
    CHECK(w1.steps[0].line == 8);
    CHECK(w1.steps[1].doc_id == "beta");
    CHECK(w1.steps[1].note.empty());
    CHECK(w1.steps[1].line == 10);
    CHECK(path->weeks[1].goal.empty());
    CHECK(path->weeks[1].line == 11);
    CHECK(path->weeks[1].steps[0].line == 13);
}

TEST_CASE("path: a YAML syntax error names the file and its line", "[path]") {
    test::TempDir dir;
    std::vector<Diagnostic> problems;
    auto path = parse_file(dir, "broken.path.yaml", "id: broken\ntitle: 坏的\nweeks:\n  - title: 第1周\n    steps: [doc: a\n  - title: 第2周\n", problems);
    CHECK_FALSE(path);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == (dir.path() / "broken.path.yaml").string());
    CHECK(problems[0].severity == Severity::Error);
    CHECK(problems[0].message.rfind("学习路径：格式不对（YAML）：", 0) == 0);
    CHECK(problems[0].line == 6);

    problems.clear();
    CHECK_FALSE(parse_file(dir, "tab.path.yaml", "id: tab\ntitle: 制表符\nweeks:\n\t- title: 第1周\n", problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 4);
    CHECK(problems[0].message.find("（缩进只能用空格，不能用制表符）") != std::string::npos);

    problems.clear();
    CHECK_FALSE(parse_file(dir, "list.path.yaml", "- 这不是键值\n", problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message_en.rfind("learning path: expected 'key: value' lines", 0) == 0);
}

TEST_CASE("path: missing keys, a week without steps, a step without doc and unknown keys are reported at their lines", "[path]") {
    test::TempDir dir;
    std::vector<Diagnostic> problems;
    SECTION("no id, no title, no weeks") {
        CHECK_FALSE(parse_file(dir, "empty.path.yaml", "summary: 只有一句话\n", problems));
        REQUIRE(problems.size() == 3);
        CHECK(problems[0].message == "学习路径：缺少「id」");
        CHECK(problems[1].message == "学习路径：缺少「title」");
        CHECK(problems[2].message == "学习路径：缺少「weeks」：至少要有一周");
        CHECK(problems[2].message_en == "learning path: 'weeks' is missing: a path needs at least one week");
    }
    SECTION("a week without steps, a step without doc, unknown keys") {
        auto path = parse_file(dir, "bad.path.yaml",
                               "id: bad\n"              // 1
                               "title: 坏的\n"          // 2
                               "author: 某老师\n"       // 3: unknown
                               "weeks:\n"               // 4
                               "  - title: 第1周\n"     // 5
                               "    steps:\n"           // 6
                               "  - title: 第2周\n"     // 7
                               "    steps:\n"           // 8
                               "      - note: 没写文档\n"  // 9
                               "      - doc: alpha\n"   // 10
                               "        time: 20分钟\n",  // 11: unknown
                               problems);
        CHECK_FALSE(path);
        REQUIRE(problems.size() == 4);
        CHECK(problems[0].line == 3);
        CHECK(problems[0].severity == Severity::Warning);
        CHECK(problems[0].message.find("不认识的键「author」") != std::string::npos);
        CHECK(problems[1].line == 6);
        CHECK(problems[1].severity == Severity::Error);
        CHECK(problems[1].message == "学习路径：第 1 周：这一周没有步骤：在「steps:」下面列出要读的文档");
        CHECK(problems[2].line == 9);
        CHECK(problems[2].message == "学习路径：第 2 周第 1 步：缺少「doc」");
        CHECK(problems[3].line == 11);
        CHECK(problems[3].severity == Severity::Warning);
        CHECK(problems[3].message.find("第 2 周第 2 步：不认识的键「time」") != std::string::npos);
    }
    SECTION("warnings alone leave the path usable; the file name should be the id") {
        auto path = parse_file(dir, "other-name.path.yaml", std::string(kGood) + "level: 入门\n", problems);
        REQUIRE(path);
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].line == 15);
        CHECK(problems[0].message.find("不认识的键「level」") != std::string::npos);
        CHECK(problems[1].line == 1);
        CHECK(problems[1].message == "学习路径：文件名要和 id 一致：这个文件应叫「week-one.path.yaml」");
        CHECK_FALSE(has_errors(problems));
    }
    SECTION("an id that is not lowercase, and a step written as bare text") {
        CHECK_FALSE(parse_file(dir, "x.path.yaml", "id: First_Month\ntitle: t\nweeks:\n  - title: w\n    steps:\n      - alpha\n", problems));
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].line == 1);
        CHECK(problems[0].message.find("id「First_Month」不合规") != std::string::npos);
        CHECK(problems[1].line == 6);
        CHECK(problems[1].message.find("每一步写成「- doc: 文档id」") != std::string::npos);
    }
}

TEST_CASE("path: lint finds an unknown id at its line, a document listed twice and a long week", "[path]") {
    test::TempDir lib_dir, dir;
    for (const char* id : {"alpha", "beta", "gamma"}) lib_dir.write(std::string(id) + ".md", doc(id));
    Library lib = Library::load({lib_dir.path()});
    REQUIRE(lib.problems().empty());
    std::vector<Diagnostic> problems;
    auto good = parse_file(dir, "week-one.path.yaml", kGood, problems);
    REQUIRE(good);
    CHECK(lint_path(*good, lib).empty());

    std::string text = "id: long\ntitle: 太长\nweeks:\n  - title: 一周\n    steps:\n";
    for (const char* id : {"alpha", "beta", "no-such-doc", "gamma", "alpha", "beta", "gamma", "beta"})
        text += std::string("      - doc: ") + id + "\n";  // steps on lines 6 to 13
    auto path = parse_file(dir, "long.path.yaml", text, problems);
    REQUIRE(path);
    auto diags = lint_path(*path, lib);
    const Diagnostic* unknown = with(diags, "no-such-doc");
    REQUIRE(unknown);
    CHECK(unknown->line == 8);
    CHECK(unknown->severity == Severity::Error);
    CHECK(unknown->message == "学习路径：第 1 周第 3 步指向不存在的文档 id「no-such-doc」");
    CHECK(unknown->message_en == "learning path: week 1 step 3 names unknown document id 'no-such-doc'");
    CHECK(unknown->path == (dir.path() / "long.path.yaml").string());
    const Diagnostic* twice = with(diags, "文档「alpha」已经在第 6 行列过");
    REQUIRE(twice);
    CHECK(twice->line == 10);
    CHECK(twice->severity == Severity::Warning);
    const Diagnostic* long_week = with(diags, "超过 7 步");
    REQUIRE(long_week);
    CHECK(long_week->line == 4);
    CHECK(diags.size() == 1 + 4 + 1);  // the unknown id, four repeats, the long week
}

TEST_CASE("path: the bundled first-month path parses and lints clean against the bundled library", "[path]") {
    std::vector<Diagnostic> problems;
    auto paths = load_paths({test::source_dir() / "content", test::source_dir() / "cases"}, problems);
    for (const auto& d : problems) FAIL_CHECK(d.format());
    REQUIRE(paths.size() == 1);
    const LearningPath& p = paths[0];
    CHECK(p.id == "first-month");
    CHECK(p.file == test::source_dir() / "content" / "paths" / "first-month.path.yaml");
    CHECK_FALSE(p.title.empty());
    CHECK_FALSE(p.summary.empty());
    for (const auto& d : lint_path(p, bundled())) FAIL_CHECK(d.format());
    REQUIRE(p.weeks.size() == 4);
    for (const PathWeek& w : p.weeks) {
        INFO(w.title);
        CHECK(w.steps.size() >= 4);
        CHECK(w.steps.size() <= 6);
        CHECK_FALSE(w.goal.empty());
        for (const PathStep& s : w.steps) CHECK_FALSE(s.note.empty());
    }
    // The first three weeks read guidelines and cases; the fourth practises them in drills.
    for (size_t w = 0; w < 4; ++w)
        for (const PathStep& s : p.weeks[w].steps) {
            const Document* d = bundled().find(s.doc_id);
            REQUIRE(d);
            CHECK((d->meta.kind == DocKind::Drill) == (w == 3));
        }
}

TEST_CASE("path: files are found in a stable order; links out of the root and files over the cap are refused", "[path]") {
    test::TempDir root, outside;
    root.write("b/two.path.yaml", "id: two\n");
    root.write("a/one.path.yaml", "id: one\n");
    root.write("a/not-a-path.yaml", "id: no\n");
    root.write("big.path.yaml", std::string(kMaxPathFileBytes + 1, '#'));
    fs::path secret = outside.write("secret.path.yaml", "id: secret\n");
    fs::create_symlink(secret, root.path() / "leak.path.yaml");
    fs::create_symlink(root.path() / "a" / "one.path.yaml", root.path() / "c.path.yaml");  // stays inside: read
    fs::create_symlink(outside.path(), root.path() / "linked-folder");                       // folders: not followed
    std::vector<Diagnostic> problems;
    auto files = find_path_files({root.path(), root.path() / "a"}, problems);
    REQUIRE(files.size() == 2);
    CHECK(files[0] == root.path() / "a" / "one.path.yaml");
    CHECK(files[1] == root.path() / "b" / "two.path.yaml");
    // c.path.yaml is the same file as a/one.path.yaml (each file once); a/ named again adds nothing.
    REQUIRE(problems.size() == 2);
    const Diagnostic* big = with(problems, "文件超过 256 KB，没有读取");
    REQUIRE(big);
    CHECK(big->path == (root.path() / "big.path.yaml").string());
    const Diagnostic* leak = with(problems, "指向文库之外的链接");
    REQUIRE(leak);
    CHECK(leak->path == (root.path() / "leak.path.yaml").string());
    // A file named directly is found too.
    problems.clear();
    CHECK(find_path_files({root.path() / "b" / "two.path.yaml"}, problems).size() == 1);
    CHECK(problems.empty());
}

TEST_CASE("path: progress counts each week's done steps and finds the next step", "[path]") {
    test::TempDir dir;
    std::vector<Diagnostic> problems;
    auto path = parse_file(dir, "week-one.path.yaml", kGood, problems);
    REQUIRE(path);
    std::set<std::string> done;
    auto is_done = [&](const std::string& id) { return done.count(id) > 0; };
    auto progress = path_progress(*path, is_done);
    REQUIRE(progress.size() == 2);
    CHECK((progress[0].done == 0 && progress[0].total == 2));
    CHECK((progress[1].done == 0 && progress[1].total == 1));
    CHECK(next_step(*path, is_done) == std::make_pair(0, 0));
    done = {"alpha", "gamma"};  // out of order: the next step is still the first not done
    progress = path_progress(*path, is_done);
    CHECK(progress[0].done == 1);
    CHECK(progress[1].done == 1);
    CHECK(next_step(*path, is_done) == std::make_pair(0, 1));
    done.insert("beta");
    CHECK(path_progress(*path, is_done)[0].done == 2);
    CHECK_FALSE(next_step(*path, is_done));
}
