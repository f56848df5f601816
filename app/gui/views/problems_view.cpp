// Problems: every file that could not load, or loaded with a warning, with file:line:col.
#include <imgui.h>

#include <fmt/format.h>

#include "gui/app.h"

namespace linli::gui {
namespace {

class ProblemsView : public View {
public:
    std::string nav_label(const App& app, const char* title) const override {
        return fmt::format("{} ({})", title, app.catalog.problems.size());
    }

    void draw(App& app) override {
        const auto& problems = app.catalog.problems;
        ImGui::PushFont(app.fonts.h1);
        ImGui::TextUnformatted(app.title(ViewId::problems));
        ImGui::PopFont();
        if (problems.empty()) {
            ImGui::TextUnformatted(app.tr(Str::ProblemsNone));
            return;
        }
        if (where_.size() != problems.size()) {  // problems only grow (the drill check adds some)
            where_.clear();
            for (const Diagnostic& d : problems) where_.push_back(fmt::format("{}:{}:{}", d.path, d.line, d.col));
        }
        ImGui::Text("%zu %s", problems.size(), app.tr(Str::ProblemsCount));
        if (!ImGui::BeginTable("##problems", 3,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY))
            return;
        ImGui::TableSetupColumn(app.tr(Str::ColWhere), ImGuiTableColumnFlags_WidthStretch, 2);
        ImGui::TableSetupColumn(app.tr(Str::ColSeverity), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(app.tr(Str::ColMessage), ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < problems.size(); ++i) {
            const Diagnostic& d = problems[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(where_[i].c_str());
            ImGui::TableNextColumn();
            bool err = d.severity == Severity::Error;
            ImGui::PushStyleColor(ImGuiCol_Text, err ? app.palette().bad : app.palette().emphasis);
            ImGui::TextUnformatted(app.tr(err ? Str::Error : Str::Warning));
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            const bool en = app.strings.language() == Lang::En && !d.message_en.empty();
            ImGui::TextUnformatted((en ? d.message_en : d.message).c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndTable();
    }

    void reloaded(App&) override { where_.clear(); }

private:
    std::vector<std::string> where_;  // "path:line:col", per problem
};

}  // namespace

LINLI_DEFINE_VIEW(ProblemsView)

}  // namespace linli::gui
