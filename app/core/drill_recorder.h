// Keeps a drill session and its attempt's events in step: each choice is logged as it is made, the
// ending when it is reached, and an unfinished attempt is replayed on resume. Where the events go
// is an AttemptLog: straight into a store (the CLI) or through the window's store writer.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "cases/drill_engine.h"
#include "sync/progress_store.h"

namespace linli {

class AttemptLog {
public:
    virtual ~AttemptLog() = default;
    virtual void started(const std::string& attempt, const std::string& drill, int64_t now) = 0;
    virtual void chose(const std::string& attempt, const std::string& drill, const ChoiceRecord& c) = 0;
    virtual void finished(const std::string& attempt, const std::string& drill, const std::string& ending,
                          const std::string& rating, const std::string& final_state, int64_t now) = 0;
};

// Writes each event into the store as it happens.
class StoreAttemptLog : public AttemptLog {
public:
    explicit StoreAttemptLog(ProgressStore& store) : store_(store) {}
    void started(const std::string& attempt, const std::string& drill, int64_t now) override;
    void chose(const std::string& attempt, const std::string& drill, const ChoiceRecord& c) override;
    void finished(const std::string& attempt, const std::string& drill, const std::string& ending,
                  const std::string& rating, const std::string& final_state, int64_t now) override;

private:
    ProgressStore& store_;
};

class DrillRecorder {
public:
    // Replays `resume` (an unfinished attempt of this drill) when given, else starts a new attempt.
    // `log` may be null: play without saving.
    DrillRecorder(std::shared_ptr<AttemptLog> log, const Drill& drill, int64_t now,
                  const std::optional<AttemptRecord>& resume);
    // Straight into `store` (may be null): resumes its newest unfinished attempt unless !resume.
    DrillRecorder(ProgressStore* store, const Drill& drill, int64_t now, bool resume = true);

    DrillSession& session() { return session_; }
    const DrillSession& session() const { return session_; }
    bool resumed() const { return resumed_; }
    // Takes a choice (index into the node's choices) and logs it; logs the ending if reached.
    const Choice& choose(int index, int64_t now);
    const Choice& choose_shown(int n, int64_t now);
    const std::string& attempt_id() const { return attempt_; }
    // This attempt as the store would hold it: for replaying it on a reloaded drill.
    AttemptRecord record() const;

private:
    void begin(int64_t now, const std::optional<AttemptRecord>& resume);
    void log_last(int64_t now);

    std::shared_ptr<AttemptLog> log_;
    DrillSession session_;
    std::string attempt_;
    bool resumed_ = false;
};

// "居民信任=60;团队精力=40;已报街道" — the final state as stored with an attempt.
std::string describe_state(const Drill& d, const DrillState& s);

}  // namespace linli
