// A generated drill of N nodes, as Markdown (id bench-drill; its choices cite the guideline `g`,
// which the caller writes beside it): the drill and workshop benchmarks share it.
#pragma once
#include <algorithm>
#include <random>
#include <string>

namespace linli::bench {

// Layers of 10 nodes; each node offers 3 choices into the next two layers, with effects on four
// variables, flags, and conditions; the last layer is 10 endings.
inline std::string generate_drill(int nodes, unsigned seed) {
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

}  // namespace linli::bench
