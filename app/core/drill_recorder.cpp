#include "core/drill_recorder.h"

#include "sync/ids.h"

namespace linli {

std::string describe_state(const Drill& d, const DrillState& s) {
    std::string out;
    for (size_t i = 0; i < d.vars.size(); ++i) out += (out.empty() ? "" : ";") + d.vars[i].name + "=" + std::to_string(s.values[i]);
    for (size_t i = 0; i < d.flags.size() && i < 64; ++i)
        if (s.flags >> i & 1) out += (out.empty() ? "" : ";") + d.flags[i];
    return out;
}

void StoreAttemptLog::started(const std::string& attempt, const std::string& drill, int64_t now) {
    store_.start_attempt(drill, now, attempt);
}

void StoreAttemptLog::chose(const std::string& attempt, const std::string& drill, const ChoiceRecord& c) {
    store_.record_choice(attempt, drill, c);
}

void StoreAttemptLog::finished(const std::string& attempt, const std::string& drill, const std::string& ending,
                               const std::string& rating, const std::string& final_state, int64_t now) {
    store_.finish_attempt(attempt, drill, ending, rating, final_state, now);
}

DrillRecorder::DrillRecorder(std::shared_ptr<AttemptLog> log, const Drill& drill, int64_t now,
                             const std::optional<AttemptRecord>& resume)
    : log_(std::move(log)), session_(drill) {
    begin(now, resume);
}

DrillRecorder::DrillRecorder(ProgressStore* store, const Drill& drill, int64_t now, bool resume)
    : log_(store ? std::make_shared<StoreAttemptLog>(*store) : nullptr), session_(drill) {
    std::optional<AttemptRecord> unfinished;
    if (store && resume) unfinished = store->unfinished_attempt(drill.doc->meta.id);
    begin(now, unfinished);
}

void DrillRecorder::begin(int64_t now, const std::optional<AttemptRecord>& resume) {
    const Drill& drill = session_.drill();
    if (resume && resume->finished_at == 0 && resume->drill_id == drill.doc->meta.id) {
        // Replay deterministically; stop at the first step that no longer fits (the drill changed).
        try {
            for (const ChoiceRecord& c : resume->choices) {
                if (session_.node().id != c.node || session_.finished()) break;
                session_.choose(c.choice, c.at);
            }
            attempt_ = resume->id;
            resumed_ = true;
            return;
        } catch (const std::invalid_argument&) {
            session_ = DrillSession(drill);
        }
    }
    attempt_ = random_id();
    if (log_) log_->started(attempt_, drill.doc->meta.id, now);
}

const Choice& DrillRecorder::choose(int index, int64_t now) {
    const Choice& c = session_.choose(index, now);
    log_last(now);
    return c;
}

const Choice& DrillRecorder::choose_shown(int n, int64_t now) {
    const Choice& c = session_.choose_shown(n, now);
    log_last(now);
    return c;
}

AttemptRecord DrillRecorder::record() const {
    AttemptRecord a;
    a.id = attempt_;
    a.drill_id = session_.drill().doc->meta.id;
    const auto& steps = session_.steps();
    for (size_t i = 0; i < steps.size(); ++i)
        a.choices.push_back({static_cast<int>(i), session_.drill().nodes[steps[i].node].id, steps[i].choice, steps[i].at});
    return a;
}

void DrillRecorder::log_last(int64_t now) {
    if (!log_) return;
    const DrillStep& step = session_.steps().back();
    const Drill& d = session_.drill();
    const std::string& drill = d.doc->meta.id;
    log_->chose(attempt_, drill, {static_cast<int>(session_.steps().size()) - 1, d.nodes[step.node].id, step.choice, now});
    if (session_.finished())
        log_->finished(attempt_, drill, session_.node().id, rating_key(session_.rating()),
                       describe_state(d, session_.state()), now);
}

}  // namespace linli
