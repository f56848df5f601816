#include "screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <vector>

namespace linli::gui {

bool write_framebuffer_png(const std::filesystem::path& file, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up; PNG's top-down.
    stbi_flip_vertically_on_write(1);
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    return stbi_write_png(file.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}

}  // namespace linli::gui
