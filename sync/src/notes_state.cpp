// Notes and highlights: the latest note.put of each note id (by hlc, then device, then seq) is the
// note; a note.deleted is a tombstone that no put, earlier or later, undoes. Both rules commute,
// so notes are folded like settings: in memory (derived::Pending), then one UPSERT per note.
//
// [SECTION] Recording
// [SECTION] Folding note events into the notes table
// [SECTION] Reading the notes
#include "sync/progress_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "derived_state.h"
#include "sync/ids.h"

namespace linli {
namespace {

using nlohmann::json;
namespace kind = event_kind;

int64_t or_clock(int64_t now, const ProgressStore::Clock& clock) { return now ? now : clock() / 1000; }

}  // namespace

// [SECTION] Recording

std::string ProgressStore::put_note(Note n, int64_t now) {
    if (n.id.empty()) n.id = random_id();
    if (!is_id(n.id)) throw std::invalid_argument("笔记编号不是 32 位十六进制 (a note id is 32 hex digits)");
    std::string payload;
    try {
        payload = json{{"doc", n.doc}, {"block", n.block}, {"quote", n.quote}, {"text", n.text}, {"color", n.color}}.dump();
    } catch (const json::type_error&) {
        throw std::invalid_argument("笔记含有无效的 UTF-8 文字 (the note holds text that is not valid UTF-8)");
    }
    derived::require_valid(kind::kNotePut, n.id, payload);
    db::Transaction tx(db_);
    record(kind::kNotePut, n.id, payload, or_clock(now, clock_));
    tx.commit();
    return n.id;
}

void ProgressStore::delete_note(const std::string& note_id, int64_t now) {
    if (!is_id(note_id)) throw std::invalid_argument("笔记编号不是 32 位十六进制 (a note id is 32 hex digits)");
    db::Transaction tx(db_);
    record(kind::kNoteDeleted, note_id, "{}", or_clock(now, clock_));
    tx.commit();
}

// [SECTION] Folding note events into the notes table

void ProgressStore::apply_note(const Event& e, const derived::Payload& p, derived::Pending& pending) {
    if (subject_problem(e.kind, e.subject) || payload_problem(e.kind, p)) return;  // kept, never derived (the importer refuses such payloads)
    derived::Pending::Note& n = pending.notes[e.subject];
    if (e.kind == kind::kNoteDeleted) n.deleted = true;
    if (n.deleted) return;  // nothing of a put can matter any more
    n.created_at = n.put ? std::min(n.created_at, e.at) : e.at;
    if (!n.put || std::tie(n.hlc, n.device, n.seq) < std::tie(e.hlc, e.device, e.seq)) {
        n.doc = p.str("doc");
        n.block = p.integer("block");
        n.quote = p.str("quote");
        n.text = p.str("text");
        n.color = p.str("color");
        n.updated_at = e.at;
        n.hlc = e.hlc;
        n.device = e.device;
        n.seq = e.seq;
    }
    n.put = true;
}

// A put merges with the stored row by the same rules as apply_note: its fields if it is the later
// put, the earlier created_at either way, nothing on a tombstone. A delete empties the row for good.
void ProgressStore::flush_notes(derived::Pending& pending) {
    for (const auto& [id, n] : pending.notes) {
        if (n.deleted) {
            db_.cached(R"(INSERT INTO notes(id, doc, block, quote, text, color, created_at, updated_at, hlc, device, seq, deleted)
                           VALUES(?1, '', 0, '', '', '', 0, 0, 0, '', 0, 1)
                           ON CONFLICT(id) DO UPDATE SET
                               doc = '', block = 0, quote = '', text = '', color = '', deleted = 1
                           WHERE deleted = 0)")
                .bind_ref(1, id).run();
        } else if (n.put) {
            db_.cached(R"(INSERT INTO notes(id, doc, block, quote, text, color, created_at, updated_at, hlc, device, seq, deleted)
                           VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0)
                           ON CONFLICT(id) DO UPDATE SET
                               created_at = min(created_at, ?7),
                               doc = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?2 ELSE doc END,
                               block = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?3 ELSE block END,
                               quote = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?4 ELSE quote END,
                               text = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?5 ELSE text END,
                               color = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?6 ELSE color END,
                               updated_at = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?8 ELSE updated_at END,
                               hlc = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?9 ELSE hlc END,
                               device = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?10 ELSE device END,
                               seq = CASE WHEN (hlc, device, seq) < (?9, ?10, ?11) THEN ?11 ELSE seq END
                           WHERE deleted = 0 AND ((hlc, device, seq) < (?9, ?10, ?11) OR ?7 < created_at))")
                .bind_ref(1, id).bind_ref(2, n.doc).bind(3, n.block).bind_ref(4, n.quote).bind_ref(5, n.text).bind_ref(6, n.color)
                .bind(7, n.created_at).bind(8, n.updated_at).bind(9, n.hlc).bind_ref(10, n.device).bind(11, n.seq).run();
        }
    }
    pending.notes.clear();
}

// [SECTION] Reading the notes

std::vector<Note> ProgressStore::read_notes(const char* where, const std::string& key) {
    std::vector<Note> out;
    auto st = db_.prepare(std::string("SELECT id, doc, block, quote, text, color, created_at, updated_at FROM notes WHERE deleted = 0") +
                          where + " ORDER BY doc, block, created_at, id");
    if (*where) st.bind(1, key);
    while (st.step())
        out.push_back({std::string(st.text(0)), std::string(st.text(1)), static_cast<int>(st.int64(2)), std::string(st.text(3)),
                       std::string(st.text(4)), std::string(st.text(5)), st.int64(6), st.int64(7)});
    return out;
}

std::vector<Note> ProgressStore::notes() { return read_notes("", ""); }

std::vector<Note> ProgressStore::notes(const std::string& doc_id) { return read_notes(" AND doc = ?", doc_id); }

std::optional<Note> ProgressStore::note(const std::string& note_id) {
    auto found = read_notes(" AND id = ?", note_id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

}  // namespace linli
