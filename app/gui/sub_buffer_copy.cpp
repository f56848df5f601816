#include "sub_buffer_copy.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>

// GLFW's native access (glfw3native.h), declared here: that header pulls in the Xrandr headers,
// which a machine without libxrandr-dev lacks. Display* and GLXContext are pointers, GLXWindow an XID.
extern "C" {
void* glfwGetX11Display(void);
void* glfwGetGLXContext(GLFWwindow* window);
unsigned long glfwGetGLXWindow(GLFWwindow* window);
}

namespace linli::gui {

SubBufferCopy::SubBufferCopy(GLFWwindow* window) {
    if (!window || !glfwGetGLXContext(window) || !glfwExtensionSupported("GLX_MESA_copy_sub_buffer")) return;
    display_ = glfwGetX11Display();
    drawable_ = glfwGetGLXWindow(window);
    if (!display_ || !drawable_) return;
    copy_ = reinterpret_cast<CopyFn>(glfwGetProcAddress("glXCopySubBufferMESA"));
}

void SubBufferCopy::copy(int x, int y, int w, int h) const {
    if (!copy_) return;
    // The extension promises a flush; Mesa's software driver (drisw) copies what the buffer held
    // before the frame's draws finished unless they have.
    glFinish();
    copy_(display_, drawable_, x, y, w, h);
}

}  // namespace linli::gui
