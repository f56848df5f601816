// Drill engine benchmark: generates a drill of N nodes (default 1,000) as Markdown, then times
// parsing, validation (every check `linli lint` runs) and path enumeration up to the default bound.
// usage: linli_bench_drill [--nodes N] [--runs R]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>

#include "cases/catalog.h"
#include "cases/drill_audit.h"
#include "cases/drill_check.h"
#include "cases/drill_paths.h"
#include "generated_drill.h"

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char** argv) {
    int nodes = 1000, runs = 5;
    std::vector<fs::path> libraries;  // --library DIR: audit the drills found there too
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--nodes") nodes = std::max(20, std::atoi(argv[++i]));
        else if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[++i]));
        else if (std::string(argv[i]) == "--library") libraries.push_back(argv[++i]);
    }
    fs::path dir = fs::temp_directory_path() / ("linli-bench-drill-" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "g.md") << "---\nid: g\nkind: guideline\ntitle: 指南\nsummary: s\n---\n正文\n";
    std::ofstream(dir / "bench-drill.md") << bench::generate_drill(nodes, 7);

    std::printf("| drill nodes | load+parse ms | validate ms (with audit) | audit ms | paths ms | validate+paths ms | paths to an ending | states | problems |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int r = 0; r < runs; ++r) {
        auto t0 = Clock::now();
        Library lib = Library::load({dir});
        std::vector<Diagnostic> diags;
        Drill d = parse_drill(*lib.find("bench-drill"), diags);
        double load = ms_since(t0);
        auto t1 = Clock::now();
        check_drill(d, lib, diags);
        double check = ms_since(t1);
        auto ta = Clock::now();
        std::vector<Diagnostic> audit_diags;
        audit_drill(d, audit_diags);
        double audit = ms_since(ta);
        auto t2 = Clock::now();
        PathStats st = enumerate_paths(d, default_step_bound(d));
        double paths = ms_since(t2);
        char total[32];
        if (st.total == UINT64_MAX) std::snprintf(total, sizeof total, ">= 1.8e19");
        else std::snprintf(total, sizeof total, "%llu", static_cast<unsigned long long>(st.total));
        std::printf("| %zu | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %zu | %zu |\n", d.nodes.size(), load, check, audit, paths,
                    check + paths, total, st.states, diags.size());
        for (const auto& p : diags)
            if (r == 0) std::fprintf(stderr, "%s\n", p.format().c_str());
    }
    fs::remove_all(dir);

    // The grading audit of real drills: every lint runs it on each of them.
    if (!libraries.empty()) {
        Catalog cat = Catalog::load(libraries, false);
        std::printf("\n| bundled drills | audit ms (all together) | states explored | findings |\n|---:|---:|---:|---:|\n");
        for (int r = 0; r < runs; ++r) {
            size_t states = 0, findings = 0;
            auto t0 = Clock::now();
            for (const Drill& d : cat.drills) {
                std::vector<Diagnostic> out;
                states += audit_drill(d, out).states;
                findings += out.size();
            }
            std::printf("| %zu | %.1f | %zu | %zu |\n", cat.drills.size(), ms_since(t0), states, findings);
        }
        std::printf("\n| drill | audit ms | states |\n|---|---:|---:|\n");
        for (const Drill& d : cat.drills) {
            std::vector<Diagnostic> out;
            auto t0 = Clock::now();
            size_t states = audit_drill(d, out).states;
            std::printf("| %s | %.1f | %zu |\n", d.doc->meta.id.c_str(), ms_since(t0), states);
        }
    }
    return 0;
}
