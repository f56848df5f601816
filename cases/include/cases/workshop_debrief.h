// The debrief of a workshop, derived once from the Workshop and the library: per group its path with
// the meters at each step, its ending and rating, the pitfalls it hit and where it left the best
// path; for the room the decisions where groups split, the better path, the discussion questions
// and the trainer's notes. Plain data: the window draws it and the exporters write it out.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "cases/workshop.h"
#include "content/library.h"

namespace linli {

struct MeterScale {
    std::string name;
    int min = 0, max = 100;
};

struct DebriefStep {
    std::string node_title;  // where the group decided
    std::string choice;      // what it took
    std::vector<int> meters; // per MeterScale, after the step
    bool pitfall = false;    // the choice 违背 a guideline
    std::string feedback;    // the choice's 反馈: 考核 shows it only here
};

struct GroupDebrief {
    std::string group;
    std::vector<int> start_meters;  // per MeterScale, before the first step
    std::vector<DebriefStep> steps;
    bool ended = false;             // reached an ending (false: the workshop stopped before)
    std::string ending;             // the ending's title, or where the group stopped
    Rating rating = Rating::None;
    std::vector<std::string> pitfalls;  // titles of the guidelines its choices 违背, in the order hit
    // The step after which no 好 ending could be reached any more (index into steps), or -1: it
    // never left (or the drill has no 好 ending, see best_known).
    int left_best = -1;
    bool best_known = true;  // false: the search was cut short, left_best is not known
};

struct DebriefDecision {
    std::string node_title;
    Round round = Round::Option;
    std::vector<std::string> labels;
    std::vector<std::vector<std::string>> voters;  // per label, the groups that voted for it
    std::string how;     // 多数 / 按第2组 / 分组各走各的, Chinese first
    std::string taken;   // the label taken, empty for a parallel split
    bool split = false;
    int seconds = 0;     // from the ballot's start to the decision
};

struct DebriefNote {
    std::string where;   // the node's title
    std::string groups;  // the track's groups, joined with 、
    std::string text;
    bool discuss = false;
};

struct DebriefQuestions {
    std::string source;               // the case's title
    std::vector<std::string> items;   // its 讨论题
};

struct WorkshopDebrief {
    std::string drill_id, drill_title;
    std::vector<std::string> groups;
    std::vector<MeterScale> meters;
    std::vector<GroupDebrief> per_group;      // in the order of groups
    std::vector<DebriefDecision> decisions;   // every revealed ballot, in play order
    bool finished = false;                    // every track reached an ending
    std::vector<std::string> better;          // the 更好的做法 of the endings reached, as paragraphs
    std::vector<DebriefQuestions> questions;  // the discussion questions of the kit's reference cases
    std::vector<DebriefNote> notes;
    int64_t started = 0, ended = 0;           // unix seconds
    std::vector<const DebriefDecision*> splits() const;  // the decisions where groups split
};

// Can some play from a state still reach an ending rated 好? Only choices that 违背 no guideline
// are followed: a 好 after a 违背 choice is the grading audit's error (lint), so in a drill that
// may be played none leads there. What one search proves is kept for the next: a debrief asks
// along every group's path, and the groups' paths share most of their states.
class GoodEndingSearch {
public:
    explicit GoodEndingSearch(const Drill& d, size_t max_states = 200000) : d_(d), max_states_(max_states) {}
    // `complete` is false when the search stopped at max_states (the answer is then false).
    bool reachable(const DrillState& s, bool* complete = nullptr);

private:
    struct Hash {
        size_t operator()(const DrillState& s) const;
    };
    const Drill& d_;
    size_t max_states_;
    std::unordered_set<DrillState, Hash> dead_;   // no 好 from here: proven by a search that finished
    std::unordered_set<DrillState, Hash> alive_;  // on a path found to a 好
};

// The 讨论题 of the cases the drill's workshop kit links to, in the kit's order (the debrief and the prep page).
std::vector<DebriefQuestions> discussion_questions(const Drill& d, const Library& lib);

WorkshopDebrief make_debrief(const Workshop& w, const Library& lib, int64_t now = 0);

}  // namespace linli
