// The drill graph of the editor: the layout of cases/drill_layout.h drawn with ImGui draw lists,
// pannable (drag) and zoomable (wheel), with the checks' findings marked on it — nodes no play
// reaches, dead ends, problems at a node's lines, and one play reaching 好 after a 违背 choice —
// endings coloured by rating and choices that 违背 a guideline drawn apart from those that 运用
// one. Everything it draws is derived in set(), once per lint result; a frame only draws.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "cases/buffer_lint.h"
#include "cases/drill_layout.h"

namespace linli::gui {

struct App;

class DrillGraph {
public:
    // A drill as the newest lint found it (it must outlive the next set() or clear()); the pan and
    // zoom stay where the instructor left them.
    void set(App& app, const Drill& drill, const DrillMarks* marks, const std::vector<Diagnostic>& diagnostics);
    void clear();
    bool empty() const { return drill_ == nullptr; }
    // Learners per choice, from a cohort's item analysis: edge thickness. Empty: none shown.
    void set_overlay(std::vector<std::vector<int>> takers_per_choice);
    // Draws in a child window filling `size`; returns the node clicked, or -1.
    int draw(App& app, ImVec2 size);
    const DrillLayout& layout() const { return layout_; }
    // Pans from the top (0) to the bottom (1) of the graph: the benchmark's scroll.
    void pan_to(float fraction) { pan_.y = 24 - fraction * layout_.height * zoom_; }

private:
    struct Look {
        ImU32 fill = 0, border = 0;
        float border_width = 1;
        std::string title, badge;  // badge: 到不了 / 走不出去, or a problem's message
    };
    struct EdgeLook {
        ImU32 color = 0;
        float width = 1.5f;
        bool dashed = false;  // 违背
        std::string tip;      // the choice, its effects and condition
    };
    void derive_looks(App& app, const DrillMarks* marks, const std::vector<Diagnostic>& diagnostics);
    void derive_edges(App& app, const DrillMarks* marks);
    int edge_at(ImVec2 p, ImVec2 origin) const;
    void handle_input(ImVec2 origin, ImVec2 size, bool hovered);

    const Drill* drill_ = nullptr;
    DrillLayout layout_;
    std::vector<Look> looks_;      // per box
    std::vector<EdgeLook> edges_;  // per layout edge
    std::vector<std::vector<int>> overlay_;
    ImVec2 pan_{24, 24};
    float zoom_ = 1;
    std::string fitted_for_;  // the drill id the view was last fitted to: a new drill starts whole in view
    bool dragging_ = false;
    ImVec2 press_{};
};

}  // namespace linli::gui
