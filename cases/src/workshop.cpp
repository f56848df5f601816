#include "cases/workshop.h"

#include <algorithm>
#include <stdexcept>

namespace linli {

Workshop::Workshop(const Drill& d, std::vector<std::string> groups) : drill_(&d), groups_(std::move(groups)) {
    int n = int(groups_.size());
    if (n < kMinGroups || n > kMaxGroups)
        throw std::invalid_argument("工作坊需要 2 到 8 个小组 (a workshop needs 2 to 8 groups)");
    for (int i = 0; i < n; ++i) {
        if (groups_[size_t(i)].empty()) throw std::invalid_argument("小组名不能为空 (a group needs a name)");
        if (std::count(groups_.begin(), groups_.end(), groups_[size_t(i)]) > 1)
            throw std::invalid_argument("小组名重复：" + groups_[size_t(i)] + " (two groups share a name)");
    }
    WorkshopTrack all{{}, DrillSession(d)};
    for (int i = 0; i < n; ++i) all.groups.push_back(i);
    tracks_.push_back(std::move(all));
    track_of_.assign(size_t(n), 0);
    votes_.assign(size_t(n), 0);
}

bool Workshop::finished() const {
    return std::all_of(tracks_.begin(), tracks_.end(), [](const WorkshopTrack& t) { return t.session.finished(); });
}

void Workshop::vote(int group, int shown) {
    const WorkshopTrack& t = tracks_.at(size_t(track_of(group)));
    if (t.session.finished()) throw std::logic_error("这条路线已经到了结局 (this track has ended)");
    if (t.revealed) throw std::logic_error("结果已经公布，不能再改票 (the spread is revealed: votes are final)");
    if (shown < 1 || shown > int(t.session.available().size()))
        throw std::invalid_argument("没有第 " + std::to_string(shown) + " 个选项 (no such choice)");
    votes_[size_t(group)] = shown;
}

void Workshop::clear_vote(int group) {
    if (tracks_.at(size_t(track_of(group))).revealed) throw std::logic_error("结果已经公布，不能再改票 (the spread is revealed: votes are final)");
    votes_[size_t(group)] = 0;
}

void Workshop::reveal(int track) {
    if (tracks_.at(size_t(track)).session.finished()) throw std::logic_error("这条路线已经到了结局 (this track has ended)");
    tracks_[size_t(track)].revealed = true;
}

std::vector<std::vector<int>> Workshop::spread(int track) const {
    const WorkshopTrack& t = tracks_.at(size_t(track));
    std::vector<std::vector<int>> out(t.session.finished() ? 0 : t.session.available().size());
    for (int g : t.groups)
        if (int v = votes_[size_t(g)]; v > 0 && v <= int(out.size())) out[size_t(v - 1)].push_back(g);
    return out;
}

std::vector<int> Workshop::leaders(int track) const {
    auto s = spread(track);
    size_t most = 0;
    for (const auto& voters : s) most = std::max(most, voters.size());
    std::vector<int> out;
    for (size_t i = 0; i < s.size() && most > 0; ++i)
        if (s[i].size() == most) out.push_back(int(i + 1));
    return out;
}

void Workshop::check_revealed(int track) const {
    if (!tracks_.at(size_t(track)).revealed) throw std::logic_error("先公布结果，再继续 (reveal the spread before going on)");
}

void Workshop::advance(int track, int shown) {
    WorkshopTrack& t = tracks_[size_t(track)];
    t.session.choose_shown(shown);
    t.revealed = false;
    for (int g : t.groups) votes_[size_t(g)] = 0;
}

void Workshop::continue_with_majority(int track, int tie_break) {
    check_revealed(track);
    std::vector<int> lead = leaders(track);
    if (lead.empty()) throw std::logic_error("还没有小组投票 (no group has voted)");
    int shown = lead.front();
    if (lead.size() > 1) {
        if (std::find(lead.begin(), lead.end(), tie_break) == lead.end())
            throw std::invalid_argument("票数相同，请培训师在并列的选项中选一个 (a tie: the trainer picks one of the tied choices)");
        shown = tie_break;
    }
    advance(track, shown);
}

void Workshop::continue_with_group(int track, int group) {
    check_revealed(track);
    const auto& groups = tracks_[size_t(track)].groups;
    if (std::find(groups.begin(), groups.end(), group) == groups.end())
        throw std::invalid_argument(groups_.at(size_t(group)) + " 不在这条路线上 (the group is not on this track)");
    if (votes_[size_t(group)] == 0) throw std::logic_error(groups_[size_t(group)] + " 还没有投票 (the group has not voted)");
    advance(track, votes_[size_t(group)]);
}

void Workshop::continue_in_parallel(int track) {
    check_revealed(track);
    std::vector<int> groups = tracks_[size_t(track)].groups;
    for (int g : groups)
        if (votes_[size_t(g)] == 0) throw std::logic_error(groups_[size_t(g)] + " 还没有投票 (the group has not voted)");
    // The first group stays on this track; each other one gets a copy of it, from this decision.
    tracks_[size_t(track)].groups = {groups.front()};
    for (size_t i = 1; i < groups.size(); ++i) {
        WorkshopTrack copy = tracks_[size_t(track)];
        copy.groups = {groups[i]};
        tracks_.push_back(std::move(copy));
        track_of_[size_t(groups[i])] = int(tracks_.size() - 1);
    }
    for (int g : groups) advance(track_of(g), votes_[size_t(g)]);
}

}  // namespace linli
