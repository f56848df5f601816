#include "debrief_panel.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>

#include "core/workshop_export.h"
#include "gui/app.h"
#include "gui/desktop_open.h"
#include "ws_strings.h"

namespace linli::gui {
namespace {

ImU32 rating_color(const Palette& pal, Rating r) {
    return r == Rating::Good ? pal.good : r == Rating::Fair ? pal.fair : pal.bad;
}

}  // namespace

std::string default_export_folder(int64_t started, const std::string& title) {
    const char* home = std::getenv("HOME");
    std::time_t t = static_cast<std::time_t>(started ? started : std::time(nullptr));
    std::tm tm{};
    localtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H%M", &tm);
    std::string name = title;
    for (char& c : name)
        if (c == '/') c = '-';
    return fmt::format("{}/Linli 工作坊/{} {}", home ? home : "/tmp", stamp, name);
}

DebriefPanel::DebriefPanel(App& app, WorkshopDebrief debrief) : d_(std::move(debrief)) {
    for (const GroupDebrief& g : d_.per_group) {
        std::vector<Series> series;
        for (size_t m = 0; m < d_.meters.size(); ++m) {
            const MeterScale& sc = d_.meters[m];
            auto scaled = [&](int v) { return sc.max > sc.min ? float(v - sc.min) / float(sc.max - sc.min) : 0.0f; };
            Series s{sc.name, series_color(m), {}};
            if (m < g.start_meters.size()) s.values.push_back(scaled(g.start_meters[m]));
            for (const DebriefStep& st : g.steps)
                if (m < st.meters.size()) s.values.push_back(scaled(st.meters[m]));
            series.push_back(std::move(s));
        }
        meters_.push_back(std::move(series));
    }
    for (const DebriefDecision& dec : d_.decisions) {
        std::vector<Bar> bars;
        for (size_t i = 0; i < dec.labels.size(); ++i) {
            Bar b{fmt::format("{} {}", i + 1, dec.labels[i]), {}, int(dec.voters[i].size()), dec.labels[i] == dec.taken};
            b.note = list_names(dec.voters[i]);
            bars.push_back(std::move(b));
        }
        spreads_.push_back(std::move(bars));
    }
    std::string folder = default_export_folder(d_.started, d_.drill_title);
    folder.copy(folder_, sizeof folder_ - 1);
    app.need_glyphs(folder);
}

void DebriefPanel::export_now(App& app) {
    message_.clear();
    try {
        exported_ = export_debrief(d_, folder_).markdown;
    } catch (const std::exception& e) {
        message_ = e.what();
        app.need_glyphs(message_);
    }
}

bool DebriefPanel::draw(App& app) {
    const Palette& pal = app.palette();
    bool end = false;
    ImGui::PushFont(app.fonts.h1);
    app.text.text(fmt::format("{}：{}", ws(app, W::DebriefTitle), d_.drill_title), pal.text);
    ImGui::PopFont();
    // Export first: the trainer does it before the room leaves.
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
    ImGui::InputText(ws(app, W::ExportTo), folder_, sizeof folder_);
    ImGui::SameLine();
    const bool keys = !ImGui::IsAnyItemActive();  // while the folder is typed, E and O are letters
    if (ImGui::Button(ws(app, W::Export)) || (keys && app.pressed(GLFW_KEY_E))) export_now(app);
    if (!exported_.empty()) {
        ImGui::SameLine();
        if ((ImGui::Button(ws(app, W::Open)) || (keys && app.pressed(GLFW_KEY_O))) &&
            !open_with_desktop(exported_.parent_path() / "debrief.html", &message_))
            app.need_glyphs(message_);
    }
    ImGui::SameLine();
    if (ImGui::Button(ws(app, W::Close))) end = true;
    if (!exported_.empty()) app.text.text(std::string(ws(app, W::Exported)) + exported_.parent_path().string(), pal.good);
    if (!message_.empty()) app.text.text(message_, pal.bad);
    ImGui::Separator();

    ImGui::BeginChild("##debrief", ImVec2(0, 0), false);
    ImGui::PushFont(app.fonts.h2);
    app.text.text(ws(app, W::PerGroup), pal.text);
    ImGui::PopFont();
    for (size_t g = 0; g < d_.per_group.size(); ++g) {
        const GroupDebrief& gd = d_.per_group[g];
        ImGui::PushID(int(g));
        ImGui::PushFont(app.fonts.bold);
        std::string head = gd.ended ? fmt::format("{} · {} · {}", gd.group, gd.ending, rating_name(gd.rating))
                                    : fmt::format("{} · {} · {}", gd.group, gd.ending, ws(app, W::NotEnded));
        app.text.text(head, gd.ended ? rating_color(pal, gd.rating) : pal.muted);
        ImGui::PopFont();
        for (size_t s = 0; s < gd.steps.size(); ++s) {
            const DebriefStep& st = gd.steps[s];
            std::string line = fmt::format("{}. {} → {}{}", s + 1, st.node_title, st.choice, st.pitfall ? "  ⚠ 违背" : "");
            app.text.text(line, st.pitfall ? pal.bad : pal.text);
            if (!st.feedback.empty()) app.text.text("    " + st.feedback, pal.muted);
        }
        line_chart(meters_[g], ImGui::GetTextLineHeight() * 5, pal);
        if (!gd.pitfalls.empty()) {
            app.text.text(fmt::format("{}：{}", ws(app, W::Pitfalls), list_names(gd.pitfalls)), pal.bad);
        }
        if (gd.left_best >= 0 && size_t(gd.left_best) < gd.steps.size())
            app.text.text(fmt::format("在「{}」选了「{}」之后，就走不到「好」的结局了", gd.steps[size_t(gd.left_best)].node_title,
                                      gd.steps[size_t(gd.left_best)].choice),
                          pal.fair);
        else if (gd.rating == Rating::Good)
            app.text.text(ws(app, W::StayedBest), pal.good);
        ImGui::Separator();
        ImGui::PopID();
    }

    ImGui::PushFont(app.fonts.h2);
    app.text.text(ws(app, W::Splits), pal.text);
    ImGui::PopFont();
    bool any = false;
    for (size_t i = 0; i < d_.decisions.size(); ++i) {
        const DebriefDecision& dec = d_.decisions[i];
        if (!dec.split) continue;
        any = true;
        app.text.text(fmt::format("{}（{}） · {}", dec.node_title, dec.round == Round::Direction ? "方向" : "方案", dec.how), pal.text);
        ImGui::PushID(int(i));
        bar_chart(spreads_[i], int(d_.groups.size()), ImGui::GetTextLineHeight() * 8, pal, app.text);
        ImGui::PopID();
    }
    if (!any) app.text.text(ws(app, W::NoSplits), pal.muted);

    if (!d_.better.empty()) {
        ImGui::PushFont(app.fonts.h2);
        app.text.text(ws(app, W::Better), pal.text);
        ImGui::PopFont();
        for (const std::string& b : d_.better) app.text.text("• " + b, pal.text);
    }
    if (!d_.questions.empty()) {
        ImGui::PushFont(app.fonts.h2);
        app.text.text(ws(app, W::PrepQuestions), pal.text);
        ImGui::PopFont();
        for (const DebriefQuestions& q : d_.questions) {
            app.text.text(q.source, pal.accent);
            for (size_t k = 0; k < q.items.size(); ++k) app.text.text(fmt::format("{}. {}", k + 1, q.items[k]), pal.text);
        }
    }
    if (!d_.notes.empty()) {
        ImGui::PushFont(app.fonts.h2);
        app.text.text(ws(app, W::TrainerNotes), pal.text);
        ImGui::PopFont();
        for (int pass = 0; pass < 2; ++pass)  // the ones to discuss first
            for (const DebriefNote& n : d_.notes)
                if (n.discuss == (pass == 0))
                    app.text.text(fmt::format("{}{} · {}：{}", n.discuss ? "【复盘时讨论】" : "", n.where, n.groups, n.text),
                                  n.discuss ? pal.emphasis : pal.text);
    }
    ImGui::EndChild();
    return end;
}

}  // namespace linli::gui
