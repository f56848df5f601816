// Sync benchmark: a shared file holding N events from 200 learners (N = 10,000, 100,000,
// 1,000,000), and a learner's device with 50 events of its own. Measures, each in a child process
// so its peak RSS is its own: the first sync (import everything, publish the union), and an
// incremental sync of 50 new events into the big file.
// usage: linli_bench_sync [--sizes 10000,100000,1000000]
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sync/shared_file.h"
#include "sync/syncer.h"

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

long peak_rss_kb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    return 0;
}

// A store holding n events of 200 learners (one device each), written out as a shared file.
void make_shared(const fs::path& dir, int64_t n, const fs::path& shared) {
    ProgressStore gen(dir / "gen" / "p.sqlite");
    db::Db& db = gen.db();
    db::Transaction tx(db);
    db.exec(R"(WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200)
               INSERT INTO learners(uuid) SELECT lower(hex(randomblob(16))) FROM k;
               WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200)
               INSERT INTO devices(uuid) SELECT lower(hex(randomblob(16))) FROM k;)");
    // Learner and device rows 2..201 (row 1 is the generator's own).
    int64_t per = (n + 199) / 200;
    db.prepare(R"(WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ?1 - 1)
                  INSERT INTO events SELECT i / ?2 + 2, i % ?2 + 1, i / ?2 + 2, (1800000000000 + i) << 16,
                      CASE i % 4 WHEN 0 THEN 'doc.opened' WHEN 1 THEN 'doc.position' WHEN 2 THEN 'drill.choice' ELSE 'doc.finished' END,
                      'pit-read-intentions-' || (i % 40),
                      CASE i % 4 WHEN 1 THEN '{"pos":0.5}' WHEN 2 THEN '{"drill":"drill-waste-room","step":1,"node":"start","choice":0}' ELSE '{}' END,
                      1800000000 + i FROM c)")
        .bind(1, n).bind(2, per).run();
    tx.commit();
    write_shared_image(gen, dir / "image.sqlite", "0123456789abcdef0123456789abcdef");
    fs::create_directories(shared.parent_path());
    fs::rename(dir / "image.sqlite", shared);
}

struct Result {
    double first_ms, incremental_ms;
    long rss_kb;
    size_t received, sent;
};

Result measure(const fs::path& dir, const fs::path& shared) {
    ProgressStore me(dir / "me" / "p.sqlite");
    for (int i = 0; i < 50; ++i) me.mark_opened("case-" + std::to_string(i), 1800000000 + i);
    auto t0 = Clock::now();
    SyncReport first = sync_shared(me, shared);
    double first_ms = ms_since(t0);
    for (int i = 0; i < 50; ++i) me.mark_opened("drill-" + std::to_string(i), 1800001000 + i);
    auto t1 = Clock::now();
    SyncReport inc = sync_shared(me, shared);
    double inc_ms = ms_since(t1);
    if (first.status != SyncReport::Ok || inc.status != SyncReport::Ok) {
        std::fprintf(stderr, "sync failed: %s %s\n", first.message.c_str(), inc.message.c_str());
        std::exit(1);
    }
    return {first_ms, inc_ms, peak_rss_kb(), first.received, inc.sent};
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int64_t> sizes = {10000, 100000, 1000000};
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--sizes") {
            sizes.clear();
            std::string s = argv[++i];
            for (size_t at = 0; at < s.size();) {
                size_t comma = s.find(',', at);
                sizes.push_back(std::atoll(s.substr(at, comma - at).c_str()));
                at = comma == std::string::npos ? s.size() : comma + 1;
            }
        }
    std::printf("| events in the shared file | file MB | first sync ms | incremental sync (50 new) ms | ms per 1,000 events (first) | peak RSS MB |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|\n");
    for (int64_t n : sizes) {
        fs::path dir = fs::temp_directory_path() / ("linli-bench-sync-" + std::to_string(getpid()) + "-" + std::to_string(n));
        fs::path shared = dir / "share" / "cohort.linli";
        make_shared(dir, n, shared);
        double mb = fs::file_size(shared) / 1048576.0;
        int pipefd[2];
        if (pipe(pipefd) != 0) return 1;
        pid_t pid = fork();
        if (pid == 0) {  // the device syncing: its own process, its own peak RSS
            close(pipefd[0]);
            Result r = measure(dir, shared);
            if (write(pipefd[1], &r, sizeof r) != sizeof r) _exit(1);
            _exit(0);
        }
        close(pipefd[1]);
        Result r{};
        bool ok = read(pipefd[0], &r, sizeof r) == sizeof r;
        close(pipefd[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        if (!ok || status != 0) return 1;
        std::printf("| %lld | %.1f | %.0f | %.0f | %.2f | %.1f |\n", static_cast<long long>(n), mb, r.first_ms, r.incremental_ms,
                    r.first_ms / (n / 1000.0), r.rss_kb / 1024.0);
        std::fflush(stdout);
        fs::remove_all(dir);
    }
    return 0;
}
