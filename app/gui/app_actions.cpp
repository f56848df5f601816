// What the views ask the app to do: navigate, open a document or a drill, change the look, sync.
// Each queues its writes to the store writer and keeps the window's snapshot in step with them.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "app.h"
#include "content/utf8.h"

namespace linli::gui {
namespace {

int64_t now_seconds() { return static_cast<int64_t>(std::time(nullptr)); }

Lang lang_of(const std::string& key) { return key == "en" ? Lang::En : Lang::Zh; }

}  // namespace

App::App() {
    for (size_t i = 0; i < static_cast<size_t>(ViewId::Count); ++i) views_.push_back(view_table()[i].make());
}

App::~App() = default;

bool App::pressed(int key, int ctrl_alt_mods) const {
    for (const KeyPress& k : keys_this_frame)
        if (k.key == key && (k.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT)) == ctrl_alt_mods) return true;
    return false;
}

bool App::fullscreen() const { return window && glfwGetWindowMonitor(window); }

void App::set_fullscreen(bool on) {
    if (!window || on == fullscreen()) return;
    if (on) {
        auto& [x, y, w, h] = windowed_rect;
        glfwGetWindowPos(window, &x, &y);
        glfwGetWindowSize(window, &w, &h);
        GLFWmonitor* m = PresenterWindow::monitor_of(window);
        const GLFWvidmode* mode = glfwGetVideoMode(m);
        if (mode) glfwSetWindowMonitor(window, m, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        const auto& [x, y, w, h] = windowed_rect;
        glfwSetWindowMonitor(window, nullptr, x, y, std::max(w, 640), std::max(h, 480), 0);
    }
}

void History::push(const std::string& id) {
    if (pos >= 0 && ids[pos] == id) return;
    ids.resize(pos + 1);
    ids.push_back(id);
    pos = static_cast<int>(ids.size()) - 1;
}

const char* App::title(ViewId id) const {
    const ViewInfo& v = view_info(id);
    return strings.language() == Lang::Zh ? v.zh : v.en;
}

bool App::keyboard_taken() const {
    for (const auto& v : views_)
        if (v->takes_keyboard()) return true;
    return false;
}

void App::show(ViewId id, const Route& route) {
    if (view_info(id).place == Place::Overlay) {
        view(id).enter(*this, route);
        return;
    }
    if (id != current_) view(current_).leave(*this);
    current_ = id;
    view(id).enter(*this, route);
}

void App::open_document(const std::string& id, bool record_history) {
    const Document* doc = catalog.library.find(id);
    if (!doc) return;
    if (catalog.provisional) {  // its body and drill come with the load under way
        pending_open = id;
        return;
    }
    if (record_history) history.push(id);
    settings.last_doc = id;
    int64_t now = now_seconds();
    auto& p = progress.docs[id];
    if (p.doc_id.empty()) { p.doc_id = id; p.first_opened = now; }
    p.last_opened = now;
    progress_changed();
    if (store) store->write([id, now](ProgressStore& s) { s.mark_opened(id, now); });
    // A drill opens on its cover, never on its source, which holds the answers.
    show(doc->meta.kind == DocKind::Drill && catalog.drill(id) ? ViewId::drill : ViewId::reader, Route{id});
}

void App::start_drill(const std::string& id, bool fresh) {
    if (!catalog.drill(id)) return;
    Route r{id};
    r.fresh = fresh;
    r.play = true;
    show(ViewId::drill, r);
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
    std::string value = std::to_string(static_cast<int>(settings.text_size));
    progress.text_size = value;
    if (store) store->write([value](ProgressStore& s) { s.set_setting(setting_key::kTextSize, value); });
}

void App::set_theme(bool dark) {
    settings.dark = dark;
    theme.apply(dark, content_scale);
    progress.theme = dark ? "dark" : "light";
    if (store) store->write([dark](ProgressStore& s) { s.set_setting(setting_key::kTheme, dark ? "dark" : "light"); });
}

void App::set_language_key(const std::string& lang) {
    settings.lang = lang == "en" ? "en" : "zh";
    strings.set_language(lang_of(settings.lang));
    progress.language = settings.lang;
    if (store) store->write([l = settings.lang](ProgressStore& s) { s.set_setting(setting_key::kLanguage, l); });
}

void App::refresh_progress() {
    if (!store) return;
    std::vector<std::string> drills;
    for (const Drill& d : catalog.drills) drills.push_back(d.doc->meta.id);
    store->read<ProgressSnapshot>([drills](ProgressStore& s) { return read_snapshot(s, drills); },
                                  [this](ProgressSnapshot s) { apply_snapshot(std::move(s)); });
}

void App::apply_snapshot(ProgressSnapshot s) {
    // The reading position the reader tracks but has not saved yet stays as the reader has it.
    if (auto mine = progress.docs.find(current_id), theirs = s.docs.find(current_id);
        mine != progress.docs.end() && theirs != s.docs.end())
        theirs->second.position = mine->second.position;
    progress = std::move(s);
    progress_changed();
    // Settings that follow the learner across devices.
    if (progress.theme && (*progress.theme == "dark") != settings.dark) {
        settings.dark = *progress.theme == "dark";
        if (ImGui::GetCurrentContext()) theme.apply(settings.dark, content_scale);  // else start-up applies it
    }
    if (progress.language && *progress.language != settings.lang) {
        settings.lang = *progress.language == "en" ? "en" : "zh";
        strings.set_language(lang_of(settings.lang));
    }
    if (progress.text_size) {
        float size = std::clamp(std::strtof(progress.text_size->c_str(), nullptr), 12.0f, 36.0f);
        if (size != settings.text_size) {
            settings.text_size = size;
            fonts_dirty = fonts.size() > 0;  // at start-up the atlas is not built yet
        }
    }
    need_glyphs(progress.identity.name + progress.identity.cohort + progress.shared_path);
    sync.shared_path = progress.shared_path;
    sync.minutes = progress.sync_minutes;
}

void App::start_sync() {
    if (sync.shared_path.empty() || !store) return;
    sync.next = std::chrono::steady_clock::now() + std::chrono::minutes(sync.minutes);
    syncer.start(store->file(), sync.shared_path, [] { glfwPostEmptyEvent(); });
}

void App::after_sync(const SyncReport& r) {
    std::string when = fmt::format("{:%H:%M}", fmt::localtime(std::time(nullptr)));
    sync.failed = r.status != SyncReport::Ok;
    if (sync.failed)
        sync.status = fmt::format("{} {}：{}", tr(Str::SyncFailed), when, r.message);
    else
        sync.status = fmt::format("{} {} · {} {} · {} {}", tr(Str::SyncLast), when, tr(Str::SyncReceived), r.received,
                                  tr(Str::SyncSent), r.sent);
    need_glyphs(sync.status);  // messages may name files in any script
    if (r.received) refresh_progress();
    if (!sync.failed && !sync.shared_path.empty()) pack_offer.look(*this, sync.shared_path);
}

void App::need_glyphs(std::string_view utf8_text) {
    // Before the first bake the characters are simply included in it.
    if (!fonts.covers(utf8_text) && fonts.add_chars(Fonts::kBody, utf8::decode(utf8_text))) fonts_dirty |= fonts.size() > 0;
}

void App::report_error(const std::string& where, const std::string& what) {
    std::string line = where + ": " + what;
    std::fprintf(stderr, "linli: %s\n", line.c_str());
    if (errors.size() < 20) errors.push_back(line);
    need_glyphs(line);
}

}  // namespace linli::gui
