// A workshop saved as events, so it syncs like any other progress and resumes after a crash or a
// closed lid: a start event with the set-up, one event per action of the state machine (in order,
// numbered), and a close event once the trainer leaves the debrief. Resuming replays the actions.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cases/workshop.h"
#include "sync/event.h"

namespace linli {

struct WorkshopSetup {
    std::string id;      // 32 hex digits
    std::string drill;   // the drill's document id
    std::vector<std::string> groups;
    int minutes = 3;     // discussion time per decision
    bool exam = false;   // feedback only in the debrief
    int64_t started = 0; // unix seconds
};

struct SavedWorkshop {
    WorkshopSetup setup;
    std::vector<WorkshopAction> actions;  // in the order they were taken
    bool closed = false;
};

std::string setup_payload(const WorkshopSetup& s);
std::string action_payload(const WorkshopAction& a, size_t n);  // n: its place in the workshop, from 0
// The workshop the events tell of; none without a readable start event. Unreadable actions are
// left out (a damaged or hostile event never stops a resume).
std::optional<SavedWorkshop> read_saved(const std::vector<Event>& events);
// A new workshop on `drill` with the saved actions replayed, up to the first one that no longer
// fits (the drill was edited since); `applied` says how many did.
std::unique_ptr<Workshop> resume(const Drill& drill, const SavedWorkshop& saved, size_t* applied = nullptr);

// Hands a running workshop's events to a sink (the store, or the window's store writer).
class WorkshopLog {
public:
    using Sink = std::function<void(const char* kind, const std::string& workshop_id, std::string payload, int64_t at)>;
    WorkshopLog(Sink sink, WorkshopSetup setup, size_t already_logged = 0)
        : sink_(std::move(sink)), setup_(std::move(setup)), logged_(already_logged) {}
    const WorkshopSetup& setup() const { return setup_; }
    void started();
    void flush(const Workshop& w);  // the actions taken since the last flush
    void closed(int64_t now);

private:
    Sink sink_;
    WorkshopSetup setup_;
    size_t logged_ = 0;
};

}  // namespace linli
