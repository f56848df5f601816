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
}  // namespace event_kind

// Limits on what an imported event may hold; anything larger marks a damaged or hostile file.
inline constexpr size_t kMaxKind = 32, kMaxSubject = 256, kMaxPayload = 4096;

}  // namespace linli
