#include "cases/workshop_debrief.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "content/sections.h"

namespace linli {
namespace {

std::string title_of(const DrillNode& n) { return n.title.empty() ? n.id : n.title; }

std::string doc_title(const Library& lib, const std::string& id) {
    const Document* d = lib.find(id);
    return d ? d->meta.title : id;
}

void collect_links(const Document& doc, const Block& b, std::vector<std::string>& ids) {
    for (const Span& s : b.spans)
        if (s.link >= 0 && size_t(s.link) < doc.links.size() && !doc.links[size_t(s.link)].target_id.empty()) {
            const std::string& id = doc.links[size_t(s.link)].target_id;
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
    for (const Block& c : b.children) collect_links(doc, c, ids);
}

}  // namespace

std::vector<DebriefQuestions> discussion_questions(const Drill& d, const Library& lib) {
    std::vector<std::string> ids;
    for (const Block* b : d.kit) collect_links(*d.doc, *b, ids);
    std::vector<DebriefQuestions> out;
    for (const std::string& id : ids) {
        int i = lib.index_of(id);
        if (i < 0 || lib.documents()[size_t(i)].meta.kind != DocKind::Case) continue;
        auto doc = lib.whole(i);
        if (!doc) continue;
        auto secs = sections(*doc);
        const Section* q = find_section(secs, "讨论题");
        if (!q) continue;
        DebriefQuestions dq{doc->meta.title, {}};
        for (size_t k = q->begin; k < q->end; ++k) {
            const Block& b = doc->blocks[k];
            if (b.kind == BlockKind::OrderedList || b.kind == BlockKind::BulletList)
                for (const Block& item : b.children) dq.items.push_back(block_text(item));
            else if (b.kind == BlockKind::Paragraph)
                dq.items.push_back(block_text(b));
        }
        if (!dq.items.empty()) out.push_back(std::move(dq));
    }
    return out;
}

namespace {

GroupDebrief group_debrief(const Workshop& w, int group, const Library& lib, GoodEndingSearch& search) {
    const Drill& d = w.drill();
    const DrillSession& s = w.tracks()[size_t(w.track_of(group))].session;
    GroupDebrief g;
    g.group = w.groups()[size_t(group)];
    std::vector<DrillState> states = s.trajectory();
    g.start_meters = states.front().values;
    for (size_t i = 0; i < s.steps().size(); ++i) {
        const DrillStep& step = s.steps()[i];
        const Choice& c = d.nodes[size_t(step.node)].choices[size_t(step.choice)];
        g.steps.push_back({title_of(d.nodes[size_t(step.node)]), c.text, step.after.values, !c.violates.empty(), c.feedback});
    }
    g.ended = s.finished();
    g.ending = title_of(s.node());
    g.rating = s.rating();
    for (const std::string& id : s.guidelines_violated()) g.pitfalls.push_back(doc_title(lib, id));
    // Where it left the best path: once a 好 ending is out of reach it stays so, so the first step
    // after which it is out of reach is found by bisection over the states.
    if (g.rating == Rating::Good) return g;
    bool complete = true;
    if (!search.reachable(states.front(), &complete)) {
        g.best_known = complete;
        return g;
    }
    size_t lo = 0, hi = states.size() - 1;  // reachable at lo; at hi?
    if (search.reachable(states[hi], &complete) || !complete) {
        g.best_known = complete;
        return g;
    }
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        bool ok = search.reachable(states[mid], &complete);
        if (!complete) {
            g.best_known = false;
            return g;
        }
        (ok ? lo : hi) = mid;
    }
    g.left_best = int(hi) - 1;  // states[hi] is after steps[hi - 1]
    return g;
}

std::string how_zh(const Decision& d) {
    if (d.how == "majority") return "按多数 (majority)";
    if (d.how == "parallel") return "各组分头走 (in parallel)";
    if (d.how.rfind("group:", 0) == 0) return "按" + d.how.substr(6) + "的选择 (one group's choice)";
    return d.how;
}

}  // namespace

size_t GoodEndingSearch::Hash::operator()(const DrillState& s) const {
    uint64_t h = 1469598103934665603ull ^ uint64_t(s.node);
    auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    for (int v : s.values) mix(uint64_t(uint32_t(v)));
    mix(s.flags);
    return size_t(h);
}

bool GoodEndingSearch::reachable(const DrillState& start, bool* complete) {
    if (complete) *complete = true;
    if (alive_.count(start)) return true;
    if (dead_.count(start)) return false;
    // Depth first, keeping each state's parent: a 好 found marks its whole path alive.
    std::unordered_map<DrillState, const DrillState*, Hash> seen;  // state -> the state it came from
    std::vector<const DrillState*> stack;
    stack.push_back(&seen.emplace(start, nullptr).first->first);
    while (!stack.empty()) {
        const DrillState* s = stack.back();
        stack.pop_back();
        const DrillNode& n = d_.nodes[size_t(s->node)];
        bool good = alive_.count(*s) > 0 || (n.is_ending() && ending_rating(d_, n, *s) == Rating::Good);
        if (good) {
            for (const DrillState* p = s; p; p = seen.at(*p)) alive_.insert(*p);
            return true;
        }
        if (n.is_ending()) continue;
        for (int i : available_choices(d_, *s)) {
            if (!n.choices[size_t(i)].violates.empty()) continue;
            DrillState next = apply_choice(d_, *s, i);
            if (dead_.count(next)) continue;
            auto [it, added] = seen.emplace(std::move(next), s);
            if (!added) continue;
            if (seen.size() > max_states_) {
                if (complete) *complete = false;
                return false;
            }
            stack.push_back(&it->first);
        }
    }
    for (const auto& [state, parent] : seen) dead_.insert(state);  // nothing it reaches is 好
    return false;
}

std::vector<const DebriefDecision*> WorkshopDebrief::splits() const {
    std::vector<const DebriefDecision*> out;
    for (const auto& d : decisions)
        if (d.split) out.push_back(&d);
    return out;
}

WorkshopDebrief make_debrief(const Workshop& w, const Library& lib, int64_t now) {
    const Drill& d = w.drill();
    WorkshopDebrief out;
    out.drill_id = d.doc->meta.id;
    out.drill_title = d.doc->meta.title;
    out.groups = w.groups();
    for (const StateVar& v : d.vars) out.meters.push_back({v.name, v.min, v.max});
    GoodEndingSearch search(d);
    for (int g = 0; g < int(w.groups().size()); ++g) out.per_group.push_back(group_debrief(w, g, lib, search));
    for (const Decision& dec : w.decisions()) {
        DebriefDecision dd;
        dd.node_title = title_of(d.nodes[size_t(dec.node)]);
        dd.round = dec.round;
        dd.labels = dec.labels;
        dd.voters.resize(dec.labels.size());
        for (size_t g = 0; g < dec.votes.size(); ++g)
            if (int v = dec.votes[g]; v > 0 && size_t(v) <= dd.voters.size()) dd.voters[size_t(v - 1)].push_back(w.groups()[g]);
        dd.how = how_zh(dec);
        if (dec.taken > 0 && size_t(dec.taken) <= dec.labels.size()) dd.taken = dec.labels[size_t(dec.taken - 1)];
        dd.split = dec.split();
        dd.seconds = int(std::max<int64_t>(0, dec.decided - dec.began));
        out.decisions.push_back(std::move(dd));
    }
    out.finished = w.finished();
    // The better path: each reached ending's 更好的做法, as the play's final state shows it.
    std::vector<int> seen;
    for (const WorkshopTrack& t : w.tracks()) {
        if (!t.session.finished() || std::find(seen.begin(), seen.end(), t.session.state().node) != seen.end()) continue;
        seen.push_back(t.session.state().node);
        for (const Block* b : visible_blocks(d, t.session.node().better, t.session.state())) {
            if (b->kind == BlockKind::OrderedList || b->kind == BlockKind::BulletList) {
                for (const Block& item : b->children) {
                    std::string text = block_text(item);
                    if (std::find(out.better.begin(), out.better.end(), text) == out.better.end()) out.better.push_back(text);
                }
            } else if (std::string text = block_text(*b); !text.empty() &&
                       std::find(out.better.begin(), out.better.end(), text) == out.better.end()) {
                out.better.push_back(text);
            }
        }
    }
    out.questions = discussion_questions(d, lib);
    for (const WorkshopNote& n : w.notes())
        out.notes.push_back({title_of(d.nodes[size_t(n.node)]), w.group_names(n.groups), n.text, n.discuss});
    out.started = w.started();
    out.ended = now;
    return out;
}

}  // namespace linli
