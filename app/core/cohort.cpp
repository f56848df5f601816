#include "cohort.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "latest_value.h"
#include "sync/keys.h"
#include "sync/payload.h"
#include "sync/shared_file.h"

namespace linli {

namespace {
namespace kind = event_kind;

constexpr int64_t kDay = 86400, kWeek = 7 * kDay;
constexpr int64_t kChinaOffset = 8 * 3600;  // China Standard Time: UTC+8, no daylight saving

int rating_rank(std::string_view r) { return r == "good" ? 3 : r == "fair" ? 2 : r == "bad" ? 1 : 0; }

// What the pass keeps of one attempt: enough to tally it once the learner's cohort is known. Its
// choices are kept as node indexes of the drill (resolved as they are read: no string per choice).
struct AttemptAcc {
    std::string drill;
    const Drill* d = nullptr;  // null: a drill the library does not have
    int64_t started_at = 0, started_hlc = 0;  // 0: its start is not in the file
    bool finished = false;
    int64_t finished_hlc = 0;
    std::string ending, rating;
    struct Step {
        int step, node, choice;  // node -1: one the drill no longer has
    };
    std::vector<Step> steps;  // as read; sorted by step (the first of a step standing) at the end
};

using Latest = LatestValue;

struct LearnerAcc {
    Latest name, cohort;
    std::unordered_set<std::string> finished_docs;
    std::unordered_map<std::string, AttemptAcc> attempts;
    std::map<int64_t, int> week_events;  // week start -> events that week
    int64_t last_week = INT64_MIN;       // the week of the last event: most follow in the same one
    int* last_week_count = nullptr;
    int64_t first = 0, last = 0;
    int reviews = 0;
};

bool in_range(const CohortFilter& f, int64_t at) { return (f.since == 0 || at >= f.since) && (f.until == 0 || at <= f.until); }

// Steps from the start along choices (breadth first): the order the nodes are met in play.
std::vector<int> depths(const Drill& d) {
    std::vector<int> depth(d.nodes.size(), -1);
    if (d.nodes.empty()) return depth;
    std::deque<int> queue{0};
    depth[0] = 0;
    while (!queue.empty()) {
        int n = queue.front();
        queue.pop_front();
        for (const Choice& c : d.nodes[size_t(n)].choices)
            if (c.target_index >= 0 && depth[size_t(c.target_index)] < 0) {
                depth[size_t(c.target_index)] = depth[size_t(n)] + 1;
                queue.push_back(c.target_index);
            }
    }
    return depth;
}

std::string doc_title(const Catalog& cat, std::string_view id) {
    const Document* d = cat.library.find(id);
    return d ? d->meta.title : std::string(id);
}

// The tallies of one drill, its nodes laid out in play order; `node_row` maps a node's index to
// its row in `nodes` (-1: not a decision).
struct DrillAcc {
    const Drill* drill = nullptr;
    DrillAnalysis a;
    std::vector<int> node_row;
    std::map<std::string, int> endings;
    std::map<std::string, int> pitfalls;
    std::set<std::string> learners;
};

DrillAcc make_drill_acc(const Drill& d) {
    DrillAcc acc;
    acc.drill = &d;
    acc.a.drill_id = d.doc->meta.id;
    acc.a.title = d.doc->meta.title;
    std::vector<int> depth = depths(d);
    std::vector<int> order;
    for (size_t i = 0; i < d.nodes.size(); ++i)
        if (!d.nodes[i].is_ending() && !d.nodes[i].choices.empty()) order.push_back(int(i));
    // Unreachable nodes (lint reports them) last.
    auto key = [&](int i) { return std::pair(depth[size_t(i)] < 0 ? INT32_MAX : depth[size_t(i)], i); };
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return key(x) < key(y); });
    acc.node_row.assign(d.nodes.size(), -1);
    for (int i : order) {
        const DrillNode& n = d.nodes[size_t(i)];
        NodeTally t{n.id, n.title, depth[size_t(i)], {}};
        for (const Choice& c : n.choices) t.choices.push_back({c.text, !c.violates.empty(), 0, 0});
        acc.node_row[size_t(i)] = int(acc.a.nodes.size());
        acc.a.nodes.push_back(std::move(t));
    }
    return acc;
}

void tally(DrillAcc& acc, AttemptAcc& at, bool first) {
    const Drill& d = *acc.drill;
    ++acc.a.attempts;
    std::stable_sort(at.steps.begin(), at.steps.end(), [](const auto& x, const auto& y) { return x.step < y.step; });
    for (size_t i = 0; i < at.steps.size(); ++i) {
        const AttemptAcc::Step& s = at.steps[i];
        if (i > 0 && at.steps[i - 1].step == s.step) continue;  // two claims on a step: the first stands
        int row = s.node < 0 ? -1 : acc.node_row[size_t(s.node)];
        if (row < 0 || s.choice < 0 || size_t(s.choice) >= acc.a.nodes[size_t(row)].choices.size()) {
            ++acc.a.unknown_choices;  // the drill changed since
            continue;
        }
        ChoiceTally& c = acc.a.nodes[size_t(row)].choices[size_t(s.choice)];
        ++(first ? c.first : c.later);
        for (const std::string& g : d.nodes[size_t(s.node)].choices[size_t(s.choice)].violates) ++acc.pitfalls[g];
    }
    if (at.finished) {
        ++acc.a.finished;
        ++acc.endings[at.ending];
    }
}

DrillAnalysis finish_drill(DrillAcc& acc, const Catalog& cat) {
    DrillAnalysis a = std::move(acc.a);
    a.learners = int(acc.learners.size());
    const Drill& d = *acc.drill;
    for (const auto& [id, n] : acc.endings) {
        int i = d.find_node(id);
        EndingTally e{id, i < 0 ? id : d.nodes[size_t(i)].title, "", n};
        if (i >= 0) e.rating = rating_key(d.nodes[size_t(i)].rating);
        a.endings.push_back(std::move(e));
    }
    std::stable_sort(a.endings.begin(), a.endings.end(), [](const auto& x, const auto& y) { return x.count > y.count; });
    for (const auto& [g, n] : acc.pitfalls) a.pitfalls.push_back({g, doc_title(cat, g), n});
    std::stable_sort(a.pitfalls.begin(), a.pitfalls.end(), [](const auto& x, const auto& y) { return x.count > y.count; });
    return a;
}

}  // namespace

int NodeTally::total() const {
    int t = 0;
    for (const ChoiceTally& c : choices) t += c.first + c.later;
    return t;
}

int64_t week_start(int64_t t) {
    // 1970-01-01 was a Thursday: Mondays are 4 days after the epoch's days counted in weeks.
    int64_t local_days = (t + kChinaOffset) >= 0 ? (t + kChinaOffset) / kDay : ((t + kChinaOffset) - kDay + 1) / kDay;
    int64_t since_monday = ((local_days - 4) % 7 + 7) % 7;
    return (local_days - since_monday) * kDay - kChinaOffset;
}

EventFeed shared_file_feed(SharedSnapshot& snapshot, std::vector<std::string> kinds) {
    return [&snapshot, kinds = std::move(kinds)](const std::function<bool(const EventView&)>& fn) { snapshot.each_event(fn, kinds); };
}

CohortReport build_cohort_report(const EventFeed& feed, const Catalog& catalog, const CohortFilter& filter,
                                 const std::function<bool(int64_t)>& progress) {
    CohortReport r;
    r.filter = filter;
    std::unordered_map<std::string, LearnerAcc> learners;
    derived::Payload own;  // for a feed that has not read the payloads itself
    std::string last_learner;
    LearnerAcc* acc = nullptr;
    std::string scratch, node;
    AttemptAcc* attempt = nullptr;  // the last event's attempt: its events come one after another
    std::string attempt_id;
    feed([&](const EventView& e) {
        ++r.events_read;
        if (progress && (r.events_read & 16383) == 0 && !progress(r.events_read)) return false;
        // The payload, read once: by the feed when it checked it, else here when first needed.
        const derived::Payload* parsed = e.parsed;
        auto payload = [&]() -> const derived::Payload* {
            if (!parsed) parsed = own.parse(e.payload) ? &own : nullptr;
            return parsed && parsed->ok() ? parsed : nullptr;
        };
        if (!acc || e.learner != last_learner) {  // a device's events are mostly one learner's
            last_learner = e.learner;
            acc = &learners[last_learner];
            attempt = nullptr;
        }
        LearnerAcc& l = *acc;
        if (e.kind == kind::kSetting) {
            if (e.subject != setting_key::kProfileName && e.subject != setting_key::kProfileCohort) return true;
            const derived::Payload* p = payload();
            if (!p) return true;
            (e.subject == setting_key::kProfileName ? l.name : l.cohort).offer(p->str("value"), e.hlc, e.device);
            return true;
        }
        if (e.kind == kind::kDocPosition || !in_range(filter, e.at)) return true;  // a scroll is not a visit
        l.first = l.first == 0 ? e.at : std::min(l.first, e.at);
        l.last = std::max(l.last, e.at);
        if (int64_t week = week_start(e.at); week != l.last_week) {
            l.last_week = week;
            l.last_week_count = &l.week_events[week];
        }
        ++*l.last_week_count;
        const bool choice = e.kind == kind::kDrillChoice;
        if (choice || e.kind == kind::kDrillStarted || e.kind == kind::kDrillFinished) {
            const derived::Payload* pp = payload();
            if (!pp) return true;
            const derived::Payload& p = *pp;
            if (!attempt || e.subject != attempt_id) {
                attempt_id = e.subject;
                attempt = &l.attempts[attempt_id];
            }
            AttemptAcc& a = *attempt;
            if (a.drill.empty()) {
                a.drill = p.str_view("drill", scratch);
                a.d = catalog.drill(a.drill);
            }
            if (choice) {
                node = p.str_view("node", scratch);
                int n = a.d ? a.d->find_node(node) : -1;
                a.steps.push_back({int(p.integer("step")), n, int(p.integer("choice"))});
            } else if (e.kind == kind::kDrillStarted) {
                if (a.started_hlc == 0 || e.hlc < a.started_hlc) a.started_at = e.at, a.started_hlc = e.hlc;
            } else if (!a.finished || e.hlc < a.finished_hlc) {
                a.finished = true;
                a.finished_hlc = e.hlc;
                a.ending = p.str("ending");
                a.rating = p.str("rating");
            }
        } else if (e.kind.rfind("review.", 0) == 0) {
            ++l.reviews;
        } else if (e.kind == kind::kDocFinished) {
            if (!l.finished_docs.count(std::string(e.subject))) l.finished_docs.emplace(e.subject);
        }
        return true;
    });

    // Each learner once, now that their profile is known: rows, drill tallies, weeks.
    std::set<std::string> cohorts;
    std::map<std::string, DrillAcc> drills;
    std::map<int64_t, WeekRow> weeks;
    const int64_t now = filter.now ? filter.now : int64_t(std::time(nullptr));
    const int64_t quiet_after = int64_t(filter.quiet_days) * kDay;
    for (auto& [id, l] : learners) {
        if (!l.cohort.value.empty()) cohorts.insert(l.cohort.value);
        if (!filter.cohort.empty() && l.cohort.value != filter.cohort) continue;
        if (l.first == 0 && l.attempts.empty() && l.name.value.empty()) continue;  // only settings: a device, not a learner
        LearnerRow row;
        row.id = id;
        row.name = l.name.value;
        row.cohort = l.cohort.value;
        row.reviews = l.reviews;
        row.first_active = l.first;
        row.last_active = l.last;
        row.quiet = l.last == 0 || now - l.last >= quiet_after;
        for (const std::string& doc : l.finished_docs) {
            ++row.docs_read;
            const Document* d = catalog.library.find(doc);
            if (d && d->meta.kind == DocKind::Guideline) ++row.guidelines_read;
        }
        // Attempts by drill, oldest first: a learner's first attempt at a drill is tallied apart.
        std::map<std::string, std::vector<AttemptAcc*>> by_drill;
        for (auto& [aid, a] : l.attempts)
            if (!a.drill.empty()) by_drill[a.drill].push_back(&a);
        for (auto& [drill_id, list] : by_drill) {
            std::sort(list.begin(), list.end(), [](const AttemptAcc* x, const AttemptAcc* y) {
                // By the start's clock (milliseconds, never the same twice on a device); an attempt
                // whose start is missing sorts last, ties by ending for a stable order.
                int64_t sx = x->started_hlc ? x->started_hlc : INT64_MAX, sy = y->started_hlc ? y->started_hlc : INT64_MAX;
                return std::tie(sx, x->ending) < std::tie(sy, y->ending);
            });
            ++row.drills_attempted;
            BestEnding best{drill_id, "", "", ""};
            const Drill* d = catalog.drill(drill_id);
            DrillAcc* dacc = nullptr;
            if (d) {
                auto it = drills.find(drill_id);
                if (it == drills.end()) it = drills.emplace(drill_id, make_drill_acc(*d)).first;
                dacc = &it->second;
                dacc->learners.insert(id);
            }
            for (size_t i = 0; i < list.size(); ++i) {
                AttemptAcc& a = *list[i];
                ++row.attempts;
                if (a.finished) {
                    ++row.attempts_finished;
                    if (rating_rank(a.rating) > rating_rank(best.rating)) best.ending_id = a.ending, best.rating = a.rating;
                }
                if (dacc) tally(*dacc, a, i == 0);
            }
            if (d && !best.ending_id.empty()) {
                int n = d->find_node(best.ending_id);
                best.ending_title = n < 0 ? best.ending_id : d->nodes[size_t(n)].title;
            }
            row.best.push_back(std::move(best));
        }
        for (const auto& [week, n] : l.week_events) {
            WeekRow& w = weeks[week];
            w.start = week;
            ++w.active;
            w.events += n;
        }
        if (l.first) {
            WeekRow& w = weeks[week_start(l.first)];
            w.start = week_start(l.first);
            ++w.new_learners;
        }
        if (l.last && l.last + quiet_after <= now) {
            int64_t ws = week_start(l.last + quiet_after);
            WeekRow& w = weeks[ws];
            w.start = ws;
            ++w.gone_quiet;
        }
        r.learners.push_back(std::move(row));
    }
    std::sort(r.learners.begin(), r.learners.end(), [](const LearnerRow& a, const LearnerRow& b) {
        // Unnamed learners after the named ones.
        return std::tuple(a.name.empty(), a.name, a.id) < std::tuple(b.name.empty(), b.name, b.id);
    });
    for (auto& [id, dacc] : drills) r.drills.push_back(finish_drill(dacc, catalog));
    // Every week from the first to this one, the quiet ones too: a chart's gaps are real.
    if (!weeks.empty()) {
        int64_t last = std::max(weeks.rbegin()->first, week_start(filter.until ? std::min(now, filter.until) : now));
        for (int64_t w = weeks.begin()->first; w <= last; w += kWeek) {
            auto it = weeks.find(w);
            r.weeks.push_back(it == weeks.end() ? WeekRow{w, 0, 0, 0, 0} : it->second);
        }
    }
    r.cohorts.assign(cohorts.begin(), cohorts.end());
    return r;
}

std::string pseudonym(std::string_view learner_id) {
    // FNV-1a, 64 bits, of the id: the same learner, the same pseudonym, in every report. The ids
    // are random, so the pseudonym tells nothing of whom it stands for.
    uint64_t h = 1469598103934665603ull;
    for (char c : learner_id) h = (h ^ uint8_t(c)) * 1099511628211ull;
    return fmt::format("学员-{:08X}", uint32_t(h >> 32) ^ uint32_t(h));
}

void anonymise(CohortReport& report) {
    for (LearnerRow& l : report.learners) {
        l.id = pseudonym(l.id);
        l.name.clear();
    }
    std::sort(report.learners.begin(), report.learners.end(), [](const LearnerRow& a, const LearnerRow& b) { return a.id < b.id; });
    report.anonymous = true;
}

std::vector<TimelineEntry> learner_timeline(const EventFeed& feed, const Catalog& catalog, std::string_view learner_id, size_t limit) {
    std::vector<TimelineEntry> out;
    derived::Payload p;
    feed([&](const EventView& e) {
        if (e.learner != learner_id) return true;
        std::string what;
        if (e.kind == kind::kDocOpened) {
            what = fmt::format("打开《{}》 · opened", doc_title(catalog, e.subject));
        } else if (e.kind == kind::kDocFinished) {
            what = fmt::format("读完《{}》 · read to the end", doc_title(catalog, e.subject));
        } else if (e.kind == kind::kDrillStarted && p.parse(e.payload)) {
            what = fmt::format("开始演练《{}》 · started a drill", doc_title(catalog, p.str("drill")));
        } else if (e.kind == kind::kDrillFinished && p.parse(e.payload)) {
            std::string drill = p.str("drill"), ending = p.str("ending"), rating = p.str("rating");
            const Drill* d = catalog.drill(drill);
            int n = d ? d->find_node(ending) : -1;
            std::string title = n < 0 ? ending : d->nodes[size_t(n)].title;
            const char* r = rating == "good" ? "好" : rating == "fair" ? "尚可" : rating == "bad" ? "糟糕" : "?";
            what = fmt::format("演练《{}》走到「{}」（{}） · drill ended", doc_title(catalog, drill), title, r);
        } else if (e.kind == kind::kWorkshopStarted) {
            what = "主持了一场工作坊 · ran a workshop";
        } else if (e.kind.rfind("review.", 0) == 0) {
            what = "复习 · reviewed";
        } else {
            return true;  // positions, single choices, settings: not what a trainer reads
        }
        out.push_back({e.at, std::move(what)});
        return true;
    });
    std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) { return a.at < b.at; });
    if (out.size() > limit) out.erase(out.begin(), out.end() - std::ptrdiff_t(limit));  // the latest
    return out;
}

}  // namespace linli
