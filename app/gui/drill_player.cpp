#include "drill_player.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "app.h"

namespace linli::gui {
namespace {

int64_t now_seconds() { return static_cast<int64_t>(std::time(nullptr)); }

void heading(App& app, const char* text, ImFont* font = nullptr) {
    ImGui::PushFont(font ? font : app.fonts.bold);
    app.text.text(text, app.palette().text);
    ImGui::PopFont();
}

// Logs the attempt through the store writer and keeps the window's snapshot of it in step, so
// the cover, the meters and a later resume see it at once.
class WindowAttemptLog : public AttemptLog {
public:
    explicit WindowAttemptLog(App& app) : app_(app) {}

    void started(const std::string& attempt, const std::string& drill, int64_t now) override {
        AttemptRecord a;
        a.id = attempt;
        a.drill_id = drill;
        a.started_at = now;
        auto& list = app_.progress.attempts[drill];
        list.insert(list.begin(), a);
        app_.progress_changed();
        if (app_.store) app_.store->write([=](ProgressStore& s) { s.start_attempt(drill, now, attempt); });
    }
    void chose(const std::string& attempt, const std::string& drill, const ChoiceRecord& c) override {
        if (AttemptRecord* a = find(attempt, drill)) a->choices.push_back(c);
        if (app_.store) app_.store->write([=](ProgressStore& s) { s.record_choice(attempt, drill, c); });
    }
    void finished(const std::string& attempt, const std::string& drill, const std::string& ending, const std::string& rating,
                  const std::string& state, int64_t now) override {
        if (AttemptRecord* a = find(attempt, drill)) {
            a->finished_at = now;
            a->ending = ending;
            a->rating = rating;
            a->final_state = state;
        }
        app_.progress_changed();
        if (app_.store) app_.store->write([=](ProgressStore& s) { s.finish_attempt(attempt, drill, ending, rating, state, now); });
    }

private:
    AttemptRecord* find(const std::string& attempt, const std::string& drill) {
        for (AttemptRecord& a : app_.progress.attempts[drill])
            if (a.id == attempt) return &a;
        return nullptr;
    }
    App& app_;
};

}  // namespace

Rating rating_from_key(const std::string& k) {
    return k == "good" ? Rating::Good : k == "fair" ? Rating::Fair : k == "bad" ? Rating::Bad : Rating::None;
}

ImU32 rating_color(const Palette& p, Rating r) { return r == Rating::Good ? p.good : r == Rating::Fair ? p.fair : p.bad; }

void AttemptList::derive(App& app) {
    if (derived_for_ == app.progress_version) return;
    derived_for_ = app.progress_version;
    rows_.clear();
    auto it = app.progress.attempts.find(drill_id_);
    if (it == app.progress.attempts.end()) {
        best_ = Rating::None;
        unfinished_ = false;
        return;
    }
    const auto& all = it->second;
    for (size_t i = 0; i < all.size() && i < 8; ++i)
        rows_.push_back({fmt::format("{:%m-%d %H:%M}", fmt::localtime(static_cast<std::time_t>(all[i].started_at))),
                         rating_from_key(all[i].rating)});
    best_ = rating_from_key(best_rating(all));
    unfinished_ = !all.empty() && all.front().finished_at == 0;
}

void AttemptList::draw(App& app) {
    derive(app);
    const Palette& pal = app.palette();
    if (best_ != Rating::None) {
        ImGui::Text("%s：", app.tr(Str::DrillBest));
        ImGui::SameLine(0, 0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rating_color(pal, best_)), "%s", rating_name(best_));
    }
    for (const Row& a : rows_) {
        ImGui::TextDisabled("%s", a.when.c_str());
        ImGui::SameLine();
        if (a.rating == Rating::None) ImGui::TextDisabled("%s", app.tr(Str::DrillUnfinished));
        else ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rating_color(pal, a.rating)), "%s", rating_name(a.rating));
    }
}

DrillPlayer::DrillPlayer(App& app, const Drill& drill, const std::optional<AttemptRecord>& resume, bool exam)
    : drill_(&drill), exam_(exam), recorder_(std::make_shared<WindowAttemptLog>(app), drill, now_seconds(), resume),
      attempts_(drill.doc->meta.id) {
    opening_ = std::make_unique<MarkdownView>(*drill.doc, drill.opening, app.images, app.palette());
    derive(app);
}

void DrillPlayer::derive(App& app) {
    const DrillSession& s = recorder_.session();
    const Drill& d = *drill_;
    // Conditional text as of this state: the scene, and at the end what the debrief says of this play.
    scene_ = std::make_unique<MarkdownView>(*d.doc, visible_blocks(d, s.node().body, s.state()), app.images, app.palette());
    auto better = visible_blocks(d, s.node().better, s.state());
    better_ = better.empty() ? nullptr : std::make_unique<MarkdownView>(*d.doc, better, app.images, app.palette());
    rating_ = s.rating();
    shown_ = s.available();
    labels_.clear();
    for (size_t i = 0; i < shown_.size(); ++i) labels_.push_back(fmt::format("{}.  {}", i + 1, s.node().choices[shown_[i]].text));
    meters_.clear();
    const DrillState& st = s.state();
    for (size_t i = 0; i < d.vars.size(); ++i) {
        const StateVar& v = d.vars[i];
        Meter m;
        m.fraction = v.max > v.min ? float(st.values[i] - v.min) / float(v.max - v.min) : 0;
        m.value = std::to_string(st.values[i]);
        m.delta = feedback_node_ >= 0 && i < before_.values.size() ? st.values[i] - before_.values[i] : 0;
        meters_.push_back(std::move(m));
    }
    flags_.clear();
    for (size_t i = 0; i < d.flags.size() && i < 64; ++i)
        if (st.flags >> i & 1) flags_.push_back("✓ " + d.flags[i]);
    path_.clear();
    violated_.clear();
    chart_.clear();
    review_.clear();
    if (s.finished()) {
        int step = 0;
        for (const DrillStep& st : s.steps()) {
            const Choice& c = d.nodes[st.node].choices[st.choice];
            review_.push_back({fmt::format("{}. {}", ++step, d.nodes[st.node].title), c.text, &c});
            app.need_glyphs(review_.back().where);
        }
        for (const auto& id : s.path()) {
            int n = d.find_node(id);
            path_ += (path_.empty() ? "" : " → ") + (n >= 0 ? d.nodes[n].title : id);
        }
        violated_ = s.guidelines_violated();
        auto traj = s.trajectory();
        for (size_t v = 0; v < d.vars.size() && traj.size() >= 2; ++v) {
            Series series{d.vars[v].name, series_color(v), {}};
            const StateVar& var = d.vars[v];
            for (const DrillState& t : traj)
                series.values.push_back(var.max > var.min ? float(t.values[v] - var.min) / float(var.max - var.min) : 0);
            chart_.push_back(std::move(series));
        }
    }
    app.need_glyphs(path_);
}

void DrillPlayer::guideline_links(App& app, const char* label, const std::vector<std::string>& ids, ImU32 color) {
    if (ids.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(label);
    ImGui::PopStyleColor();
    for (const auto& id : ids) {
        const Document* g = app.catalog.library.find(id);
        if (!g) continue;
        ImGui::SameLine();
        ImGui::PushID(id.c_str());
        if (ImGui::SmallButton(app.text.fit(g->meta.title, ImGui::GetFontSize() * 14).c_str())) app.open_document(id);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", g->meta.summary.c_str());
        ImGui::PopID();
    }
}

void DrillPlayer::draw_play(App& app) {
    const DrillSession& s = recorder_.session();
    auto on_link = [&](const Link& l) { if (!l.target_id.empty()) app.open_document(l.target_id); };
    if (s.finished() && feedback_node_ < 0) {
        draw_debrief(app);
        return;
    }
    if (s.steps().empty() && feedback_node_ < 0) opening_->draw(app.fonts, on_link);
    const DrillNode& shown_node = feedback_node_ >= 0 ? drill_->nodes[feedback_node_] : s.node();
    ImGui::PushFont(app.fonts.h2);
    app.text.text(shown_node.title, app.palette().text);
    ImGui::PopFont();
    if (feedback_node_ >= 0) {
        draw_feedback(app);
    } else {
        scene_->draw(app.fonts, on_link);
        draw_choices(app);
    }
}

void DrillPlayer::draw_choices(App& app) {
    if (shown_.empty()) {
        ImGui::TextDisabled("%s", app.tr(Str::DrillNoChoices));
        return;
    }
    ImGui::TextDisabled("%s", app.tr(Str::DrillKeysHint));
    int picked = -1;
    for (size_t i = 0; i < shown_.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (app.text.button("##choice", labels_[i])) picked = static_cast<int>(i);
        ImGui::PopID();
        int n = static_cast<int>(i);
        if (i < 9 && !app.keyboard_taken() && (app.pressed(GLFW_KEY_1 + n) || app.pressed(GLFW_KEY_KP_1 + n))) picked = n;
    }
    if (picked >= 0) choose(app, picked);
}

void DrillPlayer::choose(App& app, int shown_index) {
    const DrillSession& s = recorder_.session();
    before_ = s.state();
    int choice = shown_[shown_index];
    // 考核: straight on to the next scene; the feedback waits for the debrief.
    feedback_node_ = exam_ ? -1 : s.state().node;
    feedback_choice_ = exam_ ? -1 : choice;
    recorder_.choose(choice, now_seconds());
    derive(app);
}

bool DrillPlayer::take_shown(App& app, int n) {
    if (n < 1 || n > static_cast<int>(shown_.size())) return false;
    choose(app, n - 1);
    feedback_node_ = -1;
    for (Meter& m : meters_) m.delta = 0;
    return true;
}

void DrillPlayer::draw_feedback(App& app) {
    const Palette& pal = app.palette();
    const Choice& c = drill_->nodes[feedback_node_].choices[feedback_choice_];
    ImGui::Separator();
    ImGui::TextDisabled("%s", app.tr(Str::DrillYouChose));
    app.text.text(c.text, pal.link);  // the body font: it holds every character of the drill
    app.text.text(c.feedback, pal.text);
    guideline_links(app, app.tr(Str::DrillApplies), c.applies, pal.good);
    guideline_links(app, app.tr(Str::DrillViolates), c.violates, pal.bad);
    ImGui::Spacing();
    bool key = !app.keyboard_taken() && (app.pressed(GLFW_KEY_ENTER) || app.pressed(GLFW_KEY_KP_ENTER) || app.pressed(GLFW_KEY_SPACE));
    if (ImGui::Button(fmt::format("{}  (Enter)", app.tr(Str::DrillNext)).c_str(), ImVec2(app.fonts.size() * 8, 0)) || key) {
        feedback_node_ = -1;
        for (Meter& m : meters_) m.delta = 0;
    }
}

void DrillPlayer::draw_debrief(App& app) {
    const Palette& pal = app.palette();
    auto on_link = [&](const Link& l) { if (!l.target_id.empty()) app.open_document(l.target_id); };
    ImGui::PushFont(app.fonts.h1);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rating_color(pal, rating_)), "%s：%s", app.tr(Str::DrillRating), rating_name(rating_));
    ImGui::PopFont();

    scene_->draw(app.fonts, on_link);
    if (exam_ && !review_.empty()) {
        heading(app, app.tr(Str::DrillReview));
        for (size_t i = 0; i < review_.size(); ++i) {
            const Review& r = review_[i];
            ImGui::PushID(static_cast<int>(i));
            app.text.text(r.where, pal.muted);
            app.text.text(r.chose, pal.link);
            app.text.text(r.choice->feedback, pal.text);
            guideline_links(app, app.tr(Str::DrillApplies), r.choice->applies, pal.good);
            guideline_links(app, app.tr(Str::DrillViolates), r.choice->violates, pal.bad);
            ImGui::PopID();
        }
    }
    heading(app, app.tr(Str::DrillPath));
    app.text.text(path_, pal.muted);
    heading(app, app.tr(Str::DrillPitfalls));
    if (violated_.empty()) ImGui::TextDisabled("%s", app.tr(Str::DrillNoPitfalls));
    else guideline_links(app, "", violated_, pal.text);
    if (better_) {
        heading(app, app.tr(Str::DrillBetter));
        better_->draw(app.fonts, on_link);
    }
    if (!chart_.empty()) {
        heading(app, app.tr(Str::DrillChart));
        line_chart(chart_, app.fonts.size() * 9, pal);
    }
    ImGui::Spacing();
    if (ImGui::Button(app.tr(Str::DrillRestart))) app.start_drill(drill_->doc->meta.id, true);
}

void DrillPlayer::draw_meters(App& app) {
    const Palette& pal = app.palette();
    heading(app, app.tr(Str::DrillState));
    if (exam_ && !recorder_.session().finished()) {
        app.text.text(app.tr(Str::DrillExamHidden), pal.muted);
        return;
    }
    for (size_t i = 0; i < meters_.size(); ++i) {
        const Meter& m = meters_[i];
        ImGui::TextUnformatted(drill_->vars[i].name.c_str());
        if (m.delta) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, m.delta > 0 ? pal.good : pal.bad);
            ImGui::Text("%+d", m.delta);
            ImGui::PopStyleColor();
        }
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, series_color(i));
        ImGui::ProgressBar(m.fraction, ImVec2(-1, 0), m.value.c_str());
        ImGui::PopStyleColor();
    }
    for (const std::string& f : flags_) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.accent), "%s", f.c_str());

    if (attempts_.empty(app)) return;
    ImGui::Separator();
    heading(app, app.tr(Str::DrillAttempts));
    attempts_.draw(app);
}

}  // namespace linli::gui
