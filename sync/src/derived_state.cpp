// Derived state: reading progress, drill attempts and settings of the store's learner, computed
// from events. Every rule is commutative (min/max, insert-if-absent, latest by HLC then device), so
// applying the same events in any order gives the same tables.
#include <nlohmann/json.hpp>

#include "derived_state.h"
#include "sync/progress_store.h"

namespace linli {
namespace {

using nlohmann::json;
namespace kind = event_kind;

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t num(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

}  // namespace

// Every rule below is commutative: min/max, insert-if-absent, or latest by (hlc, device).
void ProgressStore::apply(const Event& e) {
    if (e.learner != learner_) return;  // other learners' events are kept for the cohort, not derived
    json p = json::parse(e.payload, nullptr, false);
    if (!p.is_object()) return;
    if (e.kind == kind::kDocOpened) {
        // first/last come from openings only (0 until one is known), so any order gives the same row.
        db_.prepare(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened) VALUES(?1, ?2, ?2)
                       ON CONFLICT(doc_id) DO UPDATE SET
                           first_opened = CASE WHEN first_opened = 0 THEN excluded.first_opened
                                               ELSE min(first_opened, excluded.first_opened) END,
                           last_opened = max(last_opened, excluded.last_opened))")
            .bind(1, e.subject).bind(2, e.at).run();
    } else if (e.kind == kind::kDocPosition) {
        auto pos = p.find("pos");
        if (pos == p.end() || !pos->is_number()) return;
        db_.prepare(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened, position, pos_hlc, pos_device)
                       VALUES(?1, 0, 0, ?3, ?4, ?5)
                       ON CONFLICT(doc_id) DO UPDATE SET
                           position = CASE WHEN (pos_hlc, pos_device) < (excluded.pos_hlc, excluded.pos_device)
                                           THEN excluded.position ELSE position END,
                           pos_device = CASE WHEN (pos_hlc, pos_device) < (excluded.pos_hlc, excluded.pos_device)
                                             THEN excluded.pos_device ELSE pos_device END,
                           pos_hlc = max(pos_hlc, excluded.pos_hlc))")
            .bind(1, e.subject).bind(3, pos->get<double>()).bind(4, e.hlc).bind(5, e.device).run();
    } else if (e.kind == kind::kDocFinished) {
        db_.prepare(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened, finished_at) VALUES(?1, 0, 0, ?2)
                       ON CONFLICT(doc_id) DO UPDATE SET
                           finished_at = CASE WHEN finished_at = 0 THEN excluded.finished_at
                                              ELSE min(finished_at, excluded.finished_at) END)")
            .bind(1, e.subject).bind(2, e.at).run();
    } else if (e.kind == kind::kDrillStarted || e.kind == kind::kDrillChoice || e.kind == kind::kDrillFinished) {
        std::string drill = str(p, "drill");
        int64_t started = e.kind == kind::kDrillStarted ? e.at : 0;
        db_.prepare(R"(INSERT INTO drill_attempts(id, drill_id, started_at) VALUES(?1, ?2, ?3)
                       ON CONFLICT(id) DO UPDATE SET started_at = CASE WHEN started_at = 0 THEN excluded.started_at
                                                                  WHEN excluded.started_at = 0 THEN started_at
                                                                  ELSE min(started_at, excluded.started_at) END)")
            .bind(1, e.subject).bind(2, drill).bind(3, started).run();
        if (e.kind == kind::kDrillChoice) {
            // One choice per step; should two ever claim a step, the earlier (by HLC) stands.
            db_.prepare(R"(INSERT INTO drill_choices(attempt_id, step, node, choice, chosen_at, hlc, device) VALUES(?,?,?,?,?,?,?)
                           ON CONFLICT(attempt_id, step) DO UPDATE SET node = excluded.node, choice = excluded.choice,
                               chosen_at = excluded.chosen_at, hlc = excluded.hlc, device = excluded.device
                           WHERE (excluded.hlc, excluded.device) < (hlc, device))")
                .bind(1, e.subject).bind(2, num(p, "step")).bind(3, str(p, "node")).bind(4, num(p, "choice")).bind(5, e.at)
                .bind(6, e.hlc).bind(7, e.device).run();
        } else if (e.kind == kind::kDrillFinished) {
            db_.prepare(R"(UPDATE drill_attempts SET finished_at = ?2, finished_hlc = ?3, ending = ?4, rating = ?5,
                               final_state = ?6 WHERE id = ?1 AND (finished_hlc = 0 OR ?3 < finished_hlc))")
                .bind(1, e.subject).bind(2, e.at).bind(3, e.hlc).bind(4, str(p, "ending")).bind(5, str(p, "rating"))
                .bind(6, str(p, "state")).run();
        }
    } else if (e.kind == kind::kSetting) {
        db_.prepare(R"(INSERT INTO settings(key, value, hlc, device) VALUES(?1, ?2, ?3, ?4)
                       ON CONFLICT(key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, device = excluded.device
                       WHERE (hlc, device) < (excluded.hlc, excluded.device))")
            .bind(1, e.subject).bind(2, str(p, "value")).bind(3, e.hlc).bind(4, e.device).run();
    }
}

void ProgressStore::rebuild_derived() {
    db_.exec(derived::kDropDerived);
    db_.exec(derived::kDerivedTables);
    for (const Event& e : events())
        if (e.learner == learner_) apply(e);
}

}  // namespace linli
