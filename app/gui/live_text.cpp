#include "live_text.h"

#include <fmt/format.h>

#include "frame_cache.h"

namespace linli::gui {

void live_text(const char* id, const char* text, ImU32 color) {
    ImVec2 size = ImGui::CalcTextSize(text);
    // A child without a border has no padding: it is exactly the text's box. The child scales its
    // type by its parent's window scale, so the text measured here is the text drawn in it.
    char name[64];
    *fmt::format_to_n(name, sizeof name - 1, "{}{}", kLiveLayer, id).out = '\0';
    ImGui::BeginChild(name, ImVec2(std::max(1.0f, size.x), std::max(1.0f, size.y)), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoInputs |
                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::EndChild();
}

}  // namespace linli::gui
