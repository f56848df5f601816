// run_app(): start-up reads like a table of contents; the loop draws only after events, and every
// frame, worker result and drill check is caught at its boundary: reported, never an abort.
//
// [SECTION] Tracing and frame statistics
// [SECTION] Start-up: library, store, fonts
// [SECTION] Between frames: reloads, sync, drill checks
// [SECTION] run_app
#include "app.h"

#define GL_SILENCE_DEPRECATION
#include <sys/stat.h>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <clocale>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <time.h>
#include <unistd.h>

#include "chrome.h"
#include "content/glyph_needs.h"
#include "content/utf8.h"
#include "frame_cache.h"
#include "quit_signals.h"
#include "screenshot.h"
#include "dashboard/db_strings.h"
#include "editor/ed_strings.h"
#include "stats_strings.h"
#include "workshop/ws_strings.h"

namespace linli::gui {
namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Tracing and frame statistics
//-------------------------------------------------------------------------------------------------

// Taken at static initialisation: as close to process start as the program can see.
const auto kProcessStart = std::chrono::steady_clock::now();
constexpr int kFramesAfterEvent = 3;  // ImGui needs a frame or two to settle after input

double since_start_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kProcessStart).count();
}

// LINLI_TRACE=1 prints how long each start-up step took, and at exit the longest frame (the
// benchmark and the store-lock test read it).
bool tracing() { return std::getenv("LINLI_TRACE") != nullptr; }

void trace(const char* step) {
    if (!tracing()) return;
    long rss_kb = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        long pages = 0, resident = 0;
        if (std::fscanf(f, "%ld %ld", &pages, &resident) == 2) rss_kb = resident * (sysconf(_SC_PAGESIZE) / 1024);
        std::fclose(f);
    }
    fmt::print(stderr, "trace: {:<22} {:7.1f} ms  rss {:6.1f} MB\n", step, since_start_ms(), rss_kb / 1024.0);
}

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Quantiles {
    double first, p50, p99, max;
};

Quantiles quantiles(std::vector<double> ms) {
    double first = ms.front();  // includes laying the view out
    std::sort(ms.begin() + 1, ms.end());
    auto at = [&](double q) { return ms[1 + static_cast<size_t>(q * (ms.size() - 2))]; };
    return {first, at(0.5), at(0.99), ms.back()};
}

void print_frame_stats(const std::vector<double>& build, const std::vector<double>& platform) {
    if (build.size() < 2) return;
    Quantiles b = quantiles(build), p = quantiles(platform);
    fmt::print("frames: {}  first (layout): {:.3f} ms  p50: {:.3f} ms  p99: {:.3f} ms  max: {:.3f} ms\n", build.size(), b.first,
               b.p50, b.p99, b.max);
    fmt::print("window system (GLFW's X queries in ImGui_ImplGlfw_NewFrame): p50: {:.3f} ms  p99: {:.3f} ms  max: {:.3f} ms\n", p.p50,
               p.p99, p.max);
}

void log_recovery(void*, const char* format, ...) {
    va_list args;
    va_start(args, format);
    std::vfprintf(stderr, format, args);
    va_end(args);
    std::fputc('\n', stderr);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Start-up: library, store, fonts
//-------------------------------------------------------------------------------------------------

std::filesystem::path settings_file(const App& app) { return app.paths.config_dir / "settings.ini"; }

// The store writer opens the store on its own thread, while the library loads.
void open_store(App& app) {
    app.images.set_wake([] { glfwPostEmptyEvent(); });  // a decoded image is drawn without waiting for input
    app.store = std::make_unique<StoreWriter>(app.paths.data_dir / kProgressFileName, [] { glfwPostEmptyEvent(); });
}

// Start-up waits a moment for the first snapshot, so the learner's theme and text size apply to
// the first frame. A busy store just means the snapshot arrives later.
void read_progress(App& app) {
    app.refresh_progress();  // the attempts of the drills just loaded
    app.store->flush(std::chrono::milliseconds(400));
    app.store->deliver();
}

std::optional<ViewId> plain_first_view(const App& app);

Catalog load_catalog(const App& app) {
    return Catalog::load(library_roots(app.paths, app.opts.libraries), false, app.paths.cache_dir, true);
}

// The catalog for the first frame: the last load's snapshot when the window opens on a view that
// shows little of the library (it is loaded again after the first frame), else a load.
void load_library(App& app, bool from_snapshot) {
    std::error_code ec;
    std::filesystem::create_directories(app.paths.user_library, ec);  // where the user's own documents go
    if (from_snapshot) {
        if (auto snap = Catalog::from_snapshot(library_roots(app.paths, app.opts.libraries), app.paths.cache_dir)) {
            app.catalog = std::move(*snap);
            return;
        }
    }
    app.catalog = load_catalog(app);
}

// The UI's own strings, in every style. Returns true when any character is new.
bool add_ui_glyphs(App& app) {
    bool added = app.fonts.add_to_all(Strings::all_text());
    added |= app.fonts.add_to_all(ws_all_text());
    added |= app.fonts.add_to_all(db_all_text());
    added |= app.fonts.add_to_all(ed_all_text());
    added |= app.fonts.add_to_all(stats_all_text());
    added |= app.fonts.add_to_all(view_titles_text());
    // The debrief shows the rating in the heading font, whatever the drills' own headings hold.
    added |= app.fonts.add_to_all(std::string(rating_name(Rating::Good)) + rating_name(Rating::Fair) + rating_name(Rating::Bad));
    for (const Diagnostic& d : app.catalog.problems) added |= app.fonts.add_chars(Fonts::kBody, utf8::decode(d.format()));
    return added;
}

// The library's characters, per style. Returns true when any is new.
bool add_library_glyphs(App& app, const GlyphNeeds& needs) {
    bool added = app.fonts.add_chars(Fonts::kBody, needs.body);
    added |= app.fonts.add_chars(Fonts::kBold, needs.bold);
    added |= app.fonts.add_chars(Fonts::kH1, needs.h1);
    added |= app.fonts.add_chars(Fonts::kH2, needs.h2);
    return added;
}

// The view the window opens on, when no document or search was asked for: the first run's
// settings, else the view asked for or left in, else none (a document, a search or another view).
std::optional<ViewId> plain_first_view(const App& app) {
    const cli::Options& o = app.opts;
    if (!o.open_id.empty() || !o.search_query.empty() || o.resume_workshop) return std::nullopt;
    if (app.progress.loaded && app.progress.identity.name.empty() && !app.settings.welcomed) return ViewId::settings;
    const std::string& key = o.start_view.empty() ? app.settings.view : o.start_view;
    if (key.empty() || key == view_info(ViewId::home).key) return ViewId::home;
    if (key == view_info(ViewId::settings).key) return ViewId::settings;
    return std::nullopt;
}

// The library text the first view shows, when it says (none: it may show any of the library).
std::optional<std::string> first_frame_text(App& app) {
    std::optional<ViewId> first = plain_first_view(app);
    return first ? app.view(*first).first_frame_text(app) : std::nullopt;
}

// Library, store, font lookup and atlas baking: the CPU half of start-up, run while the window
// opens. Returns whether the first atlas holds only what the first frame shows.
bool prepare_content(App& app, bool& partial_atlas) {
    open_store(app);
    load_library(app, plain_first_view(app).has_value());  // before the progress: a first run's settings show no library either
    trace("library loaded");
    read_progress(app);
    trace("progress read");
    if (!app.fonts.init()) return false;
    // So far the atlas holds the UI's characters (and the learner's details) alone.
    add_ui_glyphs(app);
    std::optional<std::string> shown = first_frame_text(app);
    partial_atlas = shown.has_value();
    if (partial_atlas) {
        app.fonts.add_chars(Fonts::kBody, utf8::decode(*shown));  // the rest is found after the first frame
    } else {
        add_library_glyphs(app, glyph_needs(app.catalog.library));
        trace("glyphs collected");
    }
    app.fonts.build(std::round(app.settings.text_size * app.content_scale));
    trace("font atlas built");
    return true;
}

void start_background_work(App& app) {
    app.glyph_scan = std::async(std::launch::async, [&lib = app.catalog.library] {
        GlyphNeeds needs = glyph_needs(lib);
        glfwPostEmptyEvent();
        return needs;
    });
    app.search.start(app.catalog.library, app.paths.cache_dir, [] { glfwPostEmptyEvent(); });
    app.drill_check = std::async(std::launch::async, [&catalog = app.catalog] {
        // Fewer states than `linli lint` explores: the window keeps its memory small, and a drill too
        // large to explore here is still checked in full by lint. An exception reaches get().
        auto problems = catalog.check_drills(100000);
        glfwPostEmptyEvent();
        return problems;
    });
    app.watcher = std::make_unique<FolderWatcher>(library_roots(app.paths, app.opts.libraries), [] { glfwPostEmptyEvent(); });
}

// The atlas is rebaked on a worker (at 10,000 documents a bake takes over half a second); the
// window keeps drawing with the atlas it has until the new one is taken in between frames.
void rebake_fonts(App& app) {
    app.fonts.bake_in_background(std::round(app.settings.text_size * app.content_scale), [] { glfwPostEmptyEvent(); });
    app.fonts_dirty = false;
}

bool take_baked_fonts(App& app, bool wait = false) {
    if (!app.fonts.take_baked(wait)) return false;
    ImGui::GetIO().Fonts = app.fonts.atlas();
    app.font_texture.upload();
    if (tracing()) fmt::print(stderr, "trace: atlas {}x{}\n", app.fonts.atlas()->TexWidth, app.fonts.atlas()->TexHeight);
    trace("atlas baked");
    return true;
}

void on_content_scale(GLFWwindow* win, float xscale, float) {
    auto* app = static_cast<App*>(glfwGetWindowUserPointer(win));
    app->content_scale = xscale;
    app->theme.apply(app->settings.dark, xscale);
    app->fonts_dirty = true;
}

// Where the window starts: the view it was left in, a document from --open, or the first-run page.
void choose_first_view(App& app) {
    const std::string& v = app.settings.view;
    for (size_t i = 0; i < static_cast<size_t>(ViewId::Count); ++i) {
        const ViewInfo& info = view_table()[i];
        if (v != info.key || info.place == Place::Overlay) continue;
        if (info.place == Place::Sidebar) app.show(info.id);
        else if (app.catalog.library.find(app.settings.last_doc)) app.open_document(app.settings.last_doc);
    }
    if (app.progress.loaded && app.progress.identity.name.empty() && !app.settings.welcomed) {
        app.show(ViewId::settings);  // first run: who is learning here, and where to sync
        app.settings.welcomed = true;
    }
    if (!app.opts.start_view.empty()) {
        std::string known;
        bool found = false;
        for (size_t i = 0; i < static_cast<size_t>(ViewId::Count); ++i) {
            const ViewInfo& info = view_table()[i];
            if (info.place != Place::Sidebar) continue;
            known += std::string(known.empty() ? "" : ", ") + info.key;
            if (app.opts.start_view == info.key) {
                Route r;
                // The drill to run, the document to edit.
                if (info.id == ViewId::workshop || info.id == ViewId::editor) r.doc = std::exchange(app.opts.open_id, {});
                app.show(info.id, r);
                found = true;
            }
        }
        if (!found) fmt::print(stderr, "linli: 没有这个视图 (no view) '{}': {}\n", app.opts.start_view, known);
    }
    if (!app.opts.open_id.empty()) {
        if (!app.catalog.library.find(app.opts.open_id))
            fmt::print(stderr, "linli: 没有这个文档 (no document with id) '{}'\n", app.opts.open_id);
        if (!app.opts.drill_choices.empty() && app.catalog.drill(app.opts.open_id)) {
            Route r{app.opts.open_id};
            r.play = r.fresh = true;
            r.choices = app.opts.drill_choices;
            app.show(ViewId::drill, r);
        } else {
            app.open_document(app.opts.open_id);
        }
    }
    if (app.opts.resume_workshop) {
        Route r;
        r.play = true;
        app.show(ViewId::workshop, r);
    }
    if (!app.opts.search_query.empty()) {
        Route r;
        r.query = app.opts.search_query;
        app.show(ViewId::search, r);
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Between frames: reloads, sync, drill checks
//-------------------------------------------------------------------------------------------------

// Everything reading the catalog stops, before the catalog changes.
void stop_catalog_readers(App& app) {
    ViewId shown = app.current_view();
    app.view(shown).leave(app);
    app.search.stop();  // the workers read the catalog being replaced
    if (app.drill_check.valid()) {
        try {
            app.drill_check.get();
        } catch (...) {
            // Its catalog is going away; the new one is checked again.
        }
    }
    if (app.glyph_scan.valid()) app.glyph_scan.wait();  // it reads the catalog being replaced
    app.glyph_scan = {};
    app.pack_offer.stop();  // so does its check of a pack
    for (size_t i = 0; i < static_cast<size_t>(ViewId::Count); ++i) app.view(view_table()[i].id).before_reload(app);
}

// The catalog changed: views find their documents again.
void catalog_changed(App& app) {
    ++app.library_generation;
    if (add_ui_glyphs(app)) app.fonts_dirty = true;  // the library's come from the scan started below
    for (size_t i = 0; i < static_cast<size_t>(ViewId::Count); ++i) app.view(view_table()[i].id).reloaded(app);
    app.refresh_progress();  // the new catalog may hold drills with attempts
}

// Puts a newly loaded catalog in place of the one shown: the workers reading the old one stop,
// views find their documents again, new characters are baked and the index is brought up to date.
void adopt_catalog(App& app, Catalog loaded) {
    stop_catalog_readers(app);
    app.catalog = std::move(loaded);
    app.taken_in.clear();
    catalog_changed(app);
    start_background_work(app);
    if (!app.pending_open.empty()) app.open_document(std::exchange(app.pending_open, {}));  // asked for during the load
}

// The library is loaded on a worker (at start-up after a snapshot's first frame, and whenever the
// watched folders change) and adopted between frames, so the window never waits for a load.
void start_catalog_load(App& app) {
    if (app.catalog_load.valid()) {
        app.load_again = true;  // the files changed during this load: once more after it
        return;
    }
    app.catalog_load = std::async(std::launch::async, [&app] {
        Catalog c = load_catalog(app);  // reads only the paths and options, fixed since start-up
        glfwPostEmptyEvent();
        return c;
    });
}

// The library folders' changes, less those that are no change to the catalog: the editor's own
// save, taken in already, and the temporary files of atomic writes, gone again.
bool changes_need_load(App& app, const FolderWatcher::Changes& changes) {
    if (changes.everything) return true;
    for (const std::filesystem::path& f : changes.files) {
        struct stat st {};
        bool exists = ::stat(f.c_str(), &st) == 0;
        if (!exists && f.extension() != ".md" && f.filename() != "thesaurus.txt") continue;
        std::error_code ec;
        auto taken = app.taken_in.find(std::filesystem::weakly_canonical(f, ec));
        if (exists && taken != app.taken_in.end() &&
            taken->second == std::pair{int64_t(st.st_size), int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec})
            continue;
        return true;
    }
    trace("library change taken in already");
    return false;
}

void take_loaded_catalog(App& app) {
    if (!app.catalog_load.valid() || app.catalog_load.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    adopt_catalog(app, app.catalog_load.get());
    trace("library loaded again");
    if (app.load_again) {
        app.load_again = false;
        start_catalog_load(app);
    }
}

void take_drill_check(App& app) {
    if (!app.drill_check.valid() || app.drill_check.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    try {
        auto problems = app.drill_check.get();
        for (const Diagnostic& d : problems) app.need_glyphs(d.format());
        app.catalog.problems.insert(app.catalog.problems.end(), problems.begin(), problems.end());
    } catch (const std::exception& e) {
        app.report_error("drill check", e.what());
    }
}

void take_glyph_scan(App& app) {
    if (!app.glyph_scan.valid() || app.glyph_scan.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    if (add_library_glyphs(app, app.glyph_scan.get())) app.fonts_dirty = true;
}

// The library folder holding `file`, as library_roots names it; none when it is in none.
std::optional<std::filesystem::path> library_root_of(const App& app, const std::filesystem::path& file) {
    std::error_code ec;
    std::filesystem::path canon = std::filesystem::weakly_canonical(file, ec);
    for (const std::filesystem::path& root : library_roots(app.paths, app.opts.libraries)) {
        std::filesystem::path r = std::filesystem::weakly_canonical(root, ec);
        auto rel = canon.lexically_relative(r);
        if (!ec && !rel.empty() && *rel.begin() != "..") return root;
    }
    return std::nullopt;
}

}  // namespace

bool App::take_in_saved_file(const std::filesystem::path& file) {
    if (catalog.provisional || catalog_load.valid()) return false;  // the load under way reads it
    std::optional<std::filesystem::path> root = library_root_of(*this, file);
    if (!root) return false;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return false;
    // The check of every drill, if it is still running, is kept: only this drill is checked again.
    if (drill_check.valid()) {
        try {
            auto problems = drill_check.get();
            catalog.problems.insert(catalog.problems.end(), problems.begin(), problems.end());
        } catch (const std::exception& e) {
            report_error("drill check", e.what());
        }
    }
    stop_catalog_readers(*this);
    std::optional<int> doc = catalog.reload_file(file, *root);
    if (doc) {
        std::error_code ec;
        taken_in[std::filesystem::weakly_canonical(file, ec)] = {int64_t(st.st_size), int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
        if (add_library_glyphs(*this, glyph_needs(*catalog.library.whole(*doc)))) fonts_dirty = true;
        for (const Diagnostic& d : catalog.problems) need_glyphs(d.format());
    }
    catalog_changed(*this);
    // The index takes in the one document (SearchIndex's update); only this drill is checked.
    search.start(catalog.library, paths.cache_dir, [] { glfwPostEmptyEvent(); });
    if (doc && catalog.drill(catalog.library.documents()[size_t(*doc)].meta.id)) {
        drill_check = std::async(std::launch::async, [this, at = *doc] {
            auto problems = catalog.check_drill_of(at, 100000);
            glfwPostEmptyEvent();
            return problems;
        });
    }
    if (tracing()) fmt::print(stderr, "trace: {} {} alone\n", doc ? "took in" : "could not take in", file.filename().string());
    return doc.has_value();
}

namespace {

void between_frames(App& app, bool first_frame) {
    take_glyph_scan(app);
    take_baked_fonts(app);
    if (app.watcher && app.watcher->take_change() && changes_need_load(app, app.watcher->take_changes())) start_catalog_load(app);
    take_loaded_catalog(app);
    if (auto r = app.syncer.take_report()) app.after_sync(*r);
    if (!app.sync.shared_path.empty() && !first_frame && std::chrono::steady_clock::now() >= app.sync.next) app.start_sync();
    take_drill_check(app);
    if (app.store) app.store->deliver();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] run_app
//-------------------------------------------------------------------------------------------------

}  // namespace

double ms_since_start() { return since_start_ms(); }

// An input method's committed text comes over XIM in the locale's encoding, and in the "C" locale
// it is dropped: Chinese typed through fcitx5 or ibus would never arrive (docs/input-method.md).
// Only the character type is set, and only when the environment leaves it at "C".
void use_utf8_ctype() {
    const char* now = std::setlocale(LC_CTYPE, "");
    if (!now || std::string_view(now) == "C" || std::string_view(now) == "POSIX") std::setlocale(LC_CTYPE, "C.UTF-8");
}

int run_app(const cli::Options& opts) {
    QuitSignals quit_signals;  // first: the threads started below inherit the blocked signals
    App app;
    app.opts = opts;
    app.paths = AppPaths::resolve(opts.data_dir);
    app.settings = Settings::load(settings_file(app));
    app.strings.set_language(app.settings.lang == "en" ? Lang::En : Lang::Zh);
    trace("main");
    use_utf8_ctype();
    if (!glfwInit()) {
        std::fprintf(stderr, "linli: 无法打开窗口（没有显示器？）命令行工具不需要窗口：linli --help\n"
                             "linli: cannot open a window (no display?). The command-line tool works without one: linli --help\n");
        return 1;
    }
    glfwGetMonitorContentScale(glfwGetPrimaryMonitor(), &app.content_scale, nullptr);
    bool content_ready = false, partial_atlas = false;
    std::string prepare_error;
    std::thread prepare([&] {
        try {
            content_ready = prepare_content(app, partial_atlas);
        } catch (const std::exception& e) {
            prepare_error = e.what();
        }
    });

    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* win = glfwCreateWindow(app.settings.window_w, app.settings.window_h, "邻里 Linli", nullptr, nullptr);
    trace("window created");
    if (!win) {
        prepare.join();
        std::fprintf(stderr, "linli: 无法创建 OpenGL 3.2 窗口 (cannot create an OpenGL 3.2 window)\n");
        glfwTerminate();
        return 1;
    }
    // The GL half of start-up (context, shaders) while the content is still being prepared.
    glfwMakeContextCurrent(win);
    glfwSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImFontAtlas placeholder;  // until the baked atlas is ready
    ImGui::CreateContext(&placeholder);
    ImGui::GetIO().IniFilename = nullptr;  // our own settings file holds what persists
    ImGui_ImplOpenGL3_Init("#version 150");
    app.font_texture.create_device_objects();
    trace("shaders ready");

    prepare.join();
    if (!content_ready) {
        if (!prepare_error.empty()) fmt::print(stderr, "linli: {}\n", prepare_error);
        else fmt::print(stderr, "linli: {}\n", app.tr(Str::FontMissing));
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext();
        glfwDestroyWindow(win);
        glfwTerminate();
        return 1;
    }
    if (app.settings.window_x >= 0 && app.settings.window_y >= 0) glfwSetWindowPos(win, app.settings.window_x, app.settings.window_y);
    glfwSetWindowUserPointer(win, &app);
    app.window = win;
    quit_signals.watch(win);
    // Ours first: ImGui's backend chains to callbacks installed before it.
    glfwSetWindowContentScaleCallback(win, on_content_scale);
    glfwSetKeyCallback(win, on_key);
    glfwSetWindowRefreshCallback(win, [](GLFWwindow* w) { static_cast<App*>(glfwGetWindowUserPointer(w))->frame_cache.screen_lost(); });
    app.sub_copy = SubBufferCopy(win);
    float window_scale = app.content_scale;
    glfwGetWindowContentScale(win, &window_scale, nullptr);
    if (window_scale != app.content_scale) {  // the window opened on another monitor than the primary
        app.content_scale = window_scale;
        app.fonts_dirty = true;
    }
    ImGui::GetIO().Fonts = app.fonts.atlas();
    app.font_texture.upload();
    app.theme.apply(app.settings.dark, app.content_scale);
    ImGui_ImplGlfw_InitForOpenGL(win, true);
    choose_first_view(app);

    bool first_frame = true, screenshot_requested = false, trace_after_idle = false;
    int frames_left = kFramesAfterEvent;
    std::string title = "邻里 Linli";
    std::vector<double> frame_cpu_ms, frame_platform_ms;  // --frame-stats: CPU time to build each frame, and GLFW's part
    // From waking up to the frame's draw data: what a UI action costs the UI thread. (Submitting
    // to OpenGL and the swap come after; under Xvfb they are llvmpipe's.)
    double longest_frame_ms = 0;
    std::chrono::steady_clock::time_point built;
    auto render_frame = [&] {
        if (app.fonts_dirty) rebake_fonts(app);
        app.next_redraw = std::chrono::steady_clock::time_point::max();
        double cpu_start = thread_cpu_ms();
        ImGui_ImplOpenGL3_NewFrame();
        // GLFW's queries of the X server (window size, focus, pointer) block on its replies: counted
        // apart, as what the window system costs, not what building the frame does.
        double platform_start = thread_cpu_ms();
        ImGui_ImplGlfw_NewFrame();
        double platform_ms = thread_cpu_ms() - platform_start;
        ImGui::NewFrame();
        try {
            handle_shortcuts(app, win, screenshot_requested);
            draw_frame(app, win);
        } catch (const std::exception& e) {
            // Close what the frame left open, so ImGui's checks pass and the next frame is whole.
            ImGui::ErrorCheckEndFrameRecover(log_recovery);
            app.report_error(app.title(app.current_view()), e.what());
        }
        ImGui::Render();
        built = std::chrono::steady_clock::now();
        // The benchmark counts frames once the index, the drill check and the full atlas are in:
        // the steady state.
        bool settled = app.search.complete() && !app.drill_check.valid() && !app.glyph_scan.valid() && !app.fonts.baking() && !app.fonts_dirty &&
                       !app.view(app.current_view()).busy();
        if (opts.frame_stats && settled) {
            frame_cpu_ms.push_back(thread_cpu_ms() - cpu_start - platform_ms);
            frame_platform_ms.push_back(platform_ms);
        }
        int w, h;
        glfwGetFramebufferSize(win, &w, &h);
        const bool shot = screenshot_requested && opts.screenshot;
        const bool shown = app.frame_cache.render(ImGui::GetDrawData(), w, h, ImGui::GetStyle().Colors[ImGuiCol_WindowBg], &app.sub_copy, shot);
        std::optional<std::filesystem::path> projector_shot;  // the audience's window beside the main one
        if (shot) {
            if (!write_framebuffer_png(*opts.screenshot, w, h)) fmt::print(stderr, "linli: cannot write {}\n", opts.screenshot->string());
            screenshot_requested = false;
            projector_shot = opts.screenshot->parent_path() / (opts.screenshot->stem().string() + "-projector.png");
        }
        if (!shown) glfwSwapBuffers(win);
        if (app.presenter_content) app.presenter.render(app, app.presenter_content, projector_shot ? &*projector_shot : nullptr);
        app.keys_this_frame.clear();
        app.text.end_frame();
        if (std::string t = window_title(app); t != title) glfwSetWindowTitle(win, (title = t).c_str());
    };

    // Closing asks the views first: one with unsaved edits keeps the window open and asks.
    auto closing = [&] {
        if (!glfwWindowShouldClose(win)) return false;
        for (size_t i = 0; i < static_cast<size_t>(ViewId::Count); ++i)
            if (app.view(view_table()[i].id).holds_close(app)) {
                glfwSetWindowShouldClose(win, GLFW_FALSE);
                frames_left = kFramesAfterEvent;
                return false;
            }
        return true;
    };
    while (!closing()) {
        if (opts.frame_stats) {  // benchmark: no idling, scroll through the view
            if (static_cast<int>(frame_cpu_ms.size()) >= opts.frame_stats) break;
            app.bench_scroll = static_cast<float>(frame_cpu_ms.size()) / opts.frame_stats;
            frames_left = kFramesAfterEvent;
        }
        if (frames_left <= 0) {
            // Sleeps until input, a resize, a worker's wake-up — or the next periodic sync, or the
            // moment a view asked to be drawn again (a countdown's next second).
            auto wake = app.next_redraw;
            if (!app.sync.shared_path.empty() && !first_frame) wake = std::min(wake, app.sync.next);
            if (wake == std::chrono::steady_clock::time_point::max()) {
                glfwWaitEvents();
            } else {
                auto left = std::chrono::duration<double>(wake - std::chrono::steady_clock::now()).count();
                glfwWaitEventsTimeout(std::max(0.01, left));
            }
            // A timed wake-up draws one frame: nothing moved that needs ImGui to settle.
            frames_left = std::chrono::steady_clock::now() >= app.next_redraw ? 1 : kFramesAfterEvent;
        } else {
            glfwPollEvents();
        }
        auto woke = std::chrono::steady_clock::now();
        try {
            between_frames(app, first_frame);
        } catch (const std::exception& e) {
            app.report_error("linli", e.what());
        }
        if (trace_after_idle && app.search.complete()) {
            trace("search index ready");
            trace_after_idle = false;
        }
        auto drawn = std::chrono::steady_clock::now();
        double cpu_before = thread_cpu_ms();
        render_frame();
        double frame_cpu = thread_cpu_ms() - cpu_before;
        if (!first_frame) {
            auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
            double frame_ms = ms(woke, built);
            longest_frame_ms = std::max(longest_frame_ms, frame_ms);
            if (tracing() && frame_ms > 50)
                fmt::print(stderr, "trace: slow frame {:.1f} ms ({:.1f} between frames, {:.1f} CPU in the frame) in {}\n",
                           frame_ms, ms(woke, drawn), frame_cpu, view_info(app.current_view()).key);
        }
        --frames_left;
        if (first_frame) {
            first_frame = false;
            glFinish();
            trace("first frame");
            trace_after_idle = true;
            if (opts.exit_after_first_frame) {
                fmt::print("first frame: {:.1f} ms\n", since_start_ms());
                break;
            }
            // Only now: the rest of the characters, the index build and the first sync must never
            // delay the first frame.
            if (app.catalog.provisional) start_catalog_load(app);  // the background work starts once it is in
            else start_background_work(app);
            app.start_sync();
        }
    }
    if (opts.frame_stats) print_frame_stats(frame_cpu_ms, frame_platform_ms);
    if (opts.screenshot && !opts.exit_after_first_frame) {
        // The picture shows the library loaded and every character baked.
        if (app.catalog_load.valid()) {
            app.catalog_load.wait();
            take_loaded_catalog(app);
        }
        if (app.glyph_scan.valid()) app.glyph_scan.wait();
        take_glyph_scan(app);
        if (app.fonts_dirty) rebake_fonts(app);
        while (app.fonts.baking()) take_baked_fonts(app, true);
        screenshot_requested = true;
        render_frame();
    }
    if (tracing()) {
        fmt::print(stderr, "trace: longest frame {:.1f} ms\n", longest_frame_ms);
        const FrameCache& c = app.frame_cache;
        fmt::print(stderr, "trace: {} frames, {} rendered whole, {} shown by their clock alone\n", c.frames(), c.full_renders(), c.partial_shows());
    }
    app.view(app.current_view()).leave(app);  // e.g. the reader saves its position
    // Every queued write lands before the exit sync reads the store; a store locked for good
    // is given half a minute.
    if (app.store && !app.store->flush(std::chrono::seconds(30)))
        std::fprintf(stderr, "linli: 部分进度未能保存 (some progress could not be saved): %s\n", app.store->status().message.c_str());
    if (!opts.exit_after_first_frame && !opts.frame_stats) {  // sync on exit, so the other devices see this session
        app.syncer.wait();
        app.start_sync();
        app.syncer.wait();
    }

    // What persists: window placement, view, last document.
    glfwGetWindowPos(win, &app.settings.window_x, &app.settings.window_y);
    glfwGetWindowSize(win, &app.settings.window_w, &app.settings.window_h);
    app.settings.view = view_info(app.current_view()).key;
    if (!opts.exit_after_first_frame) app.settings.save(settings_file(app));

    app.presenter_content = nullptr;
    app.presenter.close();
    app.images.set_wake({});  // the loop is gone: nobody to wake
    app.font_texture.destroy();
    app.frame_cache.release();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    quit_signals.watch(nullptr);
    glfwDestroyWindow(win);
    glfwTerminate();
    return 0;
}

}  // namespace linli::gui
