// The debrief of a workshop, derived once from the Workshop and the library: per group its path with
// the meters at each step, its ending and rating, the pitfalls it hit and where it left the best
// path; for the room the decisions where groups split, the better path, the discussion questions
// and the trainer's notes. Plain data: the window draws it and the exporters write it out.
#pragma once
#include <cstdint>
#include <string>
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

// Can some play from `s` still reach an ending rated 好? `complete` is false when the search
// stopped at max_states (the answer is then false).
bool good_ending_reachable(const Drill& d, const DrillState& s, size_t max_states, bool* complete = nullptr);

// The 讨论题 of the cases the drill's workshop kit links to, in the kit's order (the debrief and the prep page).
std::vector<DebriefQuestions> discussion_questions(const Drill& d, const Library& lib);

WorkshopDebrief make_debrief(const Workshop& w, const Library& lib, int64_t now = 0);

}  // namespace linli
