#include "content/cards.h"

#include <map>

#include "content/library.h"
#include "content/sections.h"

namespace linli {
namespace {

constexpr std::string_view kKeyPoints = "要点";
constexpr std::string_view kSelfCheck = "自测";
constexpr std::string_view kAnswer = "答：";

bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

void trim_end(std::string& s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.pop_back();
}

// One list item as the cards read it: its paragraphs' texts with block ids taken off.
struct Item {
    int line = 0;
    int ordinal = 0;
    std::vector<std::string> parts;
    std::vector<std::string> names;     // every ` ^name` found, in order: the first one counts
    std::vector<std::string> unspaced;  // `^name` glued to the text before it: not an id
};

// Takes a trailing ` ^name` off a paragraph's text into the item.
void take_block_id(std::string& text, Item& item) {
    trim_end(text);
    size_t caret = text.rfind('^');
    if (caret == std::string::npos || caret + 1 == text.size()) return;
    for (size_t i = caret + 1; i < text.size(); ++i)
        if (!name_char(text[i])) return;
    std::string name = text.substr(caret + 1);
    if (caret > 0 && text[caret - 1] != ' ' && text[caret - 1] != '\t') {
        // After Chinese text it was meant as an id (a soft break joins the lines without a space);
        // after Latin text it may be an exponent, so say nothing.
        if (static_cast<unsigned char>(text[caret - 1]) >= 0x80) item.unspaced.push_back(std::move(name));
        return;
    }
    text.resize(caret);
    trim_end(text);
    item.names.push_back(std::move(name));
}

Item read_item(const Block& b, int ordinal) {
    Item item;
    item.line = b.line;
    item.ordinal = ordinal;
    for (const Block& part : b.children) {
        std::string t = block_text(part);
        if (part.kind == BlockKind::Paragraph) take_block_id(t, item);
        if (!t.empty()) item.parts.push_back(std::move(t));
    }
    return item;
}

std::string join(const std::vector<std::string>& parts, size_t from, size_t to) {
    std::string s;
    for (size_t i = from; i < to; ++i) s += (s.empty() ? "" : "\n") + parts[i];
    return s;
}

// A 自测 item: the paragraphs before the one starting 答： are the question, the rest the answer.
std::pair<std::string, std::string> question_answer(const Item& item) {
    size_t at = 0;
    while (at < item.parts.size() && item.parts[at].rfind(kAnswer, 0) != 0) ++at;
    if (at == item.parts.size()) return {join(item.parts, 0, at), {}};
    std::string answer = item.parts[at].substr(kAnswer.size());
    std::string more = join(item.parts, at + 1, item.parts.size());
    if (!more.empty()) answer += (answer.empty() ? "" : "\n") + more;
    return {join(item.parts, 0, at), answer};
}

// A guideline's two sections, read once for the cards and for lint.
struct Sectioned {
    const Section* section = nullptr;  // null: the document has no such section
    std::vector<Item> items;
};
struct CardSource {
    std::vector<Section> secs;  // owns what the Sectioned point at
    Sectioned points, checks;
};

Sectioned read_section(const Document& doc, const std::vector<Section>& secs, std::string_view title, BlockKind list) {
    Sectioned out;
    out.section = find_section(secs, title);
    if (!out.section) return out;
    for (size_t i = out.section->begin; i < out.section->end; ++i) {
        if (doc.blocks[i].kind != list) continue;
        int n = 0;
        for (const Block& item : doc.blocks[i].children) out.items.push_back(read_item(item, ++n));
        break;  // the first list only, as key_points() and self_checks() read it
    }
    return out;
}

CardSource read_cards(const Document& doc) {
    CardSource src;
    src.secs = sections(doc);
    src.points = read_section(doc, src.secs, kKeyPoints, BlockKind::BulletList);
    src.checks = read_section(doc, src.secs, kSelfCheck, BlockKind::OrderedList);
    return src;
}

// The item's id: its name when it is the first item to use it, else its position.
std::string card_id(const std::string& doc_id, std::string_view section, const Item& item, std::map<std::string, int>& named) {
    if (!item.names.empty() && named.emplace(item.names.front(), item.line).second) return doc_id + "#^" + item.names.front();
    return doc_id + "#" + std::string(section) + "-" + std::to_string(item.ordinal);
}

std::string point_front(const Document& doc, int ordinal, size_t total) {
    return "《" + doc.meta.title + "》· 要点 " + std::to_string(ordinal) + "/" + std::to_string(total);
}

}  // namespace

std::vector<Card> cards_of(const Document& doc) {
    std::vector<Card> out;
    if (doc.meta.kind != DocKind::Guideline) return out;
    CardSource src = read_cards(doc);
    std::map<std::string, int> named;
    const std::string& id = doc.meta.id;
    // Ids are given in document order even to items without text, so filling one in later
    // changes no other card's id.
    for (const Item& item : src.points.items) {
        std::string cid = card_id(id, kKeyPoints, item, named);
        std::string back = join(item.parts, 0, item.parts.size());
        if (back.empty()) continue;  // nothing to recall; lint says so
        out.push_back({std::move(cid), id, Card::Kind::KeyPoint, item.ordinal,
                       point_front(doc, item.ordinal, src.points.items.size()), std::move(back), item.line});
    }
    for (const Item& item : src.checks.items) {
        std::string cid = card_id(id, kSelfCheck, item, named);
        auto [question, answer] = question_answer(item);
        if (question.empty() || answer.empty()) continue;  // half a card; lint says so
        out.push_back({std::move(cid), id, Card::Kind::SelfCheck, item.ordinal, std::move(question), std::move(answer), item.line});
    }
    return out;
}

std::vector<Card> all_cards(const Library& lib) {
    std::vector<Card> out;
    const auto& docs = lib.documents();
    for (size_t i = 0; i < docs.size(); ++i) {
        if (docs[i].meta.kind != DocKind::Guideline) continue;
        auto whole = lib.whole(static_cast<int>(i));
        auto cards = cards_of(*whole);
        out.insert(out.end(), std::make_move_iterator(cards.begin()), std::make_move_iterator(cards.end()));
    }
    return out;
}

namespace {

struct Linter {
    const Document& doc;
    std::vector<Diagnostic> out;

    void report(int line, Severity sev, std::string zh, std::string en) {
        out.push_back({doc.path.string(), line, 1, sev, std::move(zh), std::move(en)});
    }

    // A section that is missing or gives no items: the guideline has no cards of that kind.
    bool check_present(const Sectioned& s, std::string_view title, const char* how_zh, const char* how_en) {
        const std::string t(title);
        if (!s.section) {
            report(doc.body_line, Severity::Warning, "指南缺少「## " + t + "」一节：复习卡片从这一节来",
                   "guideline has no '## " + t + "' section: review cards come from it");
            return false;
        }
        if (s.items.empty()) {
            report(s.section->line, Severity::Warning, "「" + t + "」一节是空的：" + how_zh, "the '" + t + "' section is empty: " + how_en);
            return false;
        }
        return true;
    }

    void check_names(const Item& item, std::string_view section, std::map<std::string, int>& named) {
        const std::string where = std::string(section) + "第 " + std::to_string(item.ordinal) + " 项";
        const std::string where_en = std::string(section == kKeyPoints ? "key point " : "self-check ") + std::to_string(item.ordinal);
        for (const std::string& n : item.unspaced)
            report(item.line, Severity::Warning, where + "：「^" + n + "」前面没有空格，不算块 id；要写成「…… ^" + n + "」",
                   where_en + ": '^" + n + "' has no space before it, so it is no block id; write '... ^" + n + "'");
        if (item.names.size() > 1)
            report(item.line, Severity::Warning, where + "有不止一个块 id，只有第一个「^" + item.names.front() + "」算数",
                   where_en + " has more than one block id; only the first, '^" + item.names.front() + "', counts");
        if (item.names.empty()) return;
        auto [it, fresh] = named.emplace(item.names.front(), item.line);
        if (!fresh)
            report(item.line, Severity::Error,
                   "块 id「^" + item.names.front() + "」重复（第 " + std::to_string(it->second) + " 行已经用过）：这一项的卡片只能按位置编号",
                   "duplicate block id '^" + item.names.front() + "' (already used on line " + std::to_string(it->second) +
                       "): this item's card falls back to its position");
    }

    void check_point(const Item& item) {
        if (item.parts.empty())
            report(item.line, Severity::Warning, "要点第 " + std::to_string(item.ordinal) + " 条是空的，不会变成卡片",
                   "key point " + std::to_string(item.ordinal) + " is empty and gives no card");
    }

    void check_self_check(const Item& item) {
        auto [question, answer] = question_answer(item);
        const std::string n = std::to_string(item.ordinal);
        if (question.empty())
            report(item.line, Severity::Error, "自测第 " + n + " 题没有问题：先写问题，再写以「答：」开头的答案",
                   "self-check " + n + " has no question: write the question, then the answer starting with 答：");
        else if (answer.empty())
            report(item.line, Severity::Error,
                   "自测第 " + n + " 题没有答案：在问题下空一行，缩进 3 个空格写一段以「答：」开头的答案",
                   "self-check " + n + " has no answer: after a blank line, indent a paragraph starting with 答： by 3 spaces");
    }
};

}  // namespace

std::vector<Diagnostic> lint_cards(const Document& doc) {
    if (doc.meta.kind != DocKind::Guideline) return {};
    Linter lint{doc, {}};
    CardSource src = read_cards(doc);
    std::map<std::string, int> named;
    if (lint.check_present(src.points, kKeyPoints, "每条要点写成「- 」开头的一行", "write each key point as a '- ' bullet"))
        for (const Item& item : src.points.items) {
            lint.check_names(item, kKeyPoints, named);
            lint.check_point(item);
        }
    if (lint.check_present(src.checks, kSelfCheck, "每道题写成「1. 」这样编号的一项", "write each question as a numbered item, '1. '"))
        for (const Item& item : src.checks.items) {
            lint.check_names(item, kSelfCheck, named);
            lint.check_self_check(item);
        }
    return std::move(lint.out);
}

}  // namespace linli
