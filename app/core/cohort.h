// A trainer's view of the cohort: what every learner in a shared file has done, where the cohort
// goes wrong in each drill, and who has gone quiet. Computed in one streaming pass over the
// shared file's events (never all of them in memory): per learner a few counters, per drill a
// count per node and choice.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cases/catalog.h"
#include "sync/event.h"

namespace linli {

class SharedSnapshot;

struct CohortFilter {
    std::string cohort;    // empty: every cohort
    int64_t since = 0;     // unix seconds; 0: from the start (activity before it is not counted)
    int64_t until = 0;     // 0: up to now
    int quiet_days = 14;   // no activity for this long: gone quiet
    int64_t now = 0;       // the report's "today" (unix seconds)
};

// What a learner reached in one drill: the best rating of their finished attempts.
struct BestEnding {
    std::string drill_id, ending_id, ending_title;
    std::string rating;  // good | fair | bad ("" when no attempt finished)
};

struct LearnerRow {
    std::string id;    // learner id (32 hex), or its pseudonym when anonymised
    std::string name;  // from the learner's profile ("" when none), "" when anonymised
    std::string cohort;
    int guidelines_read = 0;  // guidelines read to the end
    int docs_read = 0;        // every kind
    int drills_attempted = 0; // distinct drills with an attempt
    int attempts = 0, attempts_finished = 0;
    std::vector<BestEnding> best;  // by drill id
    int reviews = 0;               // review events (issue 14's review; 0 until it exists)
    int64_t first_active = 0, last_active = 0;  // unix seconds; 0: nothing in the range
    bool quiet = false;  // no activity for quiet_days (or none at all)
};

struct ChoiceTally {
    std::string label;     // the choice's text
    bool violates = false; // it 违背 a guideline
    int first = 0, later = 0;  // learners' first attempts at the drill, and their later ones
};

struct NodeTally {
    std::string node_id, title;
    int depth = 0;  // play order: steps from the start on the shortest path
    std::vector<ChoiceTally> choices;
    int total() const;
};

struct EndingTally {
    std::string ending_id, title, rating;
    int count = 0;  // finished attempts
};

struct PitfallTally {
    std::string guideline_id, title;
    int count = 0;  // choices made that 违背 it
};

struct DrillAnalysis {
    std::string drill_id, title;
    int learners = 0, attempts = 0, finished = 0;
    std::vector<NodeTally> nodes;      // decision nodes in play order (depth, then file order)
    std::vector<EndingTally> endings;  // most reached first
    std::vector<PitfallTally> pitfalls;  // most hit first
    int unknown_choices = 0;  // choices naming a node or choice the drill no longer has
};

struct WeekRow {
    int64_t start = 0;  // Monday 00:00, China Standard Time (UTC+8)
    int active = 0;     // learners with any activity that week
    int events = 0;
    int new_learners = 0;    // first activity that week
    int gone_quiet = 0;      // last activity + quiet_days fell in that week
};

struct CohortReport {
    CohortFilter filter;
    int64_t events_read = 0;
    std::vector<LearnerRow> learners;  // by name, then id
    std::vector<DrillAnalysis> drills; // by drill id
    std::vector<WeekRow> weeks;        // oldest first, every week from the first activity to now
    std::vector<std::string> cohorts;  // every cohort named in the file, sorted (for the filter)
    bool anonymous = false;
};

// The events to report on, streamed: `feed(fn)` calls fn with each event (see EventView) until
// it returns false.
using EventFeed = std::function<void(const std::function<bool(const EventView&)>&)>;

// The events of a verified shared file, in its order (by device, then seq); with `kinds`, only
// those kinds.
EventFeed shared_file_feed(SharedSnapshot& snapshot, std::vector<std::string> kinds = {});

// The report over `feed`. `progress` (optional) is told the events read so far, every 16,384;
// returning false from it stops the pass (the report so far is returned).
CohortReport build_cohort_report(const EventFeed& feed, const Catalog& catalog, const CohortFilter& filter,
                                 const std::function<bool(int64_t)>& progress = {});

// Learner ids replaced by stable pseudonyms ("学员-3FA2C19B"), names dropped: the same learner
// gets the same pseudonym in every report and export.
std::string pseudonym(std::string_view learner_id);
void anonymise(CohortReport& report);

// Unix seconds of the Monday 00:00 (UTC+8) of the week holding `t`.
int64_t week_start(int64_t t);

// One learner's events, oldest first, as lines a trainer reads ("2026-11-03 14:05 读完《…》").
struct TimelineEntry {
    int64_t at = 0;
    std::string what;
};
std::vector<TimelineEntry> learner_timeline(const EventFeed& feed, const Catalog& catalog, std::string_view learner_id,
                                            size_t limit = 500);

}  // namespace linli
