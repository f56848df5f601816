#pragma once
// Draws a frame with most of it kept from the frame before: what a software renderer (Mesa's
// llvmpipe on a projector laptop, Xvfb) pays per pixel, a countdown should not pay once a second.
//
// Windows named with kLiveLayer (a clock in a child window of its own) are "live": they may change
// while nothing else does. The rest of the frame is rendered into an offscreen framebuffer only
// when its draw lists differ from the last ones. When they do not, and the screen still shows
// them, only the live layers' rectangle is drawn and shown (SubBufferCopy); otherwise the kept
// part is copied to the back buffer, the live layers drawn on top and the caller swaps. A frame
// with no live layer is drawn as usual.
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sub_buffer_copy.h"

namespace linli::gui {

// Part of the name of a window (child window) whose draw list may change on its own.
inline constexpr const char* kLiveLayer = "##live";

class FrameCache {
public:
    FrameCache() = default;
    FrameCache(const FrameCache&) = delete;
    FrameCache& operator=(const FrameCache&) = delete;
    ~FrameCache();

    // Renders `data` to the window's back buffer (w × h pixels) over `clear`. True when the frame
    // is already on screen (through `copier`); false when the caller swaps. `whole`: the back
    // buffer must hold the whole frame (a screenshot reads it). Needs the GL context the cache was
    // first used in to be current.
    bool render(ImDrawData* data, int w, int h, const ImVec4& clear, const SubBufferCopy* copier, bool whole = false);
    // The screen lost what it showed (the window was exposed, restored): the next frame swaps.
    void screen_lost() { on_screen_ = false; }
    void release();  // frees the GL objects (before the context goes)

    // For the benchmark and tests: frames whose still part was rendered again, frames shown by
    // copying only the live layers' rectangle, and frames in all.
    int64_t full_renders() const { return full_renders_; }
    int64_t partial_shows() const { return partial_shows_; }
    int64_t frames() const { return frames_; }

private:
    bool ensure_target(int w, int h);

    unsigned fbo_ = 0, color_ = 0;
    int w_ = 0, h_ = 0;
    uint64_t still_hash_ = 0;
    bool valid_ = false;  // the framebuffer holds the still part whose hash is still_hash_
    bool on_screen_ = false;  // and the screen shows it, swapped there
    struct Rect { int x0, y0, x1, y1; };  // GL's pixels, from the bottom left
    std::vector<ImVec4> live_shown_, live_now_;  // each live layer's box, last frame and now (ImGui's coordinates)
    std::vector<Rect> rects_;
    int64_t full_renders_ = 0, partial_shows_ = 0, frames_ = 0;
    std::vector<ImDrawList*> still_, live_;  // kept between frames: no allocation per frame
};

}  // namespace linli::gui
