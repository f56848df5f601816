// The trainer's controls of a running workshop: the timer, each group's vote (click, or the group's
// number then the option's), the reveal, the three ways on, notes with a "discuss at the debrief"
// mark, and — on the laptop only, never on the projector — each option's feedback.
#pragma once
#include <string>

namespace linli::gui {

struct App;
class WorkshopRun;

struct ControlsState {
    int pending_group = 0;   // a group's number was pressed: the next digit is its vote
    char note[1024] = {};
    bool discuss = false;
    bool want_debrief = false;  // the trainer asked for the debrief
    bool bar_hidden = false;    // single screen: the bar is hidden (H)
    bool typing = false;        // the note field has the keyboard: keys are text, not commands
};

// Keys first (before anything is drawn), then the controls. `compact`: the bar under the stage on
// a single screen; otherwise the presenter view on the laptop.
void handle_workshop_keys(App& app, WorkshopRun& run, ControlsState& st);
void draw_controls(App& app, WorkshopRun& run, ControlsState& st, bool compact);

}  // namespace linli::gui
