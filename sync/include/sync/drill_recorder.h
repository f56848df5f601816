// Keeps a drill session and its attempt in the progress store in step: each choice is written as
// it is made, the ending when it is reached, and an unfinished attempt is replayed on resume.
#pragma once
#include <memory>
#include <optional>

#include "cases/drill_engine.h"
#include "sync/progress_store.h"

namespace linli {

class DrillRecorder {
public:
    // Resumes the newest unfinished attempt of the drill, or starts a new one.
    DrillRecorder(ProgressStore* store, const Drill& drill, int64_t now, bool resume = true);

    DrillSession& session() { return session_; }
    bool resumed() const { return resumed_; }
    // Takes a choice (index into the node's choices) and records it; records the ending if reached.
    const Choice& choose(int index, int64_t now);
    const Choice& choose_shown(int n, int64_t now);
    const std::string& attempt_id() const { return attempt_; }

private:
    void record_last(int64_t now);

    ProgressStore* store_;  // may be null: play without saving
    DrillSession session_;
    std::string attempt_;
    bool resumed_ = false;
};

// "居民信任=60;团队精力=40;已报街道" — the final state as stored with an attempt.
std::string describe_state(const Drill& d, const DrillState& s);

}  // namespace linli
