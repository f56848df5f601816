// The drill graph's layered layout: cycles broken by a depth-first search, longest-path layers,
// dummy vertices for long edges, barycenter sweeps and neighbour swaps against crossings, then x by
// a few passes of "as near the median of the neighbours as the gaps allow" (an exact isotonic fit
// per layer), long edges aiming for one vertical run.
#include "cases/drill_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace linli {

namespace {

constexpr float kDummyBoxGap = 16;   // a long edge passing a box: clear of a back edge's side stub
constexpr float kDummyGap = 10;      // two long edges side by side
constexpr float kStub = 8;           // how far a back edge leaves a box's side before turning
constexpr int kOrderRounds = 4;      // down + up barycenter sweeps
constexpr int kTransposeRounds = 4;  // passes of neighbour swaps after the sweeps
constexpr int kPlacePasses = 8;      // median pulls, alternately from above and from below

struct Arc {
    int from = -1, to = -1, choice = -1;
};

// Neighbour lists in one array: items of v are items[start[v]] .. items[start[v + 1]].
struct Adjacency {
    std::vector<int> start, items;

    static Adjacency build(int vertices, const std::vector<std::pair<int, int>>& pairs) {
        Adjacency a;
        a.start.assign(vertices + 1, 0);
        for (const auto& p : pairs) ++a.start[p.first + 1];
        for (int v = 0; v < vertices; ++v) a.start[v + 1] += a.start[v];
        a.items.resize(pairs.size());
        std::vector<int> fill(a.start.begin(), a.start.end() - 1);
        for (const auto& p : pairs) a.items[fill[p.first]++] = p.second;
        return a;
    }
    const int* begin(int v) const { return items.data() + start[v]; }
    const int* end(int v) const { return items.data() + start[v + 1]; }
    int count(int v) const { return start[v + 1] - start[v]; }
};

std::vector<Arc> collect_arcs(const Drill& drill) {
    const int n = static_cast<int>(drill.nodes.size());
    std::vector<Arc> arcs;
    for (int u = 0; u < n; ++u) {
        const auto& choices = drill.nodes[u].choices;
        for (int c = 0; c < static_cast<int>(choices.size()); ++c) {
            int t = choices[c].target_index;
            if (t >= 0 && t < n) arcs.push_back({u, t, c});  // unresolved choices draw nothing
        }
    }
    return arcs;
}

// --- Cycles and reachability ------------------------------------------------------------------

struct Traversal {
    std::vector<char> reachable;  // per node
    std::vector<char> back;       // per arc: its target was on the search's stack (a cycle closes)
};

// Iterative depth-first search from `root`, marking back arcs; `color`: 0 new, 1 on stack, 2 done.
void depth_first(int root, const Adjacency& out_arcs, const std::vector<Arc>& arcs, std::vector<char>& color,
                 std::vector<char>& back) {
    std::vector<std::pair<int, int>> stack{{root, out_arcs.start[root]}};
    color[root] = 1;
    while (!stack.empty()) {
        auto& [u, next] = stack.back();
        if (next == out_arcs.start[u + 1]) {
            color[u] = 2;
            stack.pop_back();
            continue;
        }
        int a = out_arcs.items[next++];
        int v = arcs[a].to;
        if (color[v] == 1) back[a] = 1;
        else if (color[v] == 0) {
            color[v] = 1;
            stack.emplace_back(v, out_arcs.start[v]);
        }
    }
}

Traversal traverse(int n, const std::vector<Arc>& arcs, const Adjacency& out_arcs) {
    Traversal t;
    t.back.assign(arcs.size(), 0);
    std::vector<char> color(n, 0);
    depth_first(0, out_arcs, arcs, color, t.back);
    t.reachable.resize(n);
    for (int v = 0; v < n; ++v) t.reachable[v] = color[v] != 0;
    // The rest is searched from its own sources first (nodes nothing unreached leads to), so each
    // unreachable part hangs from its natural top; what is left is on unreachable cycles.
    std::vector<int> unreached_in(n, 0);
    for (const Arc& a : arcs)
        if (!t.reachable[a.from] && a.from != a.to) ++unreached_in[a.to];
    for (int v = 0; v < n; ++v)
        if (color[v] == 0 && unreached_in[v] == 0) depth_first(v, out_arcs, arcs, color, t.back);
    for (int v = 0; v < n; ++v)
        if (color[v] == 0) depth_first(v, out_arcs, arcs, color, t.back);
    return t;
}

// --- Layers -----------------------------------------------------------------------------------

// Longest path over the arcs that point forward within one part (reachable or not); the reversed
// back arcs add nothing, their tree path already orders the two ends. Then every ending goes to the
// bottom layer; the start stays on top whatever it is.
std::vector<int> assign_layers(const Drill& drill, const std::vector<Arc>& arcs, const Traversal& t) {
    const int n = static_cast<int>(drill.nodes.size());
    std::vector<std::pair<int, int>> forward;
    for (size_t a = 0; a < arcs.size(); ++a) {
        const Arc& arc = arcs[a];
        if (t.back[a] || arc.from == arc.to || drill.nodes[arc.from].is_ending()) continue;
        if (t.reachable[arc.from] != t.reachable[arc.to]) continue;
        forward.emplace_back(arc.from, arc.to);
    }
    Adjacency next = Adjacency::build(n, forward);
    std::vector<int> indegree(n, 0), layer(n, 0), queue;
    for (const auto& f : forward) ++indegree[f.second];
    for (int v = 0; v < n; ++v)
        if (indegree[v] == 0) queue.push_back(v);
    for (size_t i = 0; i < queue.size(); ++i) {
        int u = queue[i];
        for (const int* v = next.begin(u); v != next.end(u); ++v) {
            layer[*v] = std::max(layer[*v], layer[u] + 1);
            if (--indegree[*v] == 0) queue.push_back(*v);
        }
    }
    int deepest = -1;
    for (int v = 0; v < n; ++v)
        if (!drill.nodes[v].is_ending()) deepest = std::max(deepest, layer[v]);
    for (int v = 0; v < n; ++v)
        if (drill.nodes[v].is_ending()) layer[v] = deepest + 1;
    layer[0] = 0;
    return layer;
}

// --- The layered graph: boxes plus one dummy vertex per layer a long edge crosses -------------

struct Vertex {
    int layer = 0;
    int group = 0;  // 0: reachable from the start, 1: not (laid out to the right)
    float w = 0, h = 0;
    bool dummy = false;
    int arc = -1;  // a dummy's edge
};

struct LayeredGraph {
    std::vector<Vertex> vertices;            // nodes first (vertex = node index), then dummies
    std::vector<std::vector<int>> order;     // per layer, left to right
    std::vector<int> pos;                    // per vertex: its index in its layer's order
    Adjacency up, down;                      // neighbours on the layer above / below
    std::vector<int> dummy_begin;            // per arc: its first dummy, top to bottom
    std::vector<double> x;                   // per vertex: centre
    std::vector<double> line_x;              // per arc: where its dummies would stand in one line

    int layer_count() const { return static_cast<int>(order.size()); }
    int dummies_of(const Arc& arc) const { return std::max(0, std::abs(vertices[arc.to].layer - vertices[arc.from].layer) - 1); }
};

LayeredGraph build_layered(const Drill& drill, const std::vector<Arc>& arcs, const Traversal& t,
                           const std::vector<int>& layer, const std::function<LayoutSize(const DrillNode&)>& measure) {
    const int n = static_cast<int>(drill.nodes.size());
    LayeredGraph g;
    for (int v = 0; v < n; ++v) {
        LayoutSize s = measure ? measure(drill.nodes[v]) : kLayoutDefaultBox;
        g.vertices.push_back({layer[v], t.reachable[v] ? 0 : 1, std::max(0.f, s.w), std::max(0.f, s.h), false});
    }
    std::vector<std::pair<int, int>> segments;  // (upper, lower)
    g.dummy_begin.resize(arcs.size());
    for (size_t a = 0; a < arcs.size(); ++a) {
        const Arc& arc = arcs[a];
        int top = arc.from, bottom = arc.to;
        if (layer[top] > layer[bottom]) std::swap(top, bottom);
        g.dummy_begin[a] = static_cast<int>(g.vertices.size());
        if (layer[top] == layer[bottom]) continue;  // a self-loop or a flat edge: routed beside the layer
        int above = top;
        for (int k = layer[top] + 1; k < layer[bottom]; ++k) {
            int d = static_cast<int>(g.vertices.size());
            g.vertices.push_back({k, g.vertices[arc.from].group, 0, 0, true, static_cast<int>(a)});
            segments.emplace_back(above, d);
            above = d;
        }
        segments.emplace_back(above, bottom);
    }
    const int count = static_cast<int>(g.vertices.size());
    int layers = 0;
    for (int v = 0; v < n; ++v) layers = std::max(layers, layer[v] + 1);
    g.order.assign(layers, {});
    for (int v = 0; v < count; ++v) g.order[g.vertices[v].layer].push_back(v);
    g.pos.resize(count);
    for (auto& row : g.order) {
        std::stable_sort(row.begin(), row.end(), [&](int a, int b) { return g.vertices[a].group < g.vertices[b].group; });
        for (int i = 0; i < static_cast<int>(row.size()); ++i) g.pos[row[i]] = i;
    }
    g.down = Adjacency::build(count, segments);
    for (auto& s : segments) std::swap(s.first, s.second);
    g.up = Adjacency::build(count, segments);
    return g;
}

// --- Crossing reduction -------------------------------------------------------------------------

// Crossings between layers k and k + 1: inversions of the lower ends, read in upper order
// (a Fenwick tree over the lower layer's positions).
long long crossings_below(const LayeredGraph& g, int k, std::vector<int>& tree, std::vector<int>& lows) {
    const int m = static_cast<int>(g.order[k + 1].size());
    tree.assign(m + 1, 0);
    long long crossings = 0;
    int inserted = 0;
    for (int u : g.order[k]) {
        lows.clear();
        for (const int* v = g.down.begin(u); v != g.down.end(u); ++v) lows.push_back(g.pos[*v]);
        std::sort(lows.begin(), lows.end());
        for (int p : lows) {
            int not_greater = 0;
            for (int i = p + 1; i > 0; i -= i & -i) not_greater += tree[i];
            crossings += inserted - not_greater;
            for (int i = p + 1; i <= m; i += i & -i) ++tree[i];
            ++inserted;
        }
    }
    return crossings;
}

long long count_crossings(const LayeredGraph& g) {
    std::vector<int> tree, lows;
    long long total = 0;
    for (int k = 0; k + 1 < g.layer_count(); ++k) total += crossings_below(g, k, tree, lows);
    return total;
}

// Reorders layer k by the mean position of each vertex's neighbours on the reference layer
// (`from_above`: the layer above). A vertex without such neighbours keeps its relative place.
void sort_by_barycenter(LayeredGraph& g, int k, bool from_above, std::vector<double>& key) {
    auto& row = g.order[k];
    const Adjacency& adj = from_above ? g.up : g.down;
    const double ref_size = static_cast<double>(g.order[from_above ? k - 1 : k + 1].size());
    for (int v : row) {
        if (adj.count(v) == 0) {
            key[v] = (g.pos[v] + 0.5) / static_cast<double>(row.size());
            continue;
        }
        double sum = 0;
        for (const int* u = adj.begin(v); u != adj.end(v); ++u) sum += g.pos[*u] + 0.5;
        key[v] = sum / adj.count(v) / ref_size;
    }
    std::stable_sort(row.begin(), row.end(), [&](int a, int b) {
        if (g.vertices[a].group != g.vertices[b].group) return g.vertices[a].group < g.vertices[b].group;
        return key[a] < key[b];
    });
    for (int i = 0; i < static_cast<int>(row.size()); ++i) g.pos[row[i]] = i;
}

// Crossings between the edges of u and those of w (on both sides) with u left of w.
long long pair_crossings(const LayeredGraph& g, int u, int w) {
    long long c = 0;
    for (const Adjacency* adj : {&g.up, &g.down})
        for (const int* a = adj->begin(u); a != adj->end(u); ++a)
            for (const int* b = adj->begin(w); b != adj->end(w); ++b) c += g.pos[*a] > g.pos[*b];
    return c;
}

// Swaps neighbours of a layer while that removes crossings (Gansner et al.'s "transpose"): it
// settles what the averages leave tied or nearly so.
void transpose(LayeredGraph& g) {
    for (int round = 0; round < kTransposeRounds; ++round) {
        bool improved = false;
        for (auto& row : g.order)
            for (size_t i = 0; i + 1 < row.size(); ++i) {
                int u = row[i], w = row[i + 1];
                if (g.vertices[u].group != g.vertices[w].group) continue;
                if (pair_crossings(g, w, u) < pair_crossings(g, u, w)) {
                    std::swap(row[i], row[i + 1]);
                    g.pos[u] = static_cast<int>(i + 1);
                    g.pos[w] = static_cast<int>(i);
                    improved = true;
                }
            }
        if (!improved) break;
    }
}

long long reduce_crossings(LayeredGraph& g) {
    std::vector<double> key(g.vertices.size(), 0);
    long long best = count_crossings(g);
    auto best_order = g.order;
    for (int round = 0; round < kOrderRounds && best > 0; ++round) {
        for (int pass = 0; pass < 2 && best > 0; ++pass) {
            bool down = pass == 0;
            if (down)
                for (int k = 1; k < g.layer_count(); ++k) sort_by_barycenter(g, k, true, key);
            else
                for (int k = g.layer_count() - 2; k >= 0; --k) sort_by_barycenter(g, k, false, key);
            long long c = count_crossings(g);
            if (c < best) {
                best = c;
                best_order = g.order;
            }
        }
    }
    g.order = std::move(best_order);
    for (auto& row : g.order)
        for (int i = 0; i < static_cast<int>(row.size()); ++i) g.pos[row[i]] = i;
    if (best == 0) return 0;
    transpose(g);  // each swap removes crossings, so the best order only gets better
    return count_crossings(g);
}

// --- Horizontal placement ---------------------------------------------------------------------

// The least distance between the centres of two neighbours in a layer.
double separation(const Vertex& a, const Vertex& b) {
    float gap = a.dummy && b.dummy ? kDummyGap : (a.dummy || b.dummy ? kDummyBoxGap : kLayoutNodeGap);
    return (a.w + b.w) / 2.0 + gap;
}

// Places row[first, last) as near `want` as possible (weighted least squares) with every
// separation kept: with y_i = x_i - offset_i the gaps become "y does not decrease", which the
// pool-adjacent-violators algorithm solves exactly in linear time.
void place_row(LayeredGraph& g, const std::vector<int>& row, int first, int last, const std::vector<double>& want,
               const std::vector<double>& weight) {
    struct Pool {
        double weight, weighted_sum;
        int count;
        double mean() const { return weighted_sum / weight; }
    };
    std::vector<double> offset(last - first, 0);
    for (int i = first + 1; i < last; ++i)
        offset[i - first] = offset[i - 1 - first] + separation(g.vertices[row[i - 1]], g.vertices[row[i]]);
    std::vector<Pool> pools;
    for (int i = first; i < last; ++i) {
        pools.push_back({weight[i], weight[i] * (want[i] - offset[i - first]), 1});
        while (pools.size() > 1 && pools[pools.size() - 2].mean() > pools.back().mean()) {
            Pool top = pools.back();
            pools.pop_back();
            pools.back().weight += top.weight;
            pools.back().weighted_sum += top.weighted_sum;
            pools.back().count += top.count;
        }
    }
    int i = first;
    for (const Pool& p : pools)
        for (int c = 0; c < p.count; ++c, ++i) g.x[row[i]] = p.mean() + offset[i - first];
    for (int j = first + 1; j < last; ++j)  // rounding must never eat into a gap
        g.x[row[j]] = std::max(g.x[row[j]], g.x[row[j - 1]] + separation(g.vertices[row[j - 1]], g.vertices[row[j]]));
}

// The median x of v's neighbours in its own part, on the layers the pass looks at; false if none.
bool median_of_neighbours(const LayeredGraph& g, int v, bool above, bool below, std::vector<double>& xs, double& median) {
    xs.clear();
    auto gather = [&](const Adjacency& adj) {
        for (const int* u = adj.begin(v); u != adj.end(v); ++u)
            if (g.vertices[*u].group == g.vertices[v].group) xs.push_back(g.x[*u]);
    };
    if (above) gather(g.up);
    if (below) gather(g.down);
    if (xs.empty()) return false;
    std::sort(xs.begin(), xs.end());
    size_t mid = xs.size() / 2;
    median = xs.size() % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
    return true;
}

void pull_layer(LayeredGraph& g, int k, bool above, bool below, std::vector<double>& want, std::vector<double>& weight,
                std::vector<double>& xs) {
    const auto& row = g.order[k];
    const int size = static_cast<int>(row.size());
    want.resize(size);
    weight.resize(size);
    for (int i = 0; i < size; ++i) {
        int v = row[i];
        double median = 0;
        if (g.vertices[v].dummy) {
            want[i] = g.line_x[g.vertices[v].arc];
            weight[i] = 4.0;  // long edges run straight before boxes centre
        } else if (median_of_neighbours(g, v, above, below, xs, median)) {
            want[i] = median;
            weight[i] = 1.0;
        } else {
            want[i] = g.x[v];
            weight[i] = 0.25;  // nothing pulls it: stay roughly put
        }
    }
    int split = 0;  // the row holds the reachable part, then the rest: each placed on its own
    while (split < size && g.vertices[row[split]].group == 0) ++split;
    if (split > 0) place_row(g, row, 0, split, want, weight);
    if (split < size) place_row(g, row, split, size, want, weight);
}

void pack_layers(LayeredGraph& g) {
    g.x.assign(g.vertices.size(), 0);
    for (const auto& row : g.order) {
        // Each part of the row starts centred on 0; the passes then pull it into shape.
        for (int group = 0; group < 2; ++group) {
            double at = 0;
            int prev = -1, first = -1;
            for (int v : row) {
                if (g.vertices[v].group != group) continue;
                if (prev >= 0) at += separation(g.vertices[prev], g.vertices[v]);
                else first = v;
                g.x[v] = at;
                prev = v;
            }
            if (first < 0) continue;
            double half = (g.x[prev] - g.x[first]) / 2;
            for (int v : row)
                if (g.vertices[v].group == group) g.x[v] -= half;
        }
    }
}

// The unreachable part moves right of everything reachable.
void separate_groups(LayeredGraph& g) {
    double right0 = -std::numeric_limits<double>::infinity(), left1 = std::numeric_limits<double>::infinity();
    for (size_t v = 0; v < g.vertices.size(); ++v) {
        const Vertex& vx = g.vertices[v];
        if (vx.group == 0) right0 = std::max(right0, g.x[v] + vx.w / 2);
        else left1 = std::min(left1, g.x[v] - vx.w / 2);
    }
    if (!std::isfinite(right0) || !std::isfinite(left1)) return;
    double shift = right0 + kLayoutGroupGap - left1;
    for (size_t v = 0; v < g.vertices.size(); ++v)
        if (g.vertices[v].group == 1) g.x[v] += shift;
}

// A long edge reads best as one vertical run between its ends: its dummies all aim for the mean
// of where they and its two boxes (those in the same part) are now.
void aim_long_edges(LayeredGraph& g, const std::vector<Arc>& arcs) {
    g.line_x.assign(arcs.size(), 0);
    for (size_t a = 0; a < arcs.size(); ++a) {
        int dummies = g.dummies_of(arcs[a]);
        if (dummies == 0) continue;
        int group = g.vertices[g.dummy_begin[a]].group;
        double sum = 0;
        int count = 0;
        for (int v : {arcs[a].from, arcs[a].to})
            if (g.vertices[v].group == group) sum += g.x[v], ++count;
        for (int d = g.dummy_begin[a]; d < g.dummy_begin[a] + dummies; ++d) sum += g.x[d], ++count;
        g.line_x[a] = sum / count;
    }
}

void assign_x(LayeredGraph& g, const std::vector<Arc>& arcs) {
    pack_layers(g);
    std::vector<double> want, weight, xs;
    for (int pass = 0; pass < kPlacePasses; ++pass) {
        aim_long_edges(g, arcs);
        if (pass % 2 == 0)
            for (int k = 1; k < g.layer_count(); ++k) pull_layer(g, k, true, false, want, weight, xs);
        else
            for (int k = g.layer_count() - 2; k >= 0; --k) pull_layer(g, k, false, true, want, weight, xs);
    }
    aim_long_edges(g, arcs);
    for (int k = 0; k < g.layer_count(); ++k) pull_layer(g, k, true, true, want, weight, xs);  // settle between both
    separate_groups(g);
}

// --- Edges as polylines -----------------------------------------------------------------------

struct Bands {
    std::vector<float> top, height;  // per layer
    float bottom(int k) const { return top[k] + height[k]; }
};

Bands layer_bands(const LayeredGraph& g) {
    Bands b;
    b.top.assign(g.layer_count(), 0);
    b.height.assign(g.layer_count(), 0);
    for (const Vertex& v : g.vertices) b.height[v.layer] = std::max(b.height[v.layer], v.h);
    for (int k = 1; k < g.layer_count(); ++k) b.top[k] = b.bottom(k - 1) + kLayoutLayerGap;
    return b;
}

float centre_x(const LayoutBox& b) { return b.x + b.w / 2; }
float middle_y(const LayoutBox& b) { return b.y + b.h / 2; }

// Through one dummy: down the gap its layer leaves between boxes.
void pass_dummy(std::vector<LayoutPoint>& pts, float x, const Bands& bands, int k, bool downward) {
    float first = downward ? bands.top[k] : bands.bottom(k), second = downward ? bands.bottom(k) : bands.top[k];
    pts.push_back({x, first});
    if (second != first) pts.push_back({x, second});
}

void route_down(LayoutEdge& e, const LayoutBox& from, const LayoutBox& to, const LayeredGraph& g, int dummy0, int dummies,
                const Bands& bands) {
    float cx = centre_x(from);
    e.points.push_back({cx, from.y + from.h});
    if (from.h < bands.height[from.layer]) e.points.push_back({cx, bands.bottom(from.layer)});  // clear of taller neighbours
    for (int i = 0; i < dummies; ++i) pass_dummy(e.points, static_cast<float>(g.x[dummy0 + i]), bands, from.layer + 1 + i, true);
    e.points.push_back({centre_x(to), to.y});
}

// Leaves (or enters) a box by one side: the point on the border and the stub just outside it.
std::pair<LayoutPoint, LayoutPoint> side_port(const LayoutBox& b, bool right) {
    float side = right ? b.x + b.w : b.x;
    float stub = right ? side + kStub : side - kStub;
    return {{side, middle_y(b)}, {stub, middle_y(b)}};
}

bool faces_right(const LayoutBox& b, float toward_x) { return toward_x >= centre_x(b); }

void route_up(LayoutEdge& e, const LayoutBox& from, const LayoutBox& to, const LayeredGraph& g, int dummy0, int dummies,
              const Bands& bands) {
    // Dummies run top to bottom (to's layer + 1 ... from's layer - 1): walked here from the bottom.
    // Each end uses the side facing its nearest dummy; with none, both ends use one side, so the
    // edge climbs beside the two boxes instead of crossing between them.
    bool out_right = faces_right(from, dummies ? static_cast<float>(g.x[dummy0 + dummies - 1]) : centre_x(to));
    bool in_right = dummies ? faces_right(to, static_cast<float>(g.x[dummy0])) : out_right;
    auto [out, out_stub] = side_port(from, out_right);
    auto [in, in_stub] = side_port(to, in_right);
    e.points.push_back(out);
    e.points.push_back(out_stub);
    e.points.push_back({out_stub.x, bands.top[from.layer]});
    for (int i = dummies - 1; i >= 0; --i) pass_dummy(e.points, static_cast<float>(g.x[dummy0 + i]), bands, to.layer + 1 + i, false);
    e.points.push_back({in_stub.x, bands.bottom(to.layer)});
    e.points.push_back(in_stub);
    e.points.push_back(in);
}

// Two boxes of one layer: over the top, through the gap above the layer.
void route_flat(LayoutEdge& e, const LayoutBox& from, const LayoutBox& to, const Bands& bands) {
    float over = bands.top[from.layer] - kLayoutLayerGap / 2;
    auto [out, out_stub] = side_port(from, faces_right(from, centre_x(to)));
    auto [in, in_stub] = side_port(to, faces_right(to, centre_x(from)));
    e.points = {out, out_stub, {out_stub.x, over}, {in_stub.x, over}, in_stub, in};
}

void route_self(LayoutEdge& e, const LayoutBox& b) {
    float side = b.x + b.w, loop = side + kStub * 1.5f;
    float y1 = b.y + b.h / 3, y2 = b.y + b.h * 2 / 3;
    e.points = {{side, y1}, {loop, y1}, {loop, y2}, {side, y2}};
}

LayoutEdge route(const Arc& arc, const std::vector<LayoutBox>& boxes, const LayeredGraph& g, int dummy0, const Bands& bands) {
    LayoutEdge e{arc.from, arc.to, arc.choice, false, {}};
    const LayoutBox& from = boxes[arc.from];
    const LayoutBox& to = boxes[arc.to];
    int dummies = g.dummies_of(arc);
    e.back = to.layer <= from.layer;
    if (arc.from == arc.to) route_self(e, from);
    else if (to.layer > from.layer) route_down(e, from, to, g, dummy0, dummies, bands);
    else if (to.layer < from.layer) route_up(e, from, to, g, dummy0, dummies, bands);
    else route_flat(e, from, to, bands);
    return e;
}

// Moves everything so the drawing starts at (0, 0) and sets its size.
void normalise(DrillLayout& out) {
    float min_x = std::numeric_limits<float>::infinity(), min_y = min_x;
    float max_x = -min_x, max_y = -min_x;
    auto extend = [&](float x0, float y0, float x1, float y1) {
        min_x = std::min(min_x, x0), min_y = std::min(min_y, y0);
        max_x = std::max(max_x, x1), max_y = std::max(max_y, y1);
    };
    for (const LayoutBox& b : out.boxes) extend(b.x, b.y, b.x + b.w, b.y + b.h);
    for (const LayoutEdge& e : out.edges)
        for (const LayoutPoint& p : e.points) extend(p.x, p.y, p.x, p.y);
    for (LayoutBox& b : out.boxes) b.x -= min_x, b.y -= min_y;
    for (LayoutEdge& e : out.edges)
        for (LayoutPoint& p : e.points) p.x -= min_x, p.y -= min_y;
    out.width = max_x - min_x;
    out.height = max_y - min_y;
}

}  // namespace

DrillLayout layout_drill(const Drill& drill, const std::function<LayoutSize(const DrillNode&)>& measure) {
    DrillLayout out;
    const int n = static_cast<int>(drill.nodes.size());
    if (n == 0) return out;
    std::vector<Arc> arcs = collect_arcs(drill);
    std::vector<std::pair<int, int>> arc_of_node;
    for (size_t a = 0; a < arcs.size(); ++a) arc_of_node.emplace_back(arcs[a].from, static_cast<int>(a));
    Traversal t = traverse(n, arcs, Adjacency::build(n, arc_of_node));
    std::vector<int> layer = assign_layers(drill, arcs, t);
    LayeredGraph g = build_layered(drill, arcs, t, layer, measure);
    out.crossings = static_cast<int>(std::min<long long>(reduce_crossings(g), std::numeric_limits<int>::max()));
    assign_x(g, arcs);
    Bands bands = layer_bands(g);
    out.layers = g.layer_count();
    out.boxes.resize(n);
    for (int v = 0; v < n; ++v) {
        const Vertex& vx = g.vertices[v];
        out.boxes[v] = {v, vx.layer, static_cast<float>(g.x[v] - vx.w / 2.0), bands.top[vx.layer], vx.w, vx.h, t.reachable[v] != 0};
    }
    out.edges.reserve(arcs.size());
    for (size_t a = 0; a < arcs.size(); ++a) out.edges.push_back(route(arcs[a], out.boxes, g, g.dummy_begin[a], bands));
    normalise(out);
    return out;
}

int box_at(const DrillLayout& layout, float x, float y) {
    for (const LayoutBox& b : layout.boxes)
        if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return b.node;
    return -1;
}

}  // namespace linli
