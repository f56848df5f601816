// Writes a realistic cohort shared file (cohort_gen.h) on the bundled library's drills and documents.
// usage: linli_gen_cohort --out FILE [--learners N] [--attempts M] [--seed S] [--days D] [--start UNIX]
//                         [--docs K] [--source DIR] [--scratch DIR]
//   --source: the source tree whose content/ and cases/ are the bundled library (default: this build's)
//   --scratch: where the scratch store is made and removed again (default: beside FILE)
// The time printed is generate_cohort's alone (the library's load is not in it).
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

#include "cases/catalog.h"
#include "cohort_gen.h"

namespace fs = std::filesystem;
using namespace linli;

namespace {

const char* kUsage =
    "usage: linli_gen_cohort --out FILE [--learners N] [--attempts M] [--seed S] [--days D] [--start UNIX]\n"
    "                        [--docs K] [--source DIR] [--scratch DIR]\n";

bool to_int(const char* s, long long lo, long long hi, long long& out) {
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    out = v;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path source = LINLI_SOURCE_DIR, out, scratch;
    CohortSpec spec;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "linli_gen_cohort: %s needs a value\n%s", a.c_str(), kUsage);
            return 2;
        }
        const char* v = argv[++i];
        long long n = 0;
        auto number = [&](long long lo, long long hi) {
            if (to_int(v, lo, hi, n)) return true;
            std::fprintf(stderr, "linli_gen_cohort: %s needs an integer from %lld to %lld: %s\n", a.c_str(), lo, hi, v);
            return false;
        };
        if (a == "--out") out = v;
        else if (a == "--source") source = v;
        else if (a == "--scratch") scratch = v;
        else if (a == "--learners") { if (!number(0, 1000000)) return 2; spec.learners = int(n); }
        else if (a == "--attempts") { if (!number(0, 100000)) return 2; spec.attempts_per_learner = int(n); }
        else if (a == "--docs") { if (!number(0, 100000)) return 2; spec.docs_per_learner = int(n); }
        else if (a == "--seed") { if (!number(0, 4294967295LL)) return 2; spec.seed = uint32_t(n); }
        else if (a == "--days") { if (!number(1, 100000)) return 2; spec.days = int(n); }
        else if (a == "--start") { if (!number(0, 1LL << 40)) return 2; spec.start = n; }
        else {
            std::fprintf(stderr, "linli_gen_cohort: unknown option %s\n%s", a.c_str(), kUsage);
            return 2;
        }
    }
    if (out.empty()) {
        std::fprintf(stderr, "linli_gen_cohort: --out FILE is required\n%s", kUsage);
        return 2;
    }
    if (scratch.empty()) scratch = out.has_parent_path() ? out.parent_path() : fs::path(".");
    try {
        Catalog catalog = Catalog::load({source / "content", source / "cases"}, false);
        if (catalog.drills.empty()) {
            std::fprintf(stderr, "linli_gen_cohort: no drills under %s\n", source.c_str());
            return 1;
        }
        auto t0 = std::chrono::steady_clock::now();
        CohortStats st = generate_cohort(catalog, spec, out, scratch);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::printf("cohort: %d learners, %lld events, %d attempts in %.0f ms → %s\n", st.learners, (long long)st.events, st.attempts,
                    ms, out.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "linli_gen_cohort: %s\n", e.what());
        return 1;
    }
    return 0;
}
