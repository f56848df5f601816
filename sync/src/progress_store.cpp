// The progress store: one SQLite file of events and the state derived from them.
//
// [SECTION] Schema and step-by-step migrations
// [SECTION] Meta, identity and the learner
// [SECTION] Recording: one event per call, in its own (or the caller's) transaction
// [SECTION] Reading the derived state
// [SECTION] Events and the bulk import
#include "sync/progress_store.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>
#include <string_view>

#include "derived_state.h"
#include "sync/ids.h"

namespace linli {
namespace {

using nlohmann::json;
namespace kind = event_kind;

// Step i upgrades a store from version i to i+1. Append steps; never edit a shipped one.
// Steps in code (nullptr): 2 -> 3 (events), migrate_to_events(); 3 -> 4 (review and notes),
// migrate_to_study().
const char* const kMigrations[] = {
    R"(CREATE TABLE doc_progress(
           doc_id TEXT PRIMARY KEY,
           first_opened INTEGER NOT NULL,
           last_opened INTEGER NOT NULL,
           finished_at INTEGER NOT NULL DEFAULT 0,
           position REAL NOT NULL DEFAULT 0);
       CREATE INDEX doc_progress_recent ON doc_progress(last_opened);)",
    R"(CREATE TABLE drill_attempts(
           id INTEGER PRIMARY KEY,
           drill_id TEXT NOT NULL,
           started_at INTEGER NOT NULL,
           finished_at INTEGER NOT NULL DEFAULT 0,
           ending TEXT NOT NULL DEFAULT '',
           rating TEXT NOT NULL DEFAULT '',
           final_state TEXT NOT NULL DEFAULT '');
       CREATE INDEX drill_attempts_by_drill ON drill_attempts(drill_id, started_at);
       CREATE TABLE drill_choices(
           attempt_id INTEGER NOT NULL REFERENCES drill_attempts(id),
           step INTEGER NOT NULL,
           node TEXT NOT NULL,
           choice INTEGER NOT NULL,
           chosen_at INTEGER NOT NULL,
           PRIMARY KEY(attempt_id, step));)",
    nullptr,  // 2 -> 3 in code
    nullptr,  // 3 -> 4 in code
};
static_assert(std::size(kMigrations) == ProgressStore::kSchemaVersion);

// The events and their ids, in the same form as the shared file.
constexpr const char* kEventTables = R"(
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE learners(idx INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
    CREATE TABLE devices(idx INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
    CREATE TABLE events(
        device INTEGER NOT NULL, seq INTEGER NOT NULL, learner INTEGER NOT NULL, hlc INTEGER NOT NULL,
        kind TEXT NOT NULL, subject TEXT NOT NULL, payload TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY(device, seq)) WITHOUT ROWID;
)";

// Schema 4: a card's reviews, fetched when the card is recomputed. Partial: the other events
// cost an import nothing. (Queries name the kind as this literal, so SQLite can use it.)
constexpr const char* kEventIndexes = R"(
    CREATE INDEX events_reviews ON events(learner, subject) WHERE kind = 'review.graded';
)";



db::Db open_in_new_folder(const std::filesystem::path& file) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    return db::Db(file, db::Db::ReadWrite);
}

constexpr const char* kInsertEvent =
    "INSERT INTO events(device, seq, learner, hlc, kind, subject, payload, at) VALUES(?,?,?,?,?,?,?,?)";
constexpr const char* kMaxSeq = "SELECT coalesce(max(seq), 0) FROM events WHERE device = ?";

DocProgress read_progress(const db::Stmt& st) {
    return {std::string(st.text(0)), st.int64(1), st.int64(2), st.int64(3), st.real(4)};
}

// Events with their device's and learner's ids, as read_event() reads a row.
constexpr const char* kSelectEvents = R"(SELECT d.uuid, e.seq, l.uuid, e.hlc, e.kind, e.subject, e.payload, e.at
                                          FROM events e JOIN devices d ON d.idx = e.device JOIN learners l ON l.idx = e.learner)";

Event read_event(const db::Stmt& st) {
    return {std::string(st.text(0)), st.int64(1), std::string(st.text(2)), st.int64(3), std::string(st.text(4)),
            std::string(st.text(5)), std::string(st.text(6)), st.int64(7)};
}


}  // namespace

int64_t ProgressStore::system_clock_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

ProgressStore::ProgressStore(const std::filesystem::path& file, Clock clock)
    : path_(file), db_(open_in_new_folder(file)), clock_(std::move(clock)) {
    // A 16 MB page cache (SQLite's default is 2 MB): an import of 100,000 events then stays in
    // memory until its commit instead of spilling pages to the WAL and reading them back.
    db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;");
    migrate();
    ensure_identity();
}

int ProgressStore::schema_version() { return static_cast<int>(db_.scalar_int("PRAGMA user_version")); }

void ProgressStore::migrate() {
    int version = schema_version();
    if (version > kSchemaVersion)
        throw db::Error(path_.string() + ": the progress store was written by a newer Linli (schema " +
                        std::to_string(version) + ", this build knows " + std::to_string(kSchemaVersion) + ")");
    if (version == 0) {  // a new store starts at the current schema
        db::Transaction tx(db_);
        db_.exec(kEventTables);
        db_.exec(kEventIndexes);
        db_.exec(derived::kDerivedTables);
        db_.exec(derived::kStudyTables);
        db_.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
        tx.commit();
        return;
    }
    for (; version < kSchemaVersion; ++version) {
        db::Transaction tx(db_);
        if (kMigrations[version]) db_.exec(kMigrations[version]);
        else if (version == 2) migrate_to_events();
        else migrate_to_study();
        db_.exec("PRAGMA user_version = " + std::to_string(version + 1));
        tx.commit();
    }
}

// Schema 2 kept state in tables; schema 3 keeps events. The old rows become this device's first
// events, and the state is derived from them again.
void ProgressStore::migrate_to_events() {
    struct OldAttempt { int64_t id; std::string drill; int64_t started, finished; std::string ending, rating, state; };
    std::vector<DocProgress> docs;
    std::vector<OldAttempt> attempts;
    std::vector<std::pair<int64_t, ChoiceRecord>> choices;
    {
        auto st = db_.prepare("SELECT doc_id, first_opened, last_opened, finished_at, position FROM doc_progress");
        while (st.step()) docs.push_back(read_progress(st));
        auto at = db_.prepare("SELECT id, drill_id, started_at, finished_at, ending, rating, final_state FROM drill_attempts ORDER BY id");
        while (at.step())
            attempts.push_back({at.int64(0), std::string(at.text(1)), at.int64(2), at.int64(3), std::string(at.text(4)),
                                std::string(at.text(5)), std::string(at.text(6))});
        auto ch = db_.prepare("SELECT attempt_id, step, node, choice, chosen_at FROM drill_choices ORDER BY attempt_id, step");
        while (ch.step()) choices.push_back({ch.int64(0), {int(ch.int64(1)), std::string(ch.text(2)), int(ch.int64(3)), ch.int64(4)}});
    }
    db_.exec(derived::kDropDerived);
    db_.exec(kEventTables);
    db_.exec(derived::kDerivedTables);
    ensure_identity();
    for (const auto& d : docs) {
        record(kind::kDocOpened, d.doc_id, "{}", d.first_opened);
        if (d.last_opened != d.first_opened) record(kind::kDocOpened, d.doc_id, "{}", d.last_opened);
        if (d.position > 0) record(kind::kDocPosition, d.doc_id, json{{"pos", d.position}}.dump(), d.last_opened);
        if (d.finished_at) record(kind::kDocFinished, d.doc_id, "{}", d.finished_at);
    }
    for (const auto& a : attempts) {
        std::string id = random_id();
        record(kind::kDrillStarted, id, json{{"drill", a.drill}}.dump(), a.started);
        for (const auto& [old, c] : choices)
            if (old == a.id)
                record(kind::kDrillChoice, id, json{{"drill", a.drill}, {"step", c.step}, {"node", c.node}, {"choice", c.choice}}.dump(), c.at);
        if (a.finished)
            record(kind::kDrillFinished, id, json{{"drill", a.drill}, {"ending", a.ending}, {"rating", a.rating}, {"state", a.state}}.dump(), a.finished);
    }
}

// Schema 4 adds review and notes: a store of schema 3 may already hold such events (received from
// devices running a newer Linli, kept but not derived then), which are derived now. Only those
// kinds are read: the rest of the derived state is already there.
void ProgressStore::migrate_to_study() {
    db_.exec(kEventIndexes);
    db_.exec(derived::kStudyTables);
    ensure_identity();
    std::vector<Event> evs;
    {
        auto st = db_.prepare(std::string(kSelectEvents) +
                              " WHERE e.learner = ? AND e.kind IN ('review.graded', 'review.undone', 'note.put', 'note.deleted')");
        st.bind(1, learner_idx_);
        while (st.step()) evs.push_back(read_event(st));
    }
    derived::Pending pending;
    for (const Event& e : evs) apply(e, &pending);
    flush(pending);
}

// Statements on the hot paths come from the connection's cache (db::Db::cached); a row read is
// followed by a reset (db::Reset), so no statement keeps a read snapshot open between calls.
std::optional<std::string> ProgressStore::meta(const std::string& key) {
    db::Reset st(db_.cached("SELECT value FROM meta WHERE key = ?"));
    st->bind(1, key);
    if (!st->step()) return std::nullopt;
    return std::string(st->text(0));
}

void ProgressStore::set_meta(const std::string& key, const std::string& value) {
    db_.cached("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
}

int64_t ProgressStore::intern(const char* table, const std::string& uuid) {
    const bool learners = std::string_view(table) == "learners";
    if (!learners && std::string_view(table) != "devices") throw std::invalid_argument("intern: no table " + std::string(table));
    auto lookup = [&]() -> std::optional<int64_t> {
        db::Reset st(db_.cached(learners ? "SELECT idx FROM learners WHERE uuid = ?" : "SELECT idx FROM devices WHERE uuid = ?"));
        st->bind(1, uuid);
        if (!st->step()) return std::nullopt;
        return st->int64(0);
    };
    if (auto idx = lookup()) return *idx;
    // OR IGNORE: outside a write transaction another connection may insert the same id first.
    db_.cached(learners ? "INSERT OR IGNORE INTO learners(uuid) VALUES(?)" : "INSERT OR IGNORE INTO devices(uuid) VALUES(?)")
        .bind(1, uuid).run();
    return lookup().value();
}

void ProgressStore::ensure_identity() {
    auto learner = meta(meta_key::kLearnerId), device = meta(meta_key::kDeviceId);
    if (!learner) set_meta(meta_key::kLearnerId, *(learner = random_id()));
    if (!device) set_meta(meta_key::kDeviceId, *(device = random_id()));
    learner_ = *learner;
    device_ = *device;
    learner_idx_ = intern("learners", learner_);
    device_idx_ = intern("devices", device_);
}

// The meta row is the truth about the learner; learner_ is a copy. Another connection to this file
// (the window and its sync worker each hold one) may have adopted a learner since, or an outer
// transaction that adopted one here may have rolled back.
void ProgressStore::refresh_learner() {
    auto id = meta(meta_key::kLearnerId);
    if (!id || *id == learner_) return;
    learner_ = *id;
    learner_idx_ = intern("learners", learner_);
}

Identity ProgressStore::identity() {
    refresh_learner();
    return {learner_, device_, setting(setting_key::kProfileName).value_or(""), setting(setting_key::kProfileCohort).value_or("")};
}

void ProgressStore::set_profile(const std::string& name, const std::string& cohort) {
    set_setting(setting_key::kProfileName, name);
    set_setting(setting_key::kProfileCohort, cohort);
}

void ProgressStore::adopt_learner(const std::string& learner_id) {
    if (!is_id(learner_id)) throw std::invalid_argument("a learner id is 32 hex digits");
    db::Transaction tx(db_);
    set_meta(meta_key::kLearnerId, learner_id);
    learner_ = learner_id;
    learner_idx_ = intern("learners", learner_);
    rebuild_derived();
    tx.commit();
}

int64_t ProgressStore::record(const char* k, const std::string& subject, const std::string& payload, int64_t at) {
    refresh_learner();
    Event e;
    e.device = device_;
    e.learner = learner_;
    e.seq = next_seq();
    int64_t last = std::stoll(meta(meta_key::kHlc).value_or("0"));
    e.hlc = hlc::tick(last, clock_());
    set_meta(meta_key::kHlc, std::to_string(e.hlc));
    e.kind = k;
    e.subject = subject;
    e.payload = payload;
    e.at = at;
    insert_event(e);
    apply(e);
    return e.seq;
}

// The next seq of this device's events. Read from the table each time, inside the caller's write
// transaction: another connection to this file (the window and its sync worker each hold one)
// may have written events of this device since, and a rolled-back transaction or savepoint may
// have undone ours, so no copy kept in memory stays right. It is one B-tree seek on the primary
// key (device, seq) with a cached statement: about 4,000 instructions (callgrind), 5 % of a
// recorded event with its commit, well under a microsecond.
int64_t ProgressStore::next_seq() {
    db::Reset st(db_.cached(kMaxSeq));
    st->bind(1, device_idx_);
    st->step();
    return st->int64(0) + 1;
}

void ProgressStore::insert_event(const Event& e) {
    int64_t dev = e.device == device_ ? device_idx_ : intern("devices", e.device);
    int64_t lrn = e.learner == learner_ ? learner_idx_ : intern("learners", e.learner);
    db_.cached(kInsertEvent)
        .bind(1, dev).bind(2, e.seq).bind(3, lrn).bind(4, e.hlc).bind_ref(5, e.kind).bind_ref(6, e.subject).bind_ref(7, e.payload)
        .bind(8, e.at).run();
}

void ProgressStore::mark_opened(const std::string& doc_id, int64_t now) {
    db::Transaction tx(db_);
    record(kind::kDocOpened, doc_id, "{}", now);
    tx.commit();
}

void ProgressStore::save_position(const std::string& doc_id, double position) {
    if (auto cur = get(doc_id); cur && cur->position == position) return;  // nothing new to say
    db::Transaction tx(db_);
    record(kind::kDocPosition, doc_id, json{{"pos", position}}.dump(), clock_() / 1000);
    tx.commit();
}

void ProgressStore::mark_finished(const std::string& doc_id, int64_t now) {
    if (auto cur = get(doc_id); cur && cur->finished_at) return;
    db::Transaction tx(db_);
    record(kind::kDocFinished, doc_id, "{}", now);
    tx.commit();
}

std::string ProgressStore::start_attempt(const std::string& drill_id, int64_t now, const std::string& attempt_id) {
    if (!attempt_id.empty() && !is_id(attempt_id)) throw std::invalid_argument("an attempt id is 32 hex digits");
    std::string id = attempt_id.empty() ? random_id() : attempt_id;
    db::Transaction tx(db_);
    record(kind::kDrillStarted, id, json{{"drill", drill_id}}.dump(), now);
    tx.commit();
    return id;
}

void ProgressStore::record_choice(const std::string& attempt, const std::string& drill_id, const ChoiceRecord& c) {
    db::Transaction tx(db_);
    record(kind::kDrillChoice, attempt,
           json{{"drill", drill_id}, {"step", c.step}, {"node", c.node}, {"choice", c.choice}}.dump(), c.at);
    tx.commit();
}

void ProgressStore::finish_attempt(const std::string& attempt, const std::string& drill_id, const std::string& ending,
                                   const std::string& rating, const std::string& final_state, int64_t now) {
    db::Transaction tx(db_);
    record(kind::kDrillFinished, attempt,
           json{{"drill", drill_id}, {"ending", ending}, {"rating", rating}, {"state", final_state}}.dump(), now);
    tx.commit();
}

void ProgressStore::set_setting(const std::string& key, const std::string& value) {
    if (setting(key) == value) return;
    db::Transaction tx(db_);
    record(kind::kSetting, key, json{{"value", value}}.dump(), clock_() / 1000);
    tx.commit();
}

void ProgressStore::record_workshop(const char* k, const std::string& workshop_id, const std::string& payload, int64_t at) {
    if (!is_id(workshop_id)) throw std::invalid_argument("a workshop id is 32 hex digits");
    db::Transaction tx(db_);
    record(k, workshop_id, payload, at);
    tx.commit();
}

std::vector<Event> ProgressStore::workshop_events(const std::string& workshop_id) {
    std::vector<Event> out;
    auto st = db_.prepare(std::string(kSelectEvents) + " WHERE e.subject = ? AND e.kind LIKE 'workshop.%' ORDER BY d.uuid, e.seq");
    st.bind(1, workshop_id);
    while (st.step()) out.push_back(read_event(st));
    return out;
}

std::optional<std::string> ProgressStore::open_workshop() {
    refresh_learner();
    auto st = db_.prepare(R"(SELECT s.subject FROM events s WHERE s.kind = ? AND s.learner = ?
                               AND NOT EXISTS (SELECT 1 FROM events c WHERE c.kind = ? AND c.subject = s.subject)
                             ORDER BY s.hlc DESC LIMIT 1)");
    st.bind(1, std::string(kind::kWorkshopStarted)).bind(2, learner_idx_).bind(3, std::string(kind::kWorkshopClosed));
    if (!st.step()) return std::nullopt;
    return std::string(st.text(0));
}

std::optional<DocProgress> ProgressStore::get(const std::string& doc_id) {
    db::Reset st(db_.cached("SELECT doc_id, first_opened, last_opened, finished_at, position FROM doc_progress WHERE doc_id = ?"));
    st->bind(1, doc_id);
    if (!st->step()) return std::nullopt;
    return read_progress(*st);
}

std::vector<DocProgress> ProgressStore::all() {
    auto st = db_.prepare("SELECT doc_id, first_opened, last_opened, finished_at, position FROM doc_progress "
                          "ORDER BY last_opened DESC, doc_id");
    std::vector<DocProgress> out;
    while (st.step()) out.push_back(read_progress(st));
    return out;
}

std::optional<std::string> ProgressStore::last_opened() {
    auto st = db_.prepare("SELECT doc_id FROM doc_progress ORDER BY last_opened DESC, doc_id LIMIT 1");
    if (!st.step()) return std::nullopt;
    return std::string(st.text(0));
}

std::vector<AttemptRecord> ProgressStore::attempts(const std::string& drill_id) {
    std::vector<AttemptRecord> out;
    auto st = db_.prepare("SELECT id, drill_id, started_at, finished_at, ending, rating, final_state FROM drill_attempts "
                          "WHERE drill_id = ? ORDER BY started_at DESC, id DESC");
    st.bind(1, drill_id);
    while (st.step())
        out.push_back({std::string(st.text(0)), std::string(st.text(1)), st.int64(2), st.int64(3), std::string(st.text(4)),
                       std::string(st.text(5)), std::string(st.text(6)), {}});
    auto ch = db_.prepare("SELECT step, node, choice, chosen_at FROM drill_choices WHERE attempt_id = ? ORDER BY step");
    for (AttemptRecord& a : out) {
        ch.bind(1, a.id);
        while (ch.step()) a.choices.push_back({int(ch.int64(0)), std::string(ch.text(1)), int(ch.int64(2)), ch.int64(3)});
        ch.reset();
    }
    return out;
}

std::optional<AttemptRecord> ProgressStore::unfinished_attempt(const std::string& drill_id) {
    auto all = attempts(drill_id);
    if (all.empty() || all.front().finished_at != 0) return std::nullopt;  // only the newest counts
    return std::move(all.front());
}

std::optional<std::string> ProgressStore::setting(const std::string& key) {
    db::Reset st(db_.cached("SELECT value FROM settings WHERE key = ?"));
    st->bind(1, key);
    if (!st->step()) return std::nullopt;
    return std::string(st->text(0));
}

std::vector<Event> ProgressStore::events() {
    std::vector<Event> out;
    auto st = db_.prepare(std::string(kSelectEvents) + " ORDER BY d.uuid, e.seq");
    while (st.step()) out.push_back(read_event(st));
    return out;
}

std::map<std::string, int64_t> ProgressStore::event_counts() {
    std::map<std::string, int64_t> out;
    auto st = db_.prepare("SELECT l.uuid, count(*) FROM events e JOIN learners l ON l.idx = e.learner GROUP BY l.uuid");
    while (st.step()) out[std::string(st.text(0))] = st.int64(1);
    return out;
}

int64_t ProgressStore::event_count() { return db_.scalar_int("SELECT count(*) FROM events"); }

size_t ProgressStore::add_events(const std::vector<Event>& evs) {
    Import imp(*this);
    for (const Event& e : evs) imp.add(e, true);
    imp.commit();
    return imp.added();
}

ProgressStore::Import::Import(ProgressStore& s)
    : s_(s),
      tx_(s.db_),
      exists_(s.db_.cached("SELECT 1 FROM events WHERE device = ? AND seq = ?")),
      insert_(s.db_.cached(kInsertEvent)),
      pending_(std::make_unique<derived::Pending>()),
      clock_(std::stoll(s.meta(meta_key::kHlc).value_or("0"))) {
    s_.refresh_learner();  // whose events are derived: as of this transaction
}

ProgressStore::Import::~Import() = default;

// Events come in runs of one device and learner: the last id is checked before the map.
int64_t ProgressStore::Import::Interned::index(ProgressStore& s, const char* table, const std::string& uuid) {
    if (last != rows.end() && last->first == uuid) return last->second;
    last = rows.find(uuid);
    if (last == rows.end()) last = rows.emplace(uuid, s.intern(table, uuid)).first;
    return last->second;
}

int64_t ProgressStore::Import::max_seq(const std::string& device) {
    write_buffered();
    db::Reset st(s_.db_.cached("SELECT coalesce(max(e.seq), 0) FROM events e JOIN devices d ON d.idx = e.device WHERE d.uuid = ?"));
    st->bind(1, device);
    st->step();
    return st->int64(0);
}

bool ProgressStore::Import::add(const Event& e, bool may_be_known) {
    int64_t dev = devices_.index(s_, "devices", e.device), lrn = learners_.index(s_, "learners", e.learner);
    if (may_be_known) {
        write_buffered();  // the event may be one of them
        db::Reset st(exists_);
        exists_.bind(1, dev).bind(2, e.seq);
        if (exists_.step()) return false;
    }
    Row& r = rows_[buffered_++];
    r.device = dev;
    r.seq = e.seq;
    r.learner = lrn;
    r.hlc = e.hlc;
    r.at = e.at;
    r.kind = e.kind;
    r.subject = e.subject;
    r.payload = e.payload;
    if (buffered_ == kBatch) write_buffered();
    s_.apply(e, pending_.get());
    clock_ = hlc::observe(clock_, e.hlc);
    ++added_;
    return true;
}

void ProgressStore::Import::write_buffered() {
    auto bind = [](db::Stmt& st, int first, const Row& r) {
        st.bind(first, r.device).bind(first + 1, r.seq).bind(first + 2, r.learner).bind(first + 3, r.hlc)
            .bind_ref(first + 4, r.kind).bind_ref(first + 5, r.subject).bind_ref(first + 6, r.payload).bind(first + 7, r.at);
    };
    if (buffered_ == kBatch) {
        static const std::string sql = [] {
            std::string q = "INSERT INTO events(device, seq, learner, hlc, kind, subject, payload, at) VALUES";
            for (size_t i = 0; i < kBatch; ++i) q += i ? ",(?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?)";
            return q;
        }();
        db::Stmt& st = s_.db_.cached(sql);
        for (size_t i = 0; i < kBatch; ++i) bind(st, int(i * 8 + 1), rows_[i]);
        st.run();
    } else {
        for (size_t i = 0; i < buffered_; ++i) {
            bind(insert_, 1, rows_[i]);
            insert_.run();
        }
    }
    buffered_ = 0;
}

void ProgressStore::Import::commit() {
    write_buffered();
    s_.flush(*pending_);
    s_.set_meta(meta_key::kHlc, std::to_string(clock_));
    tx_.commit();
}

}  // namespace linli
