#include "drill_cover.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/format.h>

#include "app.h"

namespace linli::gui {

DrillCover::DrillCover(App& app, const Drill& drill) : drill_(&drill), attempts_(drill.doc->meta.id), exam_(drill.exam) {
    opening_ = std::make_unique<MarkdownView>(*drill.doc, drill.opening, app.images, app.palette());
    if (!drill.kit.empty()) kit_ = std::make_unique<MarkdownView>(*drill.doc, drill.kit, app.images, app.palette());
    size_t decisions = 0, endings = 0;
    for (const DrillNode& n : drill.nodes) (n.is_ending() ? endings : decisions)++;
    counts_ = fmt::format("{} {} · {} {}", decisions, app.tr(Str::CoverDecisions), endings, app.tr(Str::CoverEndings));
    for (const StateVar& v : drill.vars)
        tracks_.push_back(fmt::format("{}（{} {}–{}，{} {}）", v.name, app.tr(Str::CoverRange), v.min, v.max,
                                      app.strings.language() == Lang::Zh ? "起始" : "start", v.start));
    for (const std::string& f : drill.flags) flags_ += (flags_.empty() ? "" : "、") + f;
    for (const std::string& t : tracks_) app.need_glyphs(t);
}

DrillCover::Action DrillCover::draw(App& app, bool playing) {
    const Palette& pal = app.palette();
    const Meta& meta = drill_->doc->meta;
    Action action = Action::None;
    auto on_link = [&](const Link& l) { if (!l.target_id.empty()) app.open_document(l.target_id); };

    ImGui::PushFont(app.fonts.h1);
    app.text.text(meta.title, pal.text);
    ImGui::PopFont();
    if (!meta.summary.empty()) app.text.text(meta.summary, pal.muted);
    app.text.text(counts_, pal.muted);

    // Start or resume: Enter takes the first.
    bool resumable = playing || attempts_.unfinished(app);
    bool enter = !app.keyboard_taken() && (app.pressed(GLFW_KEY_ENTER) || app.pressed(GLFW_KEY_KP_ENTER));
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(pal.accent));
    std::string first = fmt::format("▶ {}  (Enter)", app.tr(resumable ? Str::CoverResume : Str::DrillStart));
    if (ImGui::Button(first.c_str()) || enter) action = resumable ? Action::Resume : Action::Start;
    ImGui::PopStyleColor();
    if (resumable) {
        ImGui::SameLine();
        if (ImGui::Button(app.tr(Str::DrillRestart))) action = Action::Restart;
    }
    ImGui::AlignTextToFramePadding();  // level with the radio buttons
    ImGui::TextDisabled("%s", app.tr(Str::CoverMode));
    ImGui::SameLine();
    if (ImGui::RadioButton(app.tr(Str::ModePractice), !exam_)) exam_ = false;
    ImGui::SameLine();
    if (ImGui::RadioButton(app.tr(Str::ModeExam), exam_)) exam_ = true;

    ImGui::Spacing();
    ImGui::PushFont(app.fonts.h2);
    ImGui::TextUnformatted(app.tr(Str::CoverOpening));
    ImGui::PopFont();
    opening_->draw(app.fonts, on_link);

    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(app.tr(Str::CoverTracks));
    ImGui::PopFont();
    for (const std::string& t : tracks_) app.text.text("· " + t, pal.text);
    if (!flags_.empty()) app.text.text(fmt::format("{}：{}", app.tr(Str::CoverFlags), flags_), pal.muted);

    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(app.tr(Str::DrillAttempts));
    ImGui::PopFont();
    if (attempts_.empty(app)) ImGui::TextDisabled("%s", app.tr(Str::CoverNoAttempts));
    attempts_.draw(app);

    if (kit_) {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::PushFont(app.fonts.h2);
        ImGui::TextUnformatted(app.tr(Str::CoverKit));
        ImGui::PopFont();
        kit_->draw(app.fonts, on_link);
    }

    ImGui::Spacing();
    ImGui::Separator();
    app.text.text(app.tr(Str::CoverSourceWarning), pal.muted);
    if (ImGui::SmallButton(app.tr(Str::CoverSource))) action = Action::Source;
    return action;
}

}  // namespace linli::gui
