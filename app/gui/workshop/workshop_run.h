// A workshop under way in the window: the state machine, its log to the progress store (through
// the store writer, so no frame waits on SQLite), the countdown, and what the stage and the
// controls draw from, derived once per change rather than per frame.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cases/workshop.h"
#include "core/workshop_log.h"
#include "gui/chart.h"

namespace linli::gui {

struct App;

struct TrackView {  // one track's current decision, as drawn
    Ballot ballot;
    std::vector<std::vector<int>> spread;  // per ballot number: groups
    std::vector<int> leaders;
    std::vector<std::string> scene;        // the node's paragraphs in this state, as plain text
    std::string title;                     // the node's title (an ending's too)
    std::string groups;                    // its groups' names, joined with 、
    std::vector<int> meters;               // the state variables' values
    std::vector<std::string> meter_labels; // "居民信任 65", per variable
    std::vector<Bar> bars;                 // the spread as the charts draw it
    std::string last_choice, last_feedback;  // 练习: the option the room took last, and its feedback
    bool ended = false;
};

// Into the progress store through the writer's queue: a busy store delays the write, never a frame.
WorkshopLog::Sink store_sink(App& app);

class WorkshopRun {
public:
    // A new workshop (logged from its start), or one resumed from its saved actions.
    WorkshopRun(App& app, const Drill& drill, WorkshopSetup setup);
    WorkshopRun(App& app, const Drill& drill, const SavedWorkshop& saved);

    const Workshop& workshop() const { return *w_; }
    const WorkshopSetup& setup() const { return log_.setup(); }
    const Drill& drill() const { return w_->drill(); }
    const std::vector<TrackView>& views() const { return views_; }
    const std::string& split_from() const { return split_from_; }  // the node where the groups went apart
    int decision_number() const { return decision_number_; }      // of the room's current decision, from 1
    // The actions so far: replayed onto the drill when the library is reloaded.
    SavedWorkshop saved() const;

    // The trainer's actions; a refused one leaves the workshop as it was and says why in message().
    void vote(int group, int number);
    void reveal(int track);
    void reveal_all();
    void go_majority(int track, int tie_break = 0);
    void go_group(int track, int group);
    void go_parallel(int track);
    void go_all();  // every revealed single-group track, on its own vote
    void note(int track, const std::string& text, bool discuss);
    void add_minute();
    const std::string& message() const { return message_; }

    // Seconds left of the decision under discussion; negative once time is up. Counted from the
    // frame's time, so the laptop and the projector show the same second.
    int64_t seconds_left() const;
    void set_frame_time(int64_t t) { frame_time_ = t; }
    static int64_t now();
    void close();  // the trainer ended the workshop: it is not offered for resuming again

private:
    template <class F>
    void act(F f);
    void derive();

    App& app_;
    std::unique_ptr<Workshop> w_;
    WorkshopLog log_;
    std::vector<TrackView> views_;
    std::string split_from_;
    int64_t frame_time_ = 0;
    int decision_number_ = 1;
    std::string message_;
};

}  // namespace linli::gui
