#include "drill_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ed_strings.h"
#include "gui/app.h"
#include "gui/drill_player.h"

namespace linli::gui {
namespace {

constexpr float kBoxW = 200, kBoxH = 56;

ImU32 with_alpha(ImU32 c, int alpha) { return (c & ~IM_COL32_A_MASK) | (ImU32(alpha) << IM_COL32_A_SHIFT); }

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
    const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    float t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0f, 1.0f);
    const float x = a.x + t * dx - p.x, y = a.y + t * dy - p.y;
    return std::sqrt(x * x + y * y);
}

std::string choice_tip(App& app, const Choice& c) {
    std::string tip = c.text;
    std::string effects;
    for (const Effect& e : c.effects) effects += fmt::format("{}{} {:+d}", effects.empty() ? "" : "，", e.var, e.delta);
    for (const std::string& f : c.set_flags) effects += (effects.empty() ? "" : "，") + f;
    if (!effects.empty()) tip += "\n" + fmt::format(fmt::runtime(eds(app, E::Effects)), effects);
    std::string cond;
    for (const Condition& k : c.conditions) cond += (cond.empty() ? "" : "，") + k.text;
    if (!cond.empty()) tip += "\n" + fmt::format(fmt::runtime(eds(app, E::Condition)), cond);
    for (const std::string& g : c.violates) tip += "\n" + fmt::format(fmt::runtime(eds(app, E::Violates)), g);
    for (const std::string& g : c.applies) tip += "\n" + fmt::format(fmt::runtime(eds(app, E::Applies)), g);
    return tip;
}

}  // namespace

void DrillGraph::clear() {
    drill_ = nullptr;
    layout_ = {};
    looks_.clear();
    edges_.clear();
}

void DrillGraph::set(App& app, const Drill& drill, const DrillMarks* marks, const std::vector<Diagnostic>& diagnostics) {
    drill_ = &drill;
    ImFont* font = app.fonts.body;
    const float size = font ? font->FontSize : 16;
    // Boxes as wide as their titles need, within bounds: a long title is shortened with "…".
    layout_ = layout_drill(drill, [&](const DrillNode& n) {
        float w = font ? font->CalcTextSizeA(size, FLT_MAX, 0, n.title.c_str()).x + size * 1.5f : kBoxW;
        return LayoutSize{std::clamp(w, 6 * size, 11 * size), 2.6f * size};
    });
    derive_looks(app, marks, diagnostics);
    derive_edges(app, marks);
}

void DrillGraph::set_overlay(std::vector<std::vector<int>> takers) { overlay_ = std::move(takers); }

void DrillGraph::derive_looks(App& app, const DrillMarks* marks, const std::vector<Diagnostic>& diagnostics) {
    const Palette& p = app.palette();
    const Drill& d = *drill_;
    looks_.assign(layout_.boxes.size(), {});
    // A problem belongs to the node whose lines hold it: from its heading to the next one.
    std::vector<std::pair<int, int>> starts;  // line, node
    for (size_t i = 0; i < d.nodes.size(); ++i) starts.emplace_back(d.nodes[i].line, int(i));
    std::sort(starts.begin(), starts.end());
    std::vector<const Diagnostic*> problem(d.nodes.size(), nullptr);
    for (const Diagnostic& diag : diagnostics) {
        auto it = std::upper_bound(starts.begin(), starts.end(), std::make_pair(diag.line, INT32_MAX));
        if (it == starts.begin()) continue;
        int node = std::prev(it)->second;
        if (!problem[size_t(node)] || (diag.severity == Severity::Error && problem[size_t(node)]->severity != Severity::Error)) problem[size_t(node)] = &diag;
    }
    const bool en = app.strings.language() == Lang::En;
    for (size_t i = 0; i < looks_.size() && i < d.nodes.size(); ++i) {
        const DrillNode& n = d.nodes[i];
        Look& l = looks_[i];
        l.title = n.title;
        l.fill = n.is_ending() ? with_alpha(rating_color(p, n.rating), 70) : with_alpha(p.rule, 60);
        l.border = i == 0 ? p.accent : with_alpha(p.text, 120);
        l.border_width = i == 0 ? 2.5f : 1;
        if (marks && i < marks->reach.node_reached.size() && !marks->reach.node_reached[i]) {
            l.fill = with_alpha(p.muted, 40);
            l.badge = eds(app, E::Unreachable);
        }
        if (marks && std::count(marks->reach.stuck_nodes.begin(), marks->reach.stuck_nodes.end(), int(i))) l.badge = eds(app, E::DeadEnd);
        if (marks && std::count(marks->good_after_violation.begin(), marks->good_after_violation.end(), int(i))) {
            l.border = p.bad;
            l.border_width = 3;
        }
        if (const Diagnostic* diag = problem[i]) {
            l.border = diag->severity == Severity::Error ? p.bad : p.fair;
            l.border_width = 2.5f;
            if (l.badge.empty()) l.badge = en && !diag->message_en.empty() ? diag->message_en : diag->message;
        }
        if (!l.badge.empty() && l.border_width < 2) {
            l.border = p.bad;
            l.border_width = 2;
        }
    }
}

void DrillGraph::derive_edges(App& app, const DrillMarks* marks) {
    const Palette& p = app.palette();
    const Drill& d = *drill_;
    edges_.assign(layout_.edges.size(), {});
    for (size_t i = 0; i < layout_.edges.size(); ++i) {
        const LayoutEdge& e = layout_.edges[i];
        const Choice& c = d.nodes[size_t(e.from)].choices[size_t(e.choice)];
        EdgeLook& l = edges_[i];
        l.tip = choice_tip(app, c);
        l.color = with_alpha(p.text, 110);
        if (!c.applies.empty()) l.color = p.good;
        if (!c.violates.empty()) {
            l.color = p.bad;
            l.dashed = true;
        }
        if (marks)
            for (const auto& [node, choice] : marks->violation_play)
                if (node == e.from && choice == e.choice) {
                    l.color = p.accent;
                    l.width = 4;
                }
    }
}

int DrillGraph::edge_at(ImVec2 m, ImVec2 origin) const {
    for (size_t i = 0; i < layout_.edges.size(); ++i) {
        const auto& pts = layout_.edges[i].points;
        for (size_t k = 1; k < pts.size(); ++k) {
            ImVec2 a{origin.x + pts[k - 1].x * zoom_, origin.y + pts[k - 1].y * zoom_};
            ImVec2 b{origin.x + pts[k].x * zoom_, origin.y + pts[k].y * zoom_};
            if (distance_to_segment(m, a, b) < 5) return int(i);
        }
    }
    return -1;
}

void DrillGraph::handle_input(ImVec2 canvas_min, ImVec2, bool hovered) {
    ImGuiIO& io = ImGui::GetIO();
    if (hovered && io.MouseWheel != 0) {  // zoom about the pointer
        const float old = zoom_;
        zoom_ = std::clamp(zoom_ * (io.MouseWheel > 0 ? 1.15f : 1 / 1.15f), 0.25f, 3.0f);
        const ImVec2 m{io.MousePos.x - canvas_min.x, io.MousePos.y - canvas_min.y};
        pan_.x = m.x - (m.x - pan_.x) * zoom_ / old;
        pan_.y = m.y - (m.y - pan_.y) * zoom_ / old;
    }
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        press_ = io.MousePos;
        dragging_ = true;
    }
    if (dragging_ && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        pan_.x += io.MouseDelta.x;
        pan_.y += io.MouseDelta.y;
    }
}

int DrillGraph::draw(App& app, ImVec2 size) {
    int clicked = -1;
    if (!ImGui::BeginChild("##drill-graph", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove)) {
        ImGui::EndChild();
        return clicked;
    }
    const ImVec2 canvas_min = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    if (fitted_for_ != drill_->doc->meta.id && avail.x > 1 && layout_.width > 0) {
        // A drill shown for the first time: as large as fits the width (never above 100 %),
        // centred, its start at the top. Later layouts of the same drill keep the pan and zoom.
        fitted_for_ = drill_->doc->meta.id;
        const float margin = 24;
        zoom_ = std::clamp((avail.x - 2 * margin) / layout_.width, 0.65f, 1.0f);  // readable first; pan for the rest
        pan_ = ImVec2(std::max(margin, (avail.x - layout_.width * zoom_) / 2), margin);
    }
    ImGui::InvisibleButton("##canvas", ImVec2(std::max(avail.x, 1.0f), std::max(avail.y, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    handle_input(canvas_min, avail, hovered);
    const ImVec2 origin{canvas_min.x + pan_.x, canvas_min.y + pan_.y};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec4 clip{canvas_min.x, canvas_min.y, canvas_min.x + avail.x, canvas_min.y + avail.y};
    auto at = [&](float x, float y) { return ImVec2(origin.x + x * zoom_, origin.y + y * zoom_); };
    auto visible = [&](ImVec2 a, ImVec2 b) { return b.x >= clip.x && a.x <= clip.z && b.y >= clip.y && a.y <= clip.w; };

    const Palette& p = app.palette();
    for (size_t i = 0; i < layout_.edges.size(); ++i) {
        const auto& pts = layout_.edges[i].points;
        if (pts.size() < 2) continue;
        const EdgeLook& l = edges_[i];
        float width = l.width * std::max(zoom_, 0.5f);
        if (!overlay_.empty()) {
            const LayoutEdge& e = layout_.edges[i];
            const auto& row = overlay_[size_t(e.from)];
            if (size_t(e.choice) < row.size()) width = (1 + std::sqrt(float(row[size_t(e.choice)]))) * zoom_;
        }
        for (size_t k = 1; k < pts.size(); ++k) {
            ImVec2 a = at(pts[k - 1].x, pts[k - 1].y), b = at(pts[k].x, pts[k].y);
            if (!visible(ImVec2(std::min(a.x, b.x), std::min(a.y, b.y)), ImVec2(std::max(a.x, b.x), std::max(a.y, b.y)))) continue;
            if (!l.dashed) {
                dl->AddLine(a, b, l.color, width);
                continue;
            }
            const float len = std::hypot(b.x - a.x, b.y - a.y), dash = 8 * zoom_;
            for (float t = 0; t < len; t += 2 * dash) {
                float t2 = std::min(len, t + dash);
                dl->AddLine(ImVec2(a.x + (b.x - a.x) * t / len, a.y + (b.y - a.y) * t / len),
                            ImVec2(a.x + (b.x - a.x) * t2 / len, a.y + (b.y - a.y) * t2 / len), l.color, width);
            }
        }
        // The arrowhead, into the target's top.
        ImVec2 tip = at(pts.back().x, pts.back().y), from = at(pts[pts.size() - 2].x, pts[pts.size() - 2].y);
        const float len = std::max(1.0f, std::hypot(tip.x - from.x, tip.y - from.y)), s = 7 * zoom_;
        const ImVec2 u{(tip.x - from.x) / len, (tip.y - from.y) / len};
        dl->AddTriangleFilled(tip, ImVec2(tip.x - u.x * s - u.y * s * 0.6f, tip.y - u.y * s + u.x * s * 0.6f),
                              ImVec2(tip.x - u.x * s + u.y * s * 0.6f, tip.y - u.y * s - u.x * s * 0.6f), l.color);
    }
    ImFont* font = app.fonts.body;
    const float text_size = font->FontSize * zoom_;
    for (size_t i = 0; i < layout_.boxes.size(); ++i) {
        const LayoutBox& b = layout_.boxes[i];
        const ImVec2 a = at(b.x, b.y), z = at(b.x + b.w, b.y + b.h);
        if (!visible(a, z)) continue;
        const Look& l = looks_[i];
        const float r = 6 * zoom_;
        dl->AddRectFilled(a, z, l.fill, r);
        dl->AddRect(a, z, l.border, r, 0, l.border_width);
        if (zoom_ < 0.45f) continue;  // too small to read: the shapes alone
        const float pad = 0.5f * text_size;
        const std::string& title = app.text.fit(l.title, (z.x - a.x - 2 * pad) / zoom_);
        dl->AddText(font, text_size, ImVec2(a.x + pad, a.y + pad * 0.6f), p.text, title.c_str());
        if (!l.badge.empty()) {
            const std::string& badge = app.text.fit(l.badge, (z.x - a.x - 2 * pad) / zoom_);
            dl->AddText(font, text_size * 0.85f, ImVec2(a.x + pad, a.y + pad * 0.6f + text_size * 1.1f), p.bad, badge.c_str());
        }
    }
    // Hover: a node's id and problem, or a choice's effects and condition.
    if (hovered && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        int box = box_at(layout_, (m.x - origin.x) / zoom_, (m.y - origin.y) / zoom_);
        if (box >= 0) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
            ImGui::TextUnformatted(fmt::format("{} {{#{}}}", drill_->nodes[size_t(box)].title, drill_->nodes[size_t(box)].id).c_str());
            if (!looks_[size_t(box)].badge.empty()) ImGui::TextColored(ImColor(p.bad), "%s", looks_[size_t(box)].badge.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        } else if (int e = edge_at(m, origin); e >= 0) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
            ImGui::TextUnformatted(edges_[size_t(e)].tip.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    // A click (a press and release without a drag) on a node.
    if (dragging_ && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        dragging_ = false;
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (std::hypot(m.x - press_.x, m.y - press_.y) < 4) clicked = box_at(layout_, (m.x - origin.x) / zoom_, (m.y - origin.y) / zoom_);
    }
    dl->AddText(ImVec2(canvas_min.x + 8, canvas_min.y + avail.y - ImGui::GetTextLineHeight() - 6), p.muted, eds(app, E::GraphHint));
    ImGui::EndChild();
    return clicked;
}

}  // namespace linli::gui
