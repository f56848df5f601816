// [SECTION] Exploring the states of a play
// [SECTION] The checks: 好 after 违背, endings that name skipped nodes, state that changes nothing,
//           farming loops, the longest option, the fact sheet
#include "cases/drill_audit.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "cases/drill_engine.h"
#include "cases/drill_paths.h"
#include "content/sections.h"
#include "content/utf8.h"

namespace linli {
namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Exploring the states of a play
// ---------------------------------------------------------------------------------------------

// Every state reachable from the start, breadth first, with the step that first reached each
// (so the play shown is a real one, and short). `avoid`: a node no play may enter.
//
// Two merges keep the space small. Values no choice condition or rating rule reads are held at
// their start: they never change what a play can do. And a variable that conditions only ever
// compare one way (all >=/>, or all <=/<) and no rating rule reads is monotone: a state with more
// of it (in that direction) can make every play a state with less can, and reach the same endings
// with the same ratings. So among states equal in node, flags, "has made a 违背 choice" and the
// other values, only those not dominated are kept; a step into a dominated state leads to the one
// that dominates it. Whatever a play can reach is still reached, by a real play; the best rating
// reachable after a choice may come out higher than on the play that made it (the longest-option
// warning is a heuristic anyway).
//
// A state is packed into a few words in one pool, found again through open-addressing tables.
class Explorer {
public:
    struct Edge {
        int choice, to;
    };

    Explorer(const Drill& d, size_t cap, int avoid = -1) : d_(d) {
        classify();
        DrillState s = initial_state(d);
        start_values_ = s.values;
        groups_table_.assign(1024, -1);
        add(s, false, -1, -1);
        edge_begin_.push_back(0);
        for (size_t i = 0; i < size(); ++i) {
            if (size() > cap) {
                complete = false;
                return;
            }
            unpack(i, s);
            const bool was_violated = violated(i);
            const auto& choices = d.nodes[s.node].choices;
            for (size_t c = 0; c < choices.size(); ++c) {
                if (!choice_available(d, choices[c], s)) continue;
                next_ = s;
                apply_choice_in_place(d, next_, int(c));
                if (next_.node == avoid) continue;
                int to = add(next_, was_violated || !choices[c].violates.empty(), int(i), int(c));
                edges_.push_back({int(c), to});
            }
            edge_begin_.push_back(edges_.size());
        }
    }

    bool complete = true;
    size_t size() const { return parent_.size(); }
    DrillState state(size_t i) const {
        DrillState s;
        unpack(i, s);
        return s;
    }
    int node(size_t i) const { return int(pool_[i * width_]); }
    uint64_t flags(size_t i) const { return uint64_t(pool_[i * width_ + 1]) | uint64_t(pool_[i * width_ + 2]) << 32; }
    bool violated(size_t i) const { return pool_[i * width_ + 3] != 0; }  // some choice on the way was marked 违背
    std::pair<const Edge*, const Edge*> edges(size_t i) const {
        return {edges_.data() + edge_begin_[i], edges_.data() + edge_begin_[i + 1]};
    }

    // "start.1 → rules.2 → ending-good": node ids and the choices taken, numbered as written.
    std::string play(int state) const {
        std::vector<std::string> steps;
        for (int i = state; parent_[i].first >= 0; i = parent_[i].first)
            steps.push_back(d_.nodes[node(parent_[i].first)].id + "." + std::to_string(parent_[i].second + 1));
        std::reverse(steps.begin(), steps.end());
        std::string out;
        for (const auto& st : steps) out += st + " → ";
        return out + d_.nodes[node(state)].id;
    }

private:
    // Which values a state keeps, and which of them are monotone (with their direction).
    void classify() {
        std::vector<int> dir(d_.vars.size(), 0);  // +1: more is freer, -1: less is, 2: both ways
        std::vector<bool> rated(d_.vars.size(), false);
        for (const DrillNode& n : d_.nodes) {
            for (const Choice& c : n.choices)
                for (const Condition& k : c.conditions) {
                    if (k.kind != Condition::Compare || k.index < 0) continue;
                    int want = k.op == CmpOp::Ge || k.op == CmpOp::Gt ? 1 : k.op == CmpOp::Le || k.op == CmpOp::Lt ? -1 : 2;
                    dir[k.index] = dir[k.index] == 0 || dir[k.index] == want ? want : 2;
                }
            for (const RatingRule& r : n.rating_rules)
                for (const Condition& k : r.when)
                    if (k.kind == Condition::Compare && k.index >= 0) rated[k.index] = true;
        }
        for (int v : relevant_vars(d_)) {
            if (!rated[v] && (dir[v] == 1 || dir[v] == -1)) {
                monotone_.push_back(v);
                sign_.push_back(dir[v]);
            } else {
                exact_.push_back(v);
            }
        }
        group_width_ = 4 + exact_.size();
        width_ = group_width_ + monotone_.size();
    }

    // [node, flags low, flags high, violated, exact values…, monotone values × direction…]
    void pack(const DrillState& s, bool violated, uint32_t* out) const {
        out[0] = uint32_t(s.node);
        out[1] = uint32_t(s.flags);
        out[2] = uint32_t(s.flags >> 32);
        out[3] = violated;
        for (size_t v = 0; v < exact_.size(); ++v) out[4 + v] = uint32_t(s.values[exact_[v]]);
        for (size_t v = 0; v < monotone_.size(); ++v) out[group_width_ + v] = uint32_t(s.values[monotone_[v]] * sign_[v]);
    }
    void unpack(size_t i, DrillState& s) const {
        const uint32_t* w = pool_.data() + i * width_;
        s.node = int(w[0]);
        s.flags = uint64_t(w[1]) | uint64_t(w[2]) << 32;
        s.values = start_values_;
        for (size_t v = 0; v < exact_.size(); ++v) s.values[exact_[v]] = int(w[4 + v]);
        for (size_t v = 0; v < monotone_.size(); ++v) s.values[monotone_[v]] = int32_t(w[group_width_ + v]) * sign_[v];
    }
    static uint64_t hash(const uint32_t* w, size_t n) {
        uint64_t h = 0x9E3779B97F4A7C15ull;
        for (size_t i = 0; i < n; ++i) h = (h ^ w[i]) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 33;  // the tables use the low bits: fold the high ones in
        h *= 0xC4CEB9FE1A85EC53ull;
        return h ^ (h >> 33);
    }
    // a's monotone values are each at least b's: a can do whatever b can.
    bool dominates(const uint32_t* a, const uint32_t* b) const {
        for (size_t v = group_width_; v < width_; ++v)
            if (int32_t(a[v]) < int32_t(b[v])) return false;
        return true;
    }

    // The state itself, or the one kept that dominates it.
    int add(const DrillState& s, bool violated, int parent, int choice) {
        packed_.resize(width_);
        pack(s, violated, packed_.data());
        std::vector<int>& frontier = group(packed_.data());
        for (int f : frontier)
            if (dominates(pool_.data() + size_t(f) * width_, packed_.data())) return f;
        int id = int(size());
        pool_.insert(pool_.end(), packed_.begin(), packed_.end());
        parent_.push_back({parent, choice});
        const uint32_t* mine = pool_.data() + size_t(id) * width_;
        frontier.erase(std::remove_if(frontier.begin(), frontier.end(),
                                      [&](int f) { return dominates(mine, pool_.data() + size_t(f) * width_); }),
                       frontier.end());
        frontier.push_back(id);
        return id;
    }

    // The states not dominated among those equal to `w` in node, flags, violated and exact values.
    std::vector<int>& group(const uint32_t* w) {
        size_t mask = groups_table_.size() - 1;
        size_t slot = hash(w, group_width_) & mask;
        for (;; slot = (slot + 1) & mask) {
            int g = groups_table_[slot];
            if (g < 0) break;
            if (std::equal(w, w + group_width_, group_keys_.begin() + long(size_t(g) * group_width_))) return frontiers_[g];
        }
        int g = int(frontiers_.size());
        group_keys_.insert(group_keys_.end(), w, w + group_width_);
        frontiers_.emplace_back();
        groups_table_[slot] = g;
        if (frontiers_.size() * 2 > groups_table_.size()) {
            groups_table_.assign(groups_table_.size() * 2, -1);
            size_t m = groups_table_.size() - 1;
            for (size_t i = 0; i < frontiers_.size(); ++i) {
                size_t at = hash(group_keys_.data() + i * group_width_, group_width_) & m;
                while (groups_table_[at] >= 0) at = (at + 1) & m;
                groups_table_[at] = int(i);
            }
        }
        return frontiers_[g];
    }

    const Drill& d_;
    std::vector<int> exact_, monotone_, sign_;
    size_t group_width_ = 4, width_ = 4;
    std::vector<int> start_values_;
    std::vector<uint32_t> pool_, packed_, group_keys_;
    std::vector<int> groups_table_;
    std::vector<std::vector<int>> frontiers_;
    std::vector<std::pair<int, int>> parent_;  // (state, choice) that first reached each state
    std::vector<Edge> edges_;
    std::vector<size_t> edge_begin_;
    DrillState next_;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] The checks
// ---------------------------------------------------------------------------------------------

int rank(Rating r) { return r == Rating::Good ? 3 : r == Rating::Fair ? 2 : r == Rating::Bad ? 1 : 0; }

class Auditor {
public:
    Auditor(const Drill& d, std::vector<Diagnostic>& out, size_t cap) : d_(d), out_(out), cap_(cap) {}

    DrillAudit run() {
        collect_reads();
        check_unread_state();
        check_fact_sheet();
        Explorer all(d_, cap_);
        a_.states = all.size();
        a_.complete = all.complete;
        if (!all.complete) return a_;
        check_good_after_violation(all);
        check_named_nodes();
        check_farming(all);
        check_longest(all);
        return a_;
    }

private:
    void report(int line, int col, Severity sev, std::string zh, std::string en) {
        out_.push_back({d_.doc->path.string(), line, col, sev, std::move(zh), std::move(en)});
    }

    // Who reads each variable and flag: choice conditions, conditional text, rating rules.
    void collect_reads() {
        auto note = [&](const std::vector<Condition>& when, const std::string& where) {
            for (const Condition& c : when) {
                auto& r = reads_[c.name];
                if (std::find(r.begin(), r.end(), where) == r.end()) r.push_back(where);
            }
        };
        for (const DrillNode& n : d_.nodes) {
            for (size_t i = 0; i < n.choices.size(); ++i) note(n.choices[i].conditions, "条件 " + n.id + "." + std::to_string(i + 1));
            for (const auto* text : {&n.body, &n.better})
                for (const Piece& p : *text) note(p.when, "文本 " + n.id);
            for (const RatingRule& r : n.rating_rules) note(r.when, "评级 " + n.id);
        }
        for (const StateVar& v : d_.vars) a_.reads.push_back({v.name, reads_[v.name]});
        for (const std::string& f : d_.flags) a_.reads.push_back({f, reads_[f]});
    }

    void check_unread_state() {
        for (const StateVar& v : d_.vars)
            if (reads_[v.name].empty())
                report(v.line, 1, Severity::Warning,
                       "演练：状态变量「" + v.name + "」没有被任何条件、条件文本或评级规则读取，它不改变任何结果",
                       "drill: state variable '" + v.name + "' is read by no condition, conditional text or rating rule: it changes nothing");
        std::set<std::string> reported;
        for (const DrillNode& n : d_.nodes)
            for (const Choice& c : n.choices)
                for (const std::string& f : c.set_flags)
                    if (d_.flag_index(f) >= 0 && reads_[f].empty() && reported.insert(f).second) {
                        auto w = c.where(f);
                        report(w.line, column_in_file(d_.doc->path, w.line, w.part), Severity::Warning, "演练：标记「" + f + "」被设置，但从没有被检验（条件、条件文本或评级规则）",
                               "drill: flag '" + f + "' is set but never tested (by a condition, conditional text or rating rule)");
                    }
    }

    // The project's internal fact sheet is not the trainees' source: cite the public law or report.
    void check_fact_sheet() {
        auto scan = [&](const std::string& text, int line) {
            for (const char* word : {"事实表", "law-and-practice"})
                if (text.find(word) != std::string::npos) {
                    report(line, 1, Severity::Warning,
                           std::string("演练：文本提到内部资料「") + word + "」：学员看不到它，请改为引用公开的法规或报告",
                           std::string("drill: the text mentions the internal fact sheet ('") + word +
                               "'): trainees never see it; cite the public law or report instead");
                    return;
                }
        };
        for (const Block* b : d_.opening) scan(block_text(*b), b->line);
        for (const Block* b : d_.kit) scan(block_text(*b), b->line);
        for (const DrillNode& n : d_.nodes) {
            for (const auto* text : {&n.body, &n.better})
                for (const Piece& p : *text) scan(block_text(*p.block), p.block->line);
            for (const Choice& c : n.choices) scan(c.text + c.feedback, c.line);
        }
    }

    void check_good_after_violation(const Explorer& all) {
        std::set<int> reported;
        for (size_t i = 0; i < all.size(); ++i) {
            const DrillNode& n = d_.nodes[all.node(i)];
            if (!n.is_ending() || !all.violated(i) || ending_rating(d_, n, all.state(i)) != Rating::Good ||
                !reported.insert(all.node(i)).second)
                continue;
            std::string play = all.play(int(i));
            a_.good_after_violation.push_back(n.id);
            report(n.rating_line ? n.rating_line : n.line, 1, Severity::Error,
                   "演练：结局「" + n.id + "」评为「好」，但有一种玩法选过标为「违背」的选项也到了这里：" + play +
                       "。给违背的选项设一个标记，并在这个结局加「【条件：…】评级：尚可」",
                   "drill: ending '" + n.id + "' is rated 好 on a play that made a choice marked 违背: " + play +
                       ". Give the 违背 choice a flag and this ending a rule '【条件：…】评级：尚可'");
        }
    }

    // An ending's unconditional text that names a node (its whole title, or the part after its
    // "：") must be true of every play: the node must be on every play that reaches the ending.
    void check_named_nodes() {
        for (size_t e = 0; e < d_.nodes.size(); ++e) {
            const DrillNode& end = d_.nodes[e];
            if (!end.is_ending()) continue;
            // The debrief proper: 更好的做法 names what the play should have done, visited or not.
            std::string text;
            for (const Piece& p : end.body)
                if (p.when.empty()) text += block_text(*p.block) + "\n";
            for (size_t n = 1; n < d_.nodes.size(); ++n) {
                const DrillNode& node = d_.nodes[n];
                if (node.is_ending()) continue;
                std::string name = named_in(node.title, text);
                if (name.empty()) continue;
                Explorer without(d_, cap_, int(n));
                if (!without.complete) continue;
                for (size_t i = 0; i < without.size(); ++i)
                    if (without.node(i) == int(e)) {
                        report(end.line, 1, Severity::Error,
                               "演练：结局「" + end.id + "」的文本提到「" + name + "」（节点「" + node.id + "」），但有的玩法没经过那里就到了这个结局：" +
                                   without.play(int(i)) + "。把这句话写成条件文本「【条件：…】」",
                               "drill: ending '" + end.id + "' names '" + name + "' (node '" + node.id +
                                   "') in its unconditional text, but a play reaches it without visiting that node: " +
                                   without.play(int(i)) + ". Make the sentence conditional text '【条件：…】'");
                        break;
                    }
            }
        }
    }

    // The title, or its part after "：", when `text` contains it and it is long enough to mean it.
    static std::string named_in(const std::string& title, const std::string& text) {
        std::vector<std::string> names{title};
        if (size_t at = title.find("："); at != std::string::npos) names.push_back(title.substr(at + std::string("：").size()));
        for (const auto& n : names)
            if (utf8::decode(n).size() >= 4 && text.find(n) != std::string::npos) return n;
        return "";
    }

    // A choice with a positive effect on a cycle of (node, flags): only value conditions could stop
    // it being repeated, and it has none. Only choices on a cycle of the node graph can be, so the
    // states are looked at only for those.
    void check_farming(const Explorer& all) {
        const int n = int(d_.nodes.size());
        std::vector<std::vector<int>> nodes(n);
        for (int i = 0; i < n; ++i)
            for (const Choice& c : d_.nodes[i].choices)
                if (c.target_index >= 0) nodes[i].push_back(c.target_index);
        std::vector<int> node_comp = components(nodes);
        auto candidate = [&](int node, const Choice& c) {
            bool gains = std::any_of(c.effects.begin(), c.effects.end(), [](const Effect& x) { return x.delta > 0; });
            bool bounded = std::any_of(c.conditions.begin(), c.conditions.end(), [](const Condition& k) { return k.kind == Condition::Compare; });
            return gains && !bounded && c.target_index >= 0 && node_comp[node] == node_comp[c.target_index];
        };
        bool any = false;
        for (int i = 0; i < n; ++i)
            for (const Choice& c : d_.nodes[i].choices) any |= candidate(i, c);
        if (!any) return;
        std::unordered_map<uint64_t, int> proj;  // (node, flags) -> vertex
        std::vector<int> of(all.size());
        for (size_t i = 0; i < all.size(); ++i)
            of[i] = proj.try_emplace(all.flags(i) * 0x9E3779B97F4A7C15ull ^ uint64_t(all.node(i)), int(proj.size())).first->second;
        std::vector<std::vector<int>> g(proj.size());
        for (size_t i = 0; i < all.size(); ++i)
            for (auto [e, end] = all.edges(i); e != end; ++e) g[of[i]].push_back(of[e->to]);
        std::vector<int> comp = components(g);
        std::set<std::pair<int, int>> reported;
        for (size_t i = 0; i < all.size(); ++i) {
            int node = all.node(i);
            for (auto [e, end] = all.edges(i); e != end; ++e) {
                const Choice& c = d_.nodes[node].choices[e->choice];
                if (!candidate(node, c) || comp[of[i]] != comp[of[e->to]] || !reported.insert({node, e->choice}).second) continue;
                report(c.line, 1, Severity::Warning,
                       "演练：这个选项有正向效果，却在一个可以无限重复的循环里（可以反复刷分）。给它一个只能用一次的标记：「条件：!已做某事」加「标记：已做某事」",
                       "drill: this choice has a positive effect and a loop can repeat it without bound; make it once-only: "
                       "'条件：!已做某事' and '标记：已做某事'");
            }
        }
    }

    // Strongly connected components (iterative Tarjan): comp[v] equal for nodes on a common cycle.
    static std::vector<int> components(const std::vector<std::vector<int>>& g) {
        const int n = int(g.size());
        std::vector<int> index(n, -1), low(n, 0), comp(n, -1), stack;
        std::vector<bool> on(n, false);
        int next = 0, comps = 0;
        for (int root = 0; root < n; ++root) {
            if (index[root] >= 0) continue;
            std::vector<std::pair<int, size_t>> call{{root, 0}};
            index[root] = low[root] = next++;
            stack.push_back(root);
            on[root] = true;
            while (!call.empty()) {
                auto& [v, k] = call.back();
                if (k < g[v].size()) {
                    int w = g[v][k++];
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack.push_back(w);
                        on[w] = true;
                        call.push_back({w, 0});
                    } else if (on[w]) {
                        low[v] = std::min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    for (int w = -1; w != v;) {
                        w = stack.back();
                        stack.pop_back();
                        on[w] = false;
                        comp[w] = comps;
                    }
                    ++comps;
                }
                int done = v;
                call.pop_back();
                if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
            }
        }
        return comp;
    }

    // The best rating reachable from each state, then per decision the option that leads to the
    // best outcome: is it also the longest text?
    void check_longest(const Explorer& all) {
        std::vector<int> best(all.size(), 0);
        for (size_t i = 0; i < all.size(); ++i)
            if (d_.nodes[all.node(i)].is_ending()) best[i] = rank(ending_rating(d_, d_.nodes[all.node(i)], all.state(i)));
        for (bool changed = true; changed;) {
            changed = false;
            for (size_t i = all.size(); i-- > 0;)
                for (auto [e, end] = all.edges(i); e != end; ++e)
                    if (best[e->to] > best[i]) best[i] = best[e->to], changed = true;
        }
        std::vector<std::vector<int>> per_node(d_.nodes.size());  // node -> best reachable per choice
        for (size_t i = 0; i < all.size(); ++i) {
            int node = all.node(i);
            auto& v = per_node[node];
            v.resize(d_.nodes[node].choices.size(), 0);
            for (auto [e, end] = all.edges(i); e != end; ++e) v[e->choice] = std::max(v[e->choice], best[e->to]);
        }
        int counted = 0, longest = 0;
        for (size_t node = 0; node < per_node.size(); ++node) {
            const auto& v = per_node[node];
            const auto& choices = d_.nodes[node].choices;
            if (choices.size() < 2 || v.empty()) continue;
            DrillAudit::Decision dec;
            dec.node = int(node);
            int top = *std::max_element(v.begin(), v.end());
            if (top > 0 && std::count(v.begin(), v.end(), top) == 1) {
                dec.sound = int(std::max_element(v.begin(), v.end()) - v.begin());
                dec.position = dec.sound + 1;
                size_t len = utf8::decode(choices[dec.sound].text).size();
                dec.longest = std::all_of(choices.begin(), choices.end(), [&](const Choice& c) {
                    return &c == &choices[dec.sound] || utf8::decode(c.text).size() < len;
                });
                ++counted;
                longest += dec.longest;
            }
            a_.decisions.push_back(dec);
        }
        if (counted > 0 && longest * 10 > counted * 4)
            report(d_.nodes[0].line, 1, Severity::Warning,
                   "演练：" + std::to_string(counted) + " 个决策里有 " + std::to_string(longest) +
                       " 个，通向最好结局的选项恰好是最长的（超过 40%），学员凭长度就能猜出答案。让各选项长短相当",
                   "drill: in " + std::to_string(longest) + " of " + std::to_string(counted) +
                       " decisions the option leading to the best outcome is the longest text (over 40 %): balance the options' lengths");
    }

    const Drill& d_;
    std::vector<Diagnostic>& out_;
    size_t cap_;
    DrillAudit a_;
    std::map<std::string, std::vector<std::string>> reads_;
};

}  // namespace

DrillAudit audit_drill(const Drill& d, std::vector<Diagnostic>& out, size_t max_states) {
    return Auditor(d, out, max_states).run();
}

}  // namespace linli
