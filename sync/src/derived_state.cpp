// Derived state: reading progress, drill attempts and settings of the store's learner, computed
// from events. Every rule is commutative (min/max, insert-if-absent, latest by HLC then device), so
// applying the same events in any order gives the same tables.
#include "derived_state.h"

#include "sync/progress_store.h"

namespace linli {

namespace {
namespace kind = event_kind;
}  // namespace

// Every rule below is commutative: min/max, insert-if-absent, or latest by (hlc, device).
// The statements are the connection's cached ones: apply() runs once per imported event. Each
// UPSERT's WHERE says when the row changes (the latest position, the earliest finish ...), so rows
// and indexes are not rewritten for nothing.
// Texts are bound in place (bind_ref): each statement is bound and run in one expression.
void ProgressStore::apply(const Event& e, std::string* known_attempt) {
    if (e.learner != learner_) return;  // other learners' events are kept for the cohort, not derived
    thread_local derived::Payload p;  // keeps its buffer from event to event
    if (!p.parse(e.payload)) return;
    if (e.kind == kind::kDocOpened) {
        // first/last come from openings only (0 until one is known), so any order gives the same row.
        db_.cached(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened) VALUES(?1, ?2, ?2)
                       ON CONFLICT(doc_id) DO UPDATE SET
                           first_opened = CASE WHEN first_opened = 0 THEN excluded.first_opened
                                               ELSE min(first_opened, excluded.first_opened) END,
                           last_opened = max(last_opened, excluded.last_opened)
                       WHERE first_opened = 0 OR excluded.first_opened < first_opened OR excluded.last_opened > last_opened)")
            .bind_ref(1, e.subject).bind(2, e.at).run();
    } else if (e.kind == kind::kDocPosition) {
        std::optional<double> pos = p.number("pos");
        if (!pos) return;
        db_.cached(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened, position, pos_hlc, pos_device)
                       VALUES(?1, 0, 0, ?3, ?4, ?5)
                       ON CONFLICT(doc_id) DO UPDATE SET
                           position = excluded.position, pos_hlc = excluded.pos_hlc, pos_device = excluded.pos_device
                       WHERE (pos_hlc, pos_device) < (excluded.pos_hlc, excluded.pos_device))")
            .bind_ref(1, e.subject).bind(3, *pos).bind(4, e.hlc).bind_ref(5, e.device).run();
    } else if (e.kind == kind::kDocFinished) {
        db_.cached(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened, finished_at) VALUES(?1, 0, 0, ?2)
                       ON CONFLICT(doc_id) DO UPDATE SET finished_at = excluded.finished_at
                       WHERE finished_at = 0 OR excluded.finished_at < finished_at)")
            .bind_ref(1, e.subject).bind(2, e.at).run();
    } else if (e.kind == kind::kDrillStarted || e.kind == kind::kDrillChoice || e.kind == kind::kDrillFinished) {
        std::string drill = p.str("drill");
        int64_t started = e.kind == kind::kDrillStarted ? e.at : 0;
        // The attempt's row exists once any of its events is known; started_at is the start's (0 until
        // then), the earliest should two claim it.
        // An import sees an attempt's events one after another: its row is made sure of once.
        if (started != 0)
            db_.cached(R"(INSERT INTO drill_attempts(id, drill_id, started_at) VALUES(?1, ?2, ?3)
                           ON CONFLICT(id) DO UPDATE SET started_at = excluded.started_at
                           WHERE started_at = 0 OR excluded.started_at < started_at)")
                .bind_ref(1, e.subject).bind_ref(2, drill).bind(3, started).run();
        else if (!known_attempt || *known_attempt != e.subject)
            db_.cached("INSERT INTO drill_attempts(id, drill_id) VALUES(?1, ?2) ON CONFLICT(id) DO NOTHING")
                .bind_ref(1, e.subject).bind_ref(2, drill).run();
        if (known_attempt) *known_attempt = e.subject;
        if (e.kind == kind::kDrillChoice) {
            // One choice per step; should two ever claim a step, the earlier (by HLC) stands.
            db_.cached(R"(INSERT INTO drill_choices(attempt_id, step, node, choice, chosen_at, hlc, device) VALUES(?,?,?,?,?,?,?)
                           ON CONFLICT(attempt_id, step) DO UPDATE SET node = excluded.node, choice = excluded.choice,
                               chosen_at = excluded.chosen_at, hlc = excluded.hlc, device = excluded.device
                           WHERE (excluded.hlc, excluded.device) < (hlc, device))")
                .bind_ref(1, e.subject).bind(2, p.integer("step")).bind_ref(3, p.str("node")).bind(4, p.integer("choice")).bind(5, e.at)
                .bind(6, e.hlc).bind_ref(7, e.device).run();
        } else if (e.kind == kind::kDrillFinished) {
            db_.cached(R"(UPDATE drill_attempts SET finished_at = ?2, finished_hlc = ?3, ending = ?4, rating = ?5,
                               final_state = ?6 WHERE id = ?1 AND (finished_hlc = 0 OR ?3 < finished_hlc))")
                .bind_ref(1, e.subject).bind(2, e.at).bind(3, e.hlc).bind_ref(4, p.str("ending")).bind_ref(5, p.str("rating"))
                .bind_ref(6, p.str("state")).run();
        }
    } else if (e.kind == kind::kSetting) {
        db_.cached(R"(INSERT INTO settings(key, value, hlc, device) VALUES(?1, ?2, ?3, ?4)
                       ON CONFLICT(key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, device = excluded.device
                       WHERE (hlc, device) < (excluded.hlc, excluded.device))")
            .bind_ref(1, e.subject).bind_ref(2, p.str("value")).bind(3, e.hlc).bind_ref(4, e.device).run();
    }
}

void ProgressStore::rebuild_derived() {
    db_.exec(derived::kDropDerived);
    db_.exec(derived::kDerivedTables);
    for (const Event& e : events())
        if (e.learner == learner_) apply(e);
}

}  // namespace linli
