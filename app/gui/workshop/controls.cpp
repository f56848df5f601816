#include "controls.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/format.h>

#include <algorithm>

#include "gui/app.h"
#include "gui/chart.h"
#include "gui/live_text.h"
#include "stage.h"
#include "workshop_run.h"
#include "ws_strings.h"

namespace linli::gui {
namespace {

bool any_revealed(const Workshop& w) {
    for (int t = 0; t < int(w.tracks().size()); ++t)
        if (!w.track_finished(t) && w.tracks()[size_t(t)].revealed) return true;
    return false;
}

// The room goes on: one track by the majority; several, each by its own vote.
void go_on(WorkshopRun& run) {
    if (run.workshop().tracks().size() == 1) run.go_majority(0);
    else run.go_all();
}

void save_note(WorkshopRun& run, ControlsState& st, int track) {
    if (st.note[0] == 0 && !st.discuss) return;
    run.note(track, st.note[0] ? st.note : "（复盘时讨论这个决策 · discuss this decision）", st.discuss);
    st.note[0] = 0;
    st.discuss = false;
}

// The first track still playing: notes and ties are about it.
int focus_track(const Workshop& w) {
    for (int t = 0; t < int(w.tracks().size()); ++t)
        if (!w.track_finished(t)) return t;
    return 0;
}

}  // namespace

void handle_workshop_keys(App& app, WorkshopRun& run, ControlsState& st) {
    if (st.typing) return;
    // In the order pressed: a trainer (or xdotool) types "1 3 2 1" faster than frames are drawn.
    for (const KeyPress& k : app.keys_this_frame) {
        if (k.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT)) continue;
        const Workshop& w = run.workshop();
        int d = k.key >= GLFW_KEY_1 && k.key <= GLFW_KEY_9 ? k.key - GLFW_KEY_0
                : k.key >= GLFW_KEY_KP_1 && k.key <= GLFW_KEY_KP_9 ? k.key - GLFW_KEY_KP_0 : 0;
        if (d && st.pending_group == 0) {
            if (d <= int(w.groups().size())) st.pending_group = d;
        } else if (d) {
            run.vote(st.pending_group - 1, d);
            st.pending_group = 0;
        }
        switch (k.key) {
            case GLFW_KEY_ESCAPE: st.pending_group = 0; break;
            case GLFW_KEY_R: run.reveal_all(); break;
            case GLFW_KEY_M:
                if (any_revealed(w)) go_on(run);
                break;
            case GLFW_KEY_P:
                if (w.tracks().size() == 1) run.go_parallel(0);
                break;
            case GLFW_KEY_T: run.add_minute(); break;
            case GLFW_KEY_D:
                st.discuss = true;
                save_note(run, st, focus_track(w));
                break;
            case GLFW_KEY_H: st.bar_hidden = !st.bar_hidden; break;
            case GLFW_KEY_E: st.want_debrief = true; break;
            default: break;
        }
    }
}

void draw_controls(App& app, WorkshopRun& run, ControlsState& st, bool compact) {
    const Palette& pal = app.palette();
    const Workshop& w = run.workshop();
    const int focus = focus_track(w);
    bool up = false;
    std::string clock = countdown_text(app, run, &up);
    ImGui::PushFont(app.fonts.h2);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(up ? pal.fair : pal.text), "%s", ws(app, W::TimeLeft));
    ImGui::SameLine();
    live_text("clock", clock.c_str(), up ? pal.fair : pal.text);
    ImGui::PopFont();
    ImGui::SameLine();
    if (ImGui::Button(ws(app, W::AddMinute))) run.add_minute();
    if (!w.finished()) {
        ImGui::SameLine();
        if (ImGui::Button(ws(app, w.tracks().size() > 1 ? W::RevealAll : W::Reveal))) run.reveal_all();
    }
    if (any_revealed(w)) {
        ImGui::SameLine();
        if (ImGui::Button(ws(app, w.tracks().size() > 1 ? W::GoAll : W::GoMajority))) go_on(run);
        if (w.tracks().size() == 1 && w.tracks()[0].groups.size() > 1) {
            ImGui::SameLine();
            if (ImGui::Button(ws(app, W::GoParallel))) run.go_parallel(0);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(ws(app, w.finished() ? W::ToDebrief : W::StopHere))) st.want_debrief = true;
    if (compact) {
        ImGui::SameLine();
        if (ImGui::Button(ws(app, W::HideBar))) st.bar_hidden = true;
        ImGui::SameLine();
        if (ImGui::Button(ws(app, W::Fullscreen))) app.set_fullscreen(!app.fullscreen());
    }

    // A tie on a revealed track waits for the trainer; one group's choice can be taken instead.
    for (int t = 0; t < int(w.tracks().size()); ++t) {
        const TrackView& v = run.views()[size_t(t)];
        if (v.ended || !w.tracks()[size_t(t)].revealed) continue;
        ImGui::PushID(t);
        if (v.leaders.size() > 1) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.fair), "%s%s", w.tracks().size() > 1 ? (v.groups + "：").c_str() : "",
                               ws(app, W::Tie));
            for (int n : v.leaders) {
                ImGui::SameLine();
                if (ImGui::Button(std::to_string(n).c_str())) run.go_majority(t, n);
            }
        }
        if (w.tracks()[size_t(t)].groups.size() > 1) {
            ImGui::TextDisabled("%s", ws(app, W::GoGroup));
            for (int g : w.tracks()[size_t(t)].groups) {
                if (w.vote_of(g) == 0) continue;
                ImGui::SameLine();
                if (ImGui::SmallButton(w.groups()[size_t(g)].c_str())) run.go_group(t, g);
            }
        }
        ImGui::PopID();
    }

    // Votes: a row per group, a button per option of its track's ballot.
    const int per_row = compact ? 4 : 1;
    for (int g = 0; g < int(w.groups().size()); ++g) {
        int t = w.track_of(g);
        const TrackView& v = run.views()[size_t(t)];
        if (g % per_row) ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
        ImGui::PushID(g);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(st.pending_group == g + 1 ? pal.accent : pal.text), "%d %s", g + 1,
                           w.groups()[size_t(g)].c_str());
        if (v.ended) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", ws(app, W::Ended));
        }
        // On a single screen the bar is projected too: until the reveal it shows who has voted, not what.
        const bool secret = compact && !w.tracks()[size_t(t)].revealed;
        if (secret && w.vote_of(g)) {
            ImGui::SameLine();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.good), "✓");
        }
        for (size_t n = 1; !v.ended && n <= v.ballot.labels.size(); ++n) {
            ImGui::SameLine();
            bool mine = !secret && w.vote_of(g) == int(n);
            if (mine) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(pal.accent));
            if (ImGui::SmallButton(std::to_string(n).c_str())) run.vote(g, int(n));
            if (mine) ImGui::PopStyleColor();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", v.ballot.labels[n - 1].c_str());
        }
        ImGui::PopID();
    }
    if (st.pending_group) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.accent), ws(app, W::Pending), st.pending_group);
    } else {
        ImGui::TextDisabled("%s", ws(app, W::KeysHint));
    }

    // Notes at the current decision.
    ImGui::SetNextItemWidth(std::max(200.0f, ImGui::GetContentRegionAvail().x * (compact ? 0.5f : 0.7f)));
    if (ImGui::InputTextWithHint("##note", ws(app, W::NoteHint), st.note, sizeof st.note, ImGuiInputTextFlags_EnterReturnsTrue))
        save_note(run, st, focus);
    st.typing = ImGui::IsItemActive();
    if (st.typing) app.need_glyphs(st.note);
    ImGui::SameLine();
    ImGui::Checkbox(ws(app, W::Discuss), &st.discuss);
    if (!w.notes().empty() && w.notes().back().discuss && w.notes().back().at >= w.decision_began()) {  // at this decision
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.good), "%s", ws(app, W::Marked));
    }
    if (!run.message().empty()) app.text.text(run.message(), pal.bad);
    if (compact) return;

    // The laptop only: the spread as the room sees it, and what each option leads to.
    for (int t = 0; t < int(w.tracks().size()); ++t) {
        const TrackView& v = run.views()[size_t(t)];
        if (v.ended || !w.tracks()[size_t(t)].revealed) continue;
        ImGui::PushID(t);
        if (w.tracks().size() > 1) app.text.text(v.groups, pal.accent);
        bar_chart(v.bars, int(w.groups().size()), ImGui::GetTextLineHeight() * 7, pal, app.text);
        ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::TextDisabled("%s", ws(app, W::Hidden));
    for (int t = 0; t < int(w.tracks().size()); ++t) {
        const TrackView& v = run.views()[size_t(t)];
        if (v.ended) continue;
        if (w.tracks().size() > 1) app.text.text(v.groups + " · " + v.title, pal.accent);
        const DrillNode& node = w.tracks()[size_t(t)].session.node();
        for (size_t n = 0; n < v.ballot.labels.size(); ++n) {
            if (v.ballot.round == Round::Direction) {
                app.text.text(fmt::format("{} {}", n + 1, v.ballot.labels[n]), pal.text);
                continue;
            }
            const Choice& c = node.choices[size_t(v.ballot.choices[n])];
            std::string effects;
            for (const Effect& e : c.effects) effects += fmt::format(" {}{:+}", e.var, e.delta);
            app.text.text(fmt::format("{} {}{}", n + 1, c.text, effects), c.violates.empty() ? pal.text : pal.bad);
            app.text.text(c.feedback, pal.muted);
        }
    }
}

}  // namespace linli::gui
