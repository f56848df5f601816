// Saving one document into a large library (issue 13): the editor's save takes the file in
// alone (Catalog::reload_file) and the search index takes in that one document (its delta),
// instead of a load of the library. Prints both, and a full load of the same library beside them.
//   linli_bench_save [--documents N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "cases/catalog.h"
#include "content/search.h"

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

const char* const kWords[] = {"居民", "物业", "业委会", "议事", "社区", "志愿者", "活动", "空间", "合作", "信任", "骨干", "协商"};

std::string document(int i, std::mt19937& rng, const std::string& title) {
    std::string body;
    for (int p = 0; p < 6; ++p) {
        for (int w = 0; w < 60; ++w) body += kWords[rng() % std::size(kWords)];
        body += "。\n\n";
    }
    return "---\nid: doc-" + std::to_string(i) + "\nkind: case\ntitle: " + title + "\nsummary: 第" + std::to_string(i) +
           "篇。\nupdated: 2026-01-01\n---\n" + body + "见[上一篇](linli:doc-" + std::to_string(i > 0 ? i - 1 : 0) + ")。\n";
}

}  // namespace

int main(int argc, char** argv) {
    int n = 10000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--documents") n = std::max(2, std::atoi(argv[++i]));
    fs::path dir = fs::temp_directory_path() / ("linli-bench-save-" + std::to_string(std::random_device{}()));
    fs::path lib = dir / "lib", cache = dir / "cache";
    fs::create_directories(lib);
    std::mt19937 rng(7);
    for (int i = 0; i < n; ++i) std::ofstream(lib / ("doc-" + std::to_string(i) + ".md")) << document(i, rng, "案例 " + std::to_string(i));

    // As the window loads: through the cache, bodies on demand, drills checked later.
    Catalog::load({lib}, false, cache, true);  // the cache filled once, as by an earlier run
    auto t = Clock::now();
    Catalog c = Catalog::load({lib}, false, cache, true);
    const double full = ms_since(t);
    SearchIndex::cached(c.library, cache);  // the index the window keeps

    const int edited = n / 2;
    fs::path file = lib / ("doc-" + std::to_string(edited) + ".md");
    std::ofstream(file) << document(edited, rng, "改过的案例 " + std::to_string(edited));
    t = Clock::now();
    auto doc = c.reload_file(file, lib);
    const double alone = ms_since(t);
    if (!doc || c.library.documents()[size_t(*doc)].meta.title.rfind("改过的", 0) != 0) {
        std::fprintf(stderr, "bench: the saved document was not taken in\n");
        return 1;
    }
    t = Clock::now();
    auto index = SearchIndex::cached(c.library, cache);
    const double indexed = ms_since(t);
    const bool found = !index->search("改过的案例").empty();

    std::printf("save of one document into %d documents, taken in alone: %.1f ms; the search index's update: %.1f ms%s "
                "(a load of the library through its cache: %.0f ms)\n",
                n, alone, indexed, found ? "" : " (NOT FOUND by search)", full);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return found ? 0 : 1;
}
