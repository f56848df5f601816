#include "image_cache.h"

#include <GL/gl.h>
#include <stb_image.h>

namespace linli::gui {

ImageCache::~ImageCache() {
    for (auto& [path, tex] : textures_)
        if (tex.id) glDeleteTextures(1, &tex.id);
}

const Texture& ImageCache::get(const std::filesystem::path& file) {
    auto it = textures_.find(file);
    if (it != textures_.end()) return it->second;
    Texture tex;
    int channels = 0;
    if (unsigned char* pixels = stbi_load(file.c_str(), &tex.width, &tex.height, &channels, 4)) {
        glGenTextures(1, &tex.id);
        glBindTexture(GL_TEXTURE_2D, tex.id);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, tex.width, tex.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
        stbi_image_free(pixels);
    }
    return textures_.emplace(file, tex).first->second;
}

}  // namespace linli::gui
