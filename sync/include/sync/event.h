// Everything the app records is an immutable event with a globally unique id: (device, seq), where
// device is a random id and seq counts that device's events from 1. Derived state (read marks,
// attempts, settings) is computed from the events, so merging two stores is the union of their
// events and gives the same state in any order.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace linli {

struct Event {
    std::string device;   // device id (32 hex)
    int64_t seq = 0;      // 1, 2, 3 … per device
    std::string learner;  // learner id (32 hex)
    int64_t hlc = 0;      // hybrid logical clock when recorded
    std::string kind;     // see namespace event_kind
    std::string subject;  // what it is about: a document id, an attempt id, a setting key
    std::string payload;  // JSON object
    int64_t at = 0;       // wall-clock unix seconds, for display

    bool operator==(const Event&) const = default;
};

namespace derived {
class Payload;
}

// An event as a reader streams it: views into the row being read, valid during the call only.
struct EventView {
    std::string_view learner, device, kind, subject, payload;
    int64_t seq = 0, hlc = 0, at = 0;
    // The payload already read, when the reader checked it on the way (else null): not read twice.
    const derived::Payload* parsed = nullptr;
};

namespace event_kind {
inline constexpr const char* kDocOpened = "doc.opened";        // subject: document id
inline constexpr const char* kDocPosition = "doc.position";    // {"pos": 0.4}; the latest (by HLC) wins
inline constexpr const char* kDocFinished = "doc.finished";
inline constexpr const char* kDrillStarted = "drill.started";  // subject: attempt id; {"drill": id}
inline constexpr const char* kDrillChoice = "drill.choice";    // {"drill", "step", "node", "choice"}
inline constexpr const char* kDrillFinished = "drill.finished";  // {"drill", "ending", "rating", "state"}
// A workshop (issue 11) is its start, its actions in order, and its close; subject: workshop id.
inline constexpr const char* kWorkshopStarted = "workshop.started";  // {"drill", "groups", "minutes", "mode"}
inline constexpr const char* kWorkshopAction = "workshop.action";    // {"n", "a", "t", "g", "v", "text"}: see core/workshop_log
inline constexpr const char* kWorkshopClosed = "workshop.closed";
inline constexpr const char* kSetting = "setting";             // subject: key; {"value": "..."}; latest wins
// Spaced review of cards (FSRS). Subject: the card id, e.g. "pit-community-seeds#要点-2".
inline constexpr const char* kReviewGraded = "review.graded";  // {"g": 1..4, "doc": document id}
// Takes back one review.graded event of the same card, named by its id: {"device": 32 hex, "seq": N}.
// Kept if that event is not known yet, and applied when it arrives.
inline constexpr const char* kReviewUndone = "review.undone";
// A highlight or note in a document. Subject: the note id (32 hex). {"doc", "block": paragraph
// index (>= 0), "quote": the highlighted text, "text": the note ("" for a plain highlight),
// "color": a short key}. The latest put (by HLC, then device, then seq) is the note.
inline constexpr const char* kNotePut = "note.put";
inline constexpr const char* kNoteDeleted = "note.deleted";    // {}; the note stays deleted, whatever puts arrive
}  // namespace event_kind

// Limits on what an imported event may hold; anything larger marks a damaged or hostile file.
inline constexpr size_t kMaxKind = 32, kMaxSubject = 256, kMaxPayload = 4096;
// Limits on a note's fields, in bytes of UTF-8 (the payload as a whole stays under kMaxPayload).
inline constexpr size_t kMaxQuote = 1000, kMaxNoteText = 2000, kMaxColor = 32;

// What is wrong with the payload of an event of one of the kinds above whose shape is checked
// (review.*, note.*): not an object, a bad grade, a quote too long, a field missing or of the
// wrong type. Null when it is fine, or for the other kinds. The shared file's importer refuses a
// file holding such an event; the store never records or derives one. (payload.cpp)
const char* payload_problem(std::string_view kind, const derived::Payload& p);
// The same for the subject: a review names a card, a note id is 32 hex. Checked where the subject
// is at hand: recording and deriving (an event with a bad one is kept, not derived).
const char* subject_problem(std::string_view kind, std::string_view subject);

}  // namespace linli
