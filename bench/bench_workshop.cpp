// Workshop debrief benchmark (issue 11): for every bundled drill with at least one decision, an
// 8-group workshop that splits into 8 parallel tracks at its first decision (the groups vote
// 1, 2, …, n, 1, 2, … over the ballot's n options, so they differ; reveal; continue_in_parallel),
// each track then played to its end (its group votes 1, reveal, continue_with_majority). Then,
// --runs times each (default 20): make_debrief alone, export_debrief alone (debrief.md,
// debrief.html and spread.png into a fresh folder under a temporary one, removed afterwards), and
// make_debrief + export_debrief together — what the window's 导出 and `linli workshop run` do.
// Wall time (the export writes and fsyncs files), with this thread's CPU time beside it.
// A second table splits the export into its parts (debrief_markdown, debrief_html, write_spread_png
// into a file, median of --parts runs, default 5) to show where its time goes.
// usage: linli_bench_workshop [--source DIR] [--runs R] [--parts P] [--dir FOLDER] [--drill ID]
//   --source: the source tree whose content/ and cases/ are the bundled library (default: this build's)
//   --dir: where the temporary export folder is made (default: the system's temp folder)
//   --drill: only this drill (for a profiler)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cases/catalog.h"
#include "cases/workshop.h"
#include "cases/workshop_debrief.h"
#include "core/workshop_export.h"
#include "generated_drill.h"

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Stopwatch {
    Clock::time_point wall = Clock::now();
    double cpu = cpu_ms();
    double wall_ms() const { return std::chrono::duration<double, std::milli>(Clock::now() - wall).count(); }
    double cpu_used() const { return cpu_ms() - cpu; }
};

struct Series {
    std::vector<double> wall, cpu;
    void add(const Stopwatch& s) {
        wall.push_back(s.wall_ms());
        cpu.push_back(s.cpu_used());
    }
    static double median(std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    }
    double p50() const { return median(wall); }
    double max() const { return wall.empty() ? 0 : *std::max_element(wall.begin(), wall.end()); }
    double cpu_p50() const { return median(cpu); }
};

const std::vector<std::string> kGroups{"第1组", "第2组", "第3组", "第4组", "第5组", "第6组", "第7组", "第8组"};

// Plays one track to its end: its groups vote 1, reveal, go on with the majority. False when the
// track stops short (a ballot with nothing on it, or a play longer than any bundled drill).
bool play_to_end(Workshop& w, int track, int64_t& now) {
    for (int steps = 0; steps < 10000; ++steps) {
        if (w.track_finished(track)) return true;
        if (w.ballot(track).labels.empty()) return false;
        for (int g : w.tracks()[size_t(track)].groups) w.vote(g, 1, ++now);
        w.reveal(track, ++now);
        w.continue_with_majority(track, 0, ++now);
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path source = LINLI_SOURCE_DIR;
    fs::path base = fs::temp_directory_path();
    int runs = 20, parts = 5;
    std::string only;
    for (int i = 1; i + 1 < argc; ++i) {
        std::string a = argv[i];
        if (a == "--source") source = argv[++i];
        else if (a == "--runs") runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--parts") parts = std::max(0, std::atoi(argv[++i]));
        else if (a == "--dir") base = argv[++i];
        else if (a == "--drill") only = argv[++i];
        else {
            std::fprintf(stderr, "usage: linli_bench_workshop [--source DIR] [--runs R] [--parts P] [--dir FOLDER] [--drill ID]\n");
            return 2;
        }
    }
    // Beside the bundled drills, the generated drill of 1,000 nodes (bench_drill's): the debrief's
    // cost grows with the drill.
    fs::path generated = base / ("linli-bench-workshop-drill-" + std::to_string(getpid()));
    fs::create_directories(generated);
    std::ofstream(generated / "g.md") << "---\nid: g\nkind: guideline\ntitle: 指南\nsummary: s\n---\n正文\n";
    std::ofstream(generated / "bench-drill.md") << bench::generate_drill(1000, 7);
    auto t_load = Clock::now();
    Catalog cat = Catalog::load({source / "content", source / "cases", generated});
    double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t_load).count();
    if (cat.drills.empty()) {
        std::fprintf(stderr, "bench: no drills under %s\n", source.c_str());
        return 1;
    }
    fs::path tmp = base / ("linli-bench-workshop-" + std::to_string(getpid()));
    fs::create_directories(tmp);

    std::printf("library: %zu documents, %zu drills, loaded in %.0f ms; 8 groups, %d runs per figure, exports into %s\n\n",
                cat.library.documents().size(), cat.drills.size(), load_ms, runs, tmp.c_str());
    std::printf("| drill | tracks | decisions | steps (all groups) | make_debrief ms p50 / max | export_debrief ms p50 / max | debrief + export ms p50 / max | debrief + export CPU ms p50 | files KB |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    struct Parts {
        std::string id;
        size_t decisions, cut_short;
        Series md, html, png;
        size_t md_kb, html_kb, png_kb;
    };
    std::vector<Parts> split;
    double worst = -1, first_export = -1;
    std::string worst_drill;
    int measured = 0, failed = 0;
    for (const Drill& d : cat.drills) {
        const std::string& id = d.doc->meta.id;
        if (!only.empty() && id != only) continue;
        int64_t now = 1700000000;
        Workshop w(d, kGroups, now);
        if (w.finished() || w.ballot(0).labels.empty()) continue;  // no decision
        try {
            size_t n = w.ballot(0).labels.size();
            for (int g = 0; g < int(kGroups.size()); ++g) w.vote(g, int(size_t(g) % n) + 1, ++now);
            w.reveal(0, ++now);
            w.continue_in_parallel(0, ++now);
            bool whole = true;
            for (int t = 0; t < int(w.tracks().size()); ++t) whole = play_to_end(w, t, now) && whole;
            if (!whole) std::fprintf(stderr, "bench: %s: a track did not reach an ending\n", id.c_str());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench: %s: %s\n", id.c_str(), e.what());
            ++failed;
            continue;
        }
        size_t steps = 0;
        for (const WorkshopTrack& t : w.tracks()) steps += t.session.steps().size();

        Series made, exported, both;
        uintmax_t bytes = 0;
        try {
            for (int r = 0; r < runs; ++r) {
                fs::path dir = tmp / (id + "-both-" + std::to_string(r));
                Stopwatch s;
                WorkshopDebrief deb = make_debrief(w, cat.library, now);
                ExportedDebrief files = export_debrief(deb, dir);
                both.add(s);
                if (first_export < 0) first_export = both.wall.back();
                if (r == 0)
                    for (const fs::path& f : {files.markdown, files.html, files.png})
                        if (!f.empty()) bytes += fs::file_size(f);
            }
            for (int r = 0; r < runs; ++r) {
                Stopwatch s;
                WorkshopDebrief deb = make_debrief(w, cat.library, now);
                made.add(s);
            }
            WorkshopDebrief deb = make_debrief(w, cat.library, now);
            for (int r = 0; r < runs; ++r) {
                fs::path dir = tmp / (id + "-export-" + std::to_string(r));
                Stopwatch s;
                export_debrief(deb, dir);
                exported.add(s);
            }
            size_t cut = size_t(std::count_if(deb.per_group.begin(), deb.per_group.end(), [](const GroupDebrief& g) { return !g.best_known; }));
            Parts p{id, deb.decisions.size(), cut, {}, {}, {}, 0, 0, 0};
            for (int r = 0; r < parts; ++r) {
                Stopwatch s1;
                std::string md = debrief_markdown(deb);
                p.md.add(s1);
                Stopwatch s2;
                std::string html = debrief_html(deb);
                p.html.add(s2);
                fs::path png = tmp / (id + "-part-" + std::to_string(r) + ".png");
                std::string error;
                Stopwatch s3;
                if (!write_spread_png(deb, png, &error)) throw std::runtime_error(error);
                p.png.add(s3);
                p.md_kb = md.size() / 1024, p.html_kb = html.size() / 1024, p.png_kb = size_t(fs::file_size(png) / 1024);
            }
            if (parts > 0) split.push_back(std::move(p));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench: %s: %s\n", id.c_str(), e.what());
            ++failed;
            continue;
        }
        std::printf("| %s | %zu | %zu | %zu | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f | %.1f | %.0f |\n", id.c_str(),
                    w.tracks().size(), w.decisions().size(), steps, made.p50(), made.max(), exported.p50(), exported.max(),
                    both.p50(), both.max(), both.cpu_p50(), double(bytes) / 1024);
        std::fflush(stdout);
        ++measured;
        if (both.p50() > worst) worst = both.p50(), worst_drill = id;
    }
    fs::remove_all(tmp);
    fs::remove_all(generated);
    if (!split.empty()) {
        std::printf("\nwhere the export's time goes (median of %d, wall ms; KB of output; the rest of export_debrief is the\n"
                    "files' writing, fsync and renames), and the groups whose best-path search in make_debrief hit its\n"
                    "cap of states (their \"left the best path\" is then unknown):\n\n", parts);
        std::printf("| drill | decisions | debrief_markdown ms | debrief_html ms | write_spread_png ms (CPU) | md / html / png KB | search cut short |\n");
        std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
        for (const Parts& p : split)
            std::printf("| %s | %zu | %.1f | %.1f | %.1f (%.1f) | %zu / %zu / %zu | %zu of 8 |\n", p.id.c_str(), p.decisions, p.md.p50(),
                        p.html.p50(), p.png.p50(), p.png.cpu_p50(), p.md_kb, p.html_kb, p.png_kb, p.cut_short);
    }
    std::printf("\nfirst debrief + export of the run (fontconfig's first font lookup included): %.1f ms\n", first_export);
    if (measured == 0) {
        std::fprintf(stderr, "bench: no drill with a decision was measured\n");
        return 1;
    }
    std::printf("worst drill: %s, debrief + export median %.1f ms%s (target <= 200 ms)\n", worst_drill.c_str(), worst,
                worst > 200 ? " **(over target)**" : "");
    return failed ? 1 : 0;
}
