#include "sync/drill_recorder.h"

namespace linli {

std::string describe_state(const Drill& d, const DrillState& s) {
    std::string out;
    for (size_t i = 0; i < d.vars.size(); ++i) out += (out.empty() ? "" : ";") + d.vars[i].name + "=" + std::to_string(s.values[i]);
    for (size_t i = 0; i < d.flags.size() && i < 64; ++i)
        if (s.flags >> i & 1) out += (out.empty() ? "" : ";") + d.flags[i];
    return out;
}

DrillRecorder::DrillRecorder(ProgressStore* store, const Drill& drill, int64_t now, bool resume)
    : store_(store), session_(drill) {
    if (!store_) return;
    const std::string& id = drill.doc->meta.id;
    if (resume) {
        if (auto a = store_->unfinished_attempt(id)) {
            // Replay deterministically; stop at the first step that no longer fits (the drill changed).
            try {
                for (const ChoiceRecord& c : a->choices) {
                    if (session_.node().id != c.node) break;
                    session_.choose(c.choice, c.at);
                }
                attempt_ = a->id;
                resumed_ = true;
                return;
            } catch (const std::invalid_argument&) {
                session_ = DrillSession(drill);
            }
        }
    }
    attempt_ = store_->start_attempt(id, now);
}

const Choice& DrillRecorder::choose(int index, int64_t now) {
    const Choice& c = session_.choose(index, now);
    record_last(now);
    return c;
}

const Choice& DrillRecorder::choose_shown(int n, int64_t now) {
    const Choice& c = session_.choose_shown(n, now);
    record_last(now);
    return c;
}

void DrillRecorder::record_last(int64_t now) {
    if (!store_) return;
    const DrillStep& step = session_.steps().back();
    const Drill& d = session_.drill();
    const std::string& drill = d.doc->meta.id;
    store_->record_choice(attempt_, drill, {static_cast<int>(session_.steps().size()) - 1, d.nodes[step.node].id, step.choice, now});
    if (session_.finished())
        store_->finish_attempt(attempt_, drill, session_.node().id, rating_key(session_.node().rating),
                               describe_state(d, session_.state()), now);
}

}  // namespace linli
