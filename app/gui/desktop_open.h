// Opens a file or folder with the desktop's default program (xdg-open), without waiting for it:
// the exported debrief, a cohort report.
#pragma once
#include <filesystem>
#include <string>

namespace linli::gui {

// False with `error` set (Chinese, then English) when xdg-open cannot be started.
bool open_with_desktop(const std::filesystem::path& file, std::string* error);

}  // namespace linli::gui
