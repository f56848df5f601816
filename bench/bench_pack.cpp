// Case-pack benchmark (issue 13): a library of 50 documents, each showing one ~100 KB PNG, exported
// as one pack, then imported into an empty user library (the whole check: manifest, hashes, lint
// with the images' data, then the atomic writes). Prints the median of R runs (default 3).
// usage: linli_bench_pack [--runs R]
#include <stb/stb_image_write.h>  // libstb (libstb-dev); linli_core links it
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "cases/catalog.h"
#include "content/library.h"
#include "core/pack.h"

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kDocuments = 50;
constexpr int kSide = 184;  // 184 x 184 RGB noise: ~100 KB, as PNG cannot compress noise

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void write_noise_png(const fs::path& file, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<unsigned char> pixels(size_t(kSide) * kSide * 3);
    for (unsigned char& p : pixels) p = static_cast<unsigned char>(rng());
    stbi_write_png(file.c_str(), kSide, kSide, 3, pixels.data(), kSide * 3);
}

// The library: case-NN.md with images/case-NN.png; returns the ids.
std::vector<std::string> make_library(const fs::path& dir) {
    fs::create_directories(dir / "images");
    std::vector<std::string> ids;
    for (int i = 0; i < kDocuments; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "bench-case-%02d", i);
        ids.push_back(id);
        write_noise_png(dir / "images" / (ids.back() + ".png"), unsigned(i));
        std::ofstream(dir / (ids.back() + ".md")) << "---\nid: " << id << "\nkind: case\ntitle: 案例 " << i
                                                   << "\nsummary: 基准测试用的案例。\nupdated: 2026-03-01\n---\n## 背景与经过\n\n居民议事会的第 " << i
                                                   << " 次会议。\n\n![现场](images/" << id << ".png)\n";
    }
    return ids;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 3;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[++i]));
    fs::path dir = fs::temp_directory_path() / ("linli-bench-pack-" + std::to_string(getpid()));
    std::vector<std::string> ids = make_library(dir / "src");
    Library lib = Library::load({dir / "src"});
    fs::path pack = dir / "bench.linlipack";

    std::vector<double> exports, imports;
    size_t written = 0;
    for (int r = 0; r < runs; ++r) {
        auto t0 = Clock::now();
        export_pack(lib, ids, PackInfo{"基准", "50 篇带图的案例", "bench", {}}, pack);
        exports.push_back(ms_since(t0));

        fs::path user = dir / ("user-" + std::to_string(r));  // empty each run
        Catalog local = Catalog::load({user}, false);
        auto t1 = Clock::now();
        PackPlan plan = plan_import(pack, local);
        if (!plan.ok()) {
            std::fprintf(stderr, "linli_bench_pack: the pack was refused: %s\n", plan.refusal.c_str());
            fs::remove_all(dir);
            return 1;
        }
        written = apply_import(plan, user, false).written.size();
        imports.push_back(ms_since(t1));
    }
    std::printf("pack: %d documents, %.1f MB of PNG, pack file %.1f MB; %zu files written per import\n", kDocuments,
                double(fs::file_size(dir / "src" / "images" / (ids[0] + ".png"))) * kDocuments / (1024.0 * 1024.0),
                double(fs::file_size(pack)) / (1024.0 * 1024.0), written);
    std::printf("pack export, %d documents with images: %.0f ms (target ≤ 1 s)\n", kDocuments, median(exports));
    std::printf("pack import, %d documents with images: %.0f ms (target ≤ 1 s)\n", kDocuments, median(imports));
    fs::remove_all(dir);
    return 0;
}
