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

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Layers of 10 nodes; each node offers 3 choices into the next two layers, with effects on four
// variables, flags, and conditions; the last layer is 10 endings.
std::string generate(int nodes, unsigned seed) {
    std::mt19937 rng(seed);
    const int width = 10, layers = (nodes - 1 + width - 1) / width + 1;  // one start node, then full layers
    std::string md =
        "---\nid: bench-drill\nkind: drill\ntitle: 基准演练\nsummary: 生成的大型演练。\n"
        "state:\n  居民信任: {start: 10, min: 0, max: 20}\n  团队精力: {start: 20, min: 0, max: 20}\n"
        "  街道支持: {start: 10, min: 0, max: 20}\n"
        "flags: [已调查, 已报街道]\n---\n# 基准演练\n\n开场：你刚到一个新社区。\n\n";
    const char* vars[] = {"居民信任", "团队精力", "街道支持"};
    auto id = [](int layer, int i) { return "n" + std::to_string(layer) + "-" + std::to_string(i); };
    for (int l = 0; l < layers; ++l) {
        for (int i = 0; i < width; ++i) {
            if (l == 0 && i > 0) continue;  // one start node
            md += "## 第" + std::to_string(l) + "步，情形" + std::to_string(i) + " {#" + id(l, i) + "}\n\n";
            if (l == layers - 1) {
                const char* r[] = {"好", "尚可", "糟糕"};
                md += std::string("评级：") + r[i % 3] + "\n\n结局的复盘文字。\n\n### 更好的做法\n\n先了解情况。\n\n";
                continue;
            }
            md += "居民在楼下议论这件事，你需要决定下一步。\n\n";
            // The start fans out to the whole next layer; later nodes reach i, i+1 and, now and
            // then skipping a layer, i+5 — so every node is reachable.
            for (int c = 0; c < (l == 0 ? width : 3); ++c) {
                int next_layer = std::min(layers - 1, l + 1 + (c == 2 && l > 0 && rng() % 4 == 0));
                int target = l == 0 ? c : (i + (c == 2 ? 5 : c)) % width;
                md += std::to_string(c + 1) + ". [选项" + std::to_string(c + 1) + "](#" + id(next_layer, target) + ")\n";
                md += std::string("    - 效果：") + vars[rng() % 3] + (rng() % 2 ? " +10" : " -10") + "，" + vars[rng() % 3] + " +10\n";
                if (c == 1 && l % 5 == 0) md += "    - 标记：已调查\n";
                if (c == 2 && l > 0) md += std::string("    - 条件：") + (l % 2 ? "已调查" : std::string(vars[rng() % 3]) + " >= 10") + "\n";
                md += "    - 反馈：这样做的理由和后果。\n    - 运用：[指南](linli:g)\n";
            }
            md += "\n";
        }
    }
    md += "## 工作坊工具包 {#kit}\n\n### 去哪里看\n\n社区。\n\n### 参考案例\n\n无。\n\n### 课前学习\n\n无。\n\n"
          "### 线下工作坊\n\n分组。\n\n### 各方如何协作\n\n协商。\n";
    return md;
}

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
    std::ofstream(dir / "bench-drill.md") << generate(nodes, 7);

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
