// A workshop: one drill played by a room of table groups together (issue 11). At each decision
// every group votes for a shown choice (numbered from 1, as `drill play --choices`); a vote may be
// corrected until the trainer reveals the spread. Then the room goes on with the majority's choice
// (a tie is the trainer's to break), with one group's choice, or in parallel: each group on a track
// of its own from there. Pure logic on DrillSession, no ImGui: the window and `linli workshop`
// share it.
#pragma once
#include <string>
#include <vector>

#include "cases/drill_engine.h"

namespace linli {

struct WorkshopTrack {
    std::vector<int> groups;  // indexes into Workshop::groups(), ascending
    DrillSession session;
    bool revealed = false;    // the current decision's spread is shown: its votes are final
};

class Workshop {
public:
    static constexpr int kMinGroups = 2, kMaxGroups = 8;
    // 2–8 groups with distinct, non-empty names; throws std::invalid_argument otherwise.
    Workshop(const Drill& d, std::vector<std::string> groups);

    const Drill& drill() const { return *drill_; }
    const std::vector<std::string>& groups() const { return groups_; }
    const std::vector<WorkshopTrack>& tracks() const { return tracks_; }
    int track_of(int group) const { return track_of_.at(size_t(group)); }
    bool finished() const;  // every track has reached an ending

    // A group's vote on its track's current decision: a shown choice from 1, or 0 for none yet.
    int vote_of(int group) const { return votes_.at(size_t(group)); }
    // Records or corrects a vote; throws std::invalid_argument for a choice not shown, and
    // std::logic_error once the spread is revealed or the track has ended.
    void vote(int group, int shown);
    void clear_vote(int group);
    void reveal(int track);
    // Per shown choice (index 0 = choice 1) of the track's decision, the groups that voted for it.
    std::vector<std::vector<int>> spread(int track) const;
    // The shown choices with the most votes: more than one is a tie, none when nobody voted.
    std::vector<int> leaders(int track) const;

    // After reveal(track), the room goes on. Each throws std::logic_error before the reveal.
    // On the majority's choice; a tie needs `tie_break`, one of the leaders (std::invalid_argument otherwise).
    void continue_with_majority(int track, int tie_break = 0);
    // On one group's choice (it must have voted).
    void continue_with_group(int track, int group);
    // Each group of the track on a track of its own, with its own vote (every group must have voted).
    void continue_in_parallel(int track);

private:
    void check_revealed(int track) const;
    void advance(int track, int shown);  // takes the shown choice, starts the next decision's votes

    const Drill* drill_;
    std::vector<std::string> groups_;
    std::vector<WorkshopTrack> tracks_;
    std::vector<int> track_of_;  // per group
    std::vector<int> votes_;     // per group, for its track's current decision
};

}  // namespace linli
