// Settings & sync: who is learning on this device, the shared file, how often to sync, the
// status. It owns its edit buffers, filled on entering and whenever the store says otherwise;
// every change is queued to the store writer.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "gui/app.h"
#include "sync/ids.h"

namespace linli::gui {
namespace {

class SettingsView : public View {
public:
    void enter(App& app, const Route&) override { load(app); }
    // The UI's strings and the learner's own details, which the first atlas holds anyway.
    std::optional<std::string> first_frame_text(const App&) override { return std::string(); }

    void draw(App& app) override {
        ImGui::PushFont(app.fonts.h1);
        ImGui::TextUnformatted(app.title(ViewId::settings));
        ImGui::PopFont();
        if (!app.store) return;
        if (loaded_for_ != app.progress_version && !ImGui::IsAnyItemActive()) load(app);
        const Identity& id = app.progress.identity;
        const Palette& pal = app.palette();
        if (id.name.empty()) app.text.text(app.tr(Str::SettingsWelcome), pal.accent);
        label_w_ = app.fonts.size() * 9;
        field_w_ = app.fonts.size() * 22;

        ImGui::Spacing();
        heading(app, Str::SettingsProfile);
        bool save = field(app, Str::SettingsName, "##name", &name_);
        save |= field(app, Str::SettingsCohort, "##cohort", &cohort_);
        if (ImGui::Button(app.tr(Str::SettingsSave)) || save) save_profile(app);
        field(app, Str::SettingsLearnerId, "##learner", &learner_, ImGuiInputTextFlags_ReadOnly);
        field(app, Str::SettingsDeviceId, "##device", &device_, ImGuiInputTextFlags_ReadOnly);
        field(app, Str::SettingsAdopt, "##adopt", &adopt_);
        ImGui::SameLine();
        ImGui::BeginDisabled(!is_id(adopt_));
        if (ImGui::Button("OK##adopt")) adopt(app);
        ImGui::EndDisabled();
        app.text.text(app.tr(Str::SettingsAdoptHint), pal.muted);

        ImGui::Spacing();
        heading(app, Str::SettingsSync);
        bool shared_set = field(app, Str::SettingsSharedPath, "##shared", &shared_);
        app.text.text(app.tr(Str::SettingsSharedHint), pal.muted);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(app.tr(Str::SettingsInterval));
        ImGui::SameLine(label_w_);
        ImGui::SetNextItemWidth(app.fonts.size() * 6);
        if (ImGui::InputInt("##interval", &app.sync.minutes)) {
            app.sync.minutes = std::clamp(app.sync.minutes, 1, 1440);
            app.progress.sync_minutes = app.sync.minutes;
            app.store->write([m = app.sync.minutes](ProgressStore& s) { s.set_meta(meta_key::kSyncInterval, std::to_string(m)); });
        }
        ImGui::BeginDisabled(app.syncer.running() || shared_.empty());
        if (ImGui::Button(app.tr(Str::SettingsSyncNow)) || (shared_set && !shared_.empty())) {
            app.sync.shared_path = app.progress.shared_path = shared_;
            app.store->write([p = shared_](ProgressStore& s) { s.set_meta(meta_key::kSyncPath, p); });
            app.start_sync();
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (!app.sync.status.empty()) app.text.text(app.sync.status, app.sync.failed ? pal.bad : pal.muted);
    }

private:
    void load(App& app) {
        name_ = app.progress.identity.name;
        cohort_ = app.progress.identity.cohort;
        shared_ = app.progress.shared_path;
        learner_ = app.progress.identity.learner_id;
        device_ = app.progress.identity.device_id;
        loaded_for_ = app.progress_version;
    }

    void save_profile(App& app) {
        Identity& id = app.progress.identity;
        if (id.name == name_ && id.cohort == cohort_) return;
        id.name = name_;
        id.cohort = cohort_;
        app.progress_changed();
        loaded_for_ = app.progress_version;
        app.store->write([n = name_, c = cohort_](ProgressStore& s) { s.set_profile(n, c); });
    }

    void adopt(App& app) {
        app.store->write([id = adopt_](ProgressStore& s) { s.adopt_learner(id); });
        app.refresh_progress();  // queued behind the adoption: the other learner's progress
        adopt_.clear();
    }

    static void heading(App& app, Str s) {
        ImGui::PushFont(app.fonts.h2);
        ImGui::TextUnformatted(app.tr(s));
        ImGui::PopFont();
    }

    // A labelled text field; true when it was left after an edit (saved then, no button needed).
    bool field(App& app, Str label, const char* idtag, std::string* value, ImGuiInputTextFlags flags = 0) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(app.tr(label));
        ImGui::SameLine(label_w_);
        ImGui::SetNextItemWidth(field_w_);
        if (ImGui::InputText(idtag, value, flags)) app.need_glyphs(*value);
        return ImGui::IsItemDeactivatedAfterEdit();
    }

    std::string name_, cohort_, shared_, adopt_, learner_, device_;
    int loaded_for_ = -1;
    float label_w_ = 0, field_w_ = 0;
};

}  // namespace

LINLI_DEFINE_VIEW(SettingsView)

}  // namespace linli::gui
