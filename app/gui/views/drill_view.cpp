// The drill view: a drill opens on its cover (drill_cover.h), never on its answers; Start or
// Resume plays it (drill_player.h) beside its state meters, to the debrief. The attempt under way
// stays here while the learner looks something up, and survives a reload of the library.
#include <imgui.h>

#include <fmt/format.h>

#include <optional>

#include "gui/app.h"
#include "gui/drill_cover.h"
#include "gui/drill_player.h"

namespace linli::gui {
namespace {

class DrillView : public View {
public:
    void enter(App& app, const Route& route) override {
        const Drill* d = app.catalog.drill(route.doc);
        if (!d) return;
        app.current_id = route.doc;
        app.settings.last_doc = route.doc;
        if (!cover_ || drill_id_ != route.doc) {
            drill_id_ = route.doc;
            cover_ = std::make_unique<DrillCover>(app, *d);
            player_.reset();
        }
        playing_ = route.play;
        if (route.play && (route.fresh || !player_)) start(app, *d, route.fresh);
        for (int n : route.choices)
            if (player_->session().finished()) {
                break;  // the rest of the list was for a longer path
            } else if (!player_->take_shown(app, n)) {
                app.report_error(d->doc->meta.id, "no choice " + std::to_string(n) + " at '" + player_->session().node().id + "'");
                break;
            }
    }

    void reloaded(App& app) override {
        cover_.reset();
        const Drill* d = app.catalog.drill(drill_id_);
        if (!d) {
            player_.reset();
            if (app.current_view() == ViewId::drill) app.show(ViewId::library);
            return;
        }
        cover_ = std::make_unique<DrillCover>(app, *d);
        if (player_) {
            AttemptRecord a = player_->record();  // replayed on the drill as it is now
            player_ = std::make_unique<DrillPlayer>(app, *d, a, player_->exam());
        }
    }

    std::string window_title(const App& app) const override {
        const Drill* d = app.catalog.drill(drill_id_);
        if (!d) return {};
        std::string t = d->doc->meta.title;
        if (playing_ && player_ && player_->session().finished()) {
            std::string prefix = fmt::format("{}：", app.tr(Str::DrillEnding));
            const std::string& end = player_->session().node().title;
            t += " · " + (end.rfind(prefix, 0) == 0 ? end : prefix + end);
        }
        return t;
    }

    void draw(App& app) override {
        const Drill* d = app.catalog.drill(drill_id_);
        if (!d || !cover_) {
            ImGui::TextDisabled("%s", app.tr(Str::NoDocument));
            return;
        }
        if (!playing_ || !player_) {
            draw_cover(app, *d);
            return;
        }
        if (ImGui::Button(fmt::format("← {}", app.tr(Str::CoverSourceHide)).c_str())) playing_ = false;
        ImGui::SameLine();
        if (ImGui::Button(app.tr(Str::DrillRestart))) {
            start(app, *d, true);
            return;
        }
        ImGui::PushFont(app.fonts.h1);
        app.text.text(d->doc->meta.title, app.palette().text);
        ImGui::PopFont();

        float meters_w = std::max(app.fonts.size() * 12, ImGui::GetContentRegionAvail().x * 0.26f);
        ImGui::BeginChild("##play", ImVec2(ImGui::GetContentRegionAvail().x - meters_w - ImGui::GetStyle().ItemSpacing.x, 0));
        DrillPlayer* p = player_.get();  // a restart from the debrief replaces player_ mid-draw
        p->draw_play(app);
        if (app.bench_scroll >= 0) ImGui::SetScrollY(app.bench_scroll * ImGui::GetScrollMaxY());
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##meters", ImVec2(0, 0), true);
        if (player_.get() == p) p->draw_meters(app);
        ImGui::EndChild();
        if (retired_) retired_.reset();
    }

private:
    void start(App& app, const Drill& d, bool fresh) {
        std::optional<AttemptRecord> resume;
        if (!fresh) {
            auto it = app.progress.attempts.find(drill_id_);
            if (it != app.progress.attempts.end() && !it->second.empty() && it->second.front().finished_at == 0)
                resume = it->second.front();
        }
        retired_ = std::move(player_);  // may be drawing right now: dropped at the end of the frame
        player_ = std::make_unique<DrillPlayer>(app, d, resume, cover_ ? cover_->exam() : d.exam);
        playing_ = true;
    }

    void draw_cover(App& app, const Drill& d) {
        ImGui::BeginChild("##cover");
        DrillCover::Action a = cover_->draw(app, player_ != nullptr && !player_->session().finished());
        ImGui::EndChild();
        switch (a) {
            case DrillCover::Action::None: break;
            case DrillCover::Action::Start: start(app, d, true); break;
            case DrillCover::Action::Resume:
                if (player_ && !player_->session().finished()) playing_ = true;
                else start(app, d, false);
                break;
            case DrillCover::Action::Restart: start(app, d, true); break;
            case DrillCover::Action::Source: app.show(ViewId::reader, Route{drill_id_}); break;
        }
    }

    std::string drill_id_;
    std::unique_ptr<DrillCover> cover_;
    std::unique_ptr<DrillPlayer> player_, retired_;
    bool playing_ = false;
};

}  // namespace

LINLI_DEFINE_VIEW(DrillView)

}  // namespace linli::gui
