// The drill being played in the window: its recorder (which logs every choice through the store
// writer), and everything the scene, the meters and the debrief show, derived once per choice —
// a frame only draws it.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chart.h"
#include "core/drill_recorder.h"
#include "markdown_view.h"

namespace linli::gui {

struct App;

Rating rating_from_key(const std::string& key);
ImU32 rating_color(const Palette& p, Rating r);

// A drill's past attempts as the cover and the meters list them: the best ending, then the
// newest eight with their endings; found again only when the progress changes.
class AttemptList {
public:
    explicit AttemptList(std::string drill_id) : drill_id_(std::move(drill_id)) {}
    void draw(App& app);
    bool empty(App& app) { derive(app); return rows_.empty(); }
    bool unfinished(App& app) { derive(app); return unfinished_; }

private:
    struct Row {
        std::string when;  // "12-01 15:30"
        Rating rating = Rating::None;
    };
    void derive(App& app);

    std::string drill_id_;
    std::vector<Row> rows_;
    Rating best_ = Rating::None;
    bool unfinished_ = false;
    int derived_for_ = -1;  // the progress version
};

class DrillPlayer {
public:
    // Resumes `resume` (an unfinished attempt) when given, else starts a new attempt.
    // `exam`: no feedback or state until the debrief, which then walks back through every step.
    DrillPlayer(App& app, const Drill& drill, const std::optional<AttemptRecord>& resume, bool exam = false);
    bool exam() const { return exam_; }

    const Drill& drill() const { return *drill_; }
    const DrillSession& session() const { return recorder_.session(); }
    // This attempt, to replay it on the drill reloaded from disk.
    AttemptRecord record() const { return recorder_.record(); }

    // The scene with its choices, the last choice's feedback, or the debrief at the end.
    void draw_play(App& app);
    // The state meters and past attempts, beside the play.
    void draw_meters(App& app);
    // Takes the n-th shown choice (1-based) and moves past its feedback; false when there is none.
    bool take_shown(App& app, int n);

private:
    void derive(App& app);  // after every state change
    void choose(App& app, int shown_index);
    void draw_choices(App& app);
    void draw_feedback(App& app);
    void draw_debrief(App& app);
    void guideline_links(App& app, const char* label, const std::vector<std::string>& ids, ImU32 color);

    const Drill* drill_;
    bool exam_;
    DrillRecorder recorder_;
    std::unique_ptr<MarkdownView> opening_, scene_, better_;
    int feedback_node_ = -1, feedback_choice_ = -1;  // >= 0 while the last choice's feedback is shown
    DrillState before_;                              // before the last choice: the meters show the change

    // Derived per state change.
    struct Meter {
        float fraction = 0;
        std::string value;
        int delta = 0;
    };
    std::vector<int> shown_;           // choice indexes available now
    std::vector<std::string> labels_;  // "1.  …"
    std::vector<Meter> meters_;
    std::vector<std::string> flags_;   // "✓ …" for the flags set
    std::string path_;                 // the debrief's path
    std::vector<std::string> violated_;
    std::vector<Series> chart_;
    Rating rating_ = Rating::None;     // what the play earned, at the end
    struct Review {                    // one decision, for the exam debrief
        std::string where, chose;
        const Choice* choice = nullptr;
    };
    std::vector<Review> review_;
    AttemptList attempts_;
};

}  // namespace linli::gui
