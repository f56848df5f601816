// Wrapped text for UI strings and search snippets: ImGui's TextWrapped only breaks at spaces,
// so Chinese would run off the edge. Uses the same CJK line breaker as the reader.
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace linli::gui {

// Draws text in the current font, wrapped to the available width; `highlights` are byte ranges
// drawn with a marker behind them.
void wrapped_text(std::string_view text, ImU32 color,
                  const std::vector<std::pair<size_t, size_t>>& highlights = {});

// A full-width button whose label wraps (Chinese choices are long); true when clicked.
bool wrapped_button(const char* id, std::string_view label, bool highlighted = false);

// The text shortened with "…" to fit max_width in the current font (whole when it fits).
std::string fit_with_ellipsis(std::string_view text, float max_width);

}  // namespace linli::gui
