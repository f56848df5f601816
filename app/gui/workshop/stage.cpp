#include "stage.h"

#include <imgui.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "gui/app.h"
#include "gui/chart.h"
#include "gui/live_text.h"
#include "workshop_run.h"
#include "ws_strings.h"

namespace linli::gui {
namespace {

// Type sizes as fractions of the window's height: at 1080 px the scene is 36 px, readable from
// the back of a room; at 768 px, 26 px.
constexpr float kHeader = 0.028f, kTitle = 0.046f, kScene = 0.033f, kOption = 0.036f, kClock = 0.06f, kSmall = 0.024f;

ImU32 rating_color(const Palette& pal, Rating r) {
    return r == Rating::Good ? pal.good : r == Rating::Fair ? pal.fair : pal.bad;
}

struct Stage {
    App& app;
    const WorkshopRun& run;
    const Palette& pal;
    float height;  // the window's
    float fit = 1; // the scene's and the ballot's share of their full size
    float room_left = 1;  // the smallest share of its height a column had room for (< 1: it overflowed)

    void size(float fraction) const { ImGui::SetWindowFontScale(height * fraction / app.fonts.display->FontSize); }
    void fitted(float fraction) const { size(fraction * fit); }

    void header() {
        size(kHeader);
        const auto& views = run.views();
        const TrackView& v = views.front();
        std::string what = fmt::format("{} · {} {}", run.drill().doc->meta.title, ws(app, W::Decision), run.decision_number());
        if (views.size() == 1 && !v.ended && run.workshop().tracks()[0].session.node().two_round())
            what += fmt::format(" · {}", ws(app, v.ballot.round == Round::Direction ? W::RoundDirection : W::RoundOption));
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.muted), "%s", what.c_str());
        bool up = false;
        std::string clock = countdown_text(app, run, &up);
        size(kClock);
        float w = ImGui::CalcTextSize(clock.c_str()).x;
        ImGui::SameLine(std::max(0.0f, ImGui::GetWindowContentRegionMax().x - w));
        live_text("clock", clock.c_str(), up ? pal.fair : pal.text);
    }

    void ballot(const TrackView& v, int track, float fraction) {
        size(fraction);
        for (size_t i = 0; i < v.ballot.labels.size(); ++i) {
            std::string line = fmt::format("{}  {}", i + 1, v.ballot.labels[i]);
            app.text.text(line, pal.text);
            ImGui::Spacing();
        }
        if (run.workshop().tracks()[size_t(track)].revealed) spread(v, fraction);
    }

    void spread(const TrackView& v, float fraction) {
        size(fraction * 0.8f);
        float h = std::max(ImGui::GetContentRegionAvail().y - 4, height * 0.18f);
        bar_chart(v.bars, int(run.workshop().groups().size()), std::min(h, height * 0.34f), pal, app.text);
    }

    void ending(const TrackView& v, int track) {
        const DrillSession& s = run.workshop().tracks()[size_t(track)].session;
        size(kTitle);
        app.text.text(v.title, pal.text);
        size(kOption);
        app.text.text(fmt::format("{}：{}", app.tr(Str::DrillRating), rating_name(s.rating())), rating_color(pal, s.rating()));
    }

    void one_track() {
        const TrackView& v = run.views().front();
        if (v.ended) {
            ending(v, 0);
            return;
        }
        const bool revealed = run.workshop().tracks()[0].revealed;
        if (!v.last_feedback.empty() && !revealed) {  // 练习: what the last choice led to
            fitted(kSmall);
            app.text.text(std::string(ws(app, W::LastStep)) + v.last_choice, pal.muted);
            app.text.text(v.last_feedback, pal.emphasis);
            ImGui::Separator();
        }
        fitted(kTitle);
        app.text.text(v.title, pal.text);
        ImGui::Spacing();
        if (!revealed) {  // after the reveal the chart needs the room
            fitted(kScene);
            for (const std::string& p : v.scene) {
                app.text.text(p, pal.text);
                ImGui::Spacing();
            }
            ImGui::Separator();
        }
        ballot(v, 0, kOption * fit);
    }

    void side_by_side() {
        const auto& views = run.views();
        size(kSmall);
        if (!run.split_from().empty()) {  // where the paths diverge
            char line[512];
            std::snprintf(line, sizeof line, ws(app, W::SplitFrom), run.split_from().c_str());
            app.text.text(line, pal.muted);
        }
        float w = ImGui::GetContentRegionAvail().x / float(views.size());
        const float type = views.size() <= 4 ? kScene * 0.9f : kSmall;  // eight columns need the smaller type
        const Drill& d = run.drill();
        for (size_t t = 0; t < views.size(); ++t) {
            const TrackView& v = views[t];
            if (t) ImGui::SameLine();
            ImGui::SetWindowFontScale(1);  // a child's type scales by its parent's too
            ImGui::PushID(static_cast<int>(t));
            ImGui::BeginChild("##track", ImVec2(w - ImGui::GetStyle().ItemSpacing.x, 0), true,
                              ImGuiWindowFlags_NoScrollbar);
            fitted(kOption * 0.9f);
            app.text.text(v.groups, pal.accent);
            fitted(kSmall);
            for (size_t m = 0; m < d.vars.size() && m < v.meter_labels.size(); ++m)
                meter(v.meter_labels[m], v.meters[m], d.vars[m].min, d.vars[m].max, ImGui::GetContentRegionAvail().x, pal);
            if (v.ended) {
                const DrillSession& s = run.workshop().tracks()[t].session;
                fitted(kSmall * 1.1f);
                app.text.text(v.title, pal.text);
                app.text.text(rating_name(s.rating()), rating_color(pal, s.rating()));
            } else {
                fitted(kSmall * 1.1f);
                app.text.text(v.title, pal.text);
                ImGui::Separator();
                ballot(v, int(t), type * fit);
            }
            room_left = std::min(room_left, ImGui::GetWindowHeight() / std::max(1.0f, ImGui::GetCursorPosY()));
            ImGui::EndChild();
            ImGui::PopID();
            size(kSmall);
        }
    }
};

}  // namespace

std::string countdown_text(const App& app, const WorkshopRun& run, bool* up) {
    int64_t left = run.seconds_left();
    if (up) *up = left <= 0;
    if (run.workshop().finished()) return {};  // every track has ended: no clock
    if (left <= 0) return ws(app, W::TimeUp);
    return fmt::format("{}:{:02}", left / 60, left % 60);
}

void draw_stage(App& app, const WorkshopRun& run, StageFit& fit, float bar_height) {
    // A new decision, or the reveal, starts at full size again.
    size_t decision = run.workshop().decisions().size() * 2 + (run.workshop().tracks()[0].revealed ? 1 : 0);
    if (decision != fit.decision) fit = {decision, 1};
    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::BeginChild("##stage", ImVec2(avail.x, std::max(50.0f, avail.y - bar_height)), false);
    ImGui::PushFont(app.fonts.display);
    Stage s{app, run, app.palette(), ImGui::GetIO().DisplaySize.y, fit.scale};
    s.header();
    ImGui::Spacing();
    if (run.views().size() == 1) s.one_track();
    else s.side_by_side();
    ImGui::SetWindowFontScale(1);
    ImGui::PopFont();
    // Too long for the screen: smaller type from the next frame on (drawn at once), never below
    // half size; a scroll bar is left for what still does not fit.
    float share = run.views().size() == 1 ? ImGui::GetWindowHeight() / std::max(1.0f, ImGui::GetCursorPosY()) : s.room_left;
    if (share < 1 && fit.scale > 0.5f) {
        fit.scale = std::max(0.5f, fit.scale * share * 0.97f);
        app.redraw_at(std::chrono::steady_clock::now());
    }
    ImGui::EndChild();
}

}  // namespace linli::gui
