#include "pack_export_panel.h"

#include <imgui.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

#include "content/paths.h"
#include "content/privacy.h"
#include "core/pack.h"
#include "gui/app.h"
#include "gui/desktop_open.h"
#include "gui/editor/ed_strings.h"

namespace linli::gui {
namespace {

bool en(const App& app) { return app.strings.language() == Lang::En; }

}  // namespace

void PackExportPanel::open(App&) {
    open_ = true;
    done_.clear();
    error_.clear();
    checked_ = confirmed_ = false;
}

void PackExportPanel::check_privacy(App& app) {
    findings_.clear();
    const auto names = read_name_list(private_names_file(app.paths));
    for (const std::string& id : chosen_) {
        const Document* d = app.catalog.library.find(id);
        if (!d) continue;
        std::ifstream in(d->path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        add_privacy_warnings(d->path, text.str(), names, findings_);
    }
    for (const Diagnostic& d : findings_) app.need_glyphs(d.message);
    checked_ = true;
    confirmed_ = false;
}

void PackExportPanel::export_now(App& app) {
    const char* home = std::getenv("HOME");
    const std::string name = title_[0] ? std::string(title_) : fmt::format("{:%Y-%m-%d %H%M}", fmt::localtime(std::time(nullptr)));
    const std::filesystem::path out = std::filesystem::path(home ? home : "/tmp") / "Linli 资料包" / (name + kPackExtension);
    try {
        std::filesystem::create_directories(out.parent_path());
        export_pack(app.catalog.library, {chosen_.begin(), chosen_.end()}, PackInfo{author_, title_, LINLI_VERSION, {}}, out);
        written_ = out.string();
        done_ = fmt::format(fmt::runtime(eds(app, E::PackExported)), written_, chosen_.size());
        error_.clear();
    } catch (const std::exception& e) {
        error_ = e.what();
    }
    app.need_glyphs(done_ + error_);
}

void PackExportPanel::draw(App& app) {
    if (open_ && !ImGui::IsPopupOpen("##pack-export")) ImGui::OpenPopup("##pack-export");
    const ImVec2 size(ImGui::GetFontSize() * 40, ImGui::GetFontSize() * 30);
    ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal("##pack-export", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1);  // fields and boxes on the popup's plain background
    const Palette& p = app.palette();
    ImGui::TextUnformatted(eds(app, E::PackTitle));
    ImGui::SetNextItemWidth(size.x * 0.45f);
    ImGui::InputTextWithHint("##title", eds(app, E::PackName), title_, sizeof title_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(size.x * 0.3f);
    ImGui::InputTextWithHint("##author", eds(app, E::PackAuthor), author_, sizeof author_);
    ImGui::SetNextItemWidth(size.x * 0.45f);
    ImGui::InputTextWithHint("##filter", eds(app, E::PackFilter), filter_, sizeof filter_);
    if (ImGui::IsItemActive() || ImGui::IsItemEdited()) app.need_glyphs(std::string(filter_) + title_ + author_);
    const float list_h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 4;
    ImGui::BeginChild("##docs", ImVec2(0, list_h), true);
    const std::string_view filter(filter_);
    for (const Document& d : app.catalog.library.documents()) {
        if (!filter.empty() && d.meta.title.find(filter) == std::string::npos && d.meta.id.find(filter) == std::string::npos) continue;
        bool on = chosen_.count(d.meta.id) > 0;
        if (ImGui::Checkbox(fmt::format("{}  ({})##{}", d.meta.title, d.meta.id, d.meta.id).c_str(), &on)) {
            if (on) chosen_.insert(d.meta.id);
            else chosen_.erase(d.meta.id);
            checked_ = false;
        }
    }
    ImGui::EndChild();
    if (!checked_ && !chosen_.empty()) check_privacy(app);
    if (!findings_.empty()) {
        ImGui::TextColored(ImColor(p.fair), "%s",
                           fmt::format(fmt::runtime(eds(app, E::PackFindings)), findings_.size()).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", findings_[0].format(en(app)).c_str());
        ImGui::Checkbox(eds(app, E::PackConfirm), &confirmed_);
    }
    const bool ready = !chosen_.empty() && (findings_.empty() || confirmed_);
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button(fmt::format("{} ({})", eds(app, E::PackExport), chosen_.size()).c_str())) export_now(app);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(eds(app, E::PackClose))) {
        open_ = false;
        ImGui::CloseCurrentPopup();
    }
    if (chosen_.empty()) ImGui::TextDisabled("%s", eds(app, E::PackNone));
    if (!done_.empty()) {
        ImGui::TextColored(ImColor(p.good), "%s", done_.c_str());
        ImGui::SameLine();
        std::string why;
        if (ImGui::SmallButton(eds(app, E::PackOpenFolder)) && !open_with_desktop(std::filesystem::path(written_).parent_path(), &why))
            error_ = why;
    }
    if (!error_.empty()) ImGui::TextColored(ImColor(p.bad), "%s", error_.c_str());
    ImGui::PopStyleVar();
    ImGui::EndPopup();
}

}  // namespace linli::gui
