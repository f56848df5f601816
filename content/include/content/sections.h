// The `##` sections of a document, and the structured parts the review features read from them:
// the key points (要点) and the self-check questions (自测) of a guideline.
#pragma once
#include <string>
#include <vector>

#include "content/document.h"

namespace linli {

struct Section {
    std::string title;        // the heading's text
    int line = 0;             // the heading's file line
    size_t begin = 0, end = 0;  // the blocks after the heading, up to the next heading of level <= 2
};

// Level-2 sections in order.
std::vector<Section> sections(const Document& doc);
const Section* find_section(const std::vector<Section>& secs, std::string_view title);

// Plain text of one block and its children.
std::string block_text(const Block& b);

// The bullets of the 要点 section: each is one key point.
std::vector<std::string> key_points(const Document& doc);

struct SelfCheck {
    std::string question;
    std::string answer;  // without the leading "答："
};
// The numbered items of the 自测 section: a question paragraph, then a paragraph starting 答：.
std::vector<SelfCheck> self_checks(const Document& doc);

}  // namespace linli
