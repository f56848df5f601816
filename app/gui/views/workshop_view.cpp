// The workshop view (工作坊): a trainer sets up a drill for 2–8 table groups, prints the preparation
// page, runs it on the projector — the audience's view on a second monitor when there is one, the
// trainer's controls on the laptop; on one screen the stage with a bar that hides — and debriefs.
// The state machine and its log are in cases/ and core/; this file only sequences the phases.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <unordered_set>
#include <utility>

#include "content/utf8.h"
#include "core/workshop_prep.h"
#include "gui/app.h"
#include "gui/markdown_view.h"
#include "gui/workshop/controls.h"
#include "gui/desktop_open.h"
#include "gui/workshop/debrief_panel.h"
#include "gui/workshop/stage.h"
#include "gui/workshop/workshop_run.h"
#include "gui/workshop/ws_strings.h"
#include "sync/ids.h"

namespace linli::gui {
namespace {

class WorkshopView : public View {
public:
    void enter(App& app, const Route& route) override {
        if (!route.doc.empty() && app.catalog.drill(route.doc)) choose_drill(app, route.doc);  // checked again at start
        if (!run_ && !debrief_) ask_for_unfinished(app);
        if (run_ && !debrief_) open_presenter(app);  // back from another view
        if (route.play) resume_saved(app);  // --resume-workshop: now, or once the store has answered
    }

    void leave(App& app) override { stop_presenter(app); }

    void reloaded(App& app) override {
        if (run_) {  // replayed on the drill as it is now
            SavedWorkshop s = run_->saved();
            const Drill* d = app.catalog.drill(s.setup.drill);
            run_ = d ? std::make_unique<WorkshopRun>(app, *d, s) : nullptr;
            if (!d) {
                stop_presenter(app);
                app.report_error(ws(app, W::SetupTitle), "演练已不在文库里 (the drill left the library): " + s.setup.drill);
            }
        }
        prep_view_.reset();
        if (!drill_id_.empty() && !app.catalog.drill(drill_id_)) drill_id_.clear();
        // A saved workshop whose drill was not loaded yet (the first frame's snapshot) is found now.
        if (!run_ && !debrief_) ask_for_unfinished(app);
    }

    bool fills_window(const App& app) const override { return run_ && !debrief_ && !app.presenter.is_open(); }

    std::string window_title(const App& app) const override {
        if (run_) return fmt::format("{} · {}", ws(app, W::SetupTitle), run_->drill().doc->meta.title);
        return ws(app, W::SetupTitle);
    }

    void draw(App& app) override {
        if (debrief_) return draw_debrief(app);
        if (run_) return draw_run(app);
        if (prep_) return draw_prep(app);
        draw_setup(app);
    }

private:
    // ---- Set-up

    void choose_drill(App& app, const std::string& id) {
        drill_id_ = id;
        const Drill* d = app.catalog.drill(id);
        exam_ = d && d->exam;
        prep_view_.reset();
    }

    void ask_for_unfinished(App& app) {
        if (!app.store) return;
        app.store->read<std::optional<SavedWorkshop>>(
            [](ProgressStore& s) -> std::optional<SavedWorkshop> {
                auto id = s.open_workshop();
                if (!id) return std::nullopt;
                return read_saved(s.workshop_events(*id));
            },
            [this, &app](std::optional<SavedWorkshop> saved) {
                saved_ = std::move(saved);
                if (saved_ && !app.catalog.drill(saved_->setup.drill)) saved_.reset();  // its drill is gone
                if (saved_)
                    for (const auto& g : saved_->setup.groups) app.need_glyphs(g);
                if (saved_ && resume_when_read_) resume_saved(app);
            });
    }

    void draw_setup(App& app) {
        const Palette& pal = app.palette();
        ImGui::PushFont(app.fonts.h1);
        app.text.text(ws(app, W::SetupTitle), pal.text);
        ImGui::PopFont();
        app.text.text(ws(app, W::SetupHint), pal.muted);
        if (saved_) {
            const Drill* d = app.catalog.drill(saved_->setup.drill);
            size_t decided = std::count_if(saved_->actions.begin(), saved_->actions.end(), [](const WorkshopAction& a) {
                return a.kind == WorkshopAction::Majority || a.kind == WorkshopAction::Group || a.kind == WorkshopAction::Parallel;
            });
            app.text.text(fmt::format("{}{} · {} 个小组 · 已做 {} 个决定 ({} groups, {} decisions)", ws(app, W::ResumeHint),
                                      d ? d->doc->meta.title : saved_->setup.drill, saved_->setup.groups.size(), decided,
                                      saved_->setup.groups.size(), decided),
                          pal.emphasis);
            if (ImGui::Button(ws(app, W::Resume))) resume_saved(app);
            ImGui::SameLine();
            if (ImGui::Button(ws(app, W::Discard))) {
                WorkshopLog(store_sink(app), saved_->setup).closed(WorkshopRun::now());
                saved_.reset();
            }
            ImGui::Separator();
        }
        const std::vector<const Drill*>& drills = playable(app);
        if (drills.empty()) {
            app.text.text(ws(app, W::NoDrills), pal.muted);
            return;
        }
        if (drill_id_.empty()) choose_drill(app, drills.front()->doc->meta.id);
        ImGui::TextUnformatted(ws(app, W::Drill));
        ImGui::BeginChild("##drills", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 6.5f), true);
        for (const Drill* dp : drills) {
            const Drill& d = *dp;
            const std::string& id = d.doc->meta.id;
            if (ImGui::Selectable((d.doc->meta.title + "##" + id).c_str(), id == drill_id_)) choose_drill(app, id);
            if (id == drill_id_ && just_chosen_scroll_) ImGui::SetScrollHereY();
        }
        just_chosen_scroll_ = false;
        ImGui::EndChild();

        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::InputInt(ws(app, W::GroupCount), &group_count_)) group_count_ = std::clamp(group_count_, Workshop::kMinGroups, Workshop::kMaxGroups);
        for (int g = 0; g < group_count_; ++g) {
            if (names_[size_t(g)][0] == 0) fmt::format_to_n(names_[size_t(g)], sizeof names_[0] - 1, "第{}组", g + 1);
            ImGui::PushID(g);
            if (g % 4) ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
            if (ImGui::InputText("##name", names_[size_t(g)], sizeof names_[0])) app.need_glyphs(names_[size_t(g)]);
            ImGui::PopID();
        }
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::InputInt(ws(app, W::Minutes), &minutes_)) minutes_ = std::clamp(minutes_, 1, 30);
        ImGui::TextUnformatted(ws(app, W::Feedback));
        ImGui::SameLine();
        if (ImGui::RadioButton(app.tr(Str::ModePractice), !exam_)) exam_ = false;
        ImGui::SameLine();
        if (ImGui::RadioButton(app.tr(Str::ModeExam), exam_)) exam_ = true;
        if (!setup_error_.empty()) app.text.text(setup_error_, pal.bad);
        if (ImGui::Button(ws(app, W::Prepare))) prep_ = true;
        ImGui::SameLine();
        bool enter = !ImGui::IsAnyItemActive() && (app.pressed(GLFW_KEY_ENTER) || app.pressed(GLFW_KEY_KP_ENTER));
        if (ImGui::Button(ws(app, W::Start)) || enter) start(app);
    }

    // The drills a room can play: those without errors (the Problems view lists those), found again
    // when the library or its problems change.
    const std::vector<const Drill*>& playable(const App& app) {
        std::pair<int, size_t> key{app.library_generation, app.catalog.problems.size()};
        if (key == playable_key_) return playable_;
        playable_key_ = key;
        playable_.clear();
        std::unordered_set<std::string> broken;
        for (const Diagnostic& p : app.catalog.problems)
            if (p.severity == Severity::Error) broken.insert(p.path);
        for (const Drill& d : app.catalog.drills)
            if (!d.nodes.empty() && !broken.count(d.doc->path.string())) playable_.push_back(&d);
        return playable_;
    }

    // ---- Preparation page

    void draw_prep(App& app) {
        const Drill* d = app.catalog.drill(drill_id_);
        if (!d) {
            prep_ = false;
            return;
        }
        const Palette& pal = app.palette();
        if (ImGui::Button(ws(app, W::Back)) || app.pressed(GLFW_KEY_ESCAPE)) prep_ = false;
        ImGui::SameLine();
        if (ImGui::Button(ws(app, W::Start))) start(app);
        ImGui::SameLine();
        if (ImGui::Button(ws(app, W::PrepPrint))) export_prep_page(app, *d);
        if (!prep_message_.empty()) app.text.text(prep_message_, prep_failed_ ? pal.bad : pal.good);
        ImGui::PushFont(app.fonts.h1);
        app.text.text(fmt::format("{}：{}", ws(app, W::PrepTitle), d->doc->meta.title), pal.text);
        ImGui::PopFont();
        ImGui::BeginChild("##prep");
        ImGui::PushFont(app.fonts.h2);
        app.text.text(ws(app, W::PrepRoom), pal.text);
        ImGui::PopFont();
        draw_room(app);
        ImGui::PushFont(app.fonts.h2);
        app.text.text(ws(app, W::PrepKit), pal.text);
        ImGui::PopFont();
        if (!prep_view_) {
            prep_view_ = std::make_unique<MarkdownView>(*d->doc, d->kit, app.images, pal);
            questions_ = discussion_questions(*d, app.catalog.library);
        }
        prep_view_->draw(app.fonts, [&app](const Link& l) {
            if (!l.target_id.empty()) app.open_document(l.target_id);
        });
        if (!questions_.empty()) {
            ImGui::PushFont(app.fonts.h2);
            app.text.text(ws(app, W::PrepQuestions), pal.text);
            ImGui::PopFont();
            for (const DebriefQuestions& q : questions_) {
                app.text.text(q.source, pal.accent);
                for (size_t k = 0; k < q.items.size(); ++k) app.text.text(fmt::format("{}. {}", k + 1, q.items[k]), pal.text);
            }
        }
        ImGui::EndChild();
    }

    // The printable page, into the folder the debrief will go to, opened in the browser to print.
    void export_prep_page(App& app, const Drill& d) {
        std::vector<std::string> groups;
        for (int g = 0; g < group_count_; ++g) groups.emplace_back(names_[size_t(g)]);
        prep_failed_ = false;
        try {
            auto file = export_prep(make_prep(d, app.catalog.library, groups, minutes_, exam_),
                                    default_export_folder(WorkshopRun::now(), d.doc->meta.title));
            prep_message_ = std::string(ws(app, W::Exported)) + file.string();
            std::string error;
            if (!open_with_desktop(file, &error)) prep_message_ += "  " + error;
        } catch (const std::exception& e) {
            prep_message_ = e.what();
            prep_failed_ = true;
        }
        app.need_glyphs(prep_message_);
    }

    // The room from above: the projector at the front, a table per group.
    void draw_room(App& app) {
        const Palette& pal = app.palette();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float w = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 36);
        float cell = w / 4, h = ImGui::GetFontSize() * 3;
        ImVec2 o = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(o.x + w * 0.3f, o.y), ImVec2(o.x + w * 0.7f, o.y + h * 0.5f), pal.code_bg);
        dl->AddText(ImVec2(o.x + w * 0.32f, o.y + 2), pal.muted, "投影 · 培训师 Projector · trainer");
        for (int g = 0; g < group_count_; ++g) {
            ImVec2 a(o.x + cell * float(g % 4) + 6, o.y + h * 0.8f + h * 1.2f * float(g / 4));
            dl->AddRect(a, ImVec2(a.x + cell - 12, a.y + h), pal.rule, 6, 0, 1.5f);
            dl->AddText(ImVec2(a.x + 8, a.y + 6), pal.text, fmt::format("第{}桌", g + 1).c_str());
            dl->AddText(ImVec2(a.x + 8, a.y + 6 + ImGui::GetTextLineHeight()), pal.accent, names_[size_t(g)]);
        }
        ImGui::Dummy(ImVec2(w, h * 0.8f + h * 1.2f * float((group_count_ + 3) / 4)));
    }

    // ---- Running

    void start(App& app) {
        const Drill* d = app.catalog.drill(drill_id_);
        const auto& ok = playable(app);
        if (!d || std::find(ok.begin(), ok.end(), d) == ok.end()) return;
        WorkshopSetup setup{random_id(), drill_id_, {}, minutes_, exam_, WorkshopRun::now()};
        for (int g = 0; g < group_count_; ++g) setup.groups.emplace_back(names_[size_t(g)]);
        try {
            Workshop::check_groups(setup.groups);  // names the problem before anything is saved
        } catch (const std::exception& e) {
            setup_error_ = e.what();
            app.need_glyphs(setup_error_);
            return;
        }
        setup_error_.clear();
        run_ = std::make_unique<WorkshopRun>(app, *d, std::move(setup));
        began_running(app);
    }

    void resume_saved(App& app) {
        if (!saved_) {
            resume_when_read_ = true;  // asked before the store answered
            return;
        }
        resume_when_read_ = false;
        const Drill* d = app.catalog.drill(saved_->setup.drill);
        if (!d) return;
        run_ = std::make_unique<WorkshopRun>(app, *d, *saved_);
        saved_.reset();
        began_running(app);
    }

    void began_running(App& app) {
        prep_ = false;
        controls_ = ControlsState{};
        // The projector's type holds only what this workshop shows.
        const Drill& d = run_->drill();
        std::string text = d.doc->meta.title + d.doc->plain_text + ws_all_text() + "0123456789:：·、•…" + app.tr(Str::DrillRating) +
                           rating_name(Rating::Good) + rating_name(Rating::Fair) + rating_name(Rating::Bad);
        for (const DrillNode& n : d.nodes) {
            text += n.title;
            for (const Choice& c : n.choices) text += c.text + c.direction;
        }
        for (const StateVar& v : d.vars) text += v.name;
        for (const auto& g : run_->setup().groups) text += g;
        if (app.fonts.add_chars(Fonts::kDisplay, utf8::decode(text))) app.fonts_dirty = true;
        app.need_glyphs(text);
        open_presenter(app);
    }

    // The audience's window, when there is a second screen for it.
    void open_presenter(App& app) {
        if (auto screen = PresenterWindow::second_screen(app.window); screen && app.presenter.open(app, app.window, *screen)) {
            app.presenter_content = [this, &app] {
                if (!run_) return;
                const ImGuiViewport* vp = ImGui::GetMainViewport();
                ImGui::SetNextWindowPos(vp->Pos);
                ImGui::SetNextWindowSize(vp->Size);
                ImGui::Begin("##audience", nullptr,  // cleared to the window colour: no background layer
                             ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
                draw_stage(app, *run_, projector_fit_);
                ImGui::End();
            };
        }
    }

    void stop_presenter(App& app) {
        app.presenter_content = nullptr;
        app.presenter.close();
    }

    void draw_run(App& app) {
        run_->set_frame_time(WorkshopRun::now());  // the projector, drawn after, shows the same second
        const bool pending = controls_.pending_group != 0;  // then Esc cancels it, and only that
        handle_workshop_keys(app, *run_, controls_);
        if (app.pressed(GLFW_KEY_F11)) app.set_fullscreen(!app.fullscreen());
        if (app.pressed(GLFW_KEY_ESCAPE) && app.fullscreen() && !pending) app.set_fullscreen(false);
        tick(app);
        if (app.presenter.is_open()) {
            app.text.text(ws(app, W::Projector), app.palette().muted);
            draw_controls(app, *run_, controls_, false);
        } else {
            // The bar takes the height its controls took last frame: ties and notes come and go.
            float bar = controls_.bar_hidden ? ImGui::GetTextLineHeightWithSpacing() : bar_height_;
            draw_stage(app, *run_, stage_fit_, bar);
            if (controls_.bar_hidden) {
                ImGui::TextDisabled("%s", ws(app, W::ShowBar));
            } else {
                ImGui::BeginChild("##bar", ImVec2(0, 0), true, ImGuiWindowFlags_NoScrollbar);
                draw_controls(app, *run_, controls_, true);
                float used = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
                ImGui::EndChild();
                if (std::abs(used - bar_height_) > 1) {
                    bar_height_ = used;
                    app.redraw_at(std::chrono::steady_clock::now());  // laid out again at once
                }
            }
        }
        if (controls_.want_debrief) {
            stop_presenter(app);
            if (app.fullscreen()) app.set_fullscreen(false);
            debrief_ = std::make_unique<DebriefPanel>(app, make_debrief(run_->workshop(), app.catalog.library, WorkshopRun::now()));
            closed_ = false;
        }
    }

    // The countdown redraws once a second, at the second's turn; when time is up the window asks
    // for attention once (the soft signal), and then sleeps until input.
    void tick(App& app) {
        int64_t left = run_->seconds_left();
        if (run_->workshop().finished()) return;  // every track has ended: nothing counts down
        if (left > 0) {
            auto now = std::chrono::system_clock::now();
            auto into = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
            app.redraw_at(std::chrono::steady_clock::now() + std::chrono::milliseconds(1000) - into);
        } else if (signalled_ != run_->workshop().decision_began()) {
            signalled_ = run_->workshop().decision_began();
            glfwRequestWindowAttention(app.window);
        }
    }

    // ---- Debrief

    // Exporting the debrief, or ending the workshop, closes it: it is no longer offered for resuming.
    void draw_debrief(App& app) {
        bool end = debrief_->draw(app);
        if (run_ && !closed_ && (end || debrief_->exported())) {
            run_->close();
            closed_ = true;
        }
        if (end) {
            run_.reset();
            debrief_.reset();
        }
    }

    std::string drill_id_;
    std::vector<const Drill*> playable_;
    std::pair<int, size_t> playable_key_{-1, 0};
    int group_count_ = 4, minutes_ = 3;
    char names_[Workshop::kMaxGroups][64] = {};
    bool exam_ = false, prep_ = false, just_chosen_scroll_ = true, resume_when_read_ = false;
    std::string setup_error_, prep_message_;
    bool prep_failed_ = false;
    std::optional<SavedWorkshop> saved_;
    std::unique_ptr<MarkdownView> prep_view_;
    std::vector<DebriefQuestions> questions_;  // the kit's cases' 讨论题, with prep_view_
    std::unique_ptr<WorkshopRun> run_;
    ControlsState controls_;
    int64_t signalled_ = -1;
    bool closed_ = false;  // the workshop in the debrief was logged as closed
    float bar_height_ = 200;
    StageFit stage_fit_, projector_fit_;  // this window's stage, and the projector's
    std::unique_ptr<DebriefPanel> debrief_;
};

}  // namespace

LINLI_DEFINE_VIEW(WorkshopView)

}  // namespace linli::gui
