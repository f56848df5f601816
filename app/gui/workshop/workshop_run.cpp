#include "workshop_run.h"

#include <algorithm>
#include <ctime>

#include "content/sections.h"
#include "gui/app.h"

namespace linli::gui {

WorkshopLog::Sink store_sink(App& app) {
    StoreWriter* store = app.store.get();
    return [store](const char* kind, const std::string& id, std::string payload, int64_t at) {
        if (!store) return;
        store->write([kind, id, payload = std::move(payload), at](ProgressStore& s) { s.record_workshop(kind, id, payload, at); });
    };
}

WorkshopRun::WorkshopRun(App& app, const Drill& drill, WorkshopSetup setup)
    : app_(app), w_(std::make_unique<Workshop>(drill, setup.groups, setup.started)), log_(store_sink(app), std::move(setup)) {
    log_.started();
    derive();
}

WorkshopRun::WorkshopRun(App& app, const Drill& drill, const SavedWorkshop& saved)
    : app_(app), w_(resume(drill, saved)), log_(store_sink(app), saved.setup, saved.actions.size()) {
    // Actions that no longer fit the drill (it was edited) are not replayed: the log goes on from
    // the ones that were, so their numbers stay one sequence.
    if (w_->actions().size() < saved.actions.size()) log_ = WorkshopLog(store_sink(app), saved.setup, w_->actions().size());
    derive();
}

SavedWorkshop WorkshopRun::saved() const { return {log_.setup(), w_->actions(), false}; }

int64_t WorkshopRun::now() { return static_cast<int64_t>(std::time(nullptr)); }

template <class F>
void WorkshopRun::act(F f) {
    message_.clear();
    try {
        f(*w_);
    } catch (const std::exception& e) {
        message_ = e.what();
    }
    log_.flush(*w_);
    derive();
}

void WorkshopRun::vote(int group, int number) { act([&](Workshop& w) { w.vote(group, number, now()); }); }
void WorkshopRun::reveal(int track) { act([&](Workshop& w) { w.reveal(track, now()); }); }
void WorkshopRun::reveal_all() {
    act([&](Workshop& w) {
        for (int t = 0; t < int(w.tracks().size()); ++t)
            if (!w.track_finished(t) && !w.tracks()[size_t(t)].revealed) w.reveal(t, now());
    });
}
void WorkshopRun::go_majority(int track, int tie) { act([&](Workshop& w) { w.continue_with_majority(track, tie, now()); }); }
void WorkshopRun::go_group(int track, int group) { act([&](Workshop& w) { w.continue_with_group(track, group, now()); }); }
void WorkshopRun::go_parallel(int track) { act([&](Workshop& w) { w.continue_in_parallel(track, now()); }); }
void WorkshopRun::go_all() {
    act([&](Workshop& w) {
        size_t n = w.tracks().size();
        for (size_t t = 0; t < n; ++t)
            if (!w.track_finished(int(t)) && w.tracks()[t].revealed && w.leaders(int(t)).size() == 1)
                w.continue_with_majority(int(t), 0, now());
    });
}
void WorkshopRun::note(int track, const std::string& text, bool discuss) {
    act([&](Workshop& w) { w.note(track, text, discuss, now()); });
}
void WorkshopRun::add_minute() { act([&](Workshop& w) { w.extend(60, now()); }); }

int64_t WorkshopRun::seconds_left() const {
    return w_->decision_began() + int64_t(setup().minutes) * 60 + w_->extra_seconds() - (frame_time_ ? frame_time_ : now());
}

void WorkshopRun::close() { log_.closed(now()); }

void WorkshopRun::derive() {
    views_.clear();
    split_from_.clear();
    decision_number_ = 1;
    for (const Decision& d : w_->decisions()) {
        if (d.track == 0 && d.round == Round::Option) ++decision_number_;  // the first track's count the room's; two rounds are one decision
        if (d.how == "parallel" && split_from_.empty()) split_from_ = w_->drill().nodes[size_t(d.node)].title;
    }
    for (int t = 0; t < int(w_->tracks().size()); ++t) {
        const WorkshopTrack& track = w_->tracks()[size_t(t)];
        TrackView v;
        v.ended = track.session.finished();
        v.ballot = w_->ballot(t);
        v.spread = w_->spread(t);
        v.leaders = w_->leaders(t);
        for (const Block* b : visible_blocks(w_->drill(), track.session.node().body, track.session.state())) {
            if (b->kind == BlockKind::BulletList || b->kind == BlockKind::OrderedList) {
                for (const Block& item : b->children) v.scene.push_back("• " + block_text(item));
            } else if (b->kind != BlockKind::Image && b->kind != BlockKind::Rule) {
                v.scene.push_back(block_text(*b));
            }
        }
        v.title = track.session.node().title;
        v.groups = w_->group_names(track.groups);
        v.meters = track.session.state().values;
        for (size_t m = 0; m < v.meters.size() && m < w_->drill().vars.size(); ++m)
            v.meter_labels.push_back(w_->drill().vars[m].name + " " + std::to_string(v.meters[m]));
        for (size_t i = 0; i < v.spread.size(); ++i) {
            Bar b{std::to_string(i + 1), {}, int(v.spread[i].size()),
                  std::find(v.leaders.begin(), v.leaders.end(), int(i + 1)) != v.leaders.end()};
            b.note = w_->group_names(v.spread[i]);
            v.bars.push_back(std::move(b));
        }
        if (!setup().exam && !track.session.steps().empty()) {  // 考核: feedback waits for the debrief
            const DrillStep& last = track.session.steps().back();
            const Choice& c = w_->drill().nodes[size_t(last.node)].choices[size_t(last.choice)];
            v.last_choice = c.text;
            v.last_feedback = c.feedback;
        }
        views_.push_back(std::move(v));
    }
}

}  // namespace linli::gui
