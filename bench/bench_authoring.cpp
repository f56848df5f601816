// Authoring benchmark (issue 13): the editor's live lint of a drill after a keystroke — the whole
// check of one buffer (cases/buffer_lint.h: form, links, plays, the grading audit, the privacy
// check, the graph's marks) — on every bundled drill (440–600 lines, above the 300), and
// the same through the LintWorker the window uses (request to result, with no debounce). A
// keystroke in a scene leaves the drill's structure as it was, so its plays are not explored again
// (PlaysCache); an edit of an effect or a condition explores them: timed apart.
// usage: linli_bench_authoring [--source DIR] [--runs R]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cases/buffer_lint.h"
#include "cases/catalog.h"
#include "core/lint_worker.h"

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

int main(int argc, char** argv) {
    fs::path source = LINLI_SOURCE_DIR;
    int runs = 7;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--source") source = argv[++i];
        else if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[++i]));
    }
    const Catalog catalog = Catalog::load({source / "content", source / "cases"}, false);
    double worst_lint = 0, worst_worker = 0, worst_structural = 0;
    std::printf("| drill | lines | lint ms (median of %d) | through the worker ms | after a change of structure ms | problems |\n|---|---:|---:|---:|---:|---:|\n", runs);
    LintWorker worker(std::chrono::milliseconds(0));
    for (const Drill& d : catalog.drills) {
        std::string text = read(d.doc->path);
        const int lines = int(std::count(text.begin(), text.end(), '\n'));
        std::vector<double> direct, through, structural;
        size_t problems = 0;
        PlaysCache plays;
        BufferLintOptions o;
        o.plays = &plays;
        {
            auto t = Clock::now();  // the first lint explores the plays: a change of structure
            lint_buffer(catalog.library, d.doc->path, d.doc->root, text, o);
            structural.push_back(ms_since(t));
        }
        for (int r = 0; r < runs; ++r) {
            text += r % 2 ? "" : " ";  // a keystroke: the text changes between runs
            auto t0 = Clock::now();
            LintedBuffer b = lint_buffer(catalog.library, d.doc->path, d.doc->root, text, o);
            direct.push_back(ms_since(t0));
            problems = b.diagnostics.size();
            auto t1 = Clock::now();
            worker.request({uint64_t(r + 1), text, d.doc->path, d.doc->root, &catalog.library, {}});
            std::unique_ptr<LintResult> got;
            while (!(got = worker.take())) std::this_thread::sleep_for(std::chrono::microseconds(200));
            through.push_back(ms_since(t1));
        }
        worst_lint = std::max(worst_lint, median(direct));
        worst_worker = std::max(worst_worker, median(through));
        worst_structural = std::max(worst_structural, structural[0]);
        std::printf("| %s | %d | %.1f | %.1f | %.1f | %zu |\n", d.doc->meta.id.c_str(), lines, median(direct), median(through), structural[0],
                    problems);
    }
    std::printf("\nlive lint of a bundled drill after a keystroke, the slowest: %.1f ms (through the worker %.1f ms; target ≤ 30 ms, off the UI thread)\n",
                worst_lint, worst_worker);
    std::printf("after a change of the drill's structure (every play explored again), the slowest: %.1f ms\n", worst_structural);
    return 0;
}
