// The drill graph's automatic layout (issue 13), headless: the window draws it with ImGui draw
// lists. Layered (Sugiyama-style): the start on the top layer, each node on the layer of its longest
// path from the start (edges that close a cycle, found by a depth-first search from the start, are
// reversed for that), every ending on the bottom layer; long edges pass between the boxes of the
// layers they cross; crossings are reduced by barycenter sweeps; nodes that no play reaches are laid
// out from themselves, to the right of the rest. Units are the caller's (pixels at 100 %): the
// window pans and zooms by transforming these coordinates.
#pragma once
#include <functional>
#include <vector>

#include "cases/drill.h"

namespace linli {

struct LayoutSize {
    float w = 0, h = 0;
};

struct LayoutPoint {
    float x = 0, y = 0;
};

// x, y: the top-left corner. Boxes of a layer share their top (so no box is above the start).
struct LayoutBox {
    int node = -1;
    int layer = 0;
    float x = 0, y = 0, w = 0, h = 0;
    bool reachable = true;  // some play from the start reaches the node
};

// One choice with a resolved target, as a polyline. A downward edge runs from the bottom centre of
// `from` to the top centre of `to`, passing between boxes. A `back` edge (one closing a cycle, or any
// other the layers could not point down: a self-loop, a choice out of an ending, one from an
// unreachable node into the main graph) leaves `from` by its side and comes in by the side of `to`.
struct LayoutEdge {
    int from = -1, to = -1;  // node indexes
    int choice = -1;         // index in from's choices
    bool back = false;
    std::vector<LayoutPoint> points;  // at least two; the first on from's border, the last on to's
};

struct DrillLayout {
    std::vector<LayoutBox> boxes;  // index = node index
    std::vector<LayoutEdge> edges;
    float width = 0, height = 0;  // every box and edge point lies in [0, width] x [0, height]
    int layers = 0;
    int crossings = 0;  // between the straight segments of adjacent layers, after the sweeps
};

// Spacing, in the same units as the measured sizes (pixels at 100 %).
constexpr float kLayoutNodeGap = 24;   // between two boxes of a layer, at least
constexpr float kLayoutLayerGap = 56;  // between the tallest box of a layer and the next layer
constexpr float kLayoutGroupGap = 96;  // between the reachable graph and the unreachable nodes
constexpr LayoutSize kLayoutDefaultBox{200, 56};

// `measure` gives each node's box (the window measures the title with its font); none: 200 x 56.
// Near-linear in nodes + edges + the layers long edges cross (one dummy point each): about 1 ms for
// 100 nodes, about 0.2 s for 1,000 (bench/bench_layout.cpp).
DrillLayout layout_drill(const Drill& drill, const std::function<LayoutSize(const DrillNode&)>& measure = {});

// The node whose box contains the point (borders included), or -1: a linear scan, for clicks.
int box_at(const DrillLayout& layout, float x, float y);

}  // namespace linli
