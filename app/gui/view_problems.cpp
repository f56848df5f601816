// Problems: every file that could not load, or loaded with a warning, with file:line:col.
#include <imgui.h>

#include "app.h"
#include "strings.h"
#include "theme.h"

namespace linli::gui {

void draw_problems(App& app) {
    const auto& problems = app.catalog.problems;
    ImGui::PushFont(app.fonts.h1);
    ImGui::TextUnformatted(tr(Str::NavProblems));
    ImGui::PopFont();
    if (problems.empty()) {
        ImGui::TextUnformatted(tr(Str::ProblemsNone));
        return;
    }
    ImGui::Text("%zu %s", problems.size(), tr(Str::ProblemsCount));
    if (!ImGui::BeginTable("##problems", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY))
        return;
    ImGui::TableSetupColumn(tr(Str::ColWhere), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(tr(Str::ColSeverity), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr(Str::ColMessage), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const Diagnostic& d : problems) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0);
        ImGui::Text("%s:%d:%d", d.path.c_str(), d.line, d.col);
        ImGui::TableNextColumn();
        bool err = d.severity == Severity::Error;
        ImGui::PushStyleColor(ImGuiCol_Text, err ? IM_COL32(220, 60, 60, 255) : palette().emphasis);
        ImGui::TextUnformatted(tr(err ? Str::Error : Str::Warning));
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.message.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
}

}  // namespace linli::gui
