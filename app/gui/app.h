// The window: state shared by the views, and run_app(), which owns the GLFW/ImGui loop.
#pragma once
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/options.h"
#include "cases/catalog.h"
#include "content/folder_watcher.h"
#include "content/library.h"
#include "content/paths.h"
#include "fonts.h"
#include "run_app.h"
#include "image_cache.h"
#include "markdown_view.h"
#include "search_service.h"
#include "sync_service.h"
#include "settings.h"
#include "sync/drill_recorder.h"
#include "sync/progress_store.h"

namespace linli::gui {

enum class View { Home, Library, Reader, Problems, Drill, Settings };

// The drill being played: its recorded session and the views of its current scene.
struct DrillPlayer {
    const Drill* drill = nullptr;
    std::unique_ptr<DrillRecorder> recorder;
    std::unique_ptr<MarkdownView> opening, scene, better;
    int scene_node = -1;          // the node the scene views show
    int feedback_node = -1;       // >= 0 while the last choice's feedback is shown
    int feedback_choice = -1;
    DrillState before;            // the state before the last choice: the meters show the change
    std::vector<AttemptRecord> history;  // this drill's attempts, newest first
};

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

struct App {
    cli::Options opts;
    AppPaths paths;
    Catalog catalog;  // the library, its drills, and every problem found loading them
    std::future<std::vector<Diagnostic>> drill_check;  // drill validation, run after the first frame
    int library_generation = 0;  // bumps on every reload; views cache what they derive per generation
    std::unique_ptr<FolderWatcher> watcher;
    std::unique_ptr<ProgressStore> progress;
    std::unordered_map<std::string, DocProgress> progress_by_id;  // cache: no queries per frame
    int progress_version = 0;  // bumps when read marks change; views cache what they derive per version
    Settings settings;
    Fonts fonts;
    bool fonts_dirty = false;
    float content_scale = 1;
    ImageCache images;
    SearchService search;

    View view = View::Home;
    History history;
    std::string current_id;
    std::map<std::string, std::unique_ptr<MarkdownView>> views;  // laid-out documents, by id
    bool scroll_restore = false;
    float scroll_request = -1;  // when >= 0: scroll the reader to this fraction next frame

    DrillPlayer player;

    // Sync through the shared file (device-local choices kept in the store's meta).
    SyncService syncer;
    std::string shared_path;
    int sync_minutes = 10;
    std::chrono::steady_clock::time_point next_sync{};
    std::string sync_status;  // the status line
    bool sync_failed = false;
    // Settings view edit buffers.
    std::string edit_name, edit_cohort, edit_shared, edit_adopt;

    // Search popup
    bool search_open = false, search_focus = false;
    std::string search_query;
    std::vector<SearchHit> search_hits;
    int search_selected = 0;

    // Library filters
    int filter_kind = -1;  // -1 all, else DocKind
    std::string filter_tag, filter_stakeholder;
    int sort = 0;          // 0 title, 1 updated, 2 kind
    int filter_status = 0; // 0 all, 1 unread, 2 read

    // Key presses since the last frame, from our own GLFW callback: ImGui 1.86 loses a press whose
    // release arrives in the same frame (a fast tap, or xdotool).
    std::vector<KeyPress> keys_this_frame;
    // Was `key` pressed this frame with exactly these Ctrl/Alt modifiers (Shift is ignored)?
    bool pressed(int key, int ctrl_alt_mods = 0) const;

    void open_document(const std::string& id, bool record_history = true);
    // Opens the drill player; resumes an unfinished attempt unless `fresh`.
    void start_drill(const std::string& id, bool fresh);
    void leave_document();  // saves the reading position
    void go_back();
    void go_forward();
    void request_text_size(float logical_px);
    void set_theme(bool dark);
    void set_language_key(const std::string& lang);
    void start_sync();
    void after_sync(const SyncReport& r);
    void refresh_from_store();  // progress cache and the settings that follow the learner
    const Document* current() const { return catalog.library.find(current_id); }
    MarkdownView& view_for(const Document& doc);
};



// Views, one file each.
void draw_home(App& app);
void draw_library(App& app);
void draw_reader(App& app);
void draw_problems(App& app);
void draw_search_popup(App& app);
void draw_drill(App& app);
void draw_settings(App& app);
void draw_sync_status(App& app);

}  // namespace linli::gui
