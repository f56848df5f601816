// [SECTION] Exploring the states of a play (with "has made a 违背 choice" as part of the state)
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

struct Key {
    DrillState s;
    bool violated = false;  // some choice on the way was marked 违背
    bool operator==(const Key&) const = default;
};

struct KeyHash {
    size_t operator()(const Key& k) const {
        size_t h = std::hash<uint64_t>()(k.s.flags) ^ (size_t(k.s.node) * 0x9E3779B97F4A7C15ull) ^ size_t(k.violated);
        for (int v : k.s.values) h = h * 1000003u ^ size_t(v);
        return h;
    }
};

// Every state reachable from the start, breadth first, with the step that first reached each
// (so the play shown is a shortest one). `avoid`: a node no play may enter.
class Explorer {
public:
    struct Edge {
        int choice, to;
    };

    // Values no choice condition or rating rule reads are held at their start: states that differ
    // only in them have the same future, and merging them keeps the space small.
    Explorer(const Drill& d, size_t cap, int avoid = -1) : d_(d), start_(initial_state(d)), vars_(relevant_vars(d)) {
        keep_.assign(d.vars.size(), false);
        for (int v : vars_) keep_[v] = true;
        add({start_, false}, -1, -1);
        for (size_t i = 0; i < keys_.size(); ++i) {
            if (keys_.size() > cap) {
                complete = false;
                return;
            }
            const Key k = keys_[i];
            for (int c : available_choices(d, k.s)) {
                const Choice& ch = d.nodes[k.s.node].choices[c];
                Key next{apply_choice(d, k.s, c), k.violated || !ch.violates.empty()};
                for (size_t v = 0; v < keep_.size(); ++v)
                    if (!keep_[v]) next.s.values[v] = start_.values[v];
                if (next.s.node == avoid) continue;
                int to = add(next, int(i), c);  // before indexing edges_: add() may grow it
                edges_[i].push_back({c, to});
            }
        }
    }

    bool complete = true;
    size_t size() const { return keys_.size(); }
    const Key& key(size_t i) const { return keys_[i]; }
    const std::vector<Edge>& edges(size_t i) const { return edges_[i]; }

    // "start.1 → rules.2 → ending-good": node ids and the choices taken, numbered as written.
    std::string play(int state) const {
        std::vector<std::string> steps;
        steps.push_back(d_.nodes[keys_[state].s.node].id);
        for (int i = state; parent_[i].first >= 0; i = parent_[i].first) {
            int p = parent_[i].first;
            steps.push_back(d_.nodes[keys_[p].s.node].id + "." + std::to_string(parent_[i].second + 1));
        }
        std::reverse(steps.begin(), steps.end());
        std::string out;
        for (const auto& s : steps) out += (out.empty() ? "" : " → ") + s;
        return out;
    }

private:
    int add(const Key& k, int parent, int choice) {
        auto [it, fresh] = index_.try_emplace(k, int(keys_.size()));
        if (fresh) {
            keys_.push_back(k);
            parent_.push_back({parent, choice});
            edges_.emplace_back();
        }
        return it->second;
    }

    const Drill& d_;
    DrillState start_;
    std::vector<int> vars_;
    std::vector<bool> keep_;
    std::vector<Key> keys_;
    std::vector<std::pair<int, int>> parent_;  // (state, choice) that first reached each state
    std::vector<std::vector<Edge>> edges_;
    std::unordered_map<Key, int, KeyHash> index_;
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
            for (const Condition& c : when) reads_[c.name].push_back(where);
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
                        report(w.line, w.col, Severity::Warning, "演练：标记「" + f + "」被设置，但从没有被检验（条件、条件文本或评级规则）",
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
            const Key& k = all.key(i);
            const DrillNode& n = d_.nodes[k.s.node];
            if (!n.is_ending() || !k.violated || ending_rating(d_, n, k.s) != Rating::Good || !reported.insert(k.s.node).second) continue;
            a_.good_after_violation.push_back(n.id);
            report(n.rating_line ? n.rating_line : n.line, 1, Severity::Error,
                   "演练：结局「" + n.id + "」评为「好」，但有一种玩法选过标为「违背」的选项也到了这里：" + all.play(int(i)) +
                       "。给违背的选项设一个标记，并在这个结局加「【条件：…】评级：尚可」",
                   "drill: ending '" + n.id + "' is rated 好 on a play that made a choice marked 违背: " + all.play(int(i)) +
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
                    if (without.key(i).s.node == int(e)) {
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
    // it being repeated, and it has none.
    void check_farming(const Explorer& all) {
        std::map<std::pair<int, uint64_t>, int> proj;
        std::vector<int> of(all.size());
        for (size_t i = 0; i < all.size(); ++i)
            of[i] = proj.try_emplace({all.key(i).s.node, all.key(i).s.flags}, int(proj.size())).first->second;
        std::vector<std::vector<int>> g(proj.size());
        for (size_t i = 0; i < all.size(); ++i)
            for (const auto& e : all.edges(i)) g[of[i]].push_back(of[e.to]);
        std::vector<int> comp = components(g);
        std::set<std::pair<int, int>> reported;
        for (size_t i = 0; i < all.size(); ++i) {
            int node = all.key(i).s.node;
            for (const auto& e : all.edges(i)) {
                const Choice& c = d_.nodes[node].choices[e.choice];
                bool gains = std::any_of(c.effects.begin(), c.effects.end(), [](const Effect& x) { return x.delta > 0; });
                bool bounded = std::any_of(c.conditions.begin(), c.conditions.end(), [](const Condition& k) { return k.kind == Condition::Compare; });
                if (!gains || bounded || comp[of[i]] != comp[of[e.to]] || !reported.insert({node, e.choice}).second) continue;
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
        for (size_t i = 0; i < all.size(); ++i) {
            const Key& k = all.key(i);
            if (d_.nodes[k.s.node].is_ending()) best[i] = rank(ending_rating(d_, d_.nodes[k.s.node], k.s));
        }
        for (bool changed = true; changed;) {
            changed = false;
            for (size_t i = all.size(); i-- > 0;)
                for (const auto& e : all.edges(i))
                    if (best[e.to] > best[i]) best[i] = best[e.to], changed = true;
        }
        std::map<int, std::vector<int>> per_node;  // node -> best reachable per choice
        for (size_t i = 0; i < all.size(); ++i) {
            int node = all.key(i).s.node;
            auto& v = per_node[node];
            v.resize(d_.nodes[node].choices.size(), 0);
            for (const auto& e : all.edges(i)) v[e.choice] = std::max(v[e.choice], best[e.to]);
        }
        int counted = 0, longest = 0;
        for (const auto& [node, v] : per_node) {
            const auto& choices = d_.nodes[node].choices;
            if (choices.size() < 2) continue;
            DrillAudit::Decision dec;
            dec.node = node;
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
