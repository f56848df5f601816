#pragma once
// Shows part of a window's back buffer without a full swap (GLX_MESA_copy_sub_buffer, which Mesa
// offers on every X11 driver, llvmpipe included): a clock's second then costs its own few pixels,
// not a copy of the whole screen.
struct GLFWwindow;

namespace linli::gui {

class SubBufferCopy {
public:
    // Nothing (available() false) when the window's context is not GLX or lacks the extension.
    // The window's context must be current.
    SubBufferCopy() = default;
    explicit SubBufferCopy(GLFWwindow* window);
    bool available() const { return copy_ != nullptr; }
    // Copies the rectangle (GL window coordinates: from the bottom left, in pixels) to the screen.
    void copy(int x, int y, int w, int h) const;

private:
    using CopyFn = void (*)(void* display, unsigned long drawable, int x, int y, int w, int h);
    CopyFn copy_ = nullptr;
    void* display_ = nullptr;
    unsigned long drawable_ = 0;
};

}  // namespace linli::gui
