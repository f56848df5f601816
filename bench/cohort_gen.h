// A generator of realistic cohort shared files, for the tests, the end-to-end tests and the
// benchmarks: N learners, each with a profile (name, cohort), documents opened and read, and drill
// attempts played with the drill engine on the catalog's drills, so every path, ending and rating
// is one the drill really has. Deterministic: the same catalog and spec give the same file, byte for
// byte (ids, names, times, choices all come from the seed).
//
// Each learner draws from its own stream (the seed and its index), so the first 30 learners of a
// 1,000-learner cohort are the 30 learners of a 30-learner cohort with the same seed.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cases/catalog.h"

namespace linli {

struct CohortSpec {
    int learners = 200;
    int attempts_per_learner = 10;   // drill attempts, spread over the catalog's drills
    uint32_t seed = 1;               // same seed, same file (ids, names, times, choices)
    int64_t start = 1767225600;      // unix seconds of the first day (2026-01-01 00:00 UTC)
    int days = 120;                  // activity spread over this many days
    std::vector<std::string> cohorts = {"城南街道2026春", "城北街道2026春", "新城社区2026春"};
    double quiet_share = 0.2;        // this share of learners stop 20–60 days before the end
    int docs_per_learner = 12;       // guidelines/cases opened; most read to the end
};

struct CohortStats {
    int64_t events = 0;  // in the file
    int learners = 0;
    int attempts = 0;    // drill.started events
};

// Writes a sealed shared file at `out` (replacing it), through a scratch progress store created in
// `scratch_dir` and removed afterwards. Throws what the store or the file writer throws.
//
// What a learner does, from the first of their active days to the last (quiet learners stop 20–60
// days before the end, the others are active in the last week): on the first day the settings
// profile.name and profile.cohort (no cohort when spec.cohorts is empty); then, spread over their
// active days (local daytime, China Standard Time), docs_per_learner documents among the
// guidelines and cases — doc.opened, often one or two doc.position, and for about four in five
// doc.finished — and attempts_per_learner drill attempts: drill.started, one drill.choice per
// step as the engine allows it, and drill.finished with the ending and its rating; about one
// attempt in ten is abandoned part-way (no drill.finished). A learner's choices follow their skill,
// which grows with every attempt (more on a drill tried before), and some learners tend to the
// first choice shown. Learners have one or two devices; each device's events have seq 1..n and
// increasing hybrid-clock values (sync/ids.h) near their wall-clock time.
CohortStats generate_cohort(const Catalog& catalog, const CohortSpec& spec, const std::filesystem::path& out,
                            const std::filesystem::path& scratch_dir);

}  // namespace linli
