// Writes the current OpenGL framebuffer to a PNG: how tests and people capture what the window shows.
#pragma once
#include <filesystem>

namespace linli::gui {

bool write_framebuffer_png(const std::filesystem::path& file, int width, int height);

}  // namespace linli::gui
