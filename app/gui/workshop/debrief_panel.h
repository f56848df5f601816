// The workshop's debrief in the window: per group its path, meters and ending; for the room the
// splits, the better path, the questions and the notes; exported to a folder the trainer picks.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "cases/workshop_debrief.h"
#include "gui/chart.h"

namespace linli::gui {

struct App;

class DebriefPanel {
public:
    DebriefPanel(App& app, WorkshopDebrief debrief);
    // Draws it; true when the trainer ends the workshop.
    bool draw(App& app);
    const WorkshopDebrief& debrief() const { return d_; }
    bool exported() const { return !exported_.empty(); }

private:
    void export_now(App& app);

    WorkshopDebrief d_;
    std::vector<std::vector<Series>> meters_;  // per group, derived once
    std::vector<std::vector<Bar>> spreads_;    // per decision
    char folder_[1024] = {};
    std::filesystem::path exported_;           // the Markdown file, once exported
    std::string message_;
};

// ~/Linli 工作坊/2026-12-01 1430 <title>: a folder per workshop, where a trainer finds it again.
std::string default_export_folder(int64_t started, const std::string& title);

}  // namespace linli::gui
