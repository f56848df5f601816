// The drill player: the scene, choices as large buttons (keys 1–9), state meters that show each
// change, feedback with links into the guidelines, and at the end the debrief: the path taken,
// the pitfalls hit, the better path, a chart of the state across the steps, and past attempts.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <ctime>

#include "app.h"
#include "strings.h"
#include "theme.h"
#include "wrapped_text.h"

namespace linli::gui {
namespace {

constexpr ImU32 kSeries[] = {IM_COL32(31, 119, 180, 255), IM_COL32(255, 127, 14, 255), IM_COL32(44, 160, 44, 255),
                             IM_COL32(214, 39, 40, 255), IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255)};

ImU32 rating_color(Rating r) {
    return r == Rating::Good ? IM_COL32(40, 160, 70, 255) : r == Rating::Fair ? IM_COL32(220, 150, 20, 255) : IM_COL32(210, 50, 50, 255);
}

Rating rating_from_key(const std::string& k) {
    return k == "good" ? Rating::Good : k == "fair" ? Rating::Fair : k == "bad" ? Rating::Bad : Rating::None;
}

void heading(App& app, const char* text, ImFont* font = nullptr) {
    ImGui::PushFont(font ? font : app.fonts.bold);
    wrapped_text(text, palette().text);
    ImGui::PopFont();
}

// Links to guidelines as small buttons that open them in the reader.
void guideline_links(App& app, const char* label, const std::vector<std::string>& ids, ImU32 color) {
    if (ids.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(label);
    ImGui::PopStyleColor();
    for (const auto& id : ids) {
        const Document* g = app.catalog.library.find(id);
        if (!g) continue;
        ImGui::SameLine();
        ImGui::PushID(id.c_str());
        if (ImGui::SmallButton(fit_with_ellipsis(g->meta.title, ImGui::GetFontSize() * 14).c_str())) app.open_document(id);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", g->meta.summary.c_str());
        ImGui::PopID();
    }
}

void draw_meters(App& app) {
    DrillPlayer& p = app.player;
    const Drill& d = *p.drill;
    const DrillState& s = p.recorder->session().state();
    heading(app, tr(Str::DrillState));
    for (size_t i = 0; i < d.vars.size(); ++i) {
        const StateVar& v = d.vars[i];
        float frac = v.max > v.min ? float(s.values[i] - v.min) / float(v.max - v.min) : 0;
        ImGui::TextUnformatted(v.name.c_str());
        int delta = p.feedback_node >= 0 && i < p.before.values.size() ? s.values[i] - p.before.values[i] : 0;
        if (delta) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, delta > 0 ? IM_COL32(40, 160, 70, 255) : IM_COL32(210, 50, 50, 255));
            ImGui::Text("%+d", delta);
            ImGui::PopStyleColor();
        }
        char value[16];
        std::snprintf(value, sizeof value, "%d", s.values[i]);
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kSeries[i % std::size(kSeries)]);
        ImGui::ProgressBar(frac, ImVec2(-1, 0), value);
        ImGui::PopStyleColor();
    }
    for (size_t i = 0; i < d.flags.size() && i < 64; ++i)
        if (s.flags >> i & 1) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().accent), "✓ %s", d.flags[i].c_str());

    if (p.history.empty()) return;
    ImGui::Separator();
    heading(app, tr(Str::DrillAttempts));
    Rating best = Rating::None;
    for (const auto& a : p.history) {
        Rating r = rating_from_key(a.rating);
        if (r != Rating::None && (best == Rating::None || r < best)) best = r;  // Good < Fair < Bad
    }
    if (best != Rating::None) {
        ImGui::Text("%s：", tr(Str::DrillBest));
        ImGui::SameLine(0, 0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rating_color(best)), "%s", rating_name(best));
    }
    for (size_t i = 0; i < p.history.size() && i < 8; ++i) {
        const AttemptRecord& a = p.history[i];
        char when[32];
        std::time_t t = static_cast<std::time_t>(a.started_at);
        std::strftime(when, sizeof when, "%m-%d %H:%M", std::localtime(&t));
        Rating r = rating_from_key(a.rating);
        ImGui::TextDisabled("%s", when);
        ImGui::SameLine();
        if (r == Rating::None) ImGui::TextDisabled("%s", tr(Str::DrillUnfinished));
        else ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rating_color(r)), "%s", rating_name(r));
    }
}

// Every variable's value across the steps, scaled to its range.
void draw_chart(App& app, const DrillSession& s) {
    const Drill& d = s.drill();
    auto traj = s.trajectory();
    if (d.vars.empty() || traj.size() < 2) return;
    heading(app, tr(Str::DrillChart));
    float w = ImGui::GetContentRegionAvail().x, h = app.fonts.size() * 9;
    ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(o, ImVec2(o.x + w, o.y + h), palette().rule);
    float dx = w / float(traj.size() - 1);
    for (size_t v = 0; v < d.vars.size(); ++v) {
        const StateVar& var = d.vars[v];
        std::vector<ImVec2> pts;
        for (size_t i = 0; i < traj.size(); ++i) {
            float f = var.max > var.min ? float(traj[i].values[v] - var.min) / float(var.max - var.min) : 0;
            pts.push_back(ImVec2(o.x + i * dx, o.y + h - 4 - f * (h - 8)));
        }
        ImU32 col = kSeries[v % std::size(kSeries)];
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, 2.0f);
        for (const ImVec2& p : pts) dl->AddCircleFilled(p, 3, col);
    }
    ImGui::Dummy(ImVec2(w, h + 4));
    for (size_t v = 0; v < d.vars.size(); ++v) {
        if (v) ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kSeries[v % std::size(kSeries)]), "— %s", d.vars[v].name.c_str());
    }
}

void draw_debrief(App& app) {
    DrillPlayer& p = app.player;
    const DrillSession& s = p.recorder->session();
    const DrillNode& end = s.node();
    ImGui::PushFont(app.fonts.h1);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rating_color(end.rating)), "%s：%s", tr(Str::DrillRating), rating_name(end.rating));
    ImGui::PopFont();
    p.scene->draw(app.fonts, [&](const Link& l) { if (!l.target_id.empty()) app.open_document(l.target_id); });

    heading(app, tr(Str::DrillPath));
    std::string path;
    for (const auto& id : s.path()) {
        int n = s.drill().find_node(id);
        path += (path.empty() ? "" : " → ") + (n >= 0 ? s.drill().nodes[n].title : id);
    }
    wrapped_text(path, palette().muted);

    heading(app, tr(Str::DrillPitfalls));
    auto hit = s.guidelines_violated();
    if (hit.empty()) ImGui::TextDisabled("%s", tr(Str::DrillNoPitfalls));
    else guideline_links(app, "", hit, palette().text);

    if (p.better) {
        heading(app, tr(Str::DrillBetter));
        p.better->draw(app.fonts, [&](const Link& l) { if (!l.target_id.empty()) app.open_document(l.target_id); });
    }
    draw_chart(app, s);
    ImGui::Spacing();
    if (ImGui::Button(tr(Str::DrillRestart))) app.start_drill(p.drill->doc->meta.id, true);
}

void draw_feedback(App& app) {
    DrillPlayer& p = app.player;
    const Choice& c = p.drill->nodes[p.feedback_node].choices[p.feedback_choice];
    ImGui::Separator();
    ImGui::TextDisabled("%s", tr(Str::DrillYouChose));
    wrapped_text(c.text, palette().link);  // the body font: it holds every character of the drill
    wrapped_text(c.feedback, palette().text);
    guideline_links(app, tr(Str::DrillApplies), c.applies, IM_COL32(40, 160, 70, 255));
    guideline_links(app, tr(Str::DrillViolates), c.violates, IM_COL32(210, 50, 50, 255));
    ImGui::Spacing();
    if (ImGui::Button((std::string(tr(Str::DrillNext)) + "  (Enter)").c_str(), ImVec2(app.fonts.size() * 8, 0)) ||
        app.pressed(GLFW_KEY_ENTER) || app.pressed(GLFW_KEY_KP_ENTER) || app.pressed(GLFW_KEY_SPACE))
        p.feedback_node = -1;
}

void draw_choices(App& app) {
    DrillPlayer& p = app.player;
    DrillSession& s = p.recorder->session();
    auto shown = s.available();
    if (shown.empty()) {
        ImGui::TextDisabled("%s", tr(Str::DrillNoChoices));
        return;
    }
    ImGui::TextDisabled("%s", tr(Str::DrillKeysHint));
    int picked = -1;
    for (size_t i = 0; i < shown.size(); ++i) {
        const Choice& c = s.node().choices[shown[i]];
        std::string label = std::to_string(i + 1) + ".  " + c.text;
        ImGui::PushID(static_cast<int>(i));
        if (wrapped_button("##choice", label)) picked = static_cast<int>(i);
        ImGui::PopID();
        if (i < 9 && !app.search_open && (app.pressed(GLFW_KEY_1 + static_cast<int>(i)) || app.pressed(GLFW_KEY_KP_1 + static_cast<int>(i))))
            picked = static_cast<int>(i);
    }
    if (picked < 0) return;
    p.before = s.state();
    p.feedback_node = s.state().node;
    p.feedback_choice = shown[picked];
    p.recorder->choose(shown[picked], static_cast<int64_t>(std::time(nullptr)));
    if (s.finished() && app.progress) p.history = app.progress->attempts(p.drill->doc->meta.id);
}

}  // namespace

void draw_drill(App& app) {
    DrillPlayer& p = app.player;
    if (!p.drill) {
        ImGui::TextDisabled("%s", tr(Str::NoDocument));
        return;
    }
    DrillSession& s = p.recorder->session();
    // The scene views follow the node; built once per node, never per frame.
    if (p.scene_node != s.state().node) {
        p.scene_node = s.state().node;
        p.scene = std::make_unique<MarkdownView>(*p.drill->doc, s.node().body, app.images);
        p.better = s.node().better.empty() ? nullptr : std::make_unique<MarkdownView>(*p.drill->doc, s.node().better, app.images);
    }

    if (ImGui::Button((std::string("← ") + tr(Str::DrillBackToDoc)).c_str())) app.open_document(p.drill->doc->meta.id);
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::DrillRestart))) {
        app.start_drill(p.drill->doc->meta.id, true);
        return;
    }
    ImGui::PushFont(app.fonts.h1);
    wrapped_text(p.drill->doc->meta.title, palette().text);
    ImGui::PopFont();

    float meters_w = std::max(app.fonts.size() * 12, ImGui::GetContentRegionAvail().x * 0.26f);
    ImGui::BeginChild("##play", ImVec2(ImGui::GetContentRegionAvail().x - meters_w - ImGui::GetStyle().ItemSpacing.x, 0));
    if (s.finished() && p.feedback_node < 0) {
        draw_debrief(app);
    } else {
        if (s.steps().empty() && p.feedback_node < 0)
            p.opening->draw(app.fonts, [&](const Link& l) { if (!l.target_id.empty()) app.open_document(l.target_id); });
        const DrillNode& shown_node = p.feedback_node >= 0 ? p.drill->nodes[p.feedback_node] : s.node();
        ImGui::PushFont(app.fonts.h2);
        wrapped_text(shown_node.title, palette().text);
        ImGui::PopFont();
        if (p.feedback_node >= 0) {
            draw_feedback(app);
        } else {
            p.scene->draw(app.fonts, [&](const Link& l) { if (!l.target_id.empty()) app.open_document(l.target_id); });
            draw_choices(app);
        }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##meters", ImVec2(0, 0), true);
    if (app.view == View::Drill && p.drill) draw_meters(app);
    ImGui::EndChild();
}

}  // namespace linli::gui
