// The drill graph's layout (issue 13): on every bundled drill and on small drills built for one
// rule each — layers top to bottom, no overlaps, edges that start and end on their boxes and pass
// between the others, cycles drawn back up, unreachable nodes set apart, sizes from the caller.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>

#include "cases/catalog.h"
#include "cases/drill_layout.h"
#include "test_support.h"

using namespace linli;

namespace {

constexpr float kEps = 0.01f;

const Catalog& bundled() {
    static const Catalog c = Catalog::load({test::source_dir() / "content", test::source_dir() / "cases"}, false);  // parsed, not validated
    return c;
}

// A drill straight from its graph: node i leads to targets[i] (-1: an unresolved choice); the
// listed nodes are endings.
Drill make_drill(const std::vector<std::vector<int>>& targets, const std::set<int>& endings) {
    Drill d;
    for (int i = 0; i < static_cast<int>(targets.size()); ++i) {
        DrillNode node;
        node.id = "n" + std::to_string(i);
        node.title = "节点 " + std::to_string(i);
        if (endings.count(i)) node.rating = Rating::Good;
        for (int t : targets[i]) {
            Choice c;
            c.text = "选项";
            c.target = t >= 0 ? "n" + std::to_string(t) : "nowhere";
            c.target_index = t;
            node.choices.push_back(c);
        }
        d.node_index[node.id] = i;
        d.nodes.push_back(std::move(node));
    }
    return d;
}

bool on_border(const LayoutBox& b, const LayoutPoint& p) {
    bool inside = p.x >= b.x - kEps && p.x <= b.x + b.w + kEps && p.y >= b.y - kEps && p.y <= b.y + b.h + kEps;
    bool at_edge = std::abs(p.x - b.x) < kEps || std::abs(p.x - (b.x + b.w)) < kEps || std::abs(p.y - b.y) < kEps ||
                   std::abs(p.y - (b.y + b.h)) < kEps;
    return inside && at_edge;
}

// The larger of the horizontal and the vertical distance between two boxes (negative: they overlap).
float gap_between(const LayoutBox& a, const LayoutBox& b) {
    float gx = std::max(b.x - (a.x + a.w), a.x - (b.x + b.w));
    float gy = std::max(b.y - (a.y + a.h), a.y - (b.y + b.h));
    return std::max(gx, gy);
}

// Whether the segment p-q enters the box's interior (shrunk by half a pixel): Liang-Barsky clipping.
bool segment_enters(const LayoutPoint& p, const LayoutPoint& q, const LayoutBox& b) {
    float x0 = b.x + 0.5f, x1 = b.x + b.w - 0.5f, y0 = b.y + 0.5f, y1 = b.y + b.h - 0.5f;
    float t0 = 0, t1 = 1, dx = q.x - p.x, dy = q.y - p.y;
    auto clip = [&](float den, float num) {  // keeps the part where den * t <= num
        if (den == 0) return num >= 0;
        float t = num / den;
        if (den > 0) t1 = std::min(t1, t);
        else t0 = std::max(t0, t);
        return t0 <= t1;
    };
    return clip(-dx, p.x - x0) && clip(dx, x1 - p.x) && clip(-dy, p.y - y0) && clip(dy, y1 - p.y) && t0 < t1;
}

size_t resolved_choices(const Drill& d) {
    size_t n = 0;
    for (const DrillNode& node : d.nodes)
        for (const Choice& c : node.choices) n += c.target_index >= 0;
    return n;
}

// Every rule a layout keeps, whatever the drill. The rules are checked in plain code (there are
// millions of segment-box pairs on the random drills) and each broken one is reported by name.
void check_layout(const Drill& d, const DrillLayout& l) {
    REQUIRE(l.boxes.size() == d.nodes.size());
    CHECK(l.edges.size() == resolved_choices(d));
    std::vector<std::string> broken;
    auto expect = [&](bool ok, const std::string& what) {
        if (!ok) broken.push_back(what);
    };
    const LayoutBox& start = l.boxes[0];
    expect(start.layer == 0, "the start is not on layer 0");
    for (size_t i = 0; i < l.boxes.size(); ++i) {
        const LayoutBox& b = l.boxes[i];
        const std::string node = "node " + d.nodes[i].id;
        expect(b.node == static_cast<int>(i), node + ": wrong index");
        expect(b.y >= start.y - kEps, node + ": above the start");
        expect(b.layer >= 0 && b.layer < l.layers, node + ": layer out of range");
        expect(!d.nodes[i].is_ending() || b.layer == l.layers - 1, node + ": an ending not on the last layer");
        expect(b.x >= -kEps && b.y >= -kEps && b.x + b.w <= l.width + kEps && b.y + b.h <= l.height + kEps,
               node + ": outside width x height");
        for (size_t j = i + 1; j < l.boxes.size(); ++j)
            expect(gap_between(b, l.boxes[j]) >= kLayoutNodeGap - kEps, node + ": closer than the gap to node " + d.nodes[j].id);
    }
    for (const LayoutEdge& e : l.edges) {
        const std::string name = "edge " + d.nodes[e.from].id + " -> " + d.nodes[e.to].id + " (choice " + std::to_string(e.choice) + ")";
        if (e.points.size() < 2) {
            broken.push_back(name + ": fewer than two points");
            continue;
        }
        expect(d.nodes[e.from].choices[e.choice].target_index == e.to, name + ": not its choice's target");
        const LayoutBox& from = l.boxes[e.from];
        const LayoutBox& to = l.boxes[e.to];
        expect(on_border(from, e.points.front()), name + ": does not start on its source's border");
        expect(on_border(to, e.points.back()), name + ": does not end on its target's border");
        if (!e.back) {
            expect(to.layer > from.layer, name + ": forward but not down a layer");
            for (size_t p = 1; p < e.points.size(); ++p)
                expect(e.points[p].y >= e.points[p - 1].y - kEps, name + ": forward but goes up at point " + std::to_string(p));
        } else {
            expect(to.layer <= from.layer, name + ": marked back but goes down");
        }
        for (const LayoutPoint& p : e.points)
            expect(p.x >= -kEps && p.x <= l.width + kEps && p.y >= -kEps && p.y <= l.height + kEps, name + ": a point outside width x height");
        // Edges route around boxes: no segment runs through a box but its own two.
        for (size_t p = 1; p < e.points.size(); ++p)
            for (const LayoutBox& b : l.boxes)
                if (b.node != e.from && b.node != e.to && segment_enters(e.points[p - 1], e.points[p], b))
                    broken.push_back(name + ": segment " + std::to_string(p) + " runs through node " + d.nodes[b.node].id);
    }
    for (size_t i = 0; i < std::min<size_t>(broken.size(), 20); ++i) FAIL_CHECK(broken[i]);
    CHECK(broken.empty());
}

const LayoutEdge& edge(const DrillLayout& l, int from, int to) {
    auto it = std::find_if(l.edges.begin(), l.edges.end(), [&](const LayoutEdge& e) { return e.from == from && e.to == to; });
    REQUIRE(it != l.edges.end());
    return *it;
}

}  // namespace

TEST_CASE("drill layout: every bundled drill is laid out in layers, without overlaps, edges on their boxes") {
    const auto& drills = bundled().drills;
    REQUIRE(drills.size() >= 8);
    for (const Drill& d : drills) {
        INFO("drill " << d.doc->meta.id);
        DrillLayout l = layout_drill(d);
        check_layout(d, l);
        CHECK(l.layers >= 3);
        for (const LayoutBox& b : l.boxes) {
            CHECK(b.reachable);  // the bundled drills lint clean: every node is reachable
            CHECK(b.w == kLayoutDefaultBox.w);
            CHECK(b.h == kLayoutDefaultBox.h);
        }
    }
}

TEST_CASE("drill layout: the edge that closes a cycle is marked back and leaves by the side") {
    // 0 -> 1 -> 2 -> 1 (the cycle), 2 -> 3 (the ending).
    Drill d = make_drill({{1}, {2}, {1, 3}, {}}, {3});
    DrillLayout l = layout_drill(d);
    check_layout(d, l);
    CHECK(l.layers == 4);
    const LayoutEdge& back = edge(l, 2, 1);
    CHECK(back.back);
    CHECK(l.boxes[1].layer < l.boxes[2].layer);
    const LayoutBox& from = l.boxes[2];
    float x0 = back.points.front().x;
    CHECK((std::abs(x0 - from.x) < kEps || std::abs(x0 - (from.x + from.w)) < kEps));
    CHECK(back.points.back().y < back.points.front().y);  // it goes up
    CHECK_FALSE(edge(l, 0, 1).back);
    CHECK_FALSE(edge(l, 1, 2).back);
    CHECK_FALSE(edge(l, 2, 3).back);
}

TEST_CASE("drill layout: a back edge over several layers passes between the boxes on its way up") {
    // A wide middle so the edge 4 -> 0 has boxes beside its path on every layer.
    Drill d = make_drill({{1, 2, 3}, {4}, {4}, {4}, {0, 5, 6}, {}, {}}, {5, 6});
    DrillLayout l = layout_drill(d);
    check_layout(d, l);
    const LayoutEdge& back = edge(l, 4, 0);
    CHECK(back.back);
    CHECK(back.points.size() >= 6);
}

TEST_CASE("drill layout: unreachable nodes are flagged and placed to the right of the rest") {
    // 0 -> 1 -> 2 (ending); 3 and 4 are reached by nothing from 0: 4 -> 3 -> 2 and 3 -> 1.
    Drill d = make_drill({{1}, {2}, {}, {2, 1}, {3}}, {2});
    DrillLayout l = layout_drill(d);
    check_layout(d, l);
    CHECK(l.boxes[0].reachable);
    CHECK(l.boxes[1].reachable);
    CHECK(l.boxes[2].reachable);
    CHECK_FALSE(l.boxes[3].reachable);
    CHECK_FALSE(l.boxes[4].reachable);
    CHECK(l.boxes[4].layer == 0);  // layered from itself
    CHECK(l.boxes[3].layer == 1);
    float right_of_reachable = 0;
    for (int v : {0, 1, 2}) right_of_reachable = std::max(right_of_reachable, l.boxes[v].x + l.boxes[v].w);
    for (int v : {3, 4}) CHECK(l.boxes[v].x >= right_of_reachable + kLayoutNodeGap);
    CHECK(edge(l, 3, 1).back);  // same layer, from outside into the graph: it cannot point down
}

TEST_CASE("drill layout: branches written out of order are sorted so no edges cross") {
    // 0 -> 1, 2; 1 -> 4, 2 -> 3: in the order written, layer 2 would cross.
    Drill d = make_drill({{1, 2}, {4}, {3}, {5}, {6}, {}, {}}, {5, 6});
    DrillLayout l = layout_drill(d);
    check_layout(d, l);
    CHECK(l.crossings == 0);
    bool one_left = l.boxes[1].x < l.boxes[2].x;
    CHECK((l.boxes[4].x < l.boxes[3].x) == one_left);
    CHECK((l.boxes[6].x < l.boxes[5].x) == one_left);
}

TEST_CASE("drill layout: a plain chain is one straight column with no crossings") {
    std::vector<std::vector<int>> targets;
    for (int i = 0; i < 11; ++i) targets.push_back({i + 1});
    targets.push_back({});
    Drill d = make_drill(targets, {11});
    DrillLayout l = layout_drill(d);
    check_layout(d, l);
    CHECK(l.layers == 12);
    CHECK(l.crossings == 0);
    for (const LayoutBox& b : l.boxes) CHECK(b.x == Approx(l.boxes[0].x).margin(kEps));
}

TEST_CASE("drill layout: box_at finds the box under a point, and nothing between boxes") {
    Drill d = make_drill({{1, 2}, {3}, {3}, {}}, {3});
    DrillLayout l = layout_drill(d);
    for (const LayoutBox& b : l.boxes) {
        CHECK(box_at(l, b.x + b.w / 2, b.y + b.h / 2) == b.node);
        CHECK(box_at(l, b.x + 1, b.y + 1) == b.node);
    }
    const LayoutBox& a = l.boxes[1];
    const LayoutBox& b = l.boxes[2];
    const LayoutBox& left = a.x < b.x ? a : b;
    CHECK(box_at(l, left.x + left.w + kLayoutNodeGap / 2, left.y + left.h / 2) == -1);  // the gap between them
    CHECK(box_at(l, -5, -5) == -1);
    CHECK(box_at(l, l.width + 10, l.height / 2) == -1);
    CHECK(box_at(DrillLayout{}, 0, 0) == -1);
}

TEST_CASE("drill layout: sizes from a custom measure are used, and layers clear the tallest box") {
    Drill d = make_drill({{1, 2, 3}, {4}, {4, 5}, {5}, {}, {}}, {4, 5});
    auto measure = [](const DrillNode& n) {
        int i = std::stoi(n.id.substr(1));
        return LayoutSize{120.f + 30.f * i, 40.f + 20.f * (i % 3)};
    };
    DrillLayout l = layout_drill(d, measure);
    check_layout(d, l);
    std::vector<float> tallest(l.layers, 0), top(l.layers, 0);
    for (const LayoutBox& b : l.boxes) {
        LayoutSize s = measure(d.nodes[b.node]);
        CHECK(b.w == s.w);
        CHECK(b.h == s.h);
        tallest[b.layer] = std::max(tallest[b.layer], b.h);
        top[b.layer] = b.y;
    }
    for (int k = 1; k < l.layers; ++k) CHECK(top[k] == Approx(top[k - 1] + tallest[k - 1] + kLayoutLayerGap).margin(kEps));
}

TEST_CASE("drill layout: unresolved choices draw nothing; self-loops and an ending's choice are drawn beside") {
    // 0 -> 1 and an unknown target; 1 -> 1 (a loop) and 2; 2 is an ending that (wrongly) has a choice to 1.
    Drill d = make_drill({{1, -1}, {1, 2}, {1}}, {2});
    DrillLayout l = layout_drill(d);
    check_layout(d, l);
    CHECK(l.edges.size() == 4);
    const LayoutEdge& loop = edge(l, 1, 1);
    CHECK(loop.back);
    CHECK(loop.points.front().x == Approx(l.boxes[1].x + l.boxes[1].w));
    CHECK(edge(l, 2, 1).back);
    CHECK(l.boxes[2].layer == l.layers - 1);
}

TEST_CASE("drill layout: an empty drill and a lone ending") {
    Drill empty;
    DrillLayout none = layout_drill(empty);
    CHECK(none.boxes.empty());
    CHECK(none.layers == 0);
    Drill lone = make_drill({{}}, {0});
    DrillLayout one = layout_drill(lone);
    check_layout(lone, one);
    CHECK(one.layers == 1);
    CHECK(one.width == kLayoutDefaultBox.w);
    CHECK(one.height == kLayoutDefaultBox.h);
}

TEST_CASE("drill layout: random drills with cycles and unreachable parts keep every rule") {
    std::mt19937 rng(13);
    for (int round = 0; round < 6; ++round) {
        const int n = 60 + 40 * round;
        std::vector<std::vector<int>> targets(n);
        std::set<int> endings;
        for (int i = 0; i < n; ++i) {
            if (i >= n - 4 || (i > 5 && rng() % 15 == 0)) {
                endings.insert(i);
                continue;
            }
            int choices = 2 + static_cast<int>(rng() % 3);
            for (int c = 0; c < choices; ++c) targets[i].push_back(std::min(n - 1, i + 1 + static_cast<int>(rng() % 8)));
            if (rng() % 6 == 0) targets[i].push_back(static_cast<int>(rng() % (i + 1)));  // back, or a loop
            if (rng() % 20 == 0) targets[i].push_back(-1);
        }
        for (int i = 1; i < n; ++i)  // cut a few nodes off from the start
            if (rng() % 25 == 0)
                for (auto& t : targets)
                    std::replace(t.begin(), t.end(), i, -1);
        Drill d = make_drill(targets, endings);
        INFO("round " << round << ", " << n << " nodes");
        DrillLayout l = layout_drill(d);
        check_layout(d, l);
        float right_of_reachable = 0;
        for (const LayoutBox& b : l.boxes)
            if (b.reachable) right_of_reachable = std::max(right_of_reachable, b.x + b.w);
        for (const LayoutBox& b : l.boxes)
            if (!b.reachable) CHECK(b.x > right_of_reachable);
    }
}
