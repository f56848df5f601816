// Writes the documents the authoring benchmark opens in the editor (bench/authoring_section.sh):
// a 2,000-line guideline of Chinese paragraphs (long-guide), a 100-node drill (bench-drill, the
// drill benchmark's generator) and the guideline its choices cite (g).
// usage: linli_gen_authoring --out DIR [--lines N] [--nodes N]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "generated_drill.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    fs::path out;
    int lines = 2000, nodes = 100;
    for (int i = 1; i + 1 < argc; ++i) {
        std::string a = argv[i];
        if (a == "--out") out = argv[++i];
        else if (a == "--lines") lines = std::max(10, std::atoi(argv[++i]));
        else if (a == "--nodes") nodes = std::max(20, std::atoi(argv[++i]));
    }
    if (out.empty()) {
        std::fprintf(stderr, "usage: linli_gen_authoring --out DIR [--lines N] [--nodes N]\n");
        return 2;
    }
    fs::create_directories(out);
    std::ofstream(out / "g.md") << "---\nid: g\nkind: guideline\ntitle: 指南\nsummary: s\n---\n# 指南\n\n正文\n";
    std::ofstream(out / "bench-drill.md") << linli::bench::generate_drill(nodes, 7);
    // Paragraphs of different lengths (a long one wraps over several visual lines), headings and
    // lists, as a real guideline has them.
    std::ofstream doc(out / "long-guide.md");
    doc << "---\nid: long-guide\nkind: guideline\ntitle: 很长的指南\nsummary: 编辑器基准用的长文档。\n---\n# 很长的指南\n\n";
    const char* sentence = "居委会在开议事会之前，先把各方的诉求逐一听清楚，再把分歧写在白板上，请大家一起看哪些是事实、哪些是担心。";
    for (int i = 8; i < lines; ++i) {
        if (i % 40 == 0) doc << "## 第" << i / 40 << "部分\n";
        else if (i % 7 == 0) doc << "- 要点 " << i << "：先听再说。\n";
        else if (i % 3 == 0) doc << "\n";
        else {
            for (int k = 0; k <= i % 4; ++k) doc << sentence;
            doc << "\n";
        }
    }
    return 0;
}
