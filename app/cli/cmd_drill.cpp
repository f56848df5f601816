// `linli drill list|play|paths`: scenario drills from the command line, through the same engine
// and progress store as the window.
#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cases/catalog.h"
#include "cases/drill_check.h"
#include "cases/drill_paths.h"
#include "cli.h"
#include "content/paths.h"
#include "content/sections.h"
#include "sync/drill_recorder.h"

namespace linli::cli {
namespace {

using nlohmann::json;

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string blocks_text(const std::vector<const Block*>& blocks) {
    std::string out;
    for (const Block* b : blocks) out += block_text(*b) + "\n";
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
    for (size_t i = 0; i < d.vars.size(); ++i) std::printf("  %s %d", d.vars[i].name.c_str(), s.values[i]);
    std::printf("\n");
}

void print_node(const DrillSession& s) {
    const DrillNode& n = s.node();
    std::printf("\n== %s ==\n%s", n.title.c_str(), blocks_text(n.body).c_str());
    print_state(s.drill(), s.state());
    if (n.is_ending()) return;
    auto shown = s.available();
    for (size_t i = 0; i < shown.size(); ++i) std::printf("  %zu. %s\n", i + 1, n.choices[shown[i]].text.c_str());
}

void print_debrief(const DrillSession& s) {
    const DrillNode& n = s.node();
    std::printf("\n评级：%s\n", rating_name(n.rating));
    std::printf("路径：");
    for (const auto& id : s.path()) std::printf("%s ", id.c_str());
    std::printf("\n");
    auto hit = s.guidelines_violated();
    if (!hit.empty()) {
        std::printf("踩到的坑：");
        for (const auto& id : hit) std::printf("%s ", id.c_str());
        std::printf("\n");
    }
    if (!n.better.empty()) std::printf("更好的做法：\n%s", blocks_text(n.better).c_str());
}

std::vector<int> parse_numbers(const std::string& s) {
    std::vector<int> out;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = s.find(',', i);
        std::string part = s.substr(i, j == std::string::npos ? std::string::npos : j - i);
        if (!part.empty()) out.push_back(std::atoi(part.c_str()));
        if (j == std::string::npos) break;
        i = j + 1;
    }
    return out;
}

const Drill* find_drill(const Catalog& cat, const std::string& id) {
    const Drill* d = cat.drill(id);
    if (!d) std::fprintf(stderr, "linli drill: no drill with id '%s' (see linli drill list)\n", id.c_str());
    return d;
}

bool has_errors_in(const Catalog& cat, const Drill& d) {
    std::vector<Diagnostic> problems = cat.problems;
    check_drill(d, cat.library, problems);
    for (const Diagnostic& p : problems)
        if (p.severity == Severity::Error && p.path == d.doc->path.string()) {
            std::fprintf(stderr, "%s\n", p.format().c_str());
            return true;
        }
    return false;
}

int drill_list(const Catalog& cat, bool as_json) {
    json out = json::array();
    for (const Drill& d : cat.drills) {
        size_t endings = 0;
        for (const auto& n : d.nodes) endings += n.is_ending();
        if (as_json)
            out.push_back({{"id", d.doc->meta.id}, {"title", d.doc->meta.title}, {"nodes", d.nodes.size()}, {"endings", endings}});
        else
            std::printf("%-32s %3zu nodes %2zu endings  %s\n", d.doc->meta.id.c_str(), d.nodes.size(), endings,
                        d.doc->meta.title.c_str());
    }
    if (as_json) std::printf("%s\n", out.dump(2).c_str());
    return kOk;
}

int drill_play(const Catalog& cat, const AppPaths& paths, const std::string& id, const std::string& choices,
               bool as_json, bool fresh) {
    const Drill* d = find_drill(cat, id);
    if (!d) return kUsage;
    if (has_errors_in(cat, *d)) return kProblems;
    std::unique_ptr<ProgressStore> store;
    try {
        store = std::make_unique<ProgressStore>(paths.data_dir / "progress.sqlite");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "linli drill: progress is not saved: %s\n", e.what());
    }
    DrillRecorder rec(store.get(), *d, now(), !fresh);
    DrillSession& s = rec.session();
    json steps = json::array();
    auto take = [&](int n) {
        const DrillNode& at = s.node();
        const Choice& c = rec.choose_shown(n, now());
        steps.push_back({{"node", at.id}, {"choice", c.text}, {"feedback", c.feedback}, {"applies", c.applies},
                         {"violates", c.violates}, {"state", state_json(*d, s.state())}});
        if (!as_json) std::printf("\n> %s\n  %s\n", c.text.c_str(), c.feedback.c_str());
    };
    try {
        if (!choices.empty()) {
            if (!as_json && rec.resumed()) std::printf("(continuing an unfinished attempt)\n");
            for (int n : parse_numbers(choices)) {
                if (s.finished()) break;
                take(n);
            }
            if (!as_json) print_node(s);
        } else {
            if (rec.resumed()) std::printf("(continuing an unfinished attempt; --new starts over)\n");
            std::printf("%s\n\n%s", d->doc->meta.title.c_str(), blocks_text(d->opening).c_str());
            print_node(s);
            std::string line;
            while (!s.finished()) {
                std::printf("> ");
                std::fflush(stdout);
                if (!std::getline(std::cin, line)) return kOk;  // the attempt stays unfinished and resumes
                int n = std::atoi(line.c_str());
                try {
                    take(n);
                } catch (const std::invalid_argument& e) {
                    std::printf("  %s\n", e.what());
                    continue;
                }
                print_node(s);
            }
        }
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "linli drill play: at '%s': %s\n", s.node().id.c_str(), e.what());
        return kUsage;
    }
    if (as_json) {
        json out = {{"drill", id}, {"steps", steps}, {"node", s.node().id}, {"finished", s.finished()},
                    {"state", state_json(*d, s.state())}, {"path", s.path()}, {"violated", s.guidelines_violated()}};
        if (s.finished()) out["rating"] = rating_key(s.node().rating);
        else {
            json shown = json::array();
            for (int i : s.available()) shown.push_back(s.node().choices[i].text);
            out["choices"] = shown;
        }
        std::printf("%s\n", out.dump(2).c_str());
    } else if (s.finished()) {
        print_debrief(s);
    }
    return kOk;
}

int drill_paths(const Catalog& cat, const std::string& id, int max_steps, bool as_json) {
    const Drill* d = find_drill(cat, id);
    if (!d) return kUsage;
    if (has_errors_in(cat, *d)) return kProblems;
    PathStats st = enumerate_paths(*d, max_steps > 0 ? max_steps : default_step_bound(*d));
    if (as_json) {
        json endings = json::object();
        for (auto& [e, n] : st.endings) endings[e] = n;
        std::printf("%s\n", json{{"drill", id}, {"max_steps", st.max_steps}, {"paths", st.total}, {"endings", endings},
                                 {"cut_by_bound", st.cut}, {"stuck", st.stuck}, {"states", st.states}}
                                .dump(2).c_str());
        return kOk;
    }
    std::printf("%s: %llu paths to an ending within %d steps\n", id.c_str(), static_cast<unsigned long long>(st.total), st.max_steps);
    for (auto& [e, n] : st.endings) {
        int idx = d->find_node(e);
        std::printf("  %-28s %-4s %llu\n", e.c_str(), rating_name(d->nodes[idx].rating), static_cast<unsigned long long>(n));
    }
    if (st.cut) std::printf("  (%llu paths still going at the bound)\n", static_cast<unsigned long long>(st.cut));
    if (st.stuck) std::printf("  (%llu paths stuck with no available choice)\n", static_cast<unsigned long long>(st.stuck));
    return kOk;
}

}  // namespace

int cmd_drill(const Options& opts) {
    const auto& a = opts.args;
    if (a.size() < 2) {
        std::fprintf(stderr, "usage: linli drill list|play|paths ...\n");
        return kUsage;
    }
    bool as_json = false, fresh = false;
    std::string id, choices;
    int max_steps = 0;
    for (size_t i = 2; i < a.size(); ++i) {
        if (a[i] == "--json") as_json = true;
        else if (a[i] == "--new") fresh = true;
        else if (a[i] == "--choices" && i + 1 < a.size()) choices = a[++i];
        else if (a[i] == "--max-steps" && i + 1 < a.size()) max_steps = std::atoi(a[++i].c_str());
        else if (id.empty() && a[i].rfind("--", 0) != 0) id = a[i];
        else {
            std::fprintf(stderr, "linli drill: unexpected '%s'\n", a[i].c_str());
            return kUsage;
        }
    }
    AppPaths paths = AppPaths::resolve(opts.data_dir);
    // Each subcommand validates only the drill it plays (all of them: `linli lint`).
    Catalog cat = Catalog::load(library_roots(paths, opts.libraries), false);
    if (a[1] == "list") return drill_list(cat, as_json);
    if (id.empty()) {
        std::fprintf(stderr, "usage: linli drill %s ID\n", a[1].c_str());
        return kUsage;
    }
    if (a[1] == "play") return drill_play(cat, paths, id, choices, as_json, fresh);
    if (a[1] == "paths") return drill_paths(cat, id, max_steps, as_json);
    std::fprintf(stderr, "linli drill: unknown subcommand '%s' (list, play, paths)\n", a[1].c_str());
    return kUsage;
}

}  // namespace linli::cli
