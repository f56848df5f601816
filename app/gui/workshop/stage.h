// The audience's view of a workshop, for the projector: the scene and the ballot in large type, the
// countdown, and after the reveal the spread as a bar chart with the groups named; with parallel
// tracks, the tracks side by side with their meters. No learner's name or progress is on it.
#pragma once
#include <string>

namespace linli::gui {

struct App;
class WorkshopRun;

// How much the type shrinks so a long scene fits the screen without scrolling: found by the first
// frames of each decision and kept until the next, one per window the stage is drawn in.
struct StageFit {
    size_t decision = size_t(-1);
    float scale = 1;
};

// Fills the current ImGui window. `bar_height`: space left free at the bottom (the trainer's bar).
void draw_stage(App& app, const WorkshopRun& run, StageFit& fit, float bar_height = 0);
// The countdown as m:ss (or 时间到), and whether time is up: also drawn in the trainer's controls.
std::string countdown_text(const App& app, const WorkshopRun& run, bool* up = nullptr);

}  // namespace linli::gui
