// Progress-store benchmark (owns the per-event figures of the store itself):
//  - import: a shared file of N events (default 100,000) of the measuring store's own learner,
//    from 4 other devices, imported with SharedSnapshot::import_into. Own-learner events are the
//    expensive ones: each is applied to the derived state. Only the import is timed (the copy,
//    checksum and validation of the file are bench_sync's). Median of --runs fresh stores. The
//    same file imported into a store of another learner shows what the derived state costs.
//  - record(): --records events written the way the window writes them, one call (and one
//    transaction) each: mark_opened, save_position, record_choice, set_setting in turn; and the
//    same calls nested in transactions of 1,000, which leaves record()'s own cost.
// usage: linli_bench_store [--events 100000] [--records 20000] [--runs 3] [--batch 1000]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sync/shared_file.h"

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

// Wall time and this thread's CPU time (user + system): on a busy machine the wall figure measures
// the scheduler too, the CPU figure only the store's work.
struct Stopwatch {
    Clock::time_point wall = Clock::now();
    double cpu = cpu_us();
    static double cpu_us() {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e6 + double(t.tv_nsec) / 1e3;
    }
};
struct Figure {
    std::vector<double> wall, cpu;  // µs per event, one per run
    void add(const Stopwatch& w, int64_t n) {
        wall.push_back(std::chrono::duration<double, std::micro>(Clock::now() - w.wall).count() / double(n));
        cpu.push_back((Stopwatch::cpu_us() - w.cpu) / double(n));
    }
};

// A shared file of n events of `gen`'s learner from 4 other devices (seq 1.. each), in the mix the
// window writes, per 16 events: 3 documents opened, each with the reading position saved on
// leaving it, one finished; a drill attempt started, 6 choices, finished; a setting.
void make_shared(ProgressStore& gen, int64_t n, const fs::path& shared) {
    db::Db& db = gen.db();
    db::Transaction tx(db);
    db.exec(R"(WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 4)
               INSERT INTO devices(uuid) SELECT lower(hex(randomblob(16))) FROM k;)");
    int64_t per = (n + 3) / 4;
    // Device rows 2..5 (row 1 is the generator's own); learner row 1 is the generator's learner.
    db.prepare(R"(WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ?1 - 1)
                  INSERT INTO events SELECT i / ?2 + 2, i % ?2 + 1, 1, (1800000000000 + i) << 16,
                      CASE WHEN i % 16 < 6 THEN (CASE i % 2 WHEN 0 THEN 'doc.opened' ELSE 'doc.position' END)
                           WHEN i % 16 = 6 THEN 'doc.finished' WHEN i % 16 = 7 THEN 'drill.started'
                           WHEN i % 16 < 14 THEN 'drill.choice' WHEN i % 16 = 14 THEN 'drill.finished' ELSE 'setting' END,
                      CASE WHEN i % 16 < 7 THEN 'pit-read-intentions-' || ((i / 16 * 3 + i % 16 / 2) % 400)
                           WHEN i % 16 < 15 THEN printf('%032x', i / 16)
                           ELSE 'ui.key-' || (i / 16 % 20) END,
                      CASE WHEN i % 16 < 6 AND i % 2 = 1 THEN '{"pos":' || ((i % 97) / 97.0) || '}'
                           WHEN i % 16 = 7 THEN '{"drill":"drill-waste-room"}'
                           WHEN i % 16 BETWEEN 8 AND 13 THEN printf('{"drill":"drill-waste-room","step":%d,"node":"n%d","choice":%d}', i % 16 - 8, i % 16 - 8, i % 3)
                           WHEN i % 16 = 14 THEN '{"drill":"drill-waste-room","ending":"end-good","rating":"good","state":"信任=3;参与=2"}'
                           WHEN i % 16 = 15 THEN '{"value":"v' || i || '"}'
                           ELSE '{}' END,
                      1800000000 + i FROM c)")
        .bind(1, n).bind(2, per).run();
    tx.commit();
    write_shared_image(gen, shared, "0123456789abcdef0123456789abcdef");
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t events = 100000, records = 20000, batch_size = 1000;
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--events") events = std::atoll(argv[i + 1]);
        else if (a == "--records") records = std::atoll(argv[i + 1]);
        else if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--batch") batch_size = std::atoll(argv[i + 1]);  // 0: no batched figure
    }
    fs::path dir = fs::temp_directory_path() / ("linli-bench-store-" + std::to_string(getpid()));
    fs::create_directories(dir);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{dir};  // also when a check below fails

    ProgressStore gen(dir / "gen" / "p.sqlite");
    const std::string learner = gen.identity().learner_id;
    make_shared(gen, events, dir / "shared.linli");

    Figure import_us, other_us;
    for (int r = 0; r < runs; ++r) {
        for (bool own : {true, false}) {
            ProgressStore me(dir / ("me-" + std::to_string(r) + (own ? "-own" : "-other")) / "p.sqlite");
            if (own) me.adopt_learner(learner);
            auto snap = SharedSnapshot::open(dir / "shared.linli", dir / "scratch");
            Stopwatch t0;
            size_t added = snap->import_into(me);
            (own ? import_us : other_us).add(t0, events);
            // The figure only counts if the events were imported, and applied when they are the store's learner's.
            if (added != size_t(events) || me.all().empty() != !own || me.setting("ui.key-7").has_value() != own ||
                me.attempts("drill-waste-room").empty() == own) {
                std::fprintf(stderr, "import: %zu of %lld events added, or derived state wrong\n", added, static_cast<long long>(events));
                return 1;
            }
        }
    }

    auto write = [](ProgressStore& me, const std::string& attempt, int64_t i) {
        std::string doc = "pit-read-intentions-" + std::to_string(i % 400);
        switch (i % 4) {
            case 0: me.mark_opened(doc, 1800000000 + i); break;
            case 1: me.save_position(doc, double((i / 400) % 100 + 1) / 101.0); break;  // a new position each visit
            case 2: me.record_choice(attempt, "drill-waste-room", {int(i), "n" + std::to_string(i % 7), int(i % 3), 1800000000 + i}); break;
            default: me.set_setting("ui.key-" + std::to_string(i % 20), std::to_string(i)); break;
        }
    };
    // batch 0: each call commits, as the window writes; batch N (--batch, 1,000): the calls nest
    // (savepoints) in transactions of N, so the figure is record() itself with the commit shared out.
    Figure record_us, batched_us;
    std::vector<int64_t> batches = {0};
    if (batch_size > 0) batches.push_back(batch_size);
    for (int r = 0; r < runs; ++r) {
        for (int64_t batch : batches) {
            ProgressStore me(dir / ("rec-" + std::to_string(r) + "-" + std::to_string(batch)) / "p.sqlite");
            const std::string attempt = me.start_attempt("drill-waste-room", 1800000000);
            std::optional<db::Transaction> tx;
            Stopwatch t0;
            for (int64_t i = 0; i < records; ++i) {
                if (batch && i % batch == 0) {
                    if (tx) tx->commit();
                    tx.emplace(me.db());
                }
                write(me, attempt, i);
            }
            if (tx) tx->commit();
            (batch ? batched_us : record_us).add(t0, records);
            if (me.event_count() != records + 1) {
                std::fprintf(stderr, "record: %lld events, expected %lld\n", static_cast<long long>(me.event_count()),
                             static_cast<long long>(records + 1));
                return 1;
            }
        }
    }

    std::printf("| measure | µs per event, CPU (median of %d) | µs per event, wall | events |\n", runs);
    std::printf("|---|---:|---:|---:|\n");
    auto row = [](const char* name, const Figure& f, int64_t n) {
        std::printf("| %s | %.2f | %.2f | %lld |\n", name, median(f.cpu), median(f.wall), static_cast<long long>(n));
    };
    row("import", import_us, events);
    row("import (another learner's events: stored, not derived)", other_us, events);
    row("record", record_us, records);
    if (batch_size > 0) row(("record (" + std::to_string(batch_size) + " per transaction)").c_str(), batched_us, records);
    return 0;
}
