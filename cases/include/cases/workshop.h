// A workshop: one drill played by a room of table groups together (issue 11). At each decision
// every group votes for one of the ballot's options (numbered from 1, as `drill play --choices`);
// a vote may be corrected until the trainer reveals the spread. Then the room goes on with the
// majority's option (a tie is the trainer's to break), with one group's option, or in parallel:
// each group on a track of its own from there.
//
// A two-round node (its choices carry 方向：) is voted on twice: first the direction, then the
// options within the chosen direction. A direction with one shown option takes it at once.
//
// Every change is an action, kept in order: replaying the actions on a new Workshop gives the same
// state, which is how a workshop is saved (as events) and resumed. Pure logic on DrillSession, no
// ImGui: the window and `linli workshop` share it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "cases/drill_engine.h"

namespace linli {

enum class Round { Option, Direction };

// What a track's groups vote on now.
struct Ballot {
    Round round = Round::Option;
    std::vector<std::string> labels;  // per number from 1: a direction, or a choice's text
    std::vector<int> choices;         // per number, Option round: index into the node's choices
};

struct WorkshopTrack {
    std::vector<int> groups;  // indexes into Workshop::groups(), ascending
    DrillSession session;
    bool revealed = false;    // the current ballot's spread is shown: its votes are final
    std::string direction;    // the direction chosen at this two-round node, once it is
};

// One revealed ballot and how the room went on from it: the debrief's record of the room.
struct Decision {
    int track = 0;
    std::vector<int> groups;  // the track's groups
    int node = 0;
    Round round = Round::Option;
    std::vector<std::string> labels;
    std::vector<int> votes;   // per group of Workshop::groups(): the number voted, 0 for none or not on the track
    std::string how;          // "majority", "group:<name>" or "parallel"
    int taken = 0;            // the number taken (majority, group); 0 for parallel
    int64_t began = 0, decided = 0;
    bool split() const;       // the groups that voted did not all vote the same
};

struct WorkshopNote {
    int track = 0;
    std::vector<int> groups;  // the track's groups when the note was written
    int node = 0;             // where the track was
    std::string text;
    bool discuss = false;     // "discuss at debrief"
    int64_t at = 0;
};

struct WorkshopAction {
    enum Kind { Vote, Clear, Reveal, Majority, Group, Parallel, Note, Extend } kind = Vote;
    int track = -1, group = -1, value = 0;  // value: the number voted, a tie break, seconds added, discuss (1/0)
    std::string text;                        // a note's text
    int64_t at = 0;                          // unix seconds
};
// Names as a Chinese list, "第1组、第3组": how every view and export names several groups.
std::string list_names(const std::vector<std::string>& names);

const char* action_name(WorkshopAction::Kind k);  // "vote", "clear", … as saved in events
bool action_kind(const std::string& name, WorkshopAction::Kind& out);

class Workshop {
public:
    static constexpr int kMinGroups = 2, kMaxGroups = 8;
    static constexpr size_t kMaxNote = 1000;  // bytes: a note is an event and fits in one
    static constexpr size_t kMaxGroupName = 60;  // bytes: 20 Chinese characters
    // 2–8 groups with distinct, non-empty names; throws std::invalid_argument otherwise.
    Workshop(const Drill& d, std::vector<std::string> groups, int64_t started = 0);
    // The same check alone, before a workshop is set up (its message is the user's to read).
    static void check_groups(const std::vector<std::string>& groups);

    const Drill& drill() const { return *drill_; }
    const std::vector<std::string>& groups() const { return groups_; }
    int group_index(const std::string& name) const;  // -1 when there is no such group
    std::string group_names(const std::vector<int>& groups) const;  // list_names of those groups
    const std::vector<WorkshopTrack>& tracks() const { return tracks_; }
    int track_of(int group) const { return track_of_.at(size_t(group)); }
    bool finished() const;  // every track has reached an ending
    bool track_finished(int track) const { return tracks_.at(size_t(track)).session.finished(); }

    // The ballot of the track's current decision (empty once the track has ended).
    Ballot ballot(int track) const;
    // A group's vote on its track's ballot: a number from 1, or 0 for none yet.
    int vote_of(int group) const { return votes_.at(size_t(group)); }
    // Records or corrects a vote; throws std::invalid_argument for a number not on the ballot, and
    // std::logic_error once the spread is revealed or the track has ended.
    void vote(int group, int number, int64_t now = 0);
    void clear_vote(int group, int64_t now = 0);
    void reveal(int track, int64_t now = 0);
    // Per ballot number (index 0 = number 1), the groups that voted for it.
    std::vector<std::vector<int>> spread(int track) const;
    // The numbers with the most votes: more than one is a tie, none when nobody voted.
    std::vector<int> leaders(int track) const;

    // After reveal(track), the room goes on. Each throws std::logic_error before the reveal. At a
    // direction ballot, going on means taking the direction; at an option ballot, the choice.
    // On the majority's option; a tie needs `tie_break`, one of the leaders (std::invalid_argument otherwise).
    void continue_with_majority(int track, int tie_break = 0, int64_t now = 0);
    // On one group's option (it must have voted).
    void continue_with_group(int track, int group, int64_t now = 0);
    // Each group of the track on a track of its own, with its own vote (every group must have voted).
    void continue_in_parallel(int track, int64_t now = 0);

    // The trainer's note at the track's current decision.
    void note(int track, const std::string& text, bool discuss, int64_t now = 0);
    const std::vector<WorkshopNote>& notes() const { return notes_; }
    // The room's countdown: when the decision under discussion began, and seconds the trainer added.
    int64_t started() const { return started_; }
    int64_t decision_began() const { return began_; }
    int extra_seconds() const { return extra_; }
    void extend(int seconds, int64_t now = 0);

    const std::vector<Decision>& decisions() const { return decisions_; }
    const std::vector<WorkshopAction>& actions() const { return actions_; }
    // Replays one action (as saved); throws as the call it stands for would.
    void apply(const WorkshopAction& a);

private:
    void check_open(int track) const;
    void check_revealed(int track) const;
    // Takes ballot number `n` on the track: a direction, or a choice. Starts the next ballot.
    void take(int track, int n, int64_t now);
    void settle(int track, int64_t now);  // a direction ballot with one option: taken at once
    void record(int track, const std::string& how, int taken, int64_t now);
    void log(WorkshopAction::Kind k, int track, int group, int value, int64_t now, std::string text = {});

    const Drill* drill_;
    std::vector<std::string> groups_;
    std::vector<WorkshopTrack> tracks_;
    std::vector<int> track_of_;  // per group
    std::vector<int> votes_;     // per group, for its track's ballot
    std::vector<int64_t> ballot_began_;  // per track
    std::vector<Decision> decisions_;
    std::vector<WorkshopNote> notes_;
    std::vector<WorkshopAction> actions_;
    int64_t started_ = 0, began_ = 0;
    int extra_ = 0;
};

}  // namespace linli
