// Progress-store benchmark (owns the per-event figures of the store itself):
//  - import: a shared file of N events (default 100,000) of the measuring store's own learner,
//    from 4 other devices, imported with SharedSnapshot::import_into. Own-learner events are the
//    expensive ones: each is applied to the derived state. Only the import is timed (the copy,
//    checksum and validation of the file are bench_sync's). Median of --runs fresh stores. The
//    same file imported into a store of another learner shows what the derived state costs.
//  - record(): --records events written the way the window writes them, one call (and one
//    transaction) each: mark_opened, save_position, record_choice, set_setting in turn.
// usage: linli_bench_store [--events 100000] [--records 20000] [--runs 3]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "sync/shared_file.h"

namespace fs = std::filesystem;
using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double us_since(Clock::time_point t) { return std::chrono::duration<double, std::micro>(Clock::now() - t).count(); }

// A shared file of n events of `gen`'s learner from 4 other devices (seq 1.. each), in the mix a
// learner makes, per 16 events: a document opened twice, 5 reading positions, finished once; a
// drill attempt started, 5 choices, finished; a setting.
void make_shared(ProgressStore& gen, int64_t n, const fs::path& shared) {
    db::Db& db = gen.db();
    db::Transaction tx(db);
    db.exec(R"(WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 4)
               INSERT INTO devices(uuid) SELECT lower(hex(randomblob(16))) FROM k;)");
    int64_t per = (n + 3) / 4;
    // Device rows 2..5 (row 1 is the generator's own); learner row 1 is the generator's learner.
    db.prepare(R"(WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ?1 - 1)
                  INSERT INTO events SELECT i / ?2 + 2, i % ?2 + 1, 1, (1800000000000 + i) << 16,
                      CASE WHEN i % 16 < 2 THEN 'doc.opened' WHEN i % 16 < 7 THEN 'doc.position'
                           WHEN i % 16 = 7 THEN 'doc.finished' WHEN i % 16 = 8 THEN 'drill.started'
                           WHEN i % 16 < 14 THEN 'drill.choice' WHEN i % 16 = 14 THEN 'drill.finished' ELSE 'setting' END,
                      CASE WHEN i % 16 < 8 THEN 'pit-read-intentions-' || (i / 16 % 400)
                           WHEN i % 16 < 15 THEN printf('%032x', i / 16)
                           ELSE 'ui.key-' || (i / 16 % 20) END,
                      CASE WHEN i % 16 BETWEEN 2 AND 6 THEN '{"pos":' || ((i % 97) / 97.0) || '}'
                           WHEN i % 16 = 8 THEN '{"drill":"drill-waste-room"}'
                           WHEN i % 16 < 14 AND i % 16 > 8 THEN printf('{"drill":"drill-waste-room","step":%d,"node":"n%d","choice":%d}', i % 16 - 9, i % 16 - 9, i % 3)
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
    int64_t events = 100000, records = 20000;
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--events") events = std::atoll(argv[i + 1]);
        else if (a == "--records") records = std::atoll(argv[i + 1]);
        else if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    }
    fs::path dir = fs::temp_directory_path() / ("linli-bench-store-" + std::to_string(getpid()));
    fs::create_directories(dir);

    ProgressStore gen(dir / "gen" / "p.sqlite");
    const std::string learner = gen.identity().learner_id;
    make_shared(gen, events, dir / "shared.linli");

    std::vector<double> import_us, other_us;
    for (int r = 0; r < runs; ++r) {
        for (bool own : {true, false}) {
            ProgressStore me(dir / ("me-" + std::to_string(r) + (own ? "-own" : "-other")) / "p.sqlite");
            if (own) me.adopt_learner(learner);
            auto snap = SharedSnapshot::open(dir / "shared.linli", dir / "scratch");
            auto t0 = Clock::now();
            size_t added = snap->import_into(me);
            (own ? import_us : other_us).push_back(us_since(t0) / double(events));
            // The figure only counts if the events were imported, and applied when they are the store's learner's.
            if (added != size_t(events) || me.all().empty() != !own || me.setting("ui.key-7").has_value() != own ||
                me.attempts("drill-waste-room").empty() == own) {
                std::fprintf(stderr, "import: %zu of %lld events added, or derived state wrong\n", added, static_cast<long long>(events));
                return 1;
            }
        }
    }

    std::vector<double> record_us;
    for (int r = 0; r < runs; ++r) {
        ProgressStore me(dir / ("rec-" + std::to_string(r)) / "p.sqlite");
        const std::string attempt = me.start_attempt("drill-waste-room", 1800000000);
        auto t0 = Clock::now();
        for (int64_t i = 0; i < records; ++i) {
            std::string doc = "pit-read-intentions-" + std::to_string(i % 400);
            switch (i % 4) {
                case 0: me.mark_opened(doc, 1800000000 + i); break;
                case 1: me.save_position(doc, double((i / 400) % 100 + 1) / 101.0); break;  // a new position each visit
                case 2: me.record_choice(attempt, "drill-waste-room", {int(i), "n" + std::to_string(i % 7), int(i % 3), 1800000000 + i}); break;
                default: me.set_setting("ui.key-" + std::to_string(i % 20), std::to_string(i)); break;
            }
        }
        record_us.push_back(us_since(t0) / double(records));
        if (me.event_count() != records + 1) {
            std::fprintf(stderr, "record: %lld events, expected %lld\n", static_cast<long long>(me.event_count()),
                         static_cast<long long>(records + 1));
            return 1;
        }
    }
    fs::remove_all(dir);

    std::printf("| measure | µs per event (median of %d) | events |\n", runs);
    std::printf("|---|---:|---:|\n");
    std::printf("| import | %.2f | %lld |\n", median(import_us), static_cast<long long>(events));
    std::printf("| import (another learner's events: stored, not derived) | %.2f | %lld |\n", median(other_us),
                static_cast<long long>(events));
    std::printf("| record | %.2f | %lld |\n", median(record_us), static_cast<long long>(records));
    return 0;
}
