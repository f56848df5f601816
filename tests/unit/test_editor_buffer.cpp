// The editor's model (issue 13): undo steps made from whole buffers as the editor view hands them
// over (typing merged into words, broken by a newline, a pause, a paste or a cursor jump), the dirty
// flag across undo/redo/save, atomic saves, noticing another program's changes, the line index and find.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "core/editor_buffer.h"
#include "test_support.h"

using namespace linli;
using test::TempDir;
namespace fs = std::filesystem;
using DiskState = EditorBuffer::DiskState;

namespace {

// The UTF-8 characters of `s`, one string each: what the keyboard sends one at a time.
std::vector<std::string> characters(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        size_t n = 1;
        while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

// Types `s` at `cursor`, one key every `gap_ms` from `t`, as InputTextMultiline reports it: the
// whole buffer after each key. Returns the cursor after the last key; `t` ends after the last key.
size_t type(EditorBuffer& b, size_t cursor, const std::string& s, int64_t& t, int64_t gap_ms = 100) {
    for (const std::string& ch : characters(s)) {
        std::string next = b.text();
        next.insert(cursor, ch);
        b.edit(std::move(next), t);
        cursor += ch.size();
        t += gap_ms;
    }
    return cursor;
}

// Backspace `n` times at `cursor`, one key every 100 ms.
size_t backspace(EditorBuffer& b, size_t cursor, int n, int64_t& t) {
    for (int i = 0; i < n; ++i) {
        size_t start = cursor - 1;
        while (start > 0 && (static_cast<unsigned char>(b.text()[start]) & 0xC0) == 0x80) --start;
        std::string next = b.text();
        next.erase(start, cursor - start);
        b.edit(std::move(next), t);
        cursor = start;
        t += 100;
    }
    return cursor;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Another program rewrites the file; the mtime is set apart from ours so the test does not depend
// on the filesystem's timer granularity.
void write_as_another_program(const fs::path& p, const std::string& text) {
    auto before = fs::last_write_time(p);
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
    fs::last_write_time(p, before + std::chrono::seconds(5));
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("editor buffer: typing within a second merges into one step") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "");
    int64_t t = 0;
    size_t cursor = type(b, 0, "居民议事", t);
    t += 800;  // 900 ms after the last key: still the same step
    type(b, cursor, "会", t);
    CHECK(b.text() == "居民议事会");
    CHECK(b.undo_depth() == 1);
    CHECK(b.undo() == std::optional<size_t>(0));
    CHECK(b.text() == "");
    CHECK_FALSE(b.can_undo());
}

TEST_CASE("editor buffer: a pause of more than a second starts a new step") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "");
    int64_t t = 0;
    size_t cursor = type(b, 0, "hello", t);
    t += 1500;
    type(b, cursor, "world", t);
    CHECK(b.undo_depth() == 2);
    CHECK(b.undo() == std::optional<size_t>(5));
    CHECK(b.text() == "hello");
    CHECK(b.undo() == std::optional<size_t>(0));
    CHECK(b.text() == "");
}

TEST_CASE("editor buffer: a newline breaks the step") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "");
    int64_t t = 0;
    type(b, 0, "ab\ncd", t);
    CHECK(b.undo_depth() == 3);  // "ab", "\n", "cd"
    b.undo();
    CHECK(b.text() == "ab\n");
    b.undo();
    CHECK(b.text() == "ab");
    b.undo();
    CHECK(b.text() == "");
}

TEST_CASE("editor buffer: a paste, a cursor jump or a deletion after typing start new steps") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "");
    int64_t t = 0;
    size_t cursor = type(b, 0, "abc", t);

    SECTION("a paste of more than one character") {
        b.edit(b.text() + "XYZ", t);
        CHECK(b.undo_depth() == 2);
        type(b, cursor + 3, "d", t);  // typing after a paste does not grow the paste
        CHECK(b.undo_depth() == 3);
        b.undo();
        b.undo();
        CHECK(b.text() == "abc");
    }
    SECTION("a cursor jump") {
        type(b, 0, "x", t);  // back to the start, within the second
        CHECK(b.text() == "xabc");
        CHECK(b.undo_depth() == 2);
    }
    SECTION("a deletion after typing, and typing after a deletion") {
        cursor = backspace(b, cursor, 1, t);
        CHECK(b.text() == "ab");
        CHECK(b.undo_depth() == 2);
        type(b, cursor, "z", t);
        CHECK(b.undo_depth() == 3);
    }
    SECTION("undo, then typing again") {
        b.undo();
        type(b, 0, "q", t);
        type(b, 1, "r", t);
        CHECK(b.text() == "qr");
        CHECK(b.undo_depth() == 1);
    }
}

TEST_CASE("editor buffer: backspace and delete runs are one step each") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "");
    int64_t t = 0;
    size_t cursor = type(b, 0, "社区工作者", t);
    t += 2000;
    cursor = backspace(b, cursor, 3, t);
    CHECK(b.text() == "社区");
    CHECK(b.undo_depth() == 2);
    CHECK(b.undo() == std::optional<size_t>(15));  // the cursor at the end of 工作者, restored
    CHECK(b.text() == "社区工作者");

    // Delete (forward) at the start, three times.
    t += 2000;
    for (int i = 0; i < 3; ++i, t += 100) b.edit(b.text().substr(3), t);
    CHECK(b.text() == "作者");
    CHECK(b.undo_depth() == 2);
    CHECK(b.undo() == std::optional<size_t>(9));
    CHECK(b.text() == "社区工作者");
}

TEST_CASE("editor buffer: repeated characters merge even where the diff is ambiguous") {
    // Typing 哈 in front of 哈哈: the diff alone would place each key after the run.
    auto b = EditorBuffer::create("/nonexistent/a.md", "哈哈");
    int64_t t = 0;
    size_t cursor = type(b, 0, "哈哈", t);
    CHECK(cursor == 6);
    CHECK(b.text() == "哈哈哈哈");
    CHECK(b.undo_depth() == 1);
    // Backspace inside a run of equal characters.
    t += 2000;
    backspace(b, 9, 3, t);
    CHECK(b.text() == "哈");
    CHECK(b.undo_depth() == 2);
    b.undo();
    CHECK(b.text() == "哈哈哈哈");
}

TEST_CASE("editor buffer: the view's cursor places a key typed inside a run") {
    // "ab", the cursor after a: typing "bc" there. The diff alone puts the first b after the
    // existing one, so c would look like a jump; the cursor the view passes says where it went.
    auto b = EditorBuffer::create("/nonexistent/a.md", "ab");
    b.edit("abb", 0, 2);
    b.edit("abcb", 100, 3);
    CHECK(b.undo_depth() == 1);
    CHECK(b.undo() == std::optional<size_t>(1));
    CHECK(b.text() == "ab");
    // Backspace inside a run: "abbb", the cursor after the first b, twice.
    auto d = EditorBuffer::create("/nonexistent/d.md", "abbb");
    d.edit("abb", 0, 1);
    d.edit("bb", 100, 0);
    CHECK(d.undo_depth() == 1);
    CHECK(d.undo() == std::optional<size_t>(2));
    CHECK(d.text() == "abbb");
    // A cursor that does not fit the change is ignored.
    auto e = EditorBuffer::create("/nonexistent/e.md", "ab");
    e.edit("abc", 0, 0);
    e.undo();
    CHECK(e.text() == "ab");
}

TEST_CASE("editor buffer: undo and redo walk the steps and place the cursor") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "楼道堆物");
    b.replace(0, 6, "走廊", 0);             // 走廊堆物
    b.replace(6, 6, "停放电动车", 5000);    // 走廊停放电动车
    CHECK(b.text() == "走廊停放电动车");

    CHECK(b.undo() == std::optional<size_t>(12));  // end of the restored 堆物
    CHECK(b.text() == "走廊堆物");
    CHECK(b.undo() == std::optional<size_t>(6));   // end of the restored 楼道
    CHECK(b.text() == "楼道堆物");
    CHECK(b.undo() == std::nullopt);
    CHECK(b.can_redo());

    CHECK(b.redo() == std::optional<size_t>(6));   // end of 走廊
    CHECK(b.redo() == std::optional<size_t>(21));  // end of 停放电动车
    CHECK(b.text() == "走廊停放电动车");
    CHECK(b.redo() == std::nullopt);
    CHECK_FALSE(b.can_redo());
}

TEST_CASE("editor buffer: a new edit clears redo") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "abc");
    b.replace(3, 0, "d", 0);
    b.replace(4, 0, "e", 10);
    b.undo();
    CHECK(b.can_redo());
    b.edit("abcdX", 20);
    CHECK_FALSE(b.can_redo());
    CHECK(b.redo() == std::nullopt);
    b.undo();
    CHECK(b.text() == "abcd");
}

TEST_CASE("editor buffer: dirty follows the saved text through edits, undo, save and redo") {
    TempDir dir;
    auto file = dir.write("case.md", "# 居民议事\n");
    auto b = EditorBuffer::open(file);
    CHECK_FALSE(b.dirty());
    CHECK_FALSE(b.can_undo());

    int64_t t = 0;
    size_t cursor = type(b, b.text().size(), "先听", t);
    CHECK(b.dirty());
    CHECK(b.close_would_lose_edits());
    b.undo();
    CHECK_FALSE(b.dirty());  // back to the opened text
    b.redo();
    CHECK(b.dirty());

    b.save();
    CHECK_FALSE(b.dirty());
    t += 2000;
    type(b, cursor, "后说", t);
    CHECK(b.dirty());
    b.undo();
    CHECK_FALSE(b.dirty());  // back to the saved text
    b.undo();
    CHECK(b.dirty());        // before the save
    b.redo();
    CHECK_FALSE(b.dirty());
    b.redo();
    CHECK(b.dirty());

    SECTION("the saved state out of reach: dirty until saved") {
        b.undo();
        b.undo();  // the opened text
        b.edit(b.text() + "再议", t + 5000);
        CHECK_FALSE(b.can_redo());
        CHECK(b.dirty());
        b.save();
        CHECK_FALSE(b.dirty());
    }
    SECTION("typing a character then deleting it is clean") {
        b.undo();
        t += 2000;
        size_t end = type(b, b.text().size(), "了", t);
        CHECK(b.dirty());
        backspace(b, end, 1, t);
        CHECK(b.undo_depth() > 0);
        CHECK_FALSE(b.dirty());
    }
}

TEST_CASE("editor buffer: diffs never split a UTF-8 character") {
    TempDir dir;
    auto file = dir.write("a.md", "居民");
    auto b = EditorBuffer::open(file);

    SECTION("different lead bytes: 居民 to 居委") {
        b.edit("居委", 0);
        CHECK(b.history_bytes() == 6);  // 民 → 委, whole characters
        CHECK(b.dirty());
        CHECK(b.undo() == std::optional<size_t>(6));
        CHECK(b.text() == "居民");
        CHECK_FALSE(b.dirty());
    }
    SECTION("shared leading bytes: 居民 to 居氏 (E6 B0 91 and E6 B0 8F)") {
        b.edit("居氏", 0);
        CHECK(b.history_bytes() == 6);  // not the last byte alone
        CHECK(b.undo() == std::optional<size_t>(6));
        CHECK(b.text() == "居民");
        CHECK_FALSE(b.dirty());
        CHECK(b.redo() == std::optional<size_t>(6));
        CHECK(b.text() == "居氏");
        CHECK(b.dirty());
    }
    SECTION("shared trailing bytes: 居民 to 居少 (E6 B0 91 and E5 B0 91)") {
        b.edit("居少", 0);
        CHECK(b.history_bytes() == 6);
        b.undo();
        CHECK(b.text() == "居民");
    }
    SECTION("typing a character that shares bytes with its neighbour merges as one key") {
        int64_t t = 0;
        type(b, 3, "氏", t);  // 居氏民: 氏 and 民 share E6 B0
        type(b, 6, "x", t);
        CHECK(b.text() == "居氏x民");
        CHECK(b.undo_depth() == 1);
        CHECK(b.undo() == std::optional<size_t>(3));
    }
}

TEST_CASE("editor buffer: replace is its own step and keeps the privacy check's fix undoable") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "张三住在3号楼");
    int64_t t = 0;
    type(b, b.text().size(), "二单元", t);
    b.replace(0, 6, "某居民", t);
    CHECK(b.text() == "某居民住在3号楼二单元");
    CHECK(b.undo_depth() == 2);
    CHECK(b.undo() == std::optional<size_t>(6));
    CHECK(b.text() == "张三住在3号楼二单元");

    SECTION("clamped into the text") {
        b.replace(1000, 5, "。", t);
        CHECK(b.text() == "张三住在3号楼二单元。");
    }
    SECTION("replacing with the same text is no step") {
        uint64_t r = b.revision();
        b.replace(0, 6, "张三", t);
        CHECK(b.revision() == r);
        CHECK(b.can_redo());
    }
}

TEST_CASE("editor buffer: revision changes with every change of the text") {
    TempDir dir;
    auto file = dir.write("a.md", "一");
    auto b = EditorBuffer::open(file);
    std::vector<uint64_t> seen{b.revision()};
    b.edit("一二", 0);
    seen.push_back(b.revision());
    b.edit("一二", 10);  // no change, no new revision
    CHECK(b.revision() == seen.back());
    b.replace(0, 3, "三", 20);
    seen.push_back(b.revision());
    b.undo();
    seen.push_back(b.revision());
    b.redo();
    seen.push_back(b.revision());
    write_as_another_program(file, "四");
    b.reload();
    seen.push_back(b.revision());
    std::vector<uint64_t> sorted = seen;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::unique(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("editor buffer: save writes the file atomically and leaves no temporary file") {
    TempDir dir;
    auto file = dir.write("drill.md", "# 演练\n");
    auto b = EditorBuffer::open(file);
    b.edit("# 演练：楼道堆物\n", 0);
    b.save();
    CHECK(read(file) == "# 演练：楼道堆物\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"drill.md"});
    CHECK_FALSE(b.dirty());

    SECTION("save as: a new file, and the buffer follows it") {
        b.edit("# 副本\n", 10);
        auto copy = dir.path() / "copy.md";
        b.save_as(copy);
        CHECK(b.path() == copy);
        CHECK(read(copy) == "# 副本\n");
        CHECK(read(file) == "# 演练：楼道堆物\n");
        CHECK(names_in(dir.path()) == std::vector<std::string>{"copy.md", "drill.md"});
        CHECK_FALSE(b.dirty());
    }
}

TEST_CASE("editor buffer: a failed save throws, stays dirty and leaves the file alone") {
    TempDir dir;
    auto file = dir.write("case.md", "原文\n");
    auto b = EditorBuffer::open(file);
    b.edit("改过的\n", 0);

    SECTION("into a missing folder") {
        auto nowhere = dir.path() / "missing" / "case.md";
        CHECK_THROWS_WITH(b.save_as(nowhere), Catch::Contains("无法写入") && Catch::Contains("cannot write"));
        CHECK(b.path() == file);
        CHECK(b.dirty());
        CHECK(read(file) == "原文\n");
        CHECK_FALSE(fs::exists(nowhere.parent_path()));
    }
    SECTION("the folder removed under us") {
        auto sub = dir.write("sub/case.md", "原文\n");
        auto c = EditorBuffer::open(sub);
        c.edit("改过的\n", 0);
        fs::remove_all(sub.parent_path());
        CHECK_THROWS_AS(c.save(), std::runtime_error);
        CHECK(c.dirty());
        CHECK(c.check_disk() == DiskState::Deleted);
    }
    SECTION("into a read-only folder") {
        fs::permissions(dir.path(), fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                        fs::perm_options::remove);
        bool can_still_write = static_cast<bool>(std::ofstream(dir.path() / "probe"));
        if (can_still_write) {
            fs::remove(dir.path() / "probe");
            WARN("running as root: a read-only folder does not stop writes, only the missing folder is tested");
        } else {
            CHECK_THROWS_AS(b.save(), std::runtime_error);
            CHECK(b.dirty());
            CHECK(read(file) == "原文\n");
            CHECK(names_in(dir.path()) == std::vector<std::string>{"case.md"});
        }
        fs::permissions(dir.path(), fs::perms::owner_write, fs::perm_options::add);
    }
}

TEST_CASE("editor buffer: create then save makes the file") {
    TempDir dir;
    auto file = dir.path() / "new-case.md";
    auto b = EditorBuffer::create(file, "# 新案例\n");
    CHECK(b.dirty());
    CHECK_FALSE(b.can_undo());
    CHECK(b.check_disk() == DiskState::Same);  // not there yet, as expected
    b.save();
    CHECK(fs::exists(file));
    CHECK(read(file) == "# 新案例\n");
    CHECK_FALSE(b.dirty());
    CHECK(b.check_disk() == DiskState::Same);

    SECTION("an empty new document is dirty until saved too") {
        auto e = EditorBuffer::create(dir.path() / "empty.md", "");
        CHECK(e.dirty());
        e.save();
        CHECK_FALSE(e.dirty());
        CHECK(read(dir.path() / "empty.md").empty());
    }
    SECTION("another program makes the file first") {
        auto c = EditorBuffer::create(dir.path() / "other.md", "mine");
        dir.write("other.md", "theirs");
        CHECK(c.check_disk() == DiskState::Changed);
    }
}

TEST_CASE("editor buffer: check_disk notices another program's changes") {
    TempDir dir;
    auto file = dir.write("case.md", "第一版\n");
    auto b = EditorBuffer::open(file);
    CHECK(b.check_disk() == DiskState::Same);
    b.edit("第二版\n", 0);
    b.save();
    CHECK(b.check_disk() == DiskState::Same);  // our own save

    SECTION("a rewrite of the same length") {
        write_as_another_program(file, "第三版\n");
        CHECK(b.check_disk() == DiskState::Changed);
    }
    SECTION("a rewrite of another length") {
        write_as_another_program(file, "第三版，加长\n");
        CHECK(b.check_disk() == DiskState::Changed);
    }
    SECTION("a touch without change") {
        fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
        CHECK(b.check_disk() == DiskState::Same);
        CHECK(b.check_disk() == DiskState::Same);
    }
    SECTION("deleted") {
        fs::remove(file);
        CHECK(b.check_disk() == DiskState::Deleted);
        b.save();  // saving brings it back
        CHECK(b.check_disk() == DiskState::Same);
    }
}

TEST_CASE("editor buffer: reload takes the disk's text as one undoable step") {
    TempDir dir;
    auto file = dir.write("case.md", "原文\n");
    auto b = EditorBuffer::open(file);
    int64_t t = 0;
    type(b, b.text().size(), "我的修改", t);
    write_as_another_program(file, "别人的版本\n");
    REQUIRE(b.check_disk() == DiskState::Changed);

    b.reload();
    CHECK(b.text() == "别人的版本\n");
    CHECK_FALSE(b.dirty());
    CHECK(b.check_disk() == DiskState::Same);
    CHECK(b.undo());
    CHECK(b.text() == "原文\n我的修改");  // the unsaved edits are back
    CHECK(b.dirty());
    CHECK(b.redo());
    CHECK_FALSE(b.dirty());

    SECTION("nothing to take: no step") {
        size_t depth = b.undo_depth();
        b.reload();
        CHECK(b.undo_depth() == depth);
    }
    SECTION("the file gone: throws and changes nothing") {
        fs::remove(file);
        CHECK_THROWS_WITH(b.reload(), Catch::Contains("无法打开") && Catch::Contains("cannot open"));
        CHECK(b.text() == "别人的版本\n");
    }
}

TEST_CASE("editor buffer: opening a missing file throws in both languages") {
    TempDir dir;
    CHECK_THROWS_WITH(EditorBuffer::open(dir.path() / "none.md"),
                      Catch::Contains("无法打开") && Catch::Contains("cannot open") && Catch::Contains("none.md"));
    CHECK_THROWS_AS(EditorBuffer::open(dir.path()), std::runtime_error);  // a folder is no document
}

TEST_CASE("editor buffer: line index with Chinese text and a last line without newline") {
    TempDir dir;
    // Line 1 "# 标题" (8 bytes + \n), line 2 empty, line 3 "居民说：" (12 bytes + \n), line 4 "好".
    auto b = EditorBuffer::create(dir.path() / "a.md", "# 标题\n\n居民说：\n好");
    CHECK(b.line_count() == 4);
    CHECK(b.offset_of_line(1) == 0);
    CHECK(b.offset_of_line(2) == 9);
    CHECK(b.offset_of_line(3) == 10);
    CHECK(b.offset_of_line(4) == 23);
    CHECK(b.line_of(0) == 1);
    CHECK(b.line_of(8) == 1);   // the newline belongs to its line
    CHECK(b.line_of(9) == 2);
    CHECK(b.line_of(11) == 3);  // inside 居
    CHECK(b.line_of(23) == 4);
    CHECK(b.line_of(10000) == 4);
    CHECK(b.offset_of_line(0) == 0);    // clamped
    CHECK(b.offset_of_line(99) == 23);

    b.edit(b.text() + "\n", 0);  // a final newline: an empty line after it
    CHECK(b.line_count() == 5);
    CHECK(b.offset_of_line(5) == b.text().size());
    b.undo();
    CHECK(b.line_count() == 4);
    CHECK(EditorBuffer::create("x.md", "").line_count() == 1);
}

TEST_CASE("editor buffer: find next wraps, find previous, count") {
    TempDir dir;
    // 居民 at bytes 0, 9 and 24.
    auto b = EditorBuffer::create(dir.path() / "a.md", "居民和居民代表与居民");
    CHECK(b.find_next("居民", 0) == std::optional<size_t>(0));
    CHECK(b.find_next("居民", 1) == std::optional<size_t>(9));
    CHECK(b.find_next("居民", 10) == std::optional<size_t>(24));
    CHECK(b.find_next("居民", 25) == std::optional<size_t>(0));  // wraps to the start
    CHECK(b.find_next("居民", 5000) == std::optional<size_t>(0));
    CHECK(b.find_next("业主", 0) == std::nullopt);
    CHECK(b.find_next("", 0) == std::nullopt);

    CHECK(b.find_previous("居民", 24) == std::optional<size_t>(9));
    CHECK(b.find_previous("居民", 30) == std::optional<size_t>(24));
    CHECK(b.find_previous("居民", 9) == std::optional<size_t>(0));
    CHECK(b.find_previous("居民", 0) == std::optional<size_t>(24));  // wraps to the end
    CHECK(b.find_previous("业主", 10) == std::nullopt);

    CHECK(b.count("居民") == 3);
    CHECK(b.count("民") == 3);
    CHECK(b.count("") == 0);
    CHECK(EditorBuffer::create("x.md", "aaaa").count("aa") == 2);  // matches do not overlap
    CHECK(b.find_next("民", 0) == std::optional<size_t>(3));  // a whole character, never mid-byte
}

TEST_CASE("editor buffer: history is capped") {
    TempDir dir;
    auto b = EditorBuffer::create(dir.path() / "a.md", "");
    b.set_history_limit(10);
    for (int i = 0; i < 25; ++i) b.replace(b.text().size(), 0, std::to_string(i % 10), i * 5000);
    CHECK(b.undo_depth() == 10);
    int undone = 0;
    while (b.undo()) ++undone;
    CHECK(undone == 10);
    CHECK(b.text() == "012345678901234");  // the first 15 steps cannot be undone any more

    SECTION("the default cap") {
        auto d = EditorBuffer::create(dir.path() / "d.md", "");
        for (size_t i = 0; i < EditorBuffer::kDefaultHistoryLimit + 50; ++i) d.replace(0, 0, "x", int64_t(i) * 5000);
        CHECK(d.undo_depth() == EditorBuffer::kDefaultHistoryLimit);
    }
    SECTION("the opened state dropped off the history: dirty where undo stops, clean when the text is back") {
        auto file = dir.write("s.md", "s");
        auto s = EditorBuffer::open(file);
        s.set_history_limit(2);
        s.replace(1, 0, "1", 0);
        s.replace(2, 0, "2", 0);
        s.replace(3, 0, "3", 0);  // the opened state is no longer reachable by undo
        while (s.undo()) {}
        CHECK(s.text() == "s1");
        CHECK(s.dirty());
        s.replace(1, 1, "", 0);
        CHECK(s.text() == "s");
        CHECK_FALSE(s.dirty());
    }
}

TEST_CASE("editor buffer: a long document's history holds diffs, not copies") {
    TempDir dir;
    std::string doc;
    for (int i = 0; i < 2000; ++i) doc += "第" + std::to_string(i) + "行：居民议事会的记录。\n";
    auto file = dir.write("long.md", doc);
    auto b = EditorBuffer::open(file);
    int64_t t = 0;
    for (int i = 0; i < 1000; ++i) {
        size_t at = b.offset_of_line(1 + (i * 7) % 2000);
        std::string next = b.text();
        next.insert(at, "改");
        b.edit(std::move(next), t);
        t += 2000;
    }
    CHECK(b.undo_depth() == 1000);
    CHECK(b.history_bytes() == 3000);  // one 改 per step; the document is ~80 KB
    for (int i = 0; i < 1000; ++i) b.undo();
    CHECK(b.text() == doc);
    CHECK_FALSE(b.dirty());
}
