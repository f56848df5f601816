// Textures for the images documents show, loaded once from the document's folder.
#pragma once
#include <filesystem>
#include <map>

namespace linli::gui {

struct Texture {
    unsigned id = 0;  // 0 when the image could not be loaded
    int width = 0, height = 0;
};

class ImageCache {
public:
    ~ImageCache();
    const Texture& get(const std::filesystem::path& file);

private:
    std::map<std::filesystem::path, Texture> textures_;
};

}  // namespace linli::gui
