#include "cases/drill_check.h"

#include <algorithm>
#include <climits>
#include <map>
#include <set>

#include "cases/drill_audit.h"
#include "cases/drill_paths.h"

namespace linli {
namespace {

class Checker {
public:
    Checker(const Drill& d, const Library& lib, std::vector<Diagnostic>& out, size_t max_states, bool audit, const Reachability* reach)
        : d_(d), lib_(lib), out_(out), path_(d.doc->path.string()), max_states_(max_states), audit_(audit), reach_(reach) {}

    void run() {
        if (d_.nodes.empty()) {
            report(1, "演练：没有节点：加上带选项的「## 标题 {#node-id}」小节", "drill has no nodes: add '## title {#node-id}' sections with choices");
            return;
        }
        if (d_.flags.size() > 64) report(1, "演练：标记超过 64 个", "drill declares more than 64 flags");
        check_names();
        collect_set_flags();
        bool any_ending = false;
        for (const DrillNode& n : d_.nodes) {
            any_ending |= n.is_ending() || n.rating_line != 0;  // a misspelt 评级 was reported already
            check_node(n);
        }
        if (!any_ending)
            report(d_.nodes[0].line, "演练：没有结局：加一个第一行是「评级：好」（或 尚可、糟糕）的节点",
                   "drill has no ending: add a node whose first line is '评级：好' (or 尚可, 糟糕)");
        check_graph();
        check_plays();
        check_kit();
        if (audit_) audit_drill(d_, out_, max_states_);
    }

private:
    void report(int line, std::string zh, std::string en, Severity sev = Severity::Error, int col = 1) {
        out_.push_back({path_, line, col, sev, std::move(zh), std::move(en)});
    }
    void report(const Choice::Where& w, std::string zh, std::string en) {
        report(w.line, std::move(zh), std::move(en), Severity::Error, column_in_file(d_.doc->path, w.line, w.part));
    }

    // Node ids are lowercase ASCII (they are URL anchors); the file is named after the drill's id.
    void check_names() {
        for (const DrillNode& n : d_.nodes)
            if (n.id.rfind("line-", 0) != 0 &&
                (n.id.empty() || !std::all_of(n.id.begin(), n.id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; })))
                report(n.line, "演练：节点 id「" + n.id + "」只能用小写英文字母、数字和「-」",
                       "drill: node id '" + n.id + "' must be lowercase ASCII letters, digits and '-'");
        std::string stem = d_.doc->path.stem().string();
        if (!d_.doc->meta.id.empty() && !stem.empty() && stem != d_.doc->meta.id)
            report(1, "演练：文件名要和 id 一致：这个文件应叫「" + d_.doc->meta.id + ".md」",
                   "drill: the file name must be the id: name this file '" + d_.doc->meta.id + ".md'");
    }

    // The workshop kit's five parts (docs/drill-format.md).
    void check_kit() {
        if (d_.kit.empty()) {
            report(d_.nodes.back().line, "演练：缺少「## 工作坊工具包 {#kit}」一节", "drill has no '## 工作坊工具包 {#kit}' section", Severity::Warning);
            return;
        }
        for (const char* part : {"去哪里看", "参考案例", "课前学习", "线下工作坊", "各方如何协作"}) {
            bool found = std::any_of(d_.kit.begin(), d_.kit.end(), [&](const Block* b) {
                std::string t;
                for (const Span& sp : b->spans) t += sp.text;
                return b->kind == BlockKind::Heading && b->level == 3 && t == part;
            });
            if (!found)
                report(d_.kit.front()->line, std::string("演练：工作坊工具包缺少「### ") + part + "」小节",
                       std::string("drill: the workshop kit lacks its '### ") + part + "' subsection", Severity::Warning);
        }
    }

    void collect_set_flags() {
        for (const DrillNode& n : d_.nodes)
            for (const Choice& c : n.choices) set_flags_.insert(c.set_flags.begin(), c.set_flags.end());
    }

    void check_node(const DrillNode& n) {
        if (n.is_ending() && !n.choices.empty())
            report(n.line, "演练：结局「" + n.id + "」带有选项；结局是演练的终点", "ending '" + n.id + "' has choices; an ending ends the drill");
        // A node whose 评级 was misspelt, or whose choices were misnumbered, was told so already.
        if (!n.is_ending() && n.choices.empty() && n.rating_line == 0 && !n.misnumbered)
            report(n.line, "演练：节点「" + n.id + "」既没有选项，也不是结局（加上「1. [做什么](#节点id)」选项，或用「评级：」把它写成结局）",
                   "node '" + n.id + "' has no choices and is not an ending (add choices, or '评级：' for an ending)");
        for (const Choice& c : n.choices) check_choice(n, c);
        check_directions(n);
        for (const auto* text : {&n.body, &n.better})
            for (const Piece& p : *text) check_conditions(p.when, p.block->line, nullptr);
        for (const RatingRule& r : n.rating_rules) check_conditions(r.when, r.line, nullptr);
    }

    // A two-round node (方向：) groups every one of its choices, into at least two directions.
    void check_directions(const DrillNode& n) {
        if (!n.two_round()) return;
        std::set<std::string> directions;
        for (const Choice& c : n.choices) {
            if (c.direction.empty())
                report(c.line, "演练：节点「" + n.id + "」是两轮投票，这个选项也要写「- 方向：……」",
                       "two-round node '" + n.id + "': this choice needs a '- 方向：...' line too");
            else
                directions.insert(c.direction);
        }
        if (directions.size() < 2)
            report(n.choices.front().direction_line ? n.choices.front().direction_line : n.line,
                   "演练：节点「" + n.id + "」只有一个方向；两轮投票至少要有两个方向（否则去掉「方向：」）",
                   "two-round node '" + n.id + "' has one direction only; give it two or more, or drop '方向：'",
                   Severity::Warning);
    }

    void check_choice(const DrillNode& n, const Choice& c) {
        if (c.target_index < 0)
            report(c.line, "演练：选项指向不存在的节点「" + c.target + "」", "choice leads to unknown node '" + c.target + "'");
        for (const Effect& e : c.effects)
            if (d_.var_index(e.var) < 0)
                report(c.where(e.var), "演练：效果用到未声明的状态变量「" + e.var + "」（在 state: 下声明）",
                       "effect on undeclared state variable '" + e.var + "'");
        for (const auto* list : {&c.set_flags, &c.clear_flags})
            for (const auto& f : *list)
                if (d_.flag_index(f) < 0)
                    report(c.where(f), "演练：未声明的标记「" + f + "」（在 flags: 下声明）", "undeclared flag '" + f + "' (declare it under 'flags:')");
        check_conditions(c.conditions, c.line, &c);
        if (c.feedback.empty())
            report(c.line, "演练：节点「" + n.id + "」的这个选项没有反馈（「- 反馈：……」）", "choice in '" + n.id + "' has no feedback ('- 反馈：...')");
        if (c.applies.empty() && c.violates.empty())
            report(c.line, "演练：节点「" + n.id + "」的这个选项没有引用指南（带链接的「- 运用：」或「- 违背：」）",
                   "choice in '" + n.id + "' cites no guideline ('- 运用：' or '- 违背：' with a link)");
        for (const auto* ids : {&c.applies, &c.violates})
            for (const auto& id : *ids) {
                const Document* g = lib_.find(id);
                // Unknown ids are reported by the library's link check.
                if (g && g->meta.kind != DocKind::Guideline)
                    report(c.line, "演练：「" + id + "」不是指南（它是 " + kind_name(g->meta.kind) + "）",
                           "'" + id + "' is a " + kind_name(g->meta.kind) + ", not a guideline");
            }
    }

    // A condition can never hold when a variable's allowed interval is empty, or it needs a flag
    // that no choice sets, or needs a flag both set and not set. `c`: the choice whose 条件 it is
    // (its detail's line and column are named), or none for conditional text and rating rules.
    void check_conditions(const std::vector<Condition>& all, int line, const Choice* c) {
        auto at = [&](const std::string& name) { return c ? c->where(name) : Choice::Where{line, {}}; };
        std::map<std::string, std::pair<int, int>> range;
        std::set<std::string> need_set, need_clear;
        for (const Condition& k : all) {
            if (k.kind != Condition::Compare) {
                if (d_.flag_index(k.name) < 0) {
                    report(at(k.name), "演练：条件用到未声明的标记「" + k.name + "」", "condition on undeclared flag '" + k.name + "'");
                    continue;
                }
                (k.kind == Condition::FlagSet ? need_set : need_clear).insert(k.name);
                if (k.kind == Condition::FlagSet && !set_flags_.count(k.name))
                    report(at(k.name), "演练：条件「" + k.text + "」永远不成立：没有选项设置标记「" + k.name + "」",
                           "condition '" + k.text + "' can never hold: no choice sets the flag '" + k.name + "'");
                continue;
            }
            int v = d_.var_index(k.name);
            if (v < 0) {
                report(at(k.name), "演练：条件用到未声明的状态变量「" + k.name + "」", "condition on undeclared state variable '" + k.name + "'");
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
            std::string span = std::to_string(d_.vars[v].min) + ".." + std::to_string(d_.vars[v].max);
            if (lo > hi)
                report(at(k.name), "演练：条件「" + k.text + "」永远不成立：「" + k.name + "」只在 " + span + " 之间，且要满足其他条件",
                       "condition '" + k.text + "' can never hold: '" + k.name + "' stays within " + span + " and the other conditions");
        }
        for (const auto& f : need_set)
            if (need_clear.count(f))
                report(at(f), "演练：条件要求标记「" + f + "」同时设置又未设置", "conditions need flag '" + f + "' both set and not set");
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
        for (size_t i = 0; i < n; ++i) to_end[i] = d_.nodes[i].is_ending() || d_.nodes[i].rating_line != 0;
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
            if (!reach[i])
                report(node.line, "演练：节点「" + node.id + "」走不到：没有选项通向它", "node '" + node.id + "' is unreachable: no choice leads to it");
            else if (!to_end[i] && !node.choices.empty())
                report(node.line, "演练：节点「" + node.id + "」在一个走不出去的循环里：从它到不了任何结局",
                       "node '" + node.id + "' is in a cycle with no way out: no ending can be reached from it");
        }
        graph_reach_ = reach;
    }

    // With conditions and state: which nodes real plays reach, and where a play can get stuck.
    void check_plays() {
        const Reachability r = reach_ ? *reach_ : explore_states(d_, max_states_);
        if (!r.complete) return;  // too many states to be sure; the graph checks still hold
        for (size_t i = 0; i < d_.nodes.size(); ++i) {
            const DrillNode& node = d_.nodes[i];
            if (r.node_reached[i] || !graph_reach_[i]) continue;
            report(node.line, std::string("演练：") + (node.is_ending() ? "结局" : "节点") + "「" + node.id + "」没有任何玩法能到达：条件挡住了每一条路",
                   std::string(node.is_ending() ? "ending" : "node") + " '" + node.id + "' is reached by no play: conditions block every path to it");
        }
        for (int i : r.stuck_nodes)
            if (!d_.nodes[i].choices.empty())
                report(d_.nodes[i].line, "演练：有的玩法走到节点「" + d_.nodes[i].id + "」时一个选项都没有（每个选项的条件都不成立）",
                       "in some plays node '" + d_.nodes[i].id + "' shows no available choice (every choice's condition fails)");
    }

    const Drill& d_;
    const Library& lib_;
    std::vector<Diagnostic>& out_;
    std::string path_;
    std::set<std::string> set_flags_;
    std::vector<bool> graph_reach_;
    size_t max_states_;
    bool audit_;
    const Reachability* reach_;  // the plays as explored already, or none
};

}  // namespace

void check_drill(const Drill& d, const Library& lib, std::vector<Diagnostic>& out, size_t max_states, bool audit,
                 const Reachability* reach) {
    Checker(d, lib, out, max_states, audit, reach).run();
}

}  // namespace linli
