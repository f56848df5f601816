// A drill's cover: what a learner sees before playing, never the answers. Title and summary, the
// opening scene, how many decisions and endings, the state it tracks, past attempts with the best
// ending, the workshop kit, Start / Resume, and — labelled — the instructors' source view.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "drill_player.h"
#include "markdown_view.h"

namespace linli::gui {

struct App;

class DrillCover {
public:
    enum class Action { None, Start, Resume, Restart, Source };

    DrillCover(App& app, const Drill& drill);
    // `playing`: an attempt is under way in this window (Resume continues it).
    Action draw(App& app, bool playing);
    bool exam() const { return exam_; }  // the feedback mode the player chose (the drill's by default)

private:
    const Drill* drill_;
    std::unique_ptr<MarkdownView> opening_, kit_;
    std::string counts_;                // "12 个决策点 · 4 种结局"
    std::vector<std::string> tracks_;   // "居民信任（范围 0–100，起始 50）"
    std::string flags_;
    AttemptList attempts_;
    bool exam_ = false;
};

}  // namespace linli::gui
