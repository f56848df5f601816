// The parser: front matter into Meta, Markdown into the owned block tree, links with positions.
#include <catch2/catch.hpp>

#include "content/document.h"
#include "test_support.h"

using namespace linli;

namespace {

Document parse_ok(const std::string& text, std::vector<Diagnostic>* out = nullptr) {
    std::vector<Diagnostic> diags;
    auto doc = parse_document("t.md", text, diags);
    if (out) *out = diags;
    REQUIRE(doc.has_value());
    return *doc;
}

const std::string kHeader = "---\nid: t\nkind: case\ntitle: 标题\nsummary: 概要\n---\n";

}  // namespace

TEST_CASE("front matter fills every field") {
    auto d = parse_ok("---\nid: doc-1\nkind: drill\ntitle: 业委会集体辞职\nsummary: 一句话\n"
                      "tags: [业委会, 议事]\nstakeholders: [居委会]\nsources: [001_x.txt]\nupdated: 2026-11-23\n---\n正文\n");
    CHECK(d.meta.id == "doc-1");
    CHECK(d.meta.kind == DocKind::Drill);
    CHECK(d.meta.title == "业委会集体辞职");
    CHECK(d.meta.tags == std::vector<std::string>{"业委会", "议事"});
    CHECK(d.meta.stakeholders == std::vector<std::string>{"居委会"});
    CHECK(d.meta.sources == std::vector<std::string>{"001_x.txt"});
    CHECK(d.meta.updated == "2026-11-23");
    CHECK(d.body_line == 11);
}

TEST_CASE("a single tag may be written without brackets") {
    auto d = parse_ok("---\nid: t\nkind: case\ntitle: x\nsummary: y\ntags: 物业\n---\n正文\n");
    CHECK(d.meta.tags == std::vector<std::string>{"物业"});
}

TEST_CASE("blocks keep their structure and file lines") {
    auto d = parse_ok(kHeader + "# 大标题\n\n段落**加粗**和*强调*。\n\n- 一\n- 二\n\n3. 三\n4. 四\n\n> 引用\n\n```\ncode\n```\n\n---\n");
    REQUIRE(d.blocks.size() == 7);
    CHECK(d.blocks[0].kind == BlockKind::Heading);
    CHECK(d.blocks[0].level == 1);
    CHECK(d.blocks[0].line == 7);
    CHECK(d.blocks[1].kind == BlockKind::Paragraph);
    REQUIRE(d.blocks[1].spans.size() == 5);
    CHECK(d.blocks[1].spans[1].text == "加粗");
    CHECK(d.blocks[1].spans[1].style == kStrong);
    CHECK(d.blocks[1].spans[3].style == kEmph);
    CHECK(d.blocks[2].kind == BlockKind::BulletList);
    CHECK(d.blocks[2].children.size() == 2);
    CHECK(d.blocks[3].kind == BlockKind::OrderedList);
    CHECK(d.blocks[3].level == 3);
    CHECK(d.blocks[4].kind == BlockKind::Quote);
    CHECK(d.blocks[5].kind == BlockKind::Code);
    CHECK(d.blocks[5].literal == "code");
    CHECK(d.blocks[6].kind == BlockKind::Rule);
}

TEST_CASE("a soft break joins Chinese lines without a space but keeps one between Latin words") {
    auto d = parse_ok(kHeader + "第一行\n第二行\n\nfirst\nsecond\n");
    CHECK(d.blocks[0].spans[0].text == "第一行第二行");
    CHECK(d.blocks[1].spans[0].text == "first second");
}

TEST_CASE("links to documents carry the target id and their position in the file") {
    auto d = parse_ok(kHeader + "开头。\n\n第二段有[链接](linli:other-doc)和[外部](https://example.org)。\n");
    REQUIRE(d.links.size() == 2);
    CHECK(d.links[0].target_id == "other-doc");
    CHECK(d.links[0].line == 9);
    CHECK(d.links[0].col == 10);  // the destination, after "第二段有[链接]("
    CHECK(d.links[1].target_id.empty());
    CHECK(d.links[1].url == "https://example.org");
    // The link text is a span that points at its link.
    bool found = false;
    for (const Span& s : d.blocks[1].spans) found = found || (s.text == "链接" && s.link == 0);
    CHECK(found);
}

TEST_CASE("an image becomes a block of its own with its path") {
    auto d = parse_ok(kHeader + "前文![示意](img/a.png)后文\n");
    REQUIRE(d.blocks.size() == 3);
    CHECK(d.blocks[1].kind == BlockKind::Image);
    CHECK(d.blocks[1].literal == "img/a.png");
    CHECK(d.blocks[1].spans[0].text == "示意");
}

TEST_CASE("plain text holds headings and body for search") {
    auto d = parse_ok(kHeader + "## 小标题\n\n正文里有物业。\n");
    CHECK(d.plain_text.find("小标题") != std::string::npos);
    CHECK(d.plain_text.find("正文里有物业。") != std::string::npos);
}

TEST_CASE("broken front matter is refused with its line") {
    std::vector<Diagnostic> diags;
    CHECK_FALSE(parse_document("x.md", "no front matter\n", diags).has_value());
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 1);

    diags.clear();
    CHECK_FALSE(parse_document("x.md", "---\nid: a\nkind: novel\ntitle: t\n---\nbody\n", diags).has_value());
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].format(true) == "x.md:3:7: error: unknown kind 'novel' (expected guideline, case or drill)");
    CHECK(diags[0].format() == "x.md:3:7: error: 不认识的 kind「novel」（应为 guideline、case 或 drill）");

    diags.clear();
    CHECK_FALSE(parse_document("x.md", "---\nid: a\nkind: case\ntitle: t\n", diags).has_value());
    CHECK(diags.at(0).message_en.find("no closing") != std::string::npos);

    diags.clear();
    CHECK_FALSE(parse_document("x.md", "---\nkind: case\ntitle: t\n---\nbody\n", diags).has_value());
    CHECK(diags.at(0).message_en == "front matter: missing 'id'");
    CHECK(diags.at(0).message == "文件头：缺少「id」");
}

TEST_CASE("text that is not UTF-8 is refused with the position of the bad byte") {
    std::vector<Diagnostic> diags;
    CHECK_FALSE(parse_document("x.md", "---\nid: a\n\xff\n", diags).has_value());
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 3);
    CHECK(diags[0].col == 1);
    CHECK(diags[0].message_en == "file is not valid UTF-8");
}

TEST_CASE("an empty body is a warning and the document still loads") {
    std::vector<Diagnostic> diags;
    auto d = parse_document("x.md", "---\nid: a\nkind: case\ntitle: t\nsummary: s\n---\n\n  \n", diags);
    CHECK(d.has_value());
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].severity == Severity::Warning);
}

TEST_CASE("unknown front-matter keys are warnings") {
    std::vector<Diagnostic> diags;
    parse_ok(kHeader.substr(0, kHeader.size() - 4) + "colour: red\n---\n正文\n", &diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].severity == Severity::Warning);
    CHECK(diags[0].line == 6);
}

TEST_CASE("a heading's {#id} becomes its anchor and leaves its text") {
    auto d = parse_ok(kHeader + "## 周一早上 {#start}\n\n## 没有锚点\n\n## {#only-id}\n");
    REQUIRE(d.blocks.size() == 3);
    CHECK(d.blocks[0].literal == "start");
    CHECK(d.blocks[0].spans.at(0).text == "周一早上");
    CHECK(d.blocks[1].literal.empty());
    CHECK(d.blocks[1].spans.at(0).text == "没有锚点");
    CHECK(d.blocks[2].literal == "only-id");
    CHECK(d.blocks[2].spans.empty());
}
