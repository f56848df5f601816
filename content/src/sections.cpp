#include "content/sections.h"

namespace linli {
namespace {

constexpr std::string_view kKeyPoints = "要点";
constexpr std::string_view kSelfCheck = "自测";
constexpr std::string_view kAnswer = "答：";

std::string spans_text(const Block& b) {
    std::string s;
    for (const Span& sp : b.spans) s += sp.text == "\n" ? " " : sp.text;
    return s;
}

// The first list inside a section.
const Block* first_list(const Document& doc, const Section& s, BlockKind kind) {
    for (size_t i = s.begin; i < s.end; ++i)
        if (doc.blocks[i].kind == kind) return &doc.blocks[i];
    return nullptr;
}

}  // namespace

std::string block_text(const Block& b) {
    std::string s = b.kind == BlockKind::Code ? b.literal : spans_text(b);
    for (const Block& c : b.children) {
        std::string t = block_text(c);
        if (!t.empty()) s += (s.empty() ? "" : "\n") + t;
    }
    return s;
}

std::vector<Section> sections(const Document& doc) {
    std::vector<Section> out;
    for (size_t i = 0; i < doc.blocks.size(); ++i) {
        const Block& b = doc.blocks[i];
        if (b.kind != BlockKind::Heading || b.level > 2) continue;
        if (!out.empty()) out.back().end = i;
        if (b.level == 2) out.push_back({spans_text(b), b.line, i + 1, doc.blocks.size()});
    }
    return out;
}

const Section* find_section(const std::vector<Section>& secs, std::string_view title) {
    for (const Section& s : secs)
        if (s.title == title) return &s;
    return nullptr;
}

std::vector<std::string> key_points(const Document& doc) {
    std::vector<std::string> out;
    auto secs = sections(doc);
    const Section* s = find_section(secs, kKeyPoints);
    if (!s) return out;
    if (const Block* list = first_list(doc, *s, BlockKind::BulletList))
        for (const Block& item : list->children) out.push_back(block_text(item));
    return out;
}

std::vector<SelfCheck> self_checks(const Document& doc) {
    std::vector<SelfCheck> out;
    auto secs = sections(doc);
    const Section* s = find_section(secs, kSelfCheck);
    if (!s) return out;
    const Block* list = first_list(doc, *s, BlockKind::OrderedList);
    if (!list) return out;
    for (const Block& item : list->children) {
        SelfCheck c;
        for (const Block& part : item.children) {
            std::string t = block_text(part);
            if (t.rfind(kAnswer, 0) == 0) c.answer += t.substr(kAnswer.size());
            else if (c.answer.empty()) c.question += (c.question.empty() ? "" : "\n") + t;
            else c.answer += "\n" + t;
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace linli
