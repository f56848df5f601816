// Derived state: reading progress, drill attempts and settings of the store's learner, computed
// from events. Every rule is commutative (min/max, insert-if-absent, latest by HLC then device), so
// applying the same events in any order gives the same tables. Reviews and notes are folded here
// too and kept by review_state.cpp and notes_state.cpp (a card's memory depends on the order of
// its reviews: it is folded in sorted order, and recomputed when that order is broken).
#include "derived_state.h"

#include "sync/progress_store.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace linli {

namespace {
namespace kind = event_kind;

// One UPSERT for the attempt's row, merged with a stored one by the same rules. SET expressions
// all read the stored row as it was, so each `finish` test sees the old finished_hlc.
void write_attempt(db::Db& db, const derived::Pending::Attempt& a) {
    if (a.id.empty()) return;
    db.cached(R"(INSERT INTO drill_attempts(id, drill_id, started_at, finished_at, finished_hlc, ending, rating, final_state)
                   VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                   ON CONFLICT(id) DO UPDATE SET
                       started_at = CASE WHEN ?3 != 0 AND (started_at = 0 OR ?3 < started_at) THEN ?3 ELSE started_at END,
                       finished_at = CASE WHEN ?9 AND (finished_hlc = 0 OR ?5 < finished_hlc) THEN ?4 ELSE finished_at END,
                       ending = CASE WHEN ?9 AND (finished_hlc = 0 OR ?5 < finished_hlc) THEN ?6 ELSE ending END,
                       rating = CASE WHEN ?9 AND (finished_hlc = 0 OR ?5 < finished_hlc) THEN ?7 ELSE rating END,
                       final_state = CASE WHEN ?9 AND (finished_hlc = 0 OR ?5 < finished_hlc) THEN ?8 ELSE final_state END,
                       finished_hlc = CASE WHEN ?9 AND (finished_hlc = 0 OR ?5 < finished_hlc) THEN ?5 ELSE finished_hlc END
                   WHERE (?3 != 0 AND (started_at = 0 OR ?3 < started_at)) OR (?9 AND (finished_hlc = 0 OR ?5 < finished_hlc)))")
        .bind_ref(1, a.id).bind_ref(2, a.drill).bind(3, a.started_at).bind(4, a.finished_at).bind(5, a.finished_hlc)
        .bind_ref(6, a.ending).bind_ref(7, a.rating).bind_ref(8, a.state).bind(9, int64_t(a.finished)).run();
}

}  // namespace

// Every rule is commutative: min/max, insert-if-absent, or latest by (hlc, device). Reading
// progress and settings are folded in memory first (Pending) and written by flush(); drill events
// are written at once. Both use the connection's cached statements.
void ProgressStore::apply(const Event& e, derived::Pending* pending) {
    if (e.learner != learner_) return;  // other learners' events are kept for the cohort, not derived
    thread_local derived::Payload p;  // keeps its buffer from event to event
    if (!p.parse(e.payload)) return;
    if (!pending) {  // one event: fold it alone and write it now
        derived::Pending one;
        apply(e, &one);
        flush(one);
        return;
    }
    if (e.kind == kind::kDocOpened || e.kind == kind::kDocPosition || e.kind == kind::kDocFinished) {
        std::optional<double> pos;
        if (e.kind == kind::kDocPosition && !(pos = p.number("pos"))) return;
        derived::Pending::Doc& d = pending->docs[e.subject];
        if (e.kind == kind::kDocOpened) {
            // first/last come from openings only (0 until one is known), so any order gives the same row.
            d.first_opened = d.first_opened == 0 ? e.at : std::min(d.first_opened, e.at);
            d.last_opened = d.opened ? std::max(d.last_opened, e.at) : e.at;
            d.opened = true;
        } else if (e.kind == kind::kDocPosition) {
            if (!d.positioned || std::tie(d.pos_hlc, d.pos_device) < std::tie(e.hlc, e.device)) {
                d.position = *pos;
                d.pos_hlc = e.hlc;
                d.pos_device = e.device;
            }
            d.positioned = true;
        } else {
            if (!d.finished || d.finished_at == 0 || e.at < d.finished_at) d.finished_at = e.at;
            d.finished = true;
        }
    } else if (e.kind == kind::kSetting) {
        auto [it, fresh] = pending->settings.try_emplace(e.subject);
        if (fresh || std::tie(it->second.hlc, it->second.device) < std::tie(e.hlc, e.device))
            it->second = {p.str("value"), e.hlc, e.device};
    } else if (e.kind == kind::kReviewGraded || e.kind == kind::kReviewUndone) {
        apply_review(e, p, *pending);
    } else if (e.kind == kind::kNotePut || e.kind == kind::kNoteDeleted) {
        apply_note(e, p, *pending);
    } else if (e.kind == kind::kDrillStarted || e.kind == kind::kDrillChoice || e.kind == kind::kDrillFinished) {
        // The attempt's row exists once any of its events is known; started_at is the start's (0
        // until then), the earliest should two claim it; the earliest finish (by HLC) stands.
        derived::Pending::Attempt& a = pending->attempt;
        if (a.id != e.subject) {
            write_attempt(db_, a);
            a = {e.subject, p.str("drill")};
        }
        if (e.kind == kind::kDrillStarted && e.at != 0) a.started_at = a.started_at == 0 ? e.at : std::min(a.started_at, e.at);
        if (e.kind == kind::kDrillChoice) {
            // One choice per step; should two ever claim a step, the earlier (by HLC) stands.
            db_.cached(R"(INSERT INTO drill_choices(attempt_id, step, node, choice, chosen_at, hlc, device) VALUES(?,?,?,?,?,?,?)
                           ON CONFLICT(attempt_id, step) DO UPDATE SET node = excluded.node, choice = excluded.choice,
                               chosen_at = excluded.chosen_at, hlc = excluded.hlc, device = excluded.device
                           WHERE (excluded.hlc, excluded.device) < (hlc, device))")
                .bind_ref(1, e.subject).bind(2, p.integer("step")).bind_ref(3, p.str("node")).bind(4, p.integer("choice")).bind(5, e.at)
                .bind(6, e.hlc).bind_ref(7, e.device).run();
        } else if (e.kind == kind::kDrillFinished && (!a.finished || a.finished_hlc == 0 || e.hlc < a.finished_hlc)) {
            a.finished = true;
            a.finished_at = e.at;
            a.finished_hlc = e.hlc;
            a.ending = p.str("ending");
            a.rating = p.str("rating");
            a.state = p.str("state");
        }
    }
}

// Writes what `pending` folded, one UPSERT per document and key. Each UPSERT's WHERE says when the
// stored row changes (the latest position, the earliest finish ...), so rows and indexes are not
// rewritten for nothing, and a row already in the table merges by the same rules as an event.
void ProgressStore::flush(derived::Pending& pending) {
    for (const auto& [doc, d] : pending.docs) {
        if (d.opened)
            db_.cached(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened) VALUES(?1, ?2, ?3)
                           ON CONFLICT(doc_id) DO UPDATE SET
                               first_opened = CASE WHEN first_opened = 0 THEN excluded.first_opened
                                                   ELSE min(first_opened, excluded.first_opened) END,
                               last_opened = max(last_opened, excluded.last_opened)
                           WHERE first_opened = 0 OR excluded.first_opened < first_opened OR excluded.last_opened > last_opened)")
                .bind_ref(1, doc).bind(2, d.first_opened).bind(3, d.last_opened).run();
        if (d.positioned)
            db_.cached(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened, position, pos_hlc, pos_device)
                           VALUES(?1, 0, 0, ?2, ?3, ?4)
                           ON CONFLICT(doc_id) DO UPDATE SET
                               position = excluded.position, pos_hlc = excluded.pos_hlc, pos_device = excluded.pos_device
                           WHERE (pos_hlc, pos_device) < (excluded.pos_hlc, excluded.pos_device))")
                .bind_ref(1, doc).bind(2, d.position).bind(3, d.pos_hlc).bind_ref(4, d.pos_device).run();
        if (d.finished)
            db_.cached(R"(INSERT INTO doc_progress(doc_id, first_opened, last_opened, finished_at) VALUES(?1, 0, 0, ?2)
                           ON CONFLICT(doc_id) DO UPDATE SET finished_at = excluded.finished_at
                           WHERE finished_at = 0 OR excluded.finished_at < finished_at)")
                .bind_ref(1, doc).bind(2, d.finished_at).run();
    }
    for (const auto& [key, v] : pending.settings)
        db_.cached(R"(INSERT INTO settings(key, value, hlc, device) VALUES(?1, ?2, ?3, ?4)
                       ON CONFLICT(key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, device = excluded.device
                       WHERE (hlc, device) < (excluded.hlc, excluded.device))")
            .bind_ref(1, key).bind_ref(2, v.value).bind(3, v.hlc).bind_ref(4, v.device).run();
    write_attempt(db_, pending.attempt);
    flush_reviews(pending);
    flush_notes(pending);
    pending.docs.clear();
    pending.settings.clear();
    pending.attempt = {};
}

void ProgressStore::rebuild_derived() {
    db_.exec(derived::kDropDerived);
    db_.exec(derived::kDropStudy);
    db_.exec(derived::kDerivedTables);
    db_.exec(derived::kStudyTables);
    derived::Pending pending;
    for (const Event& e : events())
        if (e.learner == learner_) apply(e, &pending);
    flush(pending);
}

namespace derived {

void require_valid(std::string_view kind, std::string_view subject, const std::string& payload) {
    if (subject.size() > kMaxSubject || payload.size() > kMaxPayload)
        throw std::invalid_argument("记录过大，其他设备不会接受 (the event is too large for other devices to accept)");
    Payload p;
    p.parse(payload);
    if (const char* why = subject_problem(kind, subject)) throw std::invalid_argument(why);
    if (const char* why = payload_problem(kind, p)) throw std::invalid_argument(why);
}

}  // namespace derived
}  // namespace linli
