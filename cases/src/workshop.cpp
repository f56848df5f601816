#include "cases/workshop.h"

#include <algorithm>
#include <stdexcept>

namespace linli {
namespace {

const char* const kActionNames[] = {"vote", "clear", "reveal", "majority", "group", "parallel", "note", "extend"};

}  // namespace

std::string list_names(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : "、") + n;
    return out;
}

const char* action_name(WorkshopAction::Kind k) { return kActionNames[k]; }

bool action_kind(const std::string& name, WorkshopAction::Kind& out) {
    for (int i = 0; i <= WorkshopAction::Extend; ++i)
        if (name == kActionNames[i]) {
            out = WorkshopAction::Kind(i);
            return true;
        }
    return false;
}

bool Decision::split() const {
    int first = 0;
    for (int v : votes) {
        if (v == 0) continue;
        if (first == 0) first = v;
        else if (v != first) return true;
    }
    return false;
}

void Workshop::check_groups(const std::vector<std::string>& groups) {
    int n = int(groups.size());
    if (n < kMinGroups || n > kMaxGroups)
        throw std::invalid_argument("工作坊需要 2 到 8 个小组 (a workshop needs 2 to 8 groups)");
    for (const std::string& g : groups) {
        if (g.empty()) throw std::invalid_argument("小组名不能为空 (a group needs a name)");
        if (g.size() > kMaxGroupName) throw std::invalid_argument("小组名太长：最多 20 个字 (a group name is 20 characters at most)");
        if (std::count(groups.begin(), groups.end(), g) > 1)
            throw std::invalid_argument("小组名重复：" + g + " (two groups share a name)");
    }
}

Workshop::Workshop(const Drill& d, std::vector<std::string> groups, int64_t started)
    : drill_(&d), groups_(std::move(groups)), started_(started), began_(started) {
    check_groups(groups_);
    int n = int(groups_.size());
    WorkshopTrack all{{}, DrillSession(d)};
    for (int i = 0; i < n; ++i) all.groups.push_back(i);
    tracks_.push_back(std::move(all));
    track_of_.assign(size_t(n), 0);
    votes_.assign(size_t(n), 0);
    ballot_began_.assign(1, started);
    settle(0, started);
}

int Workshop::group_index(const std::string& name) const {
    auto it = std::find(groups_.begin(), groups_.end(), name);
    return it == groups_.end() ? -1 : int(it - groups_.begin());
}

std::string Workshop::group_names(const std::vector<int>& groups) const {
    std::vector<std::string> names;
    for (int g : groups) names.push_back(groups_.at(size_t(g)));
    return list_names(names);
}

bool Workshop::finished() const {
    return std::all_of(tracks_.begin(), tracks_.end(), [](const WorkshopTrack& t) { return t.session.finished(); });
}

Ballot Workshop::ballot(int track) const {
    const WorkshopTrack& t = tracks_.at(size_t(track));
    Ballot b;
    if (t.session.finished()) return b;
    const DrillNode& node = t.session.node();
    std::vector<int> shown = t.session.available();
    if (node.two_round() && t.direction.empty()) {
        std::vector<std::string> directions;
        for (int i : shown)
            if (std::find(directions.begin(), directions.end(), node.choices[size_t(i)].direction) == directions.end())
                directions.push_back(node.choices[size_t(i)].direction);
        if (directions.size() > 1) {
            b.round = Round::Direction;
            b.labels = std::move(directions);
            return b;
        }
    }
    for (int i : shown)
        if (t.direction.empty() || node.choices[size_t(i)].direction == t.direction) {
            b.choices.push_back(i);
            b.labels.push_back(node.choices[size_t(i)].text);
        }
    return b;
}

void Workshop::check_open(int track) const {
    const WorkshopTrack& t = tracks_.at(size_t(track));
    if (t.session.finished()) throw std::logic_error("这条路线已经到了结局 (this track has ended)");
    if (t.revealed) throw std::logic_error("结果已经公布，不能再改票 (the spread is revealed: votes are final)");
}

void Workshop::vote(int group, int number, int64_t now) {
    int track = track_of(group);
    check_open(track);
    if (number < 1 || number > int(ballot(track).labels.size()))
        throw std::invalid_argument("没有第 " + std::to_string(number) + " 个选项 (no such option)");
    votes_[size_t(group)] = number;
    log(WorkshopAction::Vote, track, group, number, now);
}

void Workshop::clear_vote(int group, int64_t now) {
    check_open(track_of(group));
    votes_[size_t(group)] = 0;
    log(WorkshopAction::Clear, track_of(group), group, 0, now);
}

void Workshop::reveal(int track, int64_t now) {
    if (track_finished(track)) throw std::logic_error("这条路线已经到了结局 (this track has ended)");
    tracks_[size_t(track)].revealed = true;
    log(WorkshopAction::Reveal, track, -1, 0, now);
}

std::vector<std::vector<int>> Workshop::spread(int track) const {
    const WorkshopTrack& t = tracks_.at(size_t(track));
    std::vector<std::vector<int>> out(ballot(track).labels.size());
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
    if (track_finished(track)) throw std::logic_error("这条路线已经到了结局 (this track has ended)");
    if (!tracks_.at(size_t(track)).revealed) throw std::logic_error("先公布结果，再继续 (reveal the spread before going on)");
}

void Workshop::record(int track, const std::string& how, int taken, int64_t now) {
    const WorkshopTrack& t = tracks_[size_t(track)];
    Ballot b = ballot(track);
    Decision d;
    d.track = track;
    d.groups = t.groups;
    d.node = t.session.state().node;
    d.round = b.round;
    d.labels = std::move(b.labels);
    d.votes.assign(groups_.size(), 0);
    for (int g : t.groups) d.votes[size_t(g)] = votes_[size_t(g)];
    d.how = how;
    d.taken = taken;
    d.began = ballot_began_[size_t(track)];
    d.decided = now;
    decisions_.push_back(std::move(d));
}

void Workshop::take(int track, int n, int64_t now) {
    WorkshopTrack& t = tracks_[size_t(track)];
    Ballot b = ballot(track);
    if (b.round == Round::Direction) {
        t.direction = b.labels.at(size_t(n - 1));
    } else {
        t.session.choose(b.choices.at(size_t(n - 1)), now);
        t.direction.clear();
    }
    t.revealed = false;
    for (int g : t.groups) votes_[size_t(g)] = 0;
    ballot_began_[size_t(track)] = now;
    began_ = now;
    extra_ = 0;
    settle(track, now);
}

void Workshop::settle(int track, int64_t now) {
    WorkshopTrack& t = tracks_[size_t(track)];
    if (t.session.finished() || t.direction.empty()) return;
    Ballot b = ballot(track);
    if (b.round == Round::Option && b.choices.size() == 1) {
        t.session.choose(b.choices[0], now);
        t.direction.clear();
        settle(track, now);
    }
}

void Workshop::continue_with_majority(int track, int tie_break, int64_t now) {
    check_revealed(track);
    std::vector<int> lead = leaders(track);
    if (lead.empty()) throw std::logic_error("还没有小组投票 (no group has voted)");
    int n = lead.front();
    if (lead.size() > 1) {
        if (std::find(lead.begin(), lead.end(), tie_break) == lead.end())
            throw std::invalid_argument("票数相同，请培训师在并列的选项中选一个 (a tie: the trainer picks one of the tied options)");
        n = tie_break;
    }
    record(track, "majority", n, now);
    log(WorkshopAction::Majority, track, -1, tie_break, now);
    take(track, n, now);
}

void Workshop::continue_with_group(int track, int group, int64_t now) {
    check_revealed(track);
    const auto& groups = tracks_[size_t(track)].groups;
    if (std::find(groups.begin(), groups.end(), group) == groups.end())
        throw std::invalid_argument(groups_.at(size_t(group)) + " 不在这条路线上 (the group is not on this track)");
    if (votes_[size_t(group)] == 0) throw std::logic_error(groups_[size_t(group)] + " 还没有投票 (the group has not voted)");
    int n = votes_[size_t(group)];
    record(track, "group:" + groups_[size_t(group)], n, now);
    log(WorkshopAction::Group, track, group, 0, now);
    take(track, n, now);
}

void Workshop::continue_in_parallel(int track, int64_t now) {
    check_revealed(track);
    std::vector<int> groups = tracks_[size_t(track)].groups;
    for (int g : groups)
        if (votes_[size_t(g)] == 0) throw std::logic_error(groups_[size_t(g)] + " 还没有投票 (the group has not voted)");
    record(track, "parallel", 0, now);
    log(WorkshopAction::Parallel, track, -1, 0, now);
    // The first group stays on this track; each other one gets a copy of it, from this ballot.
    tracks_[size_t(track)].groups = {groups.front()};
    for (size_t i = 1; i < groups.size(); ++i) {
        WorkshopTrack copy = tracks_[size_t(track)];
        copy.groups = {groups[i]};
        tracks_.push_back(std::move(copy));
        ballot_began_.push_back(ballot_began_[size_t(track)]);
        track_of_[size_t(groups[i])] = int(tracks_.size() - 1);
    }
    for (int g : groups) take(track_of(g), votes_[size_t(g)], now);
}

void Workshop::note(int track, const std::string& text, bool discuss, int64_t now) {
    const WorkshopTrack& t = tracks_.at(size_t(track));
    size_t cut = std::min(text.size(), kMaxNote);  // not inside a character
    while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    std::string kept = text.substr(0, cut);
    notes_.push_back({track, t.groups, t.session.state().node, kept, discuss, now});
    log(WorkshopAction::Note, track, -1, discuss ? 1 : 0, now, kept);
}

void Workshop::extend(int seconds, int64_t now) {
    extra_ += seconds;
    log(WorkshopAction::Extend, -1, -1, seconds, now);
}

void Workshop::log(WorkshopAction::Kind k, int track, int group, int value, int64_t now, std::string text) {
    actions_.push_back({k, track, group, value, std::move(text), now});
}

void Workshop::apply(const WorkshopAction& a) {
    auto track = [&] {
        if (a.track < 0 || a.track >= int(tracks_.size())) throw std::invalid_argument("没有这条路线 (no such track)");
        return a.track;
    };
    auto group = [&] {
        if (a.group < 0 || a.group >= int(groups_.size())) throw std::invalid_argument("没有这个小组 (no such group)");
        return a.group;
    };
    switch (a.kind) {
        case WorkshopAction::Vote: vote(group(), a.value, a.at); break;
        case WorkshopAction::Clear: clear_vote(group(), a.at); break;
        case WorkshopAction::Reveal: reveal(track(), a.at); break;
        case WorkshopAction::Majority: continue_with_majority(track(), a.value, a.at); break;
        case WorkshopAction::Group: continue_with_group(track(), group(), a.at); break;
        case WorkshopAction::Parallel: continue_in_parallel(track(), a.at); break;
        case WorkshopAction::Note: note(track(), a.text, a.value != 0, a.at); break;
        case WorkshopAction::Extend: extend(a.value, a.at); break;
    }
}

}  // namespace linli
