// Review cards from a guideline's 要点 and 自测 sections: their text, their stable ids, their lint,
// and every bundled guideline.
#include <catch2/catch.hpp>

#include <set>

#include "content/cards.h"
#include "content/library.h"
#include "content/library_cache.h"
#include "test_support.h"

using namespace linli;

namespace {

// The body starts at line 7; 要点 items are on lines 16-18, the first 自测 item on line 22.
const char* kHead = "---\nid: pit-sample\nkind: guideline\ntitle: 样例指南\nsummary: 一句话。\n---\n\n# 样例指南\n\n";

// A guideline's two sections, each item as given.
std::string guideline(const std::vector<std::string>& points, const std::vector<std::string>& checks) {
    std::string s = std::string(kHead) + "## 是什么\n\n正文。\n\n## 要点\n\n";
    for (const auto& p : points) s += "- " + p + "\n";
    s += "\n## 自测\n\n";
    int n = 0;
    for (const auto& c : checks) s += std::to_string(++n) + ". " + c + "\n\n";
    return s + "## 来源\n\n- 000_a59d4bfdfc8d2710.txt\n";
}

Document parse(const std::string& text) {
    std::vector<Diagnostic> diags;
    auto doc = parse_document("pit-sample.md", text, diags);
    REQUIRE(doc);
    for (const auto& d : diags) FAIL_CHECK(d.format());
    return *doc;
}

const Card* by_id(const std::vector<Card>& cards, const std::string& id) {
    for (const Card& c : cards)
        if (c.id == id) return &c;
    return nullptr;
}

const Library& bundled() {
    static const Library lib = Library::load({test::source_dir() / "content", test::source_dir() / "cases"});
    return lib;
}

const std::vector<std::string> kPoints = {"种子要去找，不是培养。", "中年居民最有说服力。", "保护好种子。"};
const std::vector<std::string> kChecks = {"合作方要你办四期培训班，怎么回应？\n\n   答：先说明培训难以改变成年人，\n   把重点放在找人上。",
                                          "为什么要保护种子？\n\n   答：种子是居民，**不是**机构的传声筒。"};

}  // namespace

TEST_CASE("cards: a guideline's key points and self-checks become cards in document order", "[cards]") {
    Document doc = parse(guideline(kPoints, kChecks));
    auto cards = cards_of(doc);
    REQUIRE(cards.size() == 5);
    CHECK(cards[0].id == "pit-sample#要点-1");
    CHECK(cards[0].doc_id == "pit-sample");
    CHECK(cards[0].kind == Card::Kind::KeyPoint);
    CHECK(cards[0].ordinal == 1);
    CHECK(cards[0].front == "《样例指南》· 要点 1/3");
    CHECK(cards[0].back == "种子要去找，不是培养。");
    CHECK(cards[2].front == "《样例指南》· 要点 3/3");
    CHECK(cards[0].line == 16);
    CHECK(cards[1].line == 17);
    CHECK(cards[3].id == "pit-sample#自测-1");
    CHECK(cards[3].kind == Card::Kind::SelfCheck);
    CHECK(cards[3].front == "合作方要你办四期培训班，怎么回应？");
    CHECK(cards[3].back == "先说明培训难以改变成年人，把重点放在找人上。");  // a soft break in Chinese joins
    CHECK(cards[3].line == 22);
    CHECK(cards[4].id == "pit-sample#自测-2");
    CHECK(cards[4].back == "种子是居民，不是机构的传声筒。");
    CHECK(lint_cards(doc).empty());
}

TEST_CASE("cards: a trailing ^name names the card and is not part of its text", "[cards]") {
    Document doc = parse(guideline({"种子要去找。 ^find-seeds", "中年居民。", "保护种子。"},
                                   {"问题一？ ^q-One\n\n   答：答案一。", "问题二？\n\n   答：答案二。 ^q2"}));
    auto cards = cards_of(doc);
    REQUIRE(cards.size() == 5);
    CHECK(cards[0].id == "pit-sample#^find-seeds");
    CHECK(cards[0].back == "种子要去找。");
    CHECK(cards[1].id == "pit-sample#要点-2");
    CHECK(cards[3].id == "pit-sample#^q-One");
    CHECK(cards[3].front == "问题一？");
    CHECK(cards[4].id == "pit-sample#^q2");
    CHECK(cards[4].back == "答案二。");
    CHECK(lint_cards(doc).empty());
}

TEST_CASE("cards: editing an item's text keeps its id", "[cards]") {
    auto before = cards_of(parse(guideline(kPoints, kChecks)));
    auto after = cards_of(parse(guideline({"种子要去找，不是培养。", "中年居民有阅历，最有说服力。", "保护好种子。"},
                                          {"合作方要你办培训班，你怎么说？\n\n   答：重点在找人。", kChecks[1]})));
    REQUIRE(before.size() == after.size());
    for (size_t i = 0; i < before.size(); ++i) CHECK(before[i].id == after[i].id);
    CHECK(after[1].back == "中年居民有阅历，最有说服力。");
}

TEST_CASE("cards: a named item keeps its id when an item is inserted before it; an unnamed one follows its position", "[cards]") {
    auto before = cards_of(parse(guideline({"第一条。", "第二条。 ^second", "第三条。"}, kChecks)));
    auto after = cards_of(parse(guideline({"新插进来的一条。", "第一条。", "第二条。 ^second", "第三条。"}, kChecks)));
    const Card* named = by_id(after, "pit-sample#^second");
    REQUIRE(named);
    CHECK(named->back == "第二条。");
    CHECK(named->ordinal == 3);
    CHECK(by_id(before, "pit-sample#^second")->back == named->back);
    // Without a name, the history is the position's: 要点-1 is now the new point.
    CHECK(by_id(before, "pit-sample#要点-1")->back == "第一条。");
    CHECK(by_id(after, "pit-sample#要点-1")->back == "新插进来的一条。");
}

TEST_CASE("cards: lint reports a missing answer, a repeated block id and empty sections at their lines", "[cards]") {
    SECTION("a question without an answer, a block id used twice, one glued to its text") {
        Document doc = parse(guideline({"第一条。 ^same", "第二条。 ^same", "第三条。^glued"},
                                       {"只有问题没有答案？", "问题？\n\n   答：答案。"}));
        auto diags = lint_cards(doc);
        REQUIRE(diags.size() == 3);
        CHECK(diags[0].line == 17);
        CHECK(diags[0].severity == Severity::Error);
        CHECK(diags[0].message == "块 id「^same」重复（第 16 行已经用过）：这一项的卡片只能按位置编号");
        CHECK(diags[0].path == "pit-sample.md");
        CHECK(diags[1].line == 18);
        CHECK(diags[1].severity == Severity::Warning);
        CHECK(diags[1].message.find("「^glued」前面没有空格") != std::string::npos);
        CHECK(diags[2].line == 22);
        CHECK(diags[2].severity == Severity::Error);
        CHECK(diags[2].message.find("自测第 1 题没有答案") == 0);
        CHECK(diags[2].message_en.find("self-check 1 has no answer") == 0);
        // The repeated name counts on its first item only; the unanswered question gives no card.
        auto cards = cards_of(doc);
        REQUIRE(cards.size() == 4);
        CHECK(cards[0].id == "pit-sample#^same");
        CHECK(cards[1].id == "pit-sample#要点-2");
        CHECK(cards[2].id == "pit-sample#要点-3");
        CHECK(cards[2].back == "第三条。^glued");
        CHECK(cards[3].id == "pit-sample#自测-2");
    }
    SECTION("empty 要点 and 自测 sections are warnings at their headings") {
        Document doc = parse(std::string(kHead) + "## 要点\n\n（待写）\n\n## 自测\n\n- 不是编号的题？\n");
        auto diags = lint_cards(doc);
        REQUIRE(diags.size() == 2);
        CHECK(diags[0].line == 10);
        CHECK(diags[0].severity == Severity::Warning);
        CHECK(diags[0].message == "「要点」一节是空的：每条要点写成「- 」开头的一行");
        CHECK(diags[1].line == 14);
        CHECK(diags[1].message_en == "the '自测' section is empty: write each question as a numbered item, '1. '");
        CHECK(cards_of(doc).empty());
    }
    SECTION("cases and drills are not linted for cards") {
        std::vector<Diagnostic> ignored;
        auto c = parse_document("case-x.md", "---\nid: case-x\nkind: case\ntitle: 案例\n---\n\n## 背景与经过\n\n正文。\n", ignored);
        REQUIRE(c);
        CHECK(lint_cards(*c).empty());
        CHECK(cards_of(*c).empty());
    }
}

TEST_CASE("cards: every bundled guideline gives at least 3 key points and 1 self-check, ids unique, no text empty, lint clean", "[cards]") {
    const Library& lib = bundled();
    for (const Diagnostic& d : lib.problems()) FAIL_CHECK(d.format());
    auto cards = all_cards(lib);
    std::set<std::string> ids;
    size_t guidelines = 0;
    for (const Document& doc : lib.documents()) {
        if (doc.meta.kind != DocKind::Guideline) continue;
        ++guidelines;
        INFO(doc.path.string());
        auto mine = cards_of(doc);
        int points = 0, checks = 0;
        for (const Card& c : mine) (c.kind == Card::Kind::KeyPoint ? points : checks)++;
        CHECK(points >= 3);
        CHECK(checks >= 1);
        for (const Diagnostic& d : lint_cards(doc)) FAIL_CHECK(d.format());
    }
    CHECK(guidelines >= 24);
    for (const Card& c : cards) {
        INFO(c.id);
        CHECK(ids.insert(c.id).second);
        CHECK_FALSE(c.front.empty());
        CHECK_FALSE(c.back.empty());
        CHECK(c.back.find('^') == std::string::npos);
        CHECK(c.line > 1);
    }
}

TEST_CASE("cards: all_cards reads bodies left for later through Library::whole", "[cards]") {
    test::TempDir lib_dir, cache_dir;
    lib_dir.write("pit-sample.md", guideline(kPoints, kChecks));
    std::shared_ptr<LibraryCache> cache = LibraryCache::open(cache_dir.path());
    REQUIRE(cache);
    Library::load({lib_dir.path()}, cache.get(), true);  // fills the cache
    Library lazy = Library::load({lib_dir.path()}, cache.get(), true);
    lazy.read_bodies_from(cache);
    REQUIRE_FALSE(lazy.find("pit-sample")->complete);
    CHECK(cards_of(*lazy.find("pit-sample")).empty());  // no body, no cards: why all_cards asks whole()
    auto cards = all_cards(lazy);
    REQUIRE(cards.size() == 5);
    CHECK(cards[4].id == "pit-sample#自测-2");
}
