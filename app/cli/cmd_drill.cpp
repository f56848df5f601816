// `linli drill list|play|paths`: scenario drills from the command line, through the same engine
// and progress store as the window.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>
#include <map>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cases/catalog.h"
#include "cases/drill_audit.h"
#include "cases/drill_check.h"
#include "cases/drill_paths.h"
#include "cli.h"
#include "content/paths.h"
#include "content/sections.h"
#include "core/drill_recorder.h"
#include "drills.h"
#include "values.h"

namespace linli::cli {
namespace {

using nlohmann::json;

struct DrillArgs {
    std::string id;
    std::vector<int> choices;  // empty: play in the terminal
    int max_steps = 0;         // 0: the drill's default bound
    bool json = false, fresh = false;
    std::string mode;  // practice | exam; empty: the drill's own
};

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string blocks_text(const std::vector<const Block*>& blocks) {
    std::string out;
    for (const Block* b : blocks) fmt::format_to(std::back_inserter(out), "{}\n", block_text(*b));
    return out;
}

json state_json(const Drill& d, const DrillState& s) {
    json j = json::object();
    for (size_t i = 0; i < d.vars.size(); ++i) j[d.vars[i].name] = s.values[i];
    json flags = json::array();
    for (size_t i = 0; i < d.flags.size() && i < 64; ++i)
        if (s.flags >> i & 1) flags.push_back(d.flags[i]);
    return {{"values", j}, {"flags", flags}};
}

void print_state(const Drill& d, const DrillState& s) {
    for (size_t i = 0; i < d.vars.size(); ++i) fmt::print("  {} {}", d.vars[i].name, s.values[i]);
    fmt::print("\n");
}

void print_node(const DrillSession& s) {
    const DrillNode& n = s.node();
    fmt::print("\n== {} ==\n{}", n.title, blocks_text(visible_blocks(s.drill(), n.body, s.state())));
    print_state(s.drill(), s.state());
    if (n.is_ending()) return;
    auto shown = s.available();
    for (size_t i = 0; i < shown.size(); ++i) fmt::print("  {}. {}\n", i + 1, n.choices[shown[i]].text);
}

// In exam mode the debrief walks back through each decision with the feedback held back.
void print_debrief(const DrillSession& s, bool exam) {
    const DrillNode& n = s.node();
    const Drill& d = s.drill();
    fmt::print("\n评级：{}\n", rating_name(s.rating()));
    fmt::print("路径：{} \n", fmt::join(s.path(), " "));
    auto hit = s.guidelines_violated();
    if (!hit.empty()) fmt::print("踩到的坑：{} \n", fmt::join(hit, " "));
    if (exam) {
        fmt::print("逐步回顾：\n");
        int i = 0;
        for (const DrillStep& st : s.steps()) {
            const Choice& c = d.nodes[st.node].choices[st.choice];
            fmt::print("{}. {}\n   {}\n   {}\n", ++i, d.nodes[st.node].title, c.text, c.feedback);
            if (!c.applies.empty()) fmt::print("   运用：{}\n", fmt::join(c.applies, " "));
            if (!c.violates.empty()) fmt::print("   违背：{}\n", fmt::join(c.violates, " "));
        }
    }
    auto better = visible_blocks(d, n.better, s.state());
    if (!better.empty()) fmt::print("更好的做法：\n{}", blocks_text(better));
}

// A typed line in the terminal: its leading number, 0 when there is none (the engine then says
// which numbers it takes).
int typed_number(const std::string& line) {
    size_t start = line.find_first_not_of(" \t");
    int n = 0;
    if (start != std::string::npos) std::from_chars(line.data() + start, line.data() + line.size(), n);
    return n;
}

int drill_list(const Options& opts, const DrillArgs& a) {
    Catalog cat = load_catalog(opts);
    json out = json::array();
    for (const Drill& d : cat.drills) {
        size_t endings = 0;
        for (const auto& n : d.nodes) endings += n.is_ending();
        std::vector<Diagnostic> problems = cat.problems;
        check_drill(d, cat.library, problems, 1000000, false);
        bool valid = std::none_of(problems.begin(), problems.end(), [&](const Diagnostic& p) {
            return p.severity == Severity::Error && p.path == d.doc->path.string();
        });
        if (a.json)
            out.push_back({{"id", d.doc->meta.id}, {"title", d.doc->meta.title}, {"nodes", d.nodes.size()}, {"endings", endings},
                           {"valid", valid}});
        else
            fmt::print("{:<32} {:>3} nodes {:>2} endings  {}{}\n", d.doc->meta.id, d.nodes.size(), endings, d.doc->meta.title,
                       valid ? "" : "  [有错误，见 linli lint · fails validation]");
    }
    if (a.json) fmt::print("{}\n", out.dump(2));
    return kOk;
}

int drill_play(const Options& opts, const DrillArgs& a) {
    Catalog cat = load_catalog(opts);
    const Drill* d = find_drill(cat, a.id);
    if (!d) return kUsage;
    if (has_errors_in(cat, *d)) return kProblems;
    std::unique_ptr<ProgressStore> store;
    try {
        store = std::make_unique<ProgressStore>(AppPaths::resolve(opts.data_dir).data_dir / kProgressFileName);
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli drill: progress is not saved: {}\n", e.what());
    }
    DrillRecorder rec(store.get(), *d, now(), !a.fresh);
    DrillSession& s = rec.session();
    const bool exam = a.mode.empty() ? d->exam : a.mode == "exam";
    json steps = json::array();
    auto take = [&](int n) {
        const DrillNode& at = s.node();
        const Choice& c = rec.choose_shown(n, now());
        steps.push_back({{"node", at.id}, {"choice", c.text}, {"feedback", c.feedback}, {"applies", c.applies},
                         {"violates", c.violates}, {"state", state_json(*d, s.state())}});
        if (!a.json) {
            if (exam) fmt::print("\n> {}\n", c.text);  // 考核: the feedback waits for the debrief
            else fmt::print("\n> {}\n  {}\n", c.text, c.feedback);
        }
    };
    try {
        if (!a.choices.empty()) {
            if (!a.json && rec.resumed()) fmt::print("(continuing an unfinished attempt)\n");
            for (int n : a.choices) {
                if (s.finished()) break;
                take(n);
            }
            if (!a.json) print_node(s);
        } else {
            if (rec.resumed()) fmt::print("(continuing an unfinished attempt; --new starts over)\n");
            fmt::print("{}\n\n{}", d->doc->meta.title, blocks_text(d->opening));
            print_node(s);
            std::string line;
            while (!s.finished()) {
                fmt::print("> ");
                std::fflush(stdout);
                if (!std::getline(std::cin, line)) return kOk;  // the attempt stays unfinished and resumes
                try {
                    take(typed_number(line));
                } catch (const std::invalid_argument& e) {
                    fmt::print("  {}\n", e.what());
                    continue;
                }
                print_node(s);
            }
        }
    } catch (const std::invalid_argument& e) {
        fmt::print(stderr, "linli drill play: at '{}': {}\n", s.node().id, e.what());
        return kUsage;
    }
    if (a.json) {
        json out = {{"drill", a.id}, {"steps", steps}, {"node", s.node().id}, {"finished", s.finished()},
                    {"state", state_json(*d, s.state())}, {"path", s.path()}, {"violated", s.guidelines_violated()}};
        out["mode"] = exam ? "exam" : "practice";
        if (s.finished()) out["rating"] = rating_key(s.rating());
        else {
            if (exam)  // nothing of the feedback before the debrief
                for (auto& st : out["steps"]) st.erase("feedback"), st.erase("applies"), st.erase("violates");
            json shown = json::array();
            for (int i : s.available()) shown.push_back(s.node().choices[i].text);
            out["choices"] = shown;
        }
        fmt::print("{}\n", out.dump(2));
    } else if (s.finished()) {
        print_debrief(s, exam);
    }
    return kOk;
}

// The grading audit of one drill, as an instructor reads it: what each variable and flag does,
// where the sound option sits in each decision, and whether a harmful play can still end 好.
int drill_audit(const Options& opts, const DrillArgs& a) {
    Catalog cat = load_catalog(opts);
    const Drill* d = find_drill(cat, a.id);
    if (!d) return kUsage;
    std::vector<Diagnostic> found;
    DrillAudit au = audit_drill(*d, found);
    size_t endings = 0;
    std::map<int, int> spread;  // position of the sound option -> decisions
    int longest = 0, counted = 0;
    for (const auto& dec : au.decisions)
        if (dec.sound >= 0) ++spread[dec.position], ++counted, longest += dec.longest;
    json j_endings = json::array(), j_reads = json::object(), j_decisions = json::array();
    std::vector<std::string> ending_lines;
    for (const DrillNode& n : d->nodes) {
        if (!n.is_ending()) continue;
        ++endings;
        json ratings = json::array({rating_key(n.rating)});
        std::string names = rating_name(n.rating);
        for (const RatingRule& r : n.rating_rules) {
            ratings.push_back(rating_key(r.rating));
            names += fmt::format(" / {}（{}）", rating_name(r.rating), r.when.empty() ? "" : r.when.front().text + (r.when.size() > 1 ? "…" : ""));
        }
        j_endings.push_back({{"id", n.id}, {"ratings", ratings}});
        ending_lines.push_back(fmt::format("  结局 {:<24} {}", n.id, names));
    }
    for (const auto& [name, readers] : au.reads) j_reads[name] = readers;
    for (const auto& dec : au.decisions)
        j_decisions.push_back({{"node", d->nodes[dec.node].id}, {"sound", dec.position}, {"longest", dec.longest}});
    if (a.json) {
        fmt::print("{}\n", json{{"drill", a.id}, {"nodes", d->nodes.size()}, {"endings", j_endings}, {"states", au.states},
                                {"complete", au.complete}, {"good_after_violation", au.good_after_violation},
                                {"reads", j_reads}, {"decisions", j_decisions}, {"findings", found.size()}}
                               .dump(2));
        return found.empty() ? kOk : kProblems;
    }
    fmt::print("{}：{} 个节点，{} 个结局，探索了 {} 个状态{}\n", a.id, d->nodes.size(), endings, au.states,
               au.complete ? "" : "（超出上限，未查完）");
    for (const auto& l : ending_lines) fmt::print("{}\n", l);
    fmt::print("违背之后仍评为「好」的结局：{}\n", au.good_after_violation.empty() ? "无" : fmt::format("{}", fmt::join(au.good_after_violation, " ")));
    fmt::print("状态变量和标记由谁读取：\n");
    for (const auto& [name, readers] : au.reads)
        fmt::print("  {:<10} {}\n", name, readers.empty() ? "（没有：它不改变任何结果）" : fmt::format("{}", fmt::join(readers, "，")));
    std::string positions, spread_text;
    for (const auto& dec : au.decisions) positions += (positions.empty() ? "" : " ") + (dec.sound >= 0 ? std::to_string(dec.position) : "-");
    for (const auto& [pos, n] : spread) spread_text += fmt::format("{}{} 号 ×{}", spread_text.empty() ? "" : "，", pos, n);
    fmt::print("最好的选项在各决策中的位置：{}（{}；- 表示不止一个选项通向最好结局）\n", positions, spread_text);
    fmt::print("最好的选项恰好最长：{} / {} 个决策\n", longest, counted);
    for (const Diagnostic& p : found) fmt::print("{}\n", p.format(opts.english));
    return found.empty() ? kOk : kProblems;
}

int drill_paths(const Options& opts, const DrillArgs& a) {
    Catalog cat = load_catalog(opts);
    const Drill* d = find_drill(cat, a.id);
    if (!d) return kUsage;
    if (has_errors_in(cat, *d)) return kProblems;
    PathStats st = enumerate_paths(*d, a.max_steps > 0 ? a.max_steps : default_step_bound(*d));
    if (a.json) {
        json endings = json::array();
        for (const EndingPaths& e : st.endings) endings.push_back({{"ending", e.id}, {"rating", rating_key(e.rating)}, {"paths", e.paths}});
        fmt::print("{}\n", json{{"drill", a.id}, {"max_steps", st.max_steps}, {"paths", st.total}, {"endings", endings},
                                {"cut_by_bound", st.cut}, {"stuck", st.stuck}, {"states", st.states}}
                               .dump(2));
        return kOk;
    }
    fmt::print("{}: {} paths to an ending within {} steps\n", a.id, st.total, st.max_steps);
    for (const EndingPaths& e : st.endings) fmt::print("  {:<28} {:<4} {}\n", e.id, rating_name(e.rating), e.paths);
    if (st.cut) fmt::print("  ({} paths still going at the bound)\n", st.cut);
    if (st.stuck) fmt::print("  ({} paths stuck with no available choice)\n", st.stuck);
    return kOk;
}

}  // namespace

void add_drill(CLI::App& app, const Options& opts, Action& action) {
    CLI::App* drill = app.add_subcommand("drill", "情景演练 · the scenario drills");
    drill->require_subcommand(1);

    auto list = std::make_shared<DrillArgs>();
    CLI::App* sub = drill->add_subcommand("list", "情景演练 · the scenario drills");
    sub->add_flag("--json", list->json, "输出 JSON · print JSON");
    on_parsed(sub, action, [&opts, list] { return drill_list(opts, *list); });

    auto play = std::make_shared<DrillArgs>();
    sub = drill->add_subcommand("play", "演练一个情景；不给 --choices 时在终端里交互 · play a drill; interactive in the terminal without --choices");
    sub->add_option("ID", play->id, "演练 id（见 linli drill list） · the drill (see linli drill list)")->required();
    add_positive_list(*sub, "--choices", play->choices, "依次选择的选项，按显示出来的编号，如 2,1,3 · the choices to take, numbered as shown, e.g. 2,1,3");
    sub->add_flag("--json", play->json, "输出 JSON · print JSON");
    sub->add_flag("--new", play->fresh, "重新开始，不接着上次没做完的 · start over instead of continuing an unfinished attempt");
    sub->add_option("--mode", play->mode, "practice 练习：每步后给反馈；exam 考核：复盘时才给（默认按演练文件） · practice: feedback after each choice; exam: only in the debrief (default: the drill's)")
        ->check(CLI::IsMember({"practice", "exam"}).description(""))
        ->type_name("practice|exam");
    on_parsed(sub, action, [&opts, play] { return drill_play(opts, *play); });

    auto audit = std::make_shared<DrillArgs>();
    sub = drill->add_subcommand("audit", "评分审计：每个状态变量起什么作用、最好的选项在哪、违背后是否仍评为好 · the grading audit: what each variable does, where the sound option sits, 好 after 违背");
    sub->add_option("ID", audit->id, "演练 id（见 linli drill list） · the drill (see linli drill list)")->required();
    sub->add_flag("--json", audit->json, "输出 JSON · print JSON");
    on_parsed(sub, action, [&opts, audit] { return drill_audit(opts, *audit); });

    auto paths = std::make_shared<DrillArgs>();
    sub = drill->add_subcommand("paths", "步数上限内的所有路径：到达哪些结局、各多少条 · every path up to a bound: the endings reached and how often");
    sub->add_option("ID", paths->id, "演练 id（见 linli drill list） · the drill (see linli drill list)")->required();
    add_positive(*sub, "--max-steps", paths->max_steps, "每条路径最多走 N 步（默认按演练的节点数） · follow paths for at most N choices (default: the drill's own bound)");
    sub->add_flag("--json", paths->json, "输出 JSON · print JSON");
    on_parsed(sub, action, [&opts, paths] { return drill_paths(opts, *paths); });
}

}  // namespace linli::cli
