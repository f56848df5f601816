// Drill graph layout benchmark (issue 13): synthetic drills of 100 and 1,000 nodes — each node
// offers 2-4 choices to later nodes, some lead back to earlier ones, a few nodes are endings —
// laid out R times (default 20); the median is printed against the target.
// usage: linli_bench_layout [--runs R]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "cases/drill_layout.h"

using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Choices reach up to 12 nodes ahead (drills move forward a scene or a few at a time); one node in
// eight also offers a way back up to 20 nodes; the last 2 % of the nodes (at least 3) are endings,
// and one node in 40 ends the play early.
Drill generate(int nodes, unsigned seed) {
    std::mt19937 rng(seed);
    const int first_ending = nodes - std::max(3, nodes / 50);
    Drill d;
    d.nodes.resize(nodes);
    for (int i = 0; i < nodes; ++i) {
        DrillNode& n = d.nodes[i];
        n.id = "n" + std::to_string(i);
        n.title = "第" + std::to_string(i) + "幕";
        d.node_index[n.id] = i;
        if (i >= first_ending || (i > 0 && rng() % 40 == 0)) {
            n.rating = static_cast<Rating>(1 + rng() % 3);
            continue;
        }
        auto add = [&](int target) {
            Choice c;
            c.text = "选项";
            c.target = "n" + std::to_string(target);
            c.target_index = target;
            n.choices.push_back(std::move(c));
        };
        int choices = 2 + static_cast<int>(rng() % 3);
        for (int c = 0; c < choices; ++c) add(std::min(nodes - 1, i + 1 + static_cast<int>(rng() % 12)));
        if (i > 0 && rng() % 8 == 0) add(std::max(0, i - 1 - static_cast<int>(rng() % 20)));
    }
    return d;
}

struct Timing {
    double median_ms = 0;
    DrillLayout layout;
};

Timing time_layout(const Drill& d, int runs) {
    std::vector<double> ms;
    Timing t;
    for (int r = 0; r < runs; ++r) {
        auto t0 = Clock::now();
        t.layout = layout_drill(d);
        ms.push_back(ms_since(t0));
    }
    std::sort(ms.begin(), ms.end());
    t.median_ms = ms[ms.size() / 2];
    return t;
}

size_t edges_of(const Drill& d) {
    size_t e = 0;
    for (const DrillNode& n : d.nodes) e += n.choices.size();
    return e;
}

void report(const Drill& d, const Timing& t) {
    int back = 0;
    size_t points = 0;  // what the window draws per frame
    for (const LayoutEdge& e : t.layout.edges) back += e.back, points += e.points.size();
    std::printf("  %zu nodes, %zu edges (%d drawn back up, %zu points), %d layers, %d crossings, %.0f x %.0f px\n",
                d.nodes.size(), edges_of(d), back, points, t.layout.layers, t.layout.crossings, t.layout.width, t.layout.height);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 20;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[++i]));

    Drill small = generate(100, 13);
    Timing t100 = time_layout(small, runs);
    std::printf("graph layout, 100 nodes: %.2f ms (target ≤ 20 ms)%s\n", t100.median_ms,
                t100.median_ms > 20 ? " **(over target)**" : "");
    report(small, t100);

    Drill large = generate(1000, 13);
    Timing t1000 = time_layout(large, runs);
    std::printf("graph layout, 1,000 nodes: %.2f ms (informational: should stay well under 1 s)\n", t1000.median_ms);
    report(large, t1000);
    return 0;
}
