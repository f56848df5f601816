// What the views ask the app to do: open a document or a drill, navigate, change the look,
// sync. Each keeps the progress store and the caches in step.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "app.h"
#include "content/utf8.h"
#include "strings.h"
#include "theme.h"

namespace linli::gui {
namespace {

int64_t now_seconds() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

bool App::pressed(int key, int ctrl_alt_mods) const {
    for (const KeyPress& k : keys_this_frame)
        if (k.key == key && (k.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT)) == ctrl_alt_mods) return true;
    return false;
}

void History::push(const std::string& id) {
    if (pos >= 0 && ids[pos] == id) return;
    ids.resize(pos + 1);
    ids.push_back(id);
    pos = static_cast<int>(ids.size()) - 1;
}

MarkdownView& App::view_for(const Document& doc) {
    auto& v = views[doc.meta.id];
    if (!v) v = std::make_unique<MarkdownView>(doc, images);
    return *v;
}

void App::leave_document() {
    // The reader keeps progress_by_id current; persist the position when the document is left.
    if (progress && !current_id.empty()) {
        auto it = progress_by_id.find(current_id);
        if (it != progress_by_id.end()) progress->save_position(current_id, it->second.position);
    }
}

void App::open_document(const std::string& id, bool record_history) {
    if (!catalog.library.find(id)) return;
    if (view == View::Reader) leave_document();
    current_id = id;
    view = View::Reader;
    scroll_restore = true;
    settings.last_doc = id;
    if (record_history) history.push(id);
    int64_t now = now_seconds();
    ++progress_version;
    auto& p = progress_by_id[id];
    if (p.doc_id.empty()) { p.doc_id = id; p.first_opened = now; }
    p.last_opened = now;
    if (progress) progress->mark_opened(id, now);
}

void App::start_drill(const std::string& id, bool fresh) {
    const Drill* d = catalog.drill(id);
    if (!d) return;
    if (view == View::Reader) leave_document();
    player = DrillPlayer{};
    player.drill = d;
    player.recorder = std::make_unique<DrillRecorder>(progress.get(), *d, now_seconds(), !fresh);
    player.opening = std::make_unique<MarkdownView>(*d->doc, d->opening, images);
    if (progress) player.history = progress->attempts(id);
    current_id = id;
    settings.last_doc = id;
    view = View::Drill;
}

void App::go_back() {
    if (!history.can_back()) return;
    --history.pos;
    open_document(history.ids[history.pos], false);
}

void App::go_forward() {
    if (!history.can_forward()) return;
    ++history.pos;
    open_document(history.ids[history.pos], false);
}

void App::request_text_size(float logical_px) {
    settings.text_size = std::clamp(logical_px, 12.0f, 36.0f);
    fonts_dirty = true;
    if (progress) progress->set_setting("ui.text_size", std::to_string(static_cast<int>(settings.text_size)));
}

void App::set_theme(bool dark) {
    settings.dark = dark;
    apply_theme(dark, content_scale);
    if (progress) progress->set_setting("ui.theme", dark ? "dark" : "light");
}

void App::set_language_key(const std::string& lang) {
    settings.lang = lang == "en" ? "en" : "zh";
    set_language(settings.lang == "en" ? Lang::En : Lang::Zh);
    if (progress) progress->set_setting("ui.lang", settings.lang);
}

void App::refresh_from_store() {
    if (!progress) return;
    progress_by_id.clear();
    ++progress_version;
    for (auto& p : progress->all()) progress_by_id[p.doc_id] = p;
    if (player.drill) player.history = progress->attempts(player.drill->doc->meta.id);
    // Settings that follow the learner across devices.
    if (auto t = progress->setting("ui.theme"); t && (*t == "dark") != settings.dark) {
        settings.dark = *t == "dark";
        if (ImGui::GetCurrentContext()) apply_theme(settings.dark, content_scale);  // else start-up applies it
    }
    if (auto l = progress->setting("ui.lang"); l && *l != settings.lang) {
        settings.lang = *l == "en" ? "en" : "zh";
        set_language(settings.lang == "en" ? Lang::En : Lang::Zh);
    }
    if (auto z = progress->setting("ui.text_size")) {
        float size = std::clamp(std::strtof(z->c_str(), nullptr), 12.0f, 36.0f);
        if (size != settings.text_size) {
            settings.text_size = size;
            fonts_dirty = fonts.size() > 0;  // at start-up the atlas is not built yet
        }
    }
    shared_path = progress->meta("sync.path").value_or("");
    sync_minutes = std::clamp(std::atoi(progress->meta("sync.interval").value_or("10").c_str()), 1, 1440);
}

void App::start_sync() {
    if (shared_path.empty() || !progress) return;
    next_sync = std::chrono::steady_clock::now() + std::chrono::minutes(sync_minutes);
    syncer.start(progress->path(), shared_path, [] { glfwPostEmptyEvent(); });
}

void App::after_sync(const SyncReport& r) {
    char when[16];
    std::time_t t = std::time(nullptr);
    std::strftime(when, sizeof when, "%H:%M", std::localtime(&t));
    sync_failed = r.status != SyncReport::Ok;
    if (sync_failed) {
        sync_status = std::string(tr(Str::SyncFailed)) + " " + when + "：" + r.message;
        fonts.add_chars(Fonts::kBody, utf8::decode(sync_status));  // messages may name files in any script
        fonts_dirty = true;
    } else {
        sync_status = std::string(tr(Str::SyncLast)) + " " + when + " · " + tr(Str::SyncReceived) + " " +
                      std::to_string(r.received) + " · " + tr(Str::SyncSent) + " " + std::to_string(r.sent);
    }
    if (r.received) refresh_from_store();
}


}  // namespace linli::gui
