// The local progress store: one SQLite file (WAL, on local disk) holding this device's identity,
// every event it knows (its own and those synced from others), and state derived from the events
// of its learner: reading progress, drill attempts, settings, each card's review memory (FSRS) and
// the notes. Schema versioned, upgraded in steps.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/sqlite.h"
#include "sync/event.h"
#include "sync/fsrs.h"
#include "sync/keys.h"

namespace linli {
namespace derived {
struct Pending;
}

struct DocProgress {
    std::string doc_id;
    int64_t first_opened = 0;  // unix seconds
    int64_t last_opened = 0;
    int64_t finished_at = 0;   // 0 while not read to the end
    double position = 0;       // 0..1, how far down the reader was
};

struct ChoiceRecord {
    int step = 0;
    std::string node;  // where the choice was made
    int choice = 0;    // index into that node's choices
    int64_t at = 0;
};

struct AttemptRecord {
    std::string id;  // random id: attempts from several devices never clash
    std::string drill_id;
    int64_t started_at = 0, finished_at = 0;  // finished_at 0: unfinished
    std::string ending, rating;               // ending node id and rating key (good/fair/bad)
    std::string final_state;                  // "变量=值;..." as shown in the debrief
    std::vector<ChoiceRecord> choices;
};

// One applied review (not taken back), as the card's memory was folded: for statistics.
struct ReviewLogEntry {
    std::string card, doc;
    int grade = 0;                       // 1..4: fsrs::Grade
    int64_t at = 0;                      // unix seconds it was scheduled at (the event's, or the previous review's if later)
    fsrs::Phase phase_before = fsrs::Phase::New;  // the card's phase before this review
    double retrievability_before = 1;    // fsrs::retrievability of the memory before, at `at`
};

// A highlight, or a note on it, in a document.
struct Note {
    std::string id;           // 32 hex; empty in put_note(): a new one
    std::string doc;
    int block = 0;            // the paragraph (block) index in the document
    std::string quote;        // the highlighted text, at most kMaxQuote bytes
    std::string text;         // the note; empty for a plain highlight; at most kMaxNoteText bytes
    std::string color;        // a short key (at most kMaxColor bytes), e.g. "yellow"
    int64_t created_at = 0;   // unix seconds of its first put (read back; put_note ignores it)
    int64_t updated_at = 0;   // unix seconds of the put that stands (read back; put_note ignores it)

    bool operator==(const Note&) const = default;
};

struct Identity {
    std::string learner_id, device_id, name, cohort;
};

class ProgressStore {
public:
    static constexpr int kSchemaVersion = 4;
    using Clock = std::function<int64_t()>;  // milliseconds since the epoch
    static int64_t system_clock_ms();

    // Opens or creates the store; throws db::Error for a file from a newer Linli.
    explicit ProgressStore(const std::filesystem::path& file, Clock clock = system_clock_ms);

    Identity identity();
    void set_profile(const std::string& name, const std::string& cohort);
    // Continues as an existing learner (from another device): later events carry that id.
    void adopt_learner(const std::string& learner_id);

    // Recording: each writes one event and updates the derived state, in one transaction.
    void mark_opened(const std::string& doc_id, int64_t now);
    void save_position(const std::string& doc_id, double position);
    void mark_finished(const std::string& doc_id, int64_t now);
    // attempt_id: the caller's own id (32 hex, e.g. made before the write is queued); empty: a new one.
    std::string start_attempt(const std::string& drill_id, int64_t now, const std::string& attempt_id = "");
    void record_choice(const std::string& attempt, const std::string& drill_id, const ChoiceRecord& c);
    void finish_attempt(const std::string& attempt, const std::string& drill_id, const std::string& ending,
                        const std::string& rating, const std::string& final_state, int64_t now);
    void set_setting(const std::string& key, const std::string& value);
    // A workshop's event (event_kind::kWorkshop…), recorded like any other so it syncs.
    void record_workshop(const char* kind, const std::string& workshop_id, const std::string& payload, int64_t at);

    // Spaced review. A grade (1..4, fsrs::Grade) of a card of document `doc_id` at `now` (unix s);
    // returns the review's event id as "device:seq". Throws std::invalid_argument for a grade
    // outside 1..4, an empty or too long card or document id.
    std::string record_review(const std::string& card_id, const std::string& doc_id, int grade, int64_t now);
    // Takes back this device's most recent review that is not taken back yet (the review screen's
    // 撤销): returns its card, to put back in front; nullopt when there is none. Again takes back
    // the one before.
    std::optional<std::string> undo_last_review();

    // Notes. put_note writes n (a new random id if n.id is empty; otherwise a later put of the same
    // id replaces it, the latest by HLC winning across devices) and returns its id; `now` (unix s,
    // 0: the store's clock) becomes its created_at or updated_at. A deleted note stays deleted: a
    // put of its id changes nothing. Throws std::invalid_argument for a bad id or fields over the
    // limits (event.h), in Chinese then English.
    std::string put_note(Note n, int64_t now = 0);
    void delete_note(const std::string& note_id, int64_t now = 0);

    // Derived state of this store's learner.
    std::optional<DocProgress> get(const std::string& doc_id);
    std::vector<DocProgress> all();              // most recently opened first
    std::optional<std::string> last_opened();    // the document to continue with
    std::vector<AttemptRecord> attempts(const std::string& drill_id);  // newest first
    std::optional<AttemptRecord> unfinished_attempt(const std::string& drill_id);
    std::optional<std::string> setting(const std::string& key);
    // Each reviewed card's FSRS memory, by card id: its reviews folded in (hlc, device, seq) order,
    // those taken back skipped. A card none of whose reviews stands has none.
    std::map<std::string, fsrs::Memory> review_states();
    std::optional<fsrs::Memory> review_state(const std::string& card_id);
    // Every applied review, in (hlc, device, seq) order: each card's in the order it was folded.
    std::vector<ReviewLogEntry> review_log();
    // The notes that are not deleted: all by document, then block, then creation (then id); or one
    // document's; or one.
    std::vector<Note> notes();
    std::vector<Note> notes(const std::string& doc_id);
    std::optional<Note> note(const std::string& note_id);

    // A workshop's events, in the order recorded (by device, then seq).
    std::vector<Event> workshop_events(const std::string& workshop_id);
    // The newest workshop this learner started that was not closed: the one to resume.
    std::optional<std::string> open_workshop();

    // Events.
    std::vector<Event> events();                         // all, by (device, seq)
    std::map<std::string, int64_t> event_counts();       // per learner id
    int64_t event_count();
    // Adds events not yet known (by device and seq); returns how many were new. Applies those of
    // this learner to the derived state. All or nothing.
    size_t add_events(const std::vector<Event>& evs);

    // A bulk import in one transaction (the shared file's importer): committed by commit(),
    // rolled back if destroyed before.
    class Import {
    public:
        explicit Import(ProgressStore& s);
        ~Import();  // without commit(): nothing of it stays
        int64_t max_seq(const std::string& device);  // 0 when this store has none of its events
        // Adds e; `may_be_known` checks first whether the store has it. True when added.
        bool add(const Event& e, bool may_be_known);
        void commit();
        size_t added() const { return added_; }

    private:
        ProgressStore& s_;
        db::Transaction tx_;
        db::Stmt &exists_, &insert_;  // from the store's statement cache
        struct Interned {  // uuid -> row of the devices or learners table
            std::map<std::string, int64_t> rows;
            std::map<std::string, int64_t>::iterator last = rows.end();
            int64_t index(ProgressStore& s, const char* table, const std::string& uuid);
        };
        Interned devices_, learners_;
        // Events are inserted kBatch rows per statement: a statement's run costs as much as a row's
        // B-tree work. Rows keep their strings' buffers from batch to batch.
        static constexpr size_t kBatch = 32;
        struct Row {
            int64_t device = 0, seq = 0, learner = 0, hlc = 0, at = 0;
            std::string kind, subject, payload;
        };
        std::array<Row, kBatch> rows_;
        size_t buffered_ = 0;
        void write_buffered();  // inserts the buffered rows: before anything reads the events table
        std::unique_ptr<derived::Pending> pending_;  // derived state folded until commit()
        int64_t clock_ = 0;
        size_t added_ = 0;
    };
    void rebuild_derived();  // from the events, e.g. after adopting a learner

    int schema_version();
    db::Db& db() { return db_; }
    const std::filesystem::path& path() const { return path_; }

    // Key-value notes of the store itself (last sync result …); not events, not synced.
    std::optional<std::string> meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

private:
    void migrate();
    void migrate_to_events();  // schema 2 -> 3
    void migrate_to_study();   // schema 3 -> 4: review and notes tables, derived from the events
    void ensure_identity();
    void refresh_learner();  // learner_ as the meta table has it now
    // Writes a new event of this device and applies it; returns its seq.
    int64_t record(const char* kind, const std::string& subject, const std::string& payload, int64_t at);
    int64_t next_seq();  // of this device's events
    void insert_event(const Event& e);
    // Derives e (this learner's events only). With `pending`, reading progress, settings, reviews
    // and notes are folded there for a later flush(); without, e is written at once.
    void apply(const Event& e, derived::Pending* pending = nullptr);
    void flush(derived::Pending& pending);
    // Review and note events (review_state.cpp, notes_state.cpp): folded into `pending`, written
    // by the flushes. A card whose reviews arrived out of order, or were undone, is recomputed.
    void apply_review(const Event& e, const derived::Payload& p, derived::Pending& pending);
    void flush_reviews(derived::Pending& pending);
    void recompute_card(const std::string& card);
    void apply_note(const Event& e, const derived::Payload& p, derived::Pending& pending);
    void flush_notes(derived::Pending& pending);
    std::vector<Note> read_notes(const char* where, const std::string& key);  // where: "" or " AND col = ?"
    int64_t intern(const char* table, const std::string& uuid);

    std::filesystem::path path_;
    db::Db db_;
    Clock clock_;
    std::string learner_, device_;
    int64_t learner_idx_ = 0, device_idx_ = 0;
};

}  // namespace linli
