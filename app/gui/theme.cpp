#include "theme.h"

namespace linli::gui {
namespace {

constexpr Palette kDark = {IM_COL32(230, 230, 230, 255), IM_COL32(150, 150, 160, 255), IM_COL32(110, 170, 255, 255),
                           IM_COL32(160, 205, 255, 255), IM_COL32(255, 200, 120, 255), IM_COL32(255, 255, 255, 22),
                           IM_COL32(110, 170, 255, 140), IM_COL32(255, 210, 0, 90),    IM_COL32(255, 255, 255, 50),
                           IM_COL32(120, 200, 140, 255), IM_COL32(90, 200, 110, 255),  IM_COL32(240, 180, 60, 255),
                           IM_COL32(240, 90, 90, 255)};
constexpr Palette kLight = {IM_COL32(30, 30, 35, 255),   IM_COL32(105, 105, 115, 255), IM_COL32(20, 90, 200, 255),
                            IM_COL32(10, 60, 150, 255),  IM_COL32(170, 80, 0, 255),    IM_COL32(0, 0, 0, 16),
                            IM_COL32(20, 90, 200, 120),  IM_COL32(255, 215, 0, 120),   IM_COL32(0, 0, 0, 40),
                            IM_COL32(30, 140, 70, 255),  IM_COL32(40, 160, 70, 255),   IM_COL32(220, 150, 20, 255),
                            IM_COL32(210, 50, 50, 255)};

}  // namespace

void Theme::apply(bool dark, float scale) {
    dark_ = dark;
    palette_ = dark ? kDark : kLight;
    ImGuiStyle style;
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowRounding = 4;
    style.FrameRounding = 4;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 14;
    style.WindowBorderSize = 0;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace linli::gui
