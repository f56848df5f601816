#include "font_texture.h"

#define GL_SILENCE_DEPRECATION
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdint>

#ifndef GL_R8
#define GL_R8 0x8229
#endif
#ifndef GL_RED
#define GL_RED 0x1903
#endif
#ifndef GL_TEXTURE_SWIZZLE_RGBA
#define GL_TEXTURE_SWIZZLE_RGBA 0x8E46
#endif
#ifndef GL_MAJOR_VERSION
#define GL_MAJOR_VERSION 0x821B
#define GL_MINOR_VERSION 0x821C
#endif
#ifndef GL_UNPACK_ROW_LENGTH
#define GL_UNPACK_ROW_LENGTH 0x0CF2
#endif

namespace linli::gui {

void FontTexture::create_device_objects() {
    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    swizzle_ = major > 3 || (major == 3 && minor >= 3);
    // The backend uploads io.Fonts while it makes its shaders: let it upload a tiny atlas instead,
    // then drop that texture.
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* ours = io.Fonts;
    ImFontAtlas tiny;
    tiny.AddFontDefault();
    io.Fonts = &tiny;
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts = ours;
}

void FontTexture::upload() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    destroy();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    if (swizzle_) atlas->GetTexDataAsAlpha8(&pixels, &w, &h);
    else atlas->GetTexDataAsRGBA32(&pixels, &w, &h);
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    GLuint tex = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    if (swizzle_) {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of any width
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
        const GLint white_with_alpha[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
        glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, white_with_alpha);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    } else {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    }
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
    texture_ = tex;
    atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)));
    atlas->ClearTexData();  // on the GPU now
}

void FontTexture::destroy() {
    if (!texture_) return;
    GLuint tex = texture_;
    glDeleteTextures(1, &tex);
    texture_ = 0;
}

}  // namespace linli::gui
