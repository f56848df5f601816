#include "trial_play.h"

#include <imgui.h>

#include <fmt/format.h>

#include <cstdlib>

#include "ed_strings.h"
#include "gui/app.h"
#include "gui/drill_player.h"

namespace linli::gui {

void TrialPlay::prepare(std::shared_ptr<const LintResult> result, int node) {
    clear();
    if (!result || !result->lint.drill || node < 0 || size_t(node) >= result->lint.drill->nodes.size()) return;
    result_ = std::move(result);
    start_node_ = node;
    start_ = initial_state(drill());
    start_.node = node;
}

void TrialPlay::clear() {
    result_.reset();
    playing_ = false;
    scene_.reset();
    shown_.clear();
    feedback_choice_ = feedback_node_ = -1;
}

void TrialPlay::enter_node(App& app) {
    const DrillNode& n = drill().nodes[size_t(state_.node)];
    if (std::getenv("LINLI_TRACE")) fmt::print(stderr, "trace: editor trial play at {}\n", n.id);
    scene_ = std::make_unique<MarkdownView>(*result_->lint.doc, visible_blocks(drill(), n.body, state_), app.images, app.palette());
    shown_ = available_choices(drill(), state_);
}

void TrialPlay::draw(App& app) {
    if (!result_) return;
    ImGui::TextDisabled("%s", eds(app, E::TrialNote));
    if (!playing_) {
        draw_start_form(app);
        return;
    }
    if (ImGui::Button(eds(app, E::Restart))) {
        playing_ = false;
        return;
    }
    ImGui::Separator();
    draw_scene(app);
}

void TrialPlay::draw_start_form(App& app) {
    const Drill& d = drill();
    ImGui::TextUnformatted(fmt::format(fmt::runtime(eds(app, E::PlayFrom)), d.nodes[size_t(start_node_)].title).c_str());
    ImGui::TextUnformatted(eds(app, E::StartState));
    for (size_t i = 0; i < d.vars.size(); ++i) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
        ImGui::SliderInt(d.vars[i].name.c_str(), &start_.values[i], d.vars[i].min, d.vars[i].max);
    }
    for (size_t i = 0; i < d.flags.size(); ++i) {
        bool on = (start_.flags >> i) & 1;
        if (ImGui::Checkbox(d.flags[i].c_str(), &on)) start_.flags = on ? start_.flags | (uint64_t(1) << i) : start_.flags & ~(uint64_t(1) << i);
    }
    if (ImGui::Button(eds(app, E::StartTrial))) {
        state_ = start_;
        playing_ = true;
        feedback_choice_ = -1;
        enter_node(app);
    }
}

void TrialPlay::draw_scene(App& app) {
    const Palette& pal = app.palette();
    const Drill& d = drill();
    const DrillNode& n = d.nodes[size_t(state_.node)];
    auto no_links = [](const Link&) {};
    if (feedback_choice_ >= 0) {
        const Choice& c = d.nodes[size_t(feedback_node_)].choices[size_t(feedback_choice_)];
        app.text.text(c.text, pal.link);
        app.text.text(c.feedback, pal.text);
        if (ImGui::Button(eds(app, E::Continue))) feedback_choice_ = -1;
        return;
    }
    ImGui::PushFont(app.fonts.h2);
    ImGui::TextUnformatted(n.title.c_str());
    ImGui::PopFont();
    if (n.is_ending()) {
        const Rating r = ending_rating(d, n, state_);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rating_color(pal, r)), "%s",
                           fmt::format(fmt::runtime(eds(app, E::TrialEnd)), n.title, rating_name(r)).c_str());
    }
    scene_->draw(app.fonts, no_links);
    for (size_t i = 0; i < d.vars.size(); ++i) ImGui::TextDisabled("%s %d", d.vars[i].name.c_str(), state_.values[i]);
    for (size_t i = 0; i < shown_.size(); ++i) {
        ImGui::PushID(int(i));
        if (app.text.button("##trial-choice", n.choices[size_t(shown_[i])].text)) {
            feedback_node_ = state_.node;
            feedback_choice_ = shown_[i];
            state_ = apply_choice(d, state_, shown_[i]);
            ImGui::PopID();
            enter_node(app);
            return;
        }
        ImGui::PopID();
    }
}

}  // namespace linli::gui
