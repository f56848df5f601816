#include "cases/drill_check.h"

#include <algorithm>
#include <climits>
#include <map>
#include <set>

#include "cases/drill_paths.h"

namespace linli {
namespace {

class Checker {
public:
    Checker(const Drill& d, const Library& lib, std::vector<Diagnostic>& out, size_t max_states)
        : d_(d), lib_(lib), out_(out), path_(d.doc->path.string()), max_states_(max_states) {}

    void run() {
        if (d_.nodes.empty()) {
            report(1, "drill has no nodes: add '## title {#node-id}' sections with choices");
            return;
        }
        if (d_.flags.size() > 64) report(1, "drill declares more than 64 flags");
        collect_set_flags();
        bool any_ending = false;
        for (const DrillNode& n : d_.nodes) {
            any_ending |= n.is_ending();
            check_node(n);
        }
        if (!any_ending) report(d_.nodes[0].line, "drill has no ending: add a node whose first line is '评级：好' (or 尚可, 糟糕)");
        check_graph();
        check_plays();
        if (d_.kit.empty()) report(d_.nodes.back().line, "drill has no '## 工作坊工具包 {#kit}' section", Severity::Warning);
    }

private:
    void report(int line, std::string msg, Severity sev = Severity::Error) {
        out_.push_back({path_, line, 1, sev, std::move(msg)});
    }

    void collect_set_flags() {
        for (const DrillNode& n : d_.nodes)
            for (const Choice& c : n.choices) set_flags_.insert(c.set_flags.begin(), c.set_flags.end());
    }

    void check_node(const DrillNode& n) {
        if (n.is_ending() && !n.choices.empty()) report(n.line, "ending '" + n.id + "' has choices; an ending ends the drill");
        if (!n.is_ending() && n.choices.empty())
            report(n.line, "node '" + n.id + "' has no choices and is not an ending (add choices, or '评级：' for an ending)");
        for (const Choice& c : n.choices) check_choice(n, c);
    }

    void check_choice(const DrillNode& n, const Choice& c) {
        if (c.target_index < 0) report(c.line, "choice leads to unknown node '" + c.target + "'");
        for (const Effect& e : c.effects)
            if (d_.var_index(e.var) < 0) report(c.line, "effect on undeclared state variable '" + e.var + "'");
        for (const auto* list : {&c.set_flags, &c.clear_flags})
            for (const auto& f : *list)
                if (d_.flag_index(f) < 0) report(c.line, "undeclared flag '" + f + "' (declare it under 'flags:')");
        check_conditions(c);
        if (c.feedback.empty()) report(c.line, "choice in '" + n.id + "' has no feedback ('- 反馈：...')");
        if (c.applies.empty() && c.violates.empty())
            report(c.line, "choice in '" + n.id + "' cites no guideline ('- 运用：' or '- 违背：' with a link)");
        for (const auto* ids : {&c.applies, &c.violates})
            for (const auto& id : *ids) {
                const Document* g = lib_.find(id);
                // Unknown ids are reported by the library's link check.
                if (g && g->meta.kind != DocKind::Guideline)
                    report(c.line, "'" + id + "' is a " + kind_name(g->meta.kind) + ", not a guideline");
            }
    }

    // A condition can never hold when a variable's allowed interval is empty, or it needs a flag
    // that no choice sets, or needs a flag both set and not set.
    void check_conditions(const Choice& c) {
        std::map<std::string, std::pair<int, int>> range;
        std::set<std::string> need_set, need_clear;
        for (const Condition& k : c.conditions) {
            if (k.kind != Condition::Compare) {
                if (d_.flag_index(k.name) < 0) {
                    report(c.line, "condition on undeclared flag '" + k.name + "'");
                    continue;
                }
                (k.kind == Condition::FlagSet ? need_set : need_clear).insert(k.name);
                if (k.kind == Condition::FlagSet && !set_flags_.count(k.name))
                    report(c.line, "condition '" + k.text + "' can never hold: no choice sets the flag '" + k.name + "'");
                continue;
            }
            int v = d_.var_index(k.name);
            if (v < 0) {
                report(c.line, "condition on undeclared state variable '" + k.name + "'");
                continue;
            }
            auto [it, fresh] = range.try_emplace(k.name, d_.vars[v].min, d_.vars[v].max);
            auto& [lo, hi] = it->second;
            switch (k.op) {
                case CmpOp::Ge: lo = std::max(lo, k.value); break;
                case CmpOp::Gt: lo = std::max(lo, k.value + 1); break;
                case CmpOp::Le: hi = std::min(hi, k.value); break;
                case CmpOp::Lt: hi = std::min(hi, k.value - 1); break;
                case CmpOp::Eq: lo = std::max(lo, k.value); hi = std::min(hi, k.value); break;
                case CmpOp::Ne: if (lo == hi && lo == k.value) hi = lo - 1; break;
            }
            if (lo > hi)
                report(c.line, "condition '" + k.text + "' can never hold: '" + k.name + "' stays within " +
                                   std::to_string(d_.vars[v].min) + ".." + std::to_string(d_.vars[v].max) +
                                   " and the other conditions");
        }
        for (const auto& f : need_set)
            if (need_clear.count(f)) report(c.line, "conditions need flag '" + f + "' both set and not set");
    }

    void check_graph() {
        const size_t n = d_.nodes.size();
        std::vector<bool> reach(n, false), to_end(n, false);
        std::vector<int> stack{0};
        reach[0] = true;
        while (!stack.empty()) {
            int i = stack.back();
            stack.pop_back();
            for (const Choice& c : d_.nodes[i].choices)
                if (c.target_index >= 0 && !reach[c.target_index]) {
                    reach[c.target_index] = true;
                    stack.push_back(c.target_index);
                }
        }
        // Backwards from the endings: which nodes can still finish?
        for (size_t i = 0; i < n; ++i) to_end[i] = d_.nodes[i].is_ending();
        for (bool changed = true; changed;) {
            changed = false;
            for (size_t i = 0; i < n; ++i) {
                if (to_end[i]) continue;
                for (const Choice& c : d_.nodes[i].choices)
                    if (c.target_index >= 0 && to_end[c.target_index]) { to_end[i] = changed = true; break; }
            }
        }
        for (size_t i = 0; i < n; ++i) {
            const DrillNode& node = d_.nodes[i];
            if (!reach[i]) report(node.line, "node '" + node.id + "' is unreachable: no choice leads to it");
            else if (!to_end[i] && !node.choices.empty())
                report(node.line, "node '" + node.id + "' is in a cycle with no way out: no ending can be reached from it");
        }
        graph_reach_ = reach;
    }

    // With conditions and state: which nodes real plays reach, and where a play can get stuck.
    void check_plays() {
        Reachability r = explore_states(d_, max_states_);
        if (!r.complete) return;  // too many states to be sure; the graph checks still hold
        for (size_t i = 0; i < d_.nodes.size(); ++i) {
            const DrillNode& node = d_.nodes[i];
            if (r.node_reached[i] || !graph_reach_[i]) continue;
            if (node.is_ending()) report(node.line, "ending '" + node.id + "' is reached by no play: conditions block every path to it");
            else report(node.line, "node '" + node.id + "' is reached by no play: conditions block every path to it");
        }
        for (int i : r.stuck_nodes)
            if (!d_.nodes[i].choices.empty())
                report(d_.nodes[i].line, "in some plays node '" + d_.nodes[i].id + "' shows no available choice (every choice's condition fails)");
    }

    const Drill& d_;
    const Library& lib_;
    std::vector<Diagnostic>& out_;
    std::string path_;
    std::set<std::string> set_flags_;
    std::vector<bool> graph_reach_;
    size_t max_states_;
};

}  // namespace

void check_drill(const Drill& d, const Library& lib, std::vector<Diagnostic>& out, size_t max_states) {
    Checker(d, lib, out, max_states).run();
}

}  // namespace linli
