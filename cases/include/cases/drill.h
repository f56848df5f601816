// A scenario drill read from its Markdown document (docs/drill-format.md): state variables, flags,
// an opening scene, nodes with choices, endings with a rating and debrief, and a workshop kit.
// Blocks are pointers into the Document, which must outlive the Drill.
#pragma once
#include <deque>
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
    int index = -1;    // of the variable or flag, resolved once the drill is read (-1: unknown)
};

struct Effect {
    std::string var;
    int delta = 0;
    int index = -1;  // of the variable, resolved once the drill is read
};

struct Choice {
    std::string text;
    std::string target;     // node id
    int target_index = -1;  // resolved, or -1 when unknown
    std::vector<Effect> effects;
    std::vector<std::string> set_flags, clear_flags;
    uint64_t set_mask = 0, clear_mask = 0;  // the declared ones among them, as flag bits
    std::vector<Condition> conditions;
    std::string feedback;
    // 方向：the option group of a two-round node (a workshop votes on the direction first, then on
    // the options within it); empty on ordinary nodes.
    std::string direction;
    int direction_line = 0;
    std::vector<int> feedback_links;  // indexes into Document::links, in the feedback text
    std::vector<std::string> applies, violates;  // guideline ids
    int line = 0;
    struct Where {
        int line = 0;
        std::string part;  // the text naming it on that line (its column is found when reported)
    };
    std::unordered_map<std::string, Where> detail_lines;  // variable or flag -> where its detail names it
    Where where(const std::string& name) const {
        auto it = detail_lines.find(name);
        return it == detail_lines.end() ? Where{line, {}} : it->second;
    }
};

// A block of a node's or an ending's text. `when` empty: always shown; otherwise shown only when
// every condition holds at that point of the play (written 【条件：…】 at the block's start, which
// the block no longer contains).
struct Piece {
    const Block* block = nullptr;
    std::vector<Condition> when;
};

enum class Rating { None, Good, Fair, Bad };
const char* rating_name(Rating r);   // 好 / 尚可 / 糟糕
const char* rating_key(Rating r);    // good / fair / bad

// An ending's rating rule: 【条件：…】评级：… overrides the ending's rating when it holds.
struct RatingRule {
    std::vector<Condition> when;
    Rating rating = Rating::None;
    int line = 0;
};

struct DrillNode {
    std::string id;
    std::string title;
    int line = 0;
    std::vector<Piece> body;           // narrative blocks (without the choice list)
    std::vector<Choice> choices;
    Rating rating = Rating::None;      // set for endings: the rating when no rule holds
    int rating_line = 0;
    std::vector<RatingRule> rating_rules;  // in order; the first that holds wins
    std::vector<Piece> better;         // an ending's 更好的做法
    bool misnumbered = false;          // has choices written 1、 or - (reported; not "no choices")
    bool is_ending() const { return rating != Rating::None; }
    bool two_round() const {  // some choice names a direction (lint: then every choice does)
        for (const Choice& c : choices)
            if (!c.direction.empty()) return true;
        return false;
    }
};

struct Drill {
    Drill() = default;
    Drill(Drill&&) = default;  // `owned` keeps its blocks' addresses when moved, not when copied
    Drill& operator=(Drill&&) = default;
    const Document* doc = nullptr;
    bool exam = false;  // mode: exam — feedback only in the debrief
    std::vector<StateVar> vars;
    std::vector<std::string> flags;
    std::vector<const Block*> opening;
    std::vector<DrillNode> nodes;  // nodes[0] is the start
    std::vector<const Block*> kit;
    std::unordered_map<std::string, int> node_index;
    std::deque<Block> owned;  // conditional blocks without their 【条件：…】, pointed to by Pieces

    int var_index(const std::string& name) const;
    int flag_index(const std::string& name) const;
    int find_node(const std::string& id) const;
};

// The condition language of 条件： and 【条件：…】: "变量 >= 40" (also <= > < == != ≥ ≤), "标记",
// "!标记". Parts are separated by ，、, ; or 且. False when a part cannot be read (`bad` says which).
bool parse_conditions(const std::string& text, std::vector<Condition>& out, std::string* bad = nullptr);

// The 1-based column (in characters) of `part` on line `line` of `file`, or 1: for messages only,
// so the file is read again only when there is something to report.
int column_in_file(const std::filesystem::path& file, int line, std::string_view part);

// Reads the drill's structure; problems in its form are appended to diags with file:line.
Drill parse_drill(const Document& doc, std::vector<Diagnostic>& diags);

}  // namespace linli
