// `linli workshop run`: a scripted workshop — the groups' votes at each decision read from a JSON
// file — played through the same state machine as the window, with the same debrief files written.
// For tests, and for trainers preparing a session.
#include <CLI/CLI.hpp>
#include <ctime>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cases/workshop.h"
#include "cases/workshop_debrief.h"
#include "cli.h"
#include "content/paths.h"
#include "core/workshop_export.h"
#include "core/workshop_log.h"
#include "sync/ids.h"
#include "sync/keys.h"
#include "sync/progress_store.h"
#include "drills.h"

namespace linli::cli {
namespace {

using nlohmann::json;

struct WorkshopArgs {
    std::string drill;
    std::vector<std::string> groups{"第1组", "第2组", "第3组", "第4组"};
    std::string votes, out, mode;
    bool json = false, save = false;
};

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

// A script's mistake, said with where it is: "第 3 个决策：…".
struct ScriptError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void cast(Workshop& w, int track, const json& entry, const char* key, size_t index) {
    if (!entry.contains(key)) return;
    const json& votes = entry[key];
    if (!votes.is_object())
        throw ScriptError(fmt::format("第 {} 个决策：「{}」要写成 {{\"第1组\": 2, …}} · decision {}: '{}' must be an object of group: number",
                                      index + 1, key, index + 1, key));
    for (auto it = votes.begin(); it != votes.end(); ++it) {
        int g = w.group_index(it.key());
        if (g < 0)
            throw ScriptError(fmt::format("第 {} 个决策：没有叫「{}」的小组 · decision {}: no group '{}'", index + 1, it.key(), index + 1, it.key()));
        if (w.track_of(g) != track) continue;  // voting on another track's ballot
        if (!it.value().is_number_integer())
            throw ScriptError(fmt::format("第 {} 个决策：「{}」的票要写成数字 · decision {}: the vote of '{}' must be a number",
                                          index + 1, it.key(), index + 1, it.key()));
        try {
            w.vote(g, it.value().get<int>(), now());
        } catch (const std::exception& e) {  // the ballot's own message, with where it happened
            throw ScriptError(fmt::format("第 {} 个决策，{}：{} · decision {}, {}", index + 1, it.key(), e.what(), index + 1, it.key()));
        }
    }
}

// One track's ballot: the votes, the reveal, and the room going on as the entry says.
void decide(Workshop& w, int track, const json& entry, size_t index) {
    bool direction = w.ballot(track).round == Round::Direction;
    cast(w, track, entry, direction ? "direction" : "votes", index);
    if (w.leaders(track).empty())
        throw ScriptError(fmt::format("第 {} 个决策：这条路线上没有小组投{} · decision {}: no group on this track voted{}",
                                      index + 1, direction ? "方向" : "票", index + 1, direction ? " on the direction" : ""));
    w.reveal(track, now());
    const int tie = entry.value(direction ? "direction_tie" : "tie", 0);
    std::string how = direction ? "majority" : entry.value("continue", std::string("majority"));
    const auto& groups = w.tracks()[size_t(track)].groups;
    if (how == "parallel" && groups.size() > 1) {
        w.continue_in_parallel(track, now());
    } else if (how.rfind("group:", 0) == 0) {
        int g = w.group_index(how.substr(6));
        if (g < 0) throw ScriptError(fmt::format("第 {} 个决策：没有叫「{}」的小组 · decision {}: no group '{}'", index + 1, how.substr(6), index + 1, how.substr(6)));
        if (w.track_of(g) == track) w.continue_with_group(track, g, now());
        else w.continue_with_majority(track, tie, now());  // after a split: the other tracks go their own way
    } else if (how == "majority" || how == "parallel") {
        w.continue_with_majority(track, tie, now());
    } else {
        throw ScriptError(fmt::format("第 {} 个决策：continue 只能是 majority、group:小组名 或 parallel · decision {}: continue must be majority, group:NAME or parallel",
                                      index + 1, index + 1));
    }
}

json read_script(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ScriptError(fmt::format("读不到投票文件 {} · cannot read the votes file", file));
    std::stringstream text;
    text << in.rdbuf();
    json j = json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("decisions") || !j["decisions"].is_array())
        throw ScriptError(fmt::format("{}：要写成 {{\"decisions\": [{{\"votes\": {{…}}, \"continue\": \"majority\"}}, …]}} · the votes file must be an object with a decisions list", file));
    return j["decisions"];
}

// Into the progress store, as the window saves a workshop: one stopped before its endings is the
// window's to resume (linli --resume-workshop).
void save(const Options& opts, const Workshop& w, const Drill& d, bool exam) {
    ProgressStore store(AppPaths::resolve(opts.data_dir).data_dir / kProgressFileName);
    WorkshopSetup setup{random_id(), d.doc->meta.id, w.groups(), 3, exam, w.started()};
    WorkshopLog log([&store](const char* kind, const std::string& id, std::string payload, int64_t at) {
        store.record_workshop(kind, id, payload, at);
    }, setup);
    log.started();
    log.flush(w);
    if (w.finished()) log.closed(now());
}

int workshop_run(const Options& opts, const WorkshopArgs& a) {
    Catalog cat = load_catalog(opts);
    const Drill* d = find_drill(cat, a.drill);
    if (!d) return kUsage;
    if (has_errors_in(cat, *d)) return kProblems;
    const bool exam = a.mode.empty() ? d->exam : a.mode == "exam";
    try {
        json decisions = read_script(a.votes);
        Workshop w(*d, a.groups, now());
        // Each entry is one decision of the room: every track still playing decides once (both
        // rounds of a two-round node). After a split, each group's vote goes to its own track.
        for (size_t i = 0; i < decisions.size() && !w.finished(); ++i) {
            const json& entry = decisions[i];
            if (!entry.is_object()) throw ScriptError(fmt::format("第 {} 个决策要写成对象 · decision {} must be an object", i + 1, i + 1));
            size_t tracks = w.tracks().size();  // tracks a split adds now start voting next time
            for (size_t t = 0; t < tracks; ++t) {
                if (w.track_finished(int(t))) continue;
                size_t steps = w.tracks()[t].session.steps().size();
                if (w.ballot(int(t)).round == Round::Direction) decide(w, int(t), entry, i);
                // Then the options of the direction, unless it had one only and took it already.
                if (w.tracks()[t].session.steps().size() == steps) decide(w, int(t), entry, i);
            }
        }
        if (a.save) save(opts, w, *d, exam);
        WorkshopDebrief debrief = make_debrief(w, cat.library, now());
        ExportedDebrief files = export_debrief(debrief, a.out);
        if (a.json) {
            json groups = json::array();
            for (size_t g = 0; g < w.groups().size(); ++g) {
                const DrillSession& s = w.tracks()[size_t(w.track_of(int(g)))].session;
                json one = {{"group", w.groups()[g]}, {"path", s.path()}, {"finished", s.finished()},
                            {"ending", s.node().id}, {"ending_title", s.node().title}, {"violated", s.guidelines_violated()}};
                one["rating"] = s.finished() ? json(rating_key(s.rating())) : json(nullptr);
                groups.push_back(std::move(one));
            }
            json splits = json::array();
            for (const auto* dec : debrief.splits()) splits.push_back(dec->node_title);
            json out = {{"drill", d->doc->meta.id}, {"mode", exam ? "exam" : "practice"}, {"finished", w.finished()},
                        {"groups", groups}, {"decisions", w.decisions().size()}, {"splits", splits},
                        {"files", {{"markdown", files.markdown.string()}, {"html", files.html.string()}, {"png", files.png.string()}}}};
            fmt::print("{}\n", out.dump(2));
        } else {
            fmt::print("{}：{} 个小组，{} 次投票{}\n", d->doc->meta.title, w.groups().size(), w.decisions().size(),
                       w.finished() ? "" : "；投票用完时还没到结局 (the votes ran out before an ending)");
            for (const GroupDebrief& g : debrief.per_group)
                fmt::print("  {}：{}（{}）\n", g.group, g.ending, g.ended ? rating_name(g.rating) : "未到结局 · not ended");
            fmt::print("复盘已写到 · debrief written to {}\n", files.markdown.parent_path().string());
        }
    } catch (const ScriptError& e) {
        fmt::print(stderr, "linli workshop run: {}\n", e.what());
        return kUsage;
    } catch (const std::logic_error& e) {  // a vote or a continuation the ballot does not allow
        fmt::print(stderr, "linli workshop run: {}\n", e.what());
        return kUsage;
    } catch (const db::Error& e) {  // --save: the store cannot be written
        fmt::print(stderr, "linli workshop run: 无法保存 (cannot save): {}\n", e.what());
        return kProblems;
    } catch (const std::runtime_error& e) {  // the debrief could not be written
        fmt::print(stderr, "linli workshop run: {}\n", e.what());
        return kProblems;
    }
    return kOk;
}

}  // namespace

void add_workshop(CLI::App& app, const Options& opts, Action& action) {
    CLI::App* workshop = app.add_subcommand("workshop", "工作坊：各组一起走一个演练 · workshops: table groups play a drill together");
    workshop->require_subcommand(1);
    auto run = std::make_shared<WorkshopArgs>();
    CLI::App* sub = workshop->add_subcommand("run", "按投票文件走一遍工作坊，写出复盘（debrief.md、debrief.html、spread.png） · play a scripted workshop and write its debrief");
    sub->add_option("DRILL", run->drill, "演练 id（见 linli drill list） · the drill (see linli drill list)")->required();
    sub->add_option("--groups", run->groups, "小组名，逗号分隔，2 到 8 个（默认 第1组,…,第4组） · group names, comma-separated, 2 to 8")
        ->delimiter(',');
    sub->add_option("--votes", run->votes, "投票文件（JSON，见 README） · the votes file (JSON, see README)")->required();
    sub->add_option("--out", run->out, "复盘写到这个文件夹 · the folder for the debrief files")->required();
    sub->add_option("--mode", run->mode, "practice 练习 或 exam 考核（默认按演练文件） · practice or exam (default: the drill's)")
        ->check(CLI::IsMember({"practice", "exam"}).description(""))
        ->type_name("practice|exam");
    sub->add_flag("--save", run->save, "把这场工作坊存进进度（会同步）；没走到结局的可在窗口里接着走（linli --resume-workshop） · save it in the progress store (it syncs); one stopped before its endings resumes in the window");
    sub->add_flag("--json", run->json, "输出摘要 JSON：每组的路径、结局和评级 · print a JSON summary: each group's path, ending and rating");
    on_parsed(sub, action, [&opts, run] { return workshop_run(opts, *run); });
}

}  // namespace linli::cli
