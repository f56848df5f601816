// The font atlas on the GPU as one byte per pixel (GL_R8, swizzled to white with the coverage as
// alpha) instead of the backend's RGBA: a quarter of the memory, and no RGBA copy of the atlas
// made on the way. Falls back to RGBA on a context without texture swizzles (before GL 3.3).
#pragma once
#include <imgui.h>

namespace linli::gui {

class FontTexture {
public:
    // Once, after ImGui_ImplOpenGL3_Init: makes the backend's device objects without it
    // uploading the atlas itself (which it would do as RGBA).
    void create_device_objects();
    // Uploads the atlas now in io.Fonts, replacing the last upload, and frees the atlas's pixels.
    void upload();
    void destroy();

private:
    unsigned int texture_ = 0;
    bool swizzle_ = false;
};

}  // namespace linli::gui
