// Spaced review: each card's FSRS memory, folded from this learner's review.graded events of the
// card in (hlc, device, seq) order, those taken back by a review.undone skipped.
//
// Unlike the rest of the derived state, a card's memory depends on the order of its reviews. New
// reviews are folded onto the stored memory while they sort after the card's last applied one (a
// device's own reviews, or another's newer ones); one that sorts before it (another device's
// offline reviews, synced later) or an undo makes the card recomputed from all its events. An
// import folds per card at its commit, so each card is recomputed at most once.
//
// [SECTION] Recording: a grade, an undo
// [SECTION] Folding reviews into the review tables
// [SECTION] Reading the review state
#include "sync/progress_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

#include "derived_state.h"

namespace linli {
namespace {

using nlohmann::json;
using Review = derived::Pending::Review;
namespace kind = event_kind;

// Every device schedules with the same parameters: the same reviews give the same memory anywhere.
const fsrs::Params kParams{};

bool before(const Review& a, const Review& b) { return std::tie(a.hlc, a.device, a.seq) < std::tie(b.hlc, b.device, b.seq); }

// The payload's text; invalid UTF-8 (a card or document id cut short) is the caller's mistake.
std::string payload_text(const json& j) {
    try {
        return j.dump();
    } catch (const json::type_error&) {
        throw std::invalid_argument("复习记录含有无效的 UTF-8 文字 (a review holds text that is not valid UTF-8)");
    }
}

constexpr const char* kMemoryColumns = "phase, step, stability, difficulty, due, last_review, reps, lapses";
constexpr const char* kMemoryOf = "SELECT phase, step, stability, difficulty, due, last_review, reps, lapses FROM review_state WHERE card = ?";

fsrs::Memory read_memory(const db::Stmt& st, int first) {
    fsrs::Memory m;
    m.phase = static_cast<fsrs::Phase>(st.int64(first));
    m.step = static_cast<int>(st.int64(first + 1));
    m.stability = st.real(first + 2);
    m.difficulty = st.real(first + 3);
    m.due = st.int64(first + 4);
    m.last_review = st.int64(first + 5);
    m.reps = static_cast<int>(st.int64(first + 6));
    m.lapses = static_cast<int>(st.int64(first + 7));
    return m;
}

void write_memory(db::Db& db, const std::string& card, const fsrs::Memory& m) {
    db.cached(R"(INSERT OR REPLACE INTO review_state(card, phase, step, stability, difficulty, due, last_review, reps, lapses)
                   VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?))")
        .bind_ref(1, card).bind(2, int64_t(m.phase)).bind(3, int64_t(m.step)).bind(4, m.stability).bind(5, m.difficulty)
        .bind(6, m.due).bind(7, m.last_review).bind(8, int64_t(m.reps)).bind(9, int64_t(m.lapses)).run();
}

// The card's stored memory and its last applied review (the key fields only); none: no review
// applied. (A state row is always written with its card's log.)
struct Applied {
    fsrs::Memory memory;
    Review last;
};

std::optional<Applied> stored(db::Db& db, const std::string& card) {
    Applied a;
    {
        db::Reset st(db.cached(kMemoryOf));
        st->bind(1, card);
        if (!st->step()) return std::nullopt;
        a.memory = read_memory(*st, 0);
    }
    db::Reset st(db.cached("SELECT hlc, device, seq FROM review_log WHERE card = ? ORDER BY hlc DESC, device DESC, seq DESC LIMIT 1"));
    st->bind(1, card);
    if (!st->step()) return std::nullopt;
    a.last.hlc = st->int64(0);
    a.last.device = std::string(st->text(1));
    a.last.seq = st->int64(2);
    return a;
}

bool is_undone(db::Db& db, const std::string& card, const Review& r) {
    db::Reset st(db.cached("SELECT 1 FROM review_undone WHERE card = ? AND device = ? AND seq = ?"));
    st->bind(1, card).bind(2, r.device).bind(3, r.seq);
    return st->step();
}

// Folds `reviews` (sorted) onto m, each at its own time or, if that is earlier, at the previous
// review's, and logs each; `skip` says which were taken back. `applied` counts the folded ones.
template <class Skip>
fsrs::Memory fold(db::Db& db, const std::string& card, fsrs::Memory m, const std::vector<Review>& reviews, Skip skip, size_t& applied) {
    for (const Review& r : reviews) {
        if (skip(r)) continue;
        const int64_t at = std::max(r.at, m.last_review);
        db.cached(R"(INSERT INTO review_log(card, hlc, device, seq, doc, grade, at, phase_before, r_before)
                       VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?))")
            .bind_ref(1, card).bind(2, r.hlc).bind_ref(3, r.device).bind(4, r.seq).bind_ref(5, r.doc).bind(6, int64_t(r.grade))
            .bind(7, at).bind(8, int64_t(m.phase)).bind(9, fsrs::retrievability(m, at, kParams)).run();
        m = fsrs::review(m, static_cast<fsrs::Grade>(r.grade), at, kParams);
        ++applied;
    }
    return m;
}

// A review.graded event's review; none when its payload is not one (payload_problem).
std::optional<Review> review_of(std::string_view device, int64_t seq, int64_t hlc, std::string_view subject,
                                std::string_view payload, int64_t at, derived::Payload& p) {
    if (!p.parse(payload) || subject_problem(kind::kReviewGraded, subject) || payload_problem(kind::kReviewGraded, p)) return std::nullopt;
    return Review{hlc, std::string(device), seq, p.str("doc"), static_cast<int>(p.integer("g")), at};
}

}  // namespace

// [SECTION] Recording: a grade, an undo

std::string ProgressStore::record_review(const std::string& card_id, const std::string& doc_id, int grade, int64_t now) {
    const std::string payload = payload_text(json{{"g", grade}, {"doc", doc_id}});
    derived::require_valid(kind::kReviewGraded, card_id, payload);
    db::Transaction tx(db_);
    const int64_t seq = record(kind::kReviewGraded, card_id, payload, now);
    tx.commit();
    return device_ + ":" + std::to_string(seq);
}

// This device's newest review of this learner that no undo has taken back yet, by seq: a scan
// down this device's events from the newest, which stops at the first such review.
std::optional<std::string> ProgressStore::undo_last_review() {
    db::Transaction tx(db_);
    refresh_learner();
    std::string card;
    int64_t seq = 0;
    {
        db::Reset st(db_.cached(R"(SELECT e.subject, e.seq FROM events e
                                     WHERE e.device = ?1 AND e.learner = ?2 AND e.kind = 'review.graded'
                                       AND NOT EXISTS (SELECT 1 FROM review_undone u
                                                       WHERE u.card = e.subject AND u.device = ?3 AND u.seq = e.seq)
                                     ORDER BY e.seq DESC LIMIT 1)"));
        st->bind(1, device_idx_).bind(2, learner_idx_).bind(3, device_);
        if (!st->step()) return std::nullopt;
        card = std::string(st->text(0));
        seq = st->int64(1);
    }
    record(kind::kReviewUndone, card, json{{"device", device_}, {"seq", seq}}.dump(), clock_() / 1000);
    tx.commit();
    return card;
}

// [SECTION] Folding reviews into the review tables

void ProgressStore::apply_review(const Event& e, const derived::Payload& p, derived::Pending& pending) {
    if (subject_problem(e.kind, e.subject) || payload_problem(e.kind, p)) return;  // kept, never derived (the importer refuses such payloads)
    derived::Pending::Card& c = pending.cards[e.subject];
    if (e.kind == kind::kReviewGraded)
        c.added.push_back({e.hlc, e.device, e.seq, p.str("doc"), static_cast<int>(p.integer("g")), e.at});
    else
        c.undone.emplace_back(p.str("device"), p.integer("seq"));
}

// Per card: the undos are kept (their reviews may arrive later), then the new reviews are folded
// onto the stored memory if they all come after its last review and no undo came; otherwise the
// card is recomputed.
void ProgressStore::flush_reviews(derived::Pending& pending) {
    for (auto& entry : pending.cards) {
        const std::string& card = entry.first;  // not a structured binding: the lambda below captures it
        derived::Pending::Card& c = entry.second;
        for (const auto& [device, seq] : c.undone)
            db_.cached("INSERT OR IGNORE INTO review_undone(card, device, seq) VALUES(?, ?, ?)")
                .bind_ref(1, card).bind_ref(2, device).bind(3, seq).run();
        std::sort(c.added.begin(), c.added.end(), before);
        std::optional<Applied> now = stored(db_, card);
        const bool in_order = !now || c.added.empty() || before(now->last, c.added.front());
        if (!c.undone.empty() || !in_order) {
            recompute_card(card);
            continue;
        }
        size_t applied = 0;
        const fsrs::Memory m = fold(db_, card, now ? now->memory : fsrs::Memory{}, c.added,
                                    [&](const Review& r) { return is_undone(db_, card, r); }, applied);
        if (applied) write_memory(db_, card, m);
    }
    pending.cards.clear();
}

// The card from scratch: all its reviews of this learner (through the partial index
// events_reviews), sorted, folded, skipping the undone.
void ProgressStore::recompute_card(const std::string& card) {
    db_.cached("DELETE FROM review_log WHERE card = ?").bind_ref(1, card).run();
    db_.cached("DELETE FROM review_state WHERE card = ?").bind_ref(1, card).run();
    std::set<std::pair<std::string, int64_t>> undone;
    {
        db::Reset st(db_.cached("SELECT device, seq FROM review_undone WHERE card = ?"));
        st->bind(1, card);
        while (st->step()) undone.emplace(std::string(st->text(0)), st->int64(1));
    }
    std::vector<Review> reviews;
    {
        derived::Payload p;
        db::Reset st(db_.cached(R"(SELECT d.uuid, e.seq, e.hlc, e.payload, e.at FROM events e JOIN devices d ON d.idx = e.device
                                     WHERE e.kind = 'review.graded' AND e.learner = ? AND e.subject = ?)"));
        st->bind(1, learner_idx_).bind(2, card);
        while (st->step())
            if (auto r = review_of(st->text(0), st->int64(1), st->int64(2), card, st->text(3), st->int64(4), p)) reviews.push_back(*r);
    }
    std::sort(reviews.begin(), reviews.end(), before);
    size_t applied = 0;
    const fsrs::Memory m = fold(db_, card, fsrs::Memory{}, reviews,
                                [&](const Review& r) { return undone.count({r.device, r.seq}) != 0; }, applied);
    if (applied) write_memory(db_, card, m);
}

// [SECTION] Reading the review state

std::map<std::string, fsrs::Memory> ProgressStore::review_states() {
    std::map<std::string, fsrs::Memory> out;
    auto st = db_.prepare(std::string("SELECT card, ") + kMemoryColumns + " FROM review_state");
    while (st.step()) out.emplace(std::string(st.text(0)), read_memory(st, 1));
    return out;
}

std::optional<fsrs::Memory> ProgressStore::review_state(const std::string& card_id) {
    db::Reset st(db_.cached(kMemoryOf));
    st->bind(1, card_id);
    if (!st->step()) return std::nullopt;
    return read_memory(*st, 0);
}

std::vector<ReviewLogEntry> ProgressStore::review_log() {
    std::vector<ReviewLogEntry> out;
    auto st = db_.prepare("SELECT card, doc, grade, at, phase_before, r_before FROM review_log ORDER BY hlc, device, seq");
    while (st.step())
        out.push_back({std::string(st.text(0)), std::string(st.text(1)), static_cast<int>(st.int64(2)), st.int64(3),
                       static_cast<fsrs::Phase>(st.int64(4)), st.real(5)});
    return out;
}

}  // namespace linli
