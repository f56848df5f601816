#include "frame_cache.h"

#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <string_view>

namespace linli::gui {

namespace {

bool is_live(const ImDrawList* list) { return list->_OwnerName && std::strstr(list->_OwnerName, kLiveLayer); }

uint64_t mix(uint64_t h, std::string_view bytes) { return h * 0x100000001b3ULL ^ std::hash<std::string_view>{}(bytes); }

template <class T>
std::string_view bytes_of(const ImVector<T>& v) { return {reinterpret_cast<const char*>(v.Data), size_t(v.Size) * sizeof(T)}; }

// Everything the still part's pixels depend on: its vertices, indices and commands, the frame's size.
uint64_t hash_of(const std::vector<ImDrawList*>& lists, const ImDrawData& data, const ImVec4& clear) {
    float frame[7] = {data.DisplaySize.x, data.DisplaySize.y, data.FramebufferScale.x, data.FramebufferScale.y, clear.x, clear.y, clear.z};
    uint64_t h = mix(0xcbf29ce484222325ULL, {reinterpret_cast<const char*>(frame), sizeof frame});
    for (const ImDrawList* l : lists) {
        h = mix(h, bytes_of(l->VtxBuffer));
        h = mix(h, bytes_of(l->IdxBuffer));
        for (const ImDrawCmd& c : l->CmdBuffer) {
            // A callback (none in Linli) would draw what no hash sees: never cache past one.
            if (c.UserCallback) return 0;
            float clip[4] = {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w};
            uint64_t rest[4] = {uint64_t(reinterpret_cast<uintptr_t>(c.TextureId)), c.VtxOffset, c.IdxOffset, c.ElemCount};
            h = mix(h, {reinterpret_cast<const char*>(clip), sizeof clip});
            h = mix(h, {reinterpret_cast<const char*>(rest), sizeof rest});
        }
    }
    return h ? h : 1;
}

// Where a list draws: its vertices' box (a clip rectangle can span a whole window, as a child's
// outer one does).
ImVec4 bounds(const ImDrawList* l) {
    ImVec4 b(1e30f, 1e30f, -1e30f, -1e30f);
    for (const ImDrawVert& v : l->VtxBuffer) {
        b.x = std::min(b.x, v.pos.x), b.y = std::min(b.y, v.pos.y);
        b.z = std::max(b.z, v.pos.x), b.w = std::max(b.w, v.pos.y);
    }
    return b;
}

ImVec4 unite(const ImVec4& a, const ImVec4& b) {
    return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.z, b.z), std::max(a.w, b.w)};
}

bool overlap(const ImVec4& a, const ImVec4& b) { return a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w; }

// The same frame with only `lists`: the backend draws what an ImDrawData holds.
ImDrawData subset(const ImDrawData& data, std::vector<ImDrawList*>& lists) {
    ImDrawData d = data;
    d.CmdLists = lists.data();
    d.CmdListsCount = int(lists.size());
    d.TotalVtxCount = d.TotalIdxCount = 0;
    for (const ImDrawList* l : lists) d.TotalVtxCount += l->VtxBuffer.Size, d.TotalIdxCount += l->IdxBuffer.Size;
    return d;
}

}  // namespace

FrameCache::~FrameCache() { release(); }

void FrameCache::release() {
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    if (color_) glDeleteTextures(1, &color_);
    fbo_ = color_ = 0;
    w_ = h_ = 0;
    valid_ = false;
}

bool FrameCache::ensure_target(int w, int h) {
    if (fbo_ && w == w_ && h == h_) return true;
    release();
    GLint last_texture = 0, last_fbo = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &last_fbo);
    glGenTextures(1, &color_);
    glBindTexture(GL_TEXTURE_2D, color_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glGenFramebuffers(1, &fbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_, 0);
    bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(last_fbo));
    glBindTexture(GL_TEXTURE_2D, GLuint(last_texture));
    if (!complete) {
        release();
        return false;
    }
    w_ = w, h_ = h;
    return true;
}

bool FrameCache::render(ImDrawData* data, int w, int h, const ImVec4& clear, const SubBufferCopy* copier, bool whole) {
    ++frames_;
    still_.clear(), live_.clear(), live_now_.clear();
    bool drawn_over_live = false;
    ImVec4 live_bounds(1e30f, 1e30f, -1e30f, -1e30f);
    for (int i = 0; i < data->CmdListsCount; ++i) {
        ImDrawList* l = data->CmdLists[i];
        if (is_live(l)) {
            live_.push_back(l);
            live_now_.push_back(bounds(l));
            live_bounds = unite(live_bounds, live_now_.back());
        } else {
            // Drawn over a live layer (a popup over the clock): the layers' order would be lost.
            if (!live_.empty() && overlap(bounds(l), live_bounds)) drawn_over_live = true;
            still_.push_back(l);
        }
    }
    uint64_t hash = live_.empty() || drawn_over_live ? 0 : hash_of(still_, *data, clear);
    if (hash == 0 || !ensure_target(w, h)) {
        valid_ = on_screen_ = false;
        ++full_renders_;
        glViewport(0, 0, w, h);
        glClearColor(clear.x, clear.y, clear.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(data);
        return false;
    }
    GLint screen = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &screen);
    const bool same = valid_ && hash == still_hash_;
    if (!same) {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        glViewport(0, 0, w, h);
        glClearColor(clear.x, clear.y, clear.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImDrawData still = subset(*data, still_);
        ImGui_ImplOpenGL3_RenderDrawData(&still);
        still_hash_ = hash;
        valid_ = true;
        on_screen_ = false;
        ++full_renders_;
    }
    // Only the live layers' rectangles, each where it is now and where it was (two clocks far
    // apart are two small rectangles, not one across the screen): the screen shows the rest.
    const bool partial = same && on_screen_ && !whole && copier && copier->available() && live_now_.size() == live_shown_.size();
    rects_.clear();
    if (partial) {
        // A margin of two pixels for antialiased edges; clamped before the cast, as an empty
        // layer's box is inside out.
        const ImVec2 o = data->DisplayPos, s = data->FramebufferScale;
        auto px = [](float v, int limit) { return int(std::clamp(v, 0.0f, float(limit))); };
        for (size_t i = 0; i < live_now_.size(); ++i) {
            ImVec4 r = unite(live_now_[i], live_shown_[i]);
            int x0 = px((r.x - o.x) * s.x - 2, w), x1 = px((r.z - o.x) * s.x + 3, w);
            int y0 = px(h - (r.w - o.y) * s.y - 3, h), y1 = px(h - (r.y - o.y) * s.y + 2, h);
            if (x1 > x0 && y1 > y0) rects_.push_back({x0, y0, x1, y1});
        }
    } else {
        rects_.push_back({0, 0, w, h});
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, GLuint(screen));
    for (const Rect& r : rects_) glBlitFramebuffer(r.x0, r.y0, r.x1, r.y1, r.x0, r.y0, r.x1, r.y1, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(screen));
    glViewport(0, 0, w, h);
    ImDrawData live = subset(*data, live_);
    ImGui_ImplOpenGL3_RenderDrawData(&live);
    live_shown_.swap(live_now_);
    if (partial) {
        for (const Rect& r : rects_) copier->copy(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
        ++partial_shows_;
        return true;
    }
    on_screen_ = true;  // the caller swaps this frame
    return false;
}

}  // namespace linli::gui
