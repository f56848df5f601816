// run_app(): start-up reads like a table of contents; the loop draws only after events.
#include "app.h"

#define GL_SILENCE_DEPRECATION
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <time.h>
#include <thread>
#include <unistd.h>

#include "chrome.h"
#include "content/glyph_needs.h"
#include "content/utf8.h"
#include "screenshot.h"
#include "strings.h"
#include "theme.h"
#include "wrapped_text.h"

namespace linli::gui {
namespace {

// Taken at static initialisation: as close to process start as the program can see.
const auto kProcessStart = std::chrono::steady_clock::now();
constexpr int kFramesAfterEvent = 3;  // ImGui needs a frame or two to settle after input

// LINLI_TRACE=1 prints how long each start-up step took (the benchmark reads it).
void trace(const char* step) {
    static const bool on = std::getenv("LINLI_TRACE") != nullptr;
    if (!on) return;
    long rss_kb = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        long pages = 0, resident = 0;
        if (std::fscanf(f, "%ld %ld", &pages, &resident) == 2) rss_kb = resident * (sysconf(_SC_PAGESIZE) / 1024);
        std::fclose(f);
    }
    std::fprintf(stderr, "trace: %-22s %7.1f ms  rss %6.1f MB\n", step,
                 std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kProcessStart).count(),
                 rss_kb / 1024.0);
}

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void print_frame_stats(std::vector<double> ms) {
    if (ms.size() < 2) return;
    double first = ms.front();  // includes laying the document out
    std::sort(ms.begin() + 1, ms.end());
    auto at = [&](double q) { return ms[1 + static_cast<size_t>(q * (ms.size() - 2))]; };
    std::printf("frames: %zu  first (layout): %.3f ms  p50: %.3f ms  p99: %.3f ms  max: %.3f ms\n", ms.size(), first,
                at(0.5), at(0.99), ms.back());
}


std::filesystem::path settings_file(const App& app) { return app.paths.config_dir / "settings.ini"; }

void load_library(App& app) {
    std::error_code ec;
    std::filesystem::create_directories(app.paths.user_library, ec);  // where the user's own documents go
    app.catalog = Catalog::load(library_roots(app.paths, app.opts.libraries), false);
    try {
        app.progress = std::make_unique<ProgressStore>(app.paths.data_dir / "progress.sqlite");
        app.refresh_from_store();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "linli: progress is not saved this session: %s\n", e.what());
    }
}

// Returns true when the library uses characters the atlas does not hold yet.
bool collect_glyphs(App& app) {
    app.fonts.add_to_all(all_ui_text());
    GlyphNeeds needs = glyph_needs(app.catalog.library);
    bool added = app.fonts.add_chars(Fonts::kBody, needs.body);
    added |= app.fonts.add_chars(Fonts::kBold, needs.bold);
    added |= app.fonts.add_chars(Fonts::kH1, needs.h1);
    added |= app.fonts.add_chars(Fonts::kH2, needs.h2);
    for (const Diagnostic& d : app.catalog.problems)
        added |= app.fonts.add_chars(Fonts::kBody, utf8::decode(d.format()));
    return added;
}

void start_background_work(App& app) {
    app.search.start(app.catalog.library, app.paths.cache_dir, [] { glfwPostEmptyEvent(); });
    app.drill_check = std::async(std::launch::async, [&catalog = app.catalog] {
        // Fewer states than `linli lint` explores: the window keeps its memory small, and a drill too
        // large to explore here is still checked in full by lint.
        auto problems = catalog.check_drills(100000);
        glfwPostEmptyEvent();
        return problems;
    });
    app.watcher = std::make_unique<FolderWatcher>(library_roots(app.paths, app.opts.libraries), [] { glfwPostEmptyEvent(); });
}

// Documents were added, edited or removed while the app ran: load them again, bake any new
// characters into the atlas, and re-index.
void reload_library(App& app) {
    if (app.view == View::Reader) app.leave_document();
    std::string playing = app.view == View::Drill && app.player.drill ? app.player.drill->doc->meta.id : "";
    app.player = DrillPlayer{};  // it points into the catalog being replaced
    app.search.stop();  // the workers read the catalog being replaced
    if (app.drill_check.valid()) app.drill_check.get();
    app.views.clear();
    app.search_hits.clear();
    app.catalog = Catalog::load(library_roots(app.paths, app.opts.libraries), false);
    ++app.library_generation;
    if (collect_glyphs(app)) app.fonts_dirty = true;
    if (app.view == View::Reader && !app.catalog.library.find(app.current_id)) app.view = View::Library;
    app.scroll_restore = true;
    if (!playing.empty()) {
        if (app.catalog.drill(playing)) app.start_drill(playing, false);  // resumes from the store
        else app.view = View::Library;
    }
    start_background_work(app);
}

// Library, font lookup and atlas baking: the CPU half of start-up, run while the window opens.
bool prepare_content(App& app) {
    load_library(app);
    trace("library loaded");
    if (!app.fonts.init()) return false;
    collect_glyphs(app);
    app.fonts.build(std::round(app.settings.text_size * app.content_scale));
    trace("font atlas built");
    return true;
}

void rebuild_fonts(App& app) {
    app.fonts.build(std::round(app.settings.text_size * app.content_scale));
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();  // the texture is on the GPU now
    app.fonts_dirty = false;
}

void on_content_scale(GLFWwindow* win, float xscale, float) {
    auto* app = static_cast<App*>(glfwGetWindowUserPointer(win));
    app->content_scale = xscale;
    apply_theme(app->settings.dark, xscale);
    app->fonts_dirty = true;
}

}  // namespace

int run_app(const cli::Options& opts) {
    App app;
    app.opts = opts;
    app.paths = AppPaths::resolve(opts.data_dir);
    app.settings = Settings::load(settings_file(app));
    set_language(app.settings.lang == "en" ? Lang::En : Lang::Zh);
    trace("main");
    if (!glfwInit()) {
        std::fprintf(stderr, "linli: cannot open a window (no display?). The command-line tool works without one: linli --help\n");
        return 1;
    }
    glfwGetMonitorContentScale(glfwGetPrimaryMonitor(), &app.content_scale, nullptr);
    bool content_ready = false;
    std::thread prepare([&] { content_ready = prepare_content(app); });

    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* win = glfwCreateWindow(app.settings.window_w, app.settings.window_h, "邻里 Linli", nullptr, nullptr);
    trace("window created");
    prepare.join();
    if (!win || !content_ready) {
        if (!win) std::fprintf(stderr, "linli: cannot create an OpenGL 3.2 window\n");
        else std::fprintf(stderr, "linli: %s\n", tr(Str::FontMissing));
        glfwTerminate();
        return 1;
    }
    if (app.settings.window_x >= 0 && app.settings.window_y >= 0)
        glfwSetWindowPos(win, app.settings.window_x, app.settings.window_y);
    glfwMakeContextCurrent(win);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(win, &app);
    // Ours first: ImGui's backend chains to callbacks installed before it.
    glfwSetWindowContentScaleCallback(win, on_content_scale);
    glfwSetKeyCallback(win, on_key);
    float window_scale = app.content_scale;
    glfwGetWindowContentScale(win, &window_scale, nullptr);
    if (window_scale != app.content_scale) {  // the window opened on another monitor than the primary
        app.content_scale = window_scale;
        app.fonts_dirty = true;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext(app.fonts.atlas());
    ImGui::GetIO().IniFilename = nullptr;  // our own settings file holds what persists
    apply_theme(app.settings.dark, app.content_scale);
    ImGui_ImplGlfw_InitForOpenGL(win, true);
    ImGui_ImplOpenGL3_Init("#version 150");

    if (app.settings.view == "library") app.view = View::Library;
    else if (app.settings.view == "problems") app.view = View::Problems;
    else if (app.settings.view == "settings") app.view = View::Settings;
    else if (app.settings.view == "reader" && app.catalog.library.find(app.settings.last_doc)) app.open_document(app.settings.last_doc);
    else if (app.settings.view == "drill" && app.catalog.drill(app.settings.last_doc)) app.start_drill(app.settings.last_doc, false);
    if (app.progress && app.progress->identity().name.empty() && !app.settings.welcomed) {
        app.view = View::Settings;  // first run: who is learning here, and where to sync
        app.settings.welcomed = true;
    }
    if (!opts.open_id.empty()) {
        if (!app.catalog.library.find(opts.open_id)) std::fprintf(stderr, "linli: no document with id '%s'\n", opts.open_id.c_str());
        app.open_document(opts.open_id);
    }

    bool first_frame = true, screenshot_requested = false, trace_after_idle = false;
    int frames_left = kFramesAfterEvent;
    std::string title = "邻里 Linli";
    std::vector<double> frame_cpu_ms;  // --frame-stats: CPU time to build each frame
    auto render_frame = [&] {
        if (app.fonts_dirty) rebuild_fonts(app);
        double cpu_start = thread_cpu_ms();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        handle_shortcuts(app, win, screenshot_requested);
        draw_frame(app, win);
        ImGui::Render();
        if (opts.frame_stats) frame_cpu_ms.push_back(thread_cpu_ms() - cpu_start);
        int w, h;
        glfwGetFramebufferSize(win, &w, &h);
        glViewport(0, 0, w, h);
        ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (screenshot_requested && opts.screenshot) {
            if (!write_framebuffer_png(*opts.screenshot, w, h)) std::fprintf(stderr, "linli: cannot write %s\n", opts.screenshot->c_str());
            screenshot_requested = false;
        }
        glfwSwapBuffers(win);
        app.keys_this_frame.clear();
        if (std::string t = window_title(app); t != title) glfwSetWindowTitle(win, (title = t).c_str());
        // Characters typed that the atlas lacks (a search for a rare name) get baked in next frame.
        if (!app.fonts.covers(app.search_query) && app.fonts.add_chars(Fonts::kBody, utf8::decode(app.search_query))) app.fonts_dirty = true;
    };

    while (!glfwWindowShouldClose(win)) {
        if (opts.frame_stats) {  // benchmark: no idling, scroll through the document
            if (static_cast<int>(frame_cpu_ms.size()) >= opts.frame_stats) break;
            app.scroll_request = static_cast<float>(frame_cpu_ms.size()) / opts.frame_stats;
            frames_left = kFramesAfterEvent;
        }
        if (frames_left <= 0) {
            // Sleeps until input, a resize, a worker's wake-up — or the next periodic sync.
            if (app.shared_path.empty() || first_frame) {
                glfwWaitEvents();
            } else {
                auto left = std::chrono::duration<double>(app.next_sync - std::chrono::steady_clock::now()).count();
                glfwWaitEventsTimeout(std::max(0.05, left));
            }
            frames_left = kFramesAfterEvent;
        } else {
            glfwPollEvents();
        }
        if (app.watcher && app.watcher->take_change()) reload_library(app);
        if (auto r = app.syncer.take_report()) app.after_sync(*r);
        if (!app.shared_path.empty() && !first_frame && std::chrono::steady_clock::now() >= app.next_sync) app.start_sync();
        if (app.drill_check.valid() && app.drill_check.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            auto problems = app.drill_check.get();
            for (const Diagnostic& d : problems) app.fonts.add_chars(Fonts::kBody, utf8::decode(d.format()));
            app.catalog.problems.insert(app.catalog.problems.end(), problems.begin(), problems.end());
            if (!problems.empty()) app.fonts_dirty = true;
        }
        if (trace_after_idle && app.search.index()) {
            trace("search index ready");
            trace_after_idle = false;
        }
        render_frame();
        --frames_left;
        if (app.fonts_dirty) frames_left = kFramesAfterEvent;
        if (first_frame) {
            first_frame = false;
            glFinish();
            ImGui::GetIO().Fonts->ClearTexData();  // uploaded to the GPU by now
            trace("first frame");
            trace_after_idle = true;
            auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kProcessStart).count();
            if (opts.exit_after_first_frame) {
                std::printf("first frame: %.1f ms\n", ms);
                break;
            }
            // Only now: the index build and the first sync must never delay the first frame.
            start_background_work(app);
            app.start_sync();
        }
    }
    if (opts.frame_stats) print_frame_stats(frame_cpu_ms);
    if (opts.screenshot && !opts.exit_after_first_frame) {
        screenshot_requested = true;
        render_frame();
    }
    if (app.view == View::Reader) app.leave_document();
    if (!opts.exit_after_first_frame && !opts.frame_stats) {  // sync on exit, so the other devices see this session
        app.syncer.wait();
        app.start_sync();
        app.syncer.wait();
    }

    // What persists: window placement, view, last document.
    glfwGetWindowPos(win, &app.settings.window_x, &app.settings.window_y);
    glfwGetWindowSize(win, &app.settings.window_w, &app.settings.window_h);
    app.settings.view = app.view == View::Library ? "library" : app.view == View::Reader ? "reader"
                        : app.view == View::Problems ? "problems" : app.view == View::Drill ? "drill"
        : app.view == View::Settings ? "settings" : "home";
    if (!opts.exit_after_first_frame) app.settings.save(settings_file(app));

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(win);
    glfwTerminate();
    return 0;
}

}  // namespace linli::gui
