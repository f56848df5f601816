// A scenario drill read from its Markdown document (docs/drill-format.md): state variables, flags,
// an opening scene, nodes with choices, endings with a rating and debrief, and a workshop kit.
// Blocks are pointers into the Document, which must outlive the Drill.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "content/document.h"

namespace linli {

struct StateVar {
    std::string name;
    int start = 0, min = 0, max = 100;
    int line = 0;
};

enum class CmpOp { Ge, Le, Gt, Lt, Eq, Ne };

struct Condition {
    enum Kind { Compare, FlagSet, FlagClear } kind = Compare;
    std::string name;  // variable or flag
    CmpOp op = CmpOp::Ge;
    int value = 0;
    std::string text;  // as written, for messages
};

struct Effect {
    std::string var;
    int delta = 0;
};

struct Choice {
    std::string text;
    std::string target;     // node id
    int target_index = -1;  // resolved, or -1 when unknown
    std::vector<Effect> effects;
    std::vector<std::string> set_flags, clear_flags;
    std::vector<Condition> conditions;
    std::string feedback;
    std::vector<int> feedback_links;  // indexes into Document::links, in the feedback text
    std::vector<std::string> applies, violates;  // guideline ids
    int line = 0;
};

enum class Rating { None, Good, Fair, Bad };
const char* rating_name(Rating r);   // 好 / 尚可 / 糟糕
const char* rating_key(Rating r);    // good / fair / bad

struct DrillNode {
    std::string id;
    std::string title;
    int line = 0;
    std::vector<const Block*> body;    // narrative blocks (without the choice list)
    std::vector<Choice> choices;
    Rating rating = Rating::None;      // set for endings
    std::vector<const Block*> better;  // an ending's 更好的做法
    bool is_ending() const { return rating != Rating::None; }
};

struct Drill {
    const Document* doc = nullptr;
    std::vector<StateVar> vars;
    std::vector<std::string> flags;
    std::vector<const Block*> opening;
    std::vector<DrillNode> nodes;  // nodes[0] is the start
    std::vector<const Block*> kit;
    std::unordered_map<std::string, int> node_index;

    int var_index(const std::string& name) const;
    int flag_index(const std::string& name) const;
    int find_node(const std::string& id) const;
};

// Reads the drill's structure; problems in its form are appended to diags with file:line.
Drill parse_drill(const Document& doc, std::vector<Diagnostic>& diags);

}  // namespace linli
