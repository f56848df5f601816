// The window's shared state: what several views use (the catalog, the progress store and what
// the window knows of it, fonts, theme, strings, settings, services, navigation history) and the
// actions views ask for. Each view's own state lives in its class (views/). run_app() in app.cpp
// owns the GLFW/ImGui loop.
#pragma once
#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cases/catalog.h"
#include "cli/options.h"
#include "content/folder_watcher.h"
#include "content/glyph_needs.h"
#include "content/paths.h"
#include "core/cohort.h"
#include "core/progress_snapshot.h"
#include "core/search_service.h"
#include "core/store_writer.h"
#include "core/sync_service.h"
#include "font_texture.h"
#include "fonts.h"
#include "frame_cache.h"
#include "image_cache.h"
#include "pack_offer.h"
#include "presenter_window.h"
#include "settings.h"
#include "strings.h"
#include "text_painter.h"
#include "theme.h"
#include "view.h"

struct GLFWwindow;

namespace linli::gui {

// Back/forward history of opened documents.
struct History {
    std::vector<std::string> ids;
    int pos = -1;
    void push(const std::string& id);
    bool can_back() const { return pos > 0; }
    bool can_forward() const { return pos + 1 < static_cast<int>(ids.size()); }
};

struct KeyPress {
    int key;
    int mods;
};

// Sync through the shared file: the choices this device made, and the status line.
struct SyncState {
    std::string shared_path;  // empty: not syncing
    int minutes = 10;
    std::chrono::steady_clock::time_point next{};
    std::string status;
    bool failed = false;
};

struct App {
    cli::Options opts;
    AppPaths paths;

    // The library, its drills, and every problem found loading them.
    Catalog catalog;
    int library_generation = 0;  // bumps on every reload: views rebuild what they derive from it
    std::future<Catalog> catalog_load;  // a load on a worker, adopted between frames
    bool load_again = false;            // the folders changed during that load
    std::string pending_open;           // a document asked for while the catalog was a snapshot
    std::future<std::vector<Diagnostic>> drill_check;  // drill validation, run after the first frame
    std::future<GlyphNeeds> glyph_scan;  // the library's characters, found after the first frame
    std::unique_ptr<FolderWatcher> watcher;
    // Files the editor saved and the catalog took in alone, as stat found them then: the
    // watcher's report of that write is no change to load.
    std::map<std::filesystem::path, std::pair<int64_t, int64_t>> taken_in;

    // Progress: every write and read goes through the writer's thread; `progress` is what the
    // window knows, kept in step with the writes it queues.
    std::unique_ptr<StoreWriter> store;
    ProgressSnapshot progress;
    int progress_version = 0;  // bumps whenever `progress` changes

    Settings settings;
    Fonts fonts;
    FontTexture font_texture;
    bool fonts_dirty = false;  // characters or the size changed: rebake the atlas
    float content_scale = 1;
    Theme theme;
    Strings strings;
    TextPainter text{theme.palette()};
    ImageCache images;
    SearchService search;
    SyncService syncer;
    SyncState sync;
    PackOffer pack_offer;  // packs handed out beside the shared file, offered on Home
    // The item analysis of the cohort the dashboard read last: the editor's graph draws it over
    // the drill (edge thickness = learners who took the choice). `cohort_generation` bumps with it.
    std::vector<DrillAnalysis> cohort_drills;
    int cohort_generation = 0;

    History history;
    std::string current_id;  // the document shown in the reader or the drill view

    // Key presses since the last frame, from our own GLFW callback: ImGui 1.86 loses a press whose
    // release arrives in the same frame (a fast tap, or xdotool).
    std::vector<KeyPress> keys_this_frame;
    // Errors caught at a frame's or a worker's boundary, shown in the window until dismissed.
    std::vector<std::string> errors;
    // --frame-stats: the benchmark's scroll position for this frame (0..1), or < 0.
    float bench_scroll = -1;

    GLFWwindow* window = nullptr;
    // A view that shows time (a countdown) asks for the next frame at a moment; otherwise the
    // window sleeps until input. Cleared before each frame.
    std::chrono::steady_clock::time_point next_redraw = std::chrono::steady_clock::time_point::max();
    void redraw_at(std::chrono::steady_clock::time_point t) { next_redraw = std::min(next_redraw, t); }
    // The audience's window on a second monitor, while a workshop runs; `presenter_content` draws it.
    PresenterWindow presenter;
    FrameCache frame_cache;   // a countdown's second redraws the clock, not the whole window
    SubBufferCopy sub_copy;   // and shows just the clock's pixels
    std::function<void()> presenter_content;
    bool fullscreen() const;
    void set_fullscreen(bool on);  // on the monitor the window is on; off: back where it was
    std::array<int, 4> windowed_rect{};  // x, y, w, h before going fullscreen

    App();
    ~App();

    // Views.
    View& view(ViewId id) { return *views_[static_cast<size_t>(id)]; }
    const View& view(ViewId id) const { return *views_[static_cast<size_t>(id)]; }
    ViewId current_view() const { return current_; }
    void show(ViewId id, const Route& route = {});
    const char* title(ViewId id) const;  // in the current language
    bool keyboard_taken() const;         // an open overlay has the keyboard

    const char* tr(Str id) const { return strings.tr(id); }
    const Palette& palette() const { return theme.palette(); }
    // Was `key` pressed this frame with exactly these Ctrl/Alt modifiers (Shift is ignored)?
    bool pressed(int key, int ctrl_alt_mods = 0) const;

    // Actions.
    void open_document(const std::string& id, bool record_history = true);  // a drill opens its cover
    void start_drill(const std::string& id, bool fresh);
    void go_back();
    void go_forward();
    void request_text_size(float logical_px);
    void set_theme(bool dark);
    void set_language_key(const std::string& lang);
    void start_sync();
    void after_sync(const SyncReport& r);
    void refresh_progress();  // asks the writer for a fresh snapshot
    void apply_snapshot(ProgressSnapshot s);
    void progress_changed() { ++progress_version; }
    // Characters typed or received that the atlas lacks get baked in before the next frame.
    void need_glyphs(std::string_view utf8_text);
    // A document file the editor saved: taken into the catalog alone (no load, no check of the
    // other drills, no scan of the library's characters) when it can be; else the folder
    // watcher's report of it loads the library. Returns whether it was taken in alone.
    bool take_in_saved_file(const std::filesystem::path& file);
    void report_error(const std::string& where, const std::string& what);
    const Document* current() const { return catalog.library.find(current_id); }

private:
    std::vector<std::unique_ptr<View>> views_;
    ViewId current_ = ViewId::home;
};

// Milliseconds since the process started: start-up traces and the benchmark's marks.
double ms_since_start();

}  // namespace linli::gui
