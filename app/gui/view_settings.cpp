// Settings & sync: who is learning on this device, the shared file, how often to sync, the status.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app.h"
#include "content/utf8.h"
#include "strings.h"
#include "theme.h"
#include "wrapped_text.h"

namespace linli::gui {

void draw_sync_status(App& app) {
    if (app.shared_path.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, app.sync_failed ? IM_COL32(210, 50, 50, 255) : palette().muted);
    const char* text = app.syncer.running() ? tr(Str::SyncRunning)
                       : app.sync_status.empty() ? tr(Str::SyncNever) : app.sync_status.c_str();
    ImGui::PushFont(app.fonts.body);
    wrapped_text(text, app.sync_failed ? IM_COL32(210, 50, 50, 255) : palette().muted);
    ImGui::PopFont();
    ImGui::PopStyleColor();
}

void draw_settings(App& app) {
    ImGui::PushFont(app.fonts.h1);
    ImGui::TextUnformatted(tr(Str::NavSettings));
    ImGui::PopFont();
    if (!app.progress) return;
    Identity id = app.progress->identity();
    static int loaded_for = -1;  // fill the edit buffers once per visit
    if (loaded_for != app.library_generation || ImGui::IsWindowAppearing()) {
        app.edit_name = id.name;
        app.edit_cohort = id.cohort;
        app.edit_shared = app.shared_path;
        loaded_for = app.library_generation;
    }
    if (id.name.empty()) wrapped_text(tr(Str::SettingsWelcome), palette().accent);

    const float label_w = app.fonts.size() * 9, field_w = app.fonts.size() * 22;
    auto field = [&](Str label, const char* idtag, std::string* value, ImGuiInputTextFlags flags = 0) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(label));
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(field_w);
        bool changed = ImGui::InputText(idtag, value, flags);
        if (changed && !app.fonts.covers(*value) && app.fonts.add_chars(Fonts::kBody, utf8::decode(*value))) app.fonts_dirty = true;
        return ImGui::IsItemDeactivatedAfterEdit();  // saved when the field is left, no button needed
    };

    ImGui::Spacing();
    ImGui::PushFont(app.fonts.h2);
    ImGui::TextUnformatted(tr(Str::SettingsProfile));
    ImGui::PopFont();
    bool save = field(Str::SettingsName, "##name", &app.edit_name);
    save |= field(Str::SettingsCohort, "##cohort", &app.edit_cohort);
    if (ImGui::Button(tr(Str::SettingsSave)) || save) app.progress->set_profile(app.edit_name, app.edit_cohort);
    std::string learner = id.learner_id, device = id.device_id;
    field(Str::SettingsLearnerId, "##learner", &learner, ImGuiInputTextFlags_ReadOnly);
    field(Str::SettingsDeviceId, "##device", &device, ImGuiInputTextFlags_ReadOnly);
    field(Str::SettingsAdopt, "##adopt", &app.edit_adopt);
    ImGui::SameLine();
    ImGui::BeginDisabled(app.edit_adopt.size() != 32);
    if (ImGui::Button("OK##adopt")) {
        try {
            app.progress->adopt_learner(app.edit_adopt);
            app.edit_adopt.clear();
            app.refresh_from_store();
        } catch (const std::exception&) {
            // Not an id: the button stays disabled for anything but 32 characters anyway.
        }
    }
    ImGui::EndDisabled();
    ImGui::PushTextWrapPos(0);
    wrapped_text(tr(Str::SettingsAdoptHint), palette().muted);
    ImGui::PopTextWrapPos();

    ImGui::Spacing();
    ImGui::PushFont(app.fonts.h2);
    ImGui::TextUnformatted(tr(Str::SettingsSync));
    ImGui::PopFont();
    bool shared_set = field(Str::SettingsSharedPath, "##shared", &app.edit_shared);
    wrapped_text(tr(Str::SettingsSharedHint), palette().muted);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::SettingsInterval));
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(app.fonts.size() * 6);
    if (ImGui::InputInt("##interval", &app.sync_minutes)) {
        app.sync_minutes = std::clamp(app.sync_minutes, 1, 1440);
        app.progress->set_meta("sync.interval", std::to_string(app.sync_minutes));
    }
    ImGui::BeginDisabled(app.syncer.running() || app.edit_shared.empty());
    if (ImGui::Button(tr(Str::SettingsSyncNow)) || (shared_set && !app.edit_shared.empty())) {
        app.shared_path = app.edit_shared;
        app.progress->set_meta("sync.path", app.shared_path);
        app.start_sync();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    draw_sync_status(app);
}

}  // namespace linli::gui
