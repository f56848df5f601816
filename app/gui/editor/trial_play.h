// 从这里试玩: the drill as the editor holds it, played from any node with a starting state the
// instructor sets — not recorded anywhere. It keeps the lint result its drill lives in, so a newer
// lint does not pull the drill from under a play in progress.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cases/drill_engine.h"
#include "core/lint_worker.h"
#include "gui/markdown_view.h"

namespace linli::gui {

struct App;

class TrialPlay {
public:
    // Ready to start at `node` of the result's drill: the state form shows its initial values.
    void prepare(std::shared_ptr<const LintResult> result, int node);
    void clear();
    bool prepared() const { return result_ != nullptr; }
    bool playing() const { return playing_; }
    void draw(App& app);

private:
    void draw_start_form(App& app);
    void draw_scene(App& app);
    void enter_node(App& app);
    const Drill& drill() const { return *result_->lint.drill; }

    std::shared_ptr<const LintResult> result_;
    int start_node_ = 0;
    DrillState start_, state_;
    bool playing_ = false;
    int feedback_choice_ = -1, feedback_node_ = -1;
    std::vector<int> shown_;
    std::unique_ptr<MarkdownView> scene_;
};

}  // namespace linli::gui
