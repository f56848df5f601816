#pragma once
// Text that changes while nothing else on screen does (a countdown), drawn in a live child window
// of its own at the cursor, so the frame cache redraws it alone (frame_cache.h).
#include <imgui.h>

namespace linli::gui {

// `id` is unique among its siblings; the text takes the current font and its window's scale.
void live_text(const char* id, const char* text, ImU32 color);

}  // namespace linli::gui
