// 编写: instructors write cases, drills and guidelines in the window. The Markdown source on the
// left (gui/editor/text_editor), checked as they type on a worker (core/lint_worker: the whole
// lint of one buffer, with the privacy check), the problems under it (a click jumps to the line);
// on the right the rendered preview, the drill's graph, or a trial play from the node under the
// cursor. Saving is atomic (core/editor_buffer); unsaved edits are asked about before they could be
// lost, and a file changed by another program is noticed.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "cases/doc_templates.h"
#include "content/privacy.h"
#include "core/editor_buffer.h"
#include "core/lint_worker.h"
#include "gui/app.h"
#include "gui/editor/drill_graph.h"
#include "gui/editor/ed_strings.h"
#include "gui/editor/pack_export_panel.h"
#include "gui/editor/text_editor.h"
#include "gui/editor/trial_play.h"

namespace fs = std::filesystem;

namespace linli::gui {
namespace {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string today() { return fmt::format("{:%Y-%m-%d}", fmt::localtime(std::time(nullptr))); }

// LINLI_TRACE=1: what the end-to-end test waits for (a lint's result, a jump, a trial's step).
template <typename... Args>
void trace_editor(fmt::format_string<Args...> f, Args&&... args) {
    if (std::getenv("LINLI_TRACE")) fmt::print(stderr, "trace: editor {}\n", fmt::format(f, std::forward<Args>(args)...));
}

bool inside(const fs::path& file, const fs::path& folder) {
    std::error_code ec;
    const fs::path f = fs::weakly_canonical(file, ec), d = fs::weakly_canonical(folder, ec);
    auto [a, b] = std::mismatch(d.begin(), d.end(), f.begin(), f.end());
    return a == d.end();
}

enum class Pane { Preview, Graph, Play };
constexpr const char* kPaneKeys[] = {"preview", "graph", "play"};  // as Settings::editor_pane keeps them

Pane pane_from_key(const std::string& key) {
    for (int i = 0; i < 3; ++i)
        if (key == kPaneKeys[i]) return Pane(i);
    return Pane::Preview;
}

class EditorView : public View {
public:
    std::string window_title(const App& app) const override {
        if (!buf_) return eds(app, E::Title);
        std::string t = fmt::format("{} · {}{}", eds(app, E::Title), buf_->path().filename().string(), buf_->dirty() ? " ●" : "");
        if (result_ && result_->revision == buf_->revision())  // what the check found, once it is current
            t += " · " + fmt::format(fmt::runtime(eds(app, E::Problems)), errors_, warnings_);
        return t;
    }

    void enter(App& app, const Route& route) override {
        names_ = read_name_list(private_names_file(app.paths));
        pane_ = pane_from_key(app.settings.editor_pane);
        if (!route.doc.empty()) guarded(app, [this, &app, id = route.doc] { open_id(app, id); });
    }

    void before_reload(App&) override { lint_.stop(); }
    // The benchmark's frames start once the first check of the open document is in.
    bool busy() const override { return buf_ && (!result_ || linting_); }
    void reloaded(App&) override { asked_ = 0; }  // lint again against the new library
    bool holds_close(App& app) override {
        if (!buf_ || !buf_->close_would_lose_edits()) return false;
        app.show(ViewId::editor);
        guard_ = [&app] { glfwSetWindowShouldClose(app.window, GLFW_TRUE); };
        return true;
    }

    void draw(App& app) override {
        take_lint(app);
        toolbar(app);
        if (!buf_) {
            ImGui::Spacing();
            app.text.text(eds(app, E::Empty), app.palette().muted);
        } else {
            notice_disk(app);
            shortcuts(app);
            body(app);
        }
        guard_modal(app);
        disk_modal(app);
        pack_export_.draw(app);
    }

private:
    // Runs `then` now, or once the instructor has saved or discarded the open document's edits.
    void guarded(App&, std::function<void()> then) {
        if (buf_ && buf_->close_would_lose_edits()) guard_ = std::move(then);
        else then();
    }

    void adopt(App& app, EditorBuffer b, fs::path root) {
        lint_.stop();  // a check of the document before: its revisions count from 1 as this one's do
        lint_.take();
        buf_ = std::make_unique<EditorBuffer>(std::move(b));
        root_ = std::move(root);
        app.need_glyphs(buf_->text());
        result_.reset();
        graph_.clear();
        preview_.reset();
        trial_.clear();
        asked_ = 0;
        save_error_.clear();
        editor_.jump_to_line(*buf_, 1);
    }

    void create(App& app, TemplateKind kind) {
        auto taken = [&](std::string_view id) { return app.catalog.library.find(id) || fs::exists(app.paths.user_library / (std::string(id) + ".md")); };
        const std::string id = new_document_id(kind, taken);
        const fs::path file = app.paths.user_library / (id + ".md");
        adopt(app, EditorBuffer::create(file, document_template(kind, id, default_title(kind), today())), app.paths.user_library);
    }

    void open_id(App& app, const std::string& id) {
        const Document* d = app.catalog.library.find(id);
        if (!d) return;
        try {
            adopt(app, EditorBuffer::open(d->path), d->root);
        } catch (const std::exception& e) {
            app.report_error("editor", e.what());
        }
    }

    // The documents the instructor may change: those of their own library and --library folders.
    // A bundled one opens (from the dashboard's graph) but is never written.
    bool writable(const App& app, const fs::path& file) const {
        if (inside(file, app.paths.user_library)) return true;
        for (const fs::path& extra : app.opts.libraries)
            if (inside(file, extra)) return true;
        return false;
    }
    bool writable(const App& app, const Document& d) const { return writable(app, d.path); }

    void toolbar(App& app) {
        if (ImGui::Button(eds(app, E::NewCase))) guarded(app, [this, &app] { create(app, TemplateKind::Case); });
        ImGui::SameLine();
        if (ImGui::Button(eds(app, E::NewDrill))) guarded(app, [this, &app] { create(app, TemplateKind::Drill); });
        ImGui::SameLine();
        if (ImGui::Button(eds(app, E::NewGuideline))) guarded(app, [this, &app] { create(app, TemplateKind::Guideline); });
        ImGui::SameLine();
        if (ImGui::Button(eds(app, E::OpenDoc))) {
            // Which documents are the instructor's, found once as the list opens (paths resolved
            // on disk: not for every document on every frame).
            own_docs_.clear();
            const auto& docs = app.catalog.library.documents();
            for (size_t i = 0; i < docs.size(); ++i)
                if (writable(app, docs[i])) own_docs_.push_back(docs[i].meta.id);
            ImGui::OpenPopup("##open-doc");
        }
        if (ImGui::BeginPopup("##open-doc")) {
            ImGui::TextDisabled("%s", eds(app, E::OpenHint));
            for (const std::string& id : own_docs_) {
                const Document* d = app.catalog.library.find(id);
                if (d && ImGui::Selectable(fmt::format("{}  ({})", d->meta.title, id).c_str())) guarded(app, [this, &app, id] { open_id(app, id); });
            }
            if (own_docs_.empty()) ImGui::TextUnformatted(eds(app, E::NoOwnDocs));
            ImGui::EndPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(eds(app, E::ExportPack))) pack_export_.open(app);
        if (!buf_) return;
        ImGui::SameLine();
        if (ImGui::Button(fmt::format("{}  (Ctrl+S)", eds(app, E::Save)).c_str())) save(app);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", buf_->path().string().c_str());
        ImGui::SameLine();
        if (buf_->dirty()) ImGui::TextColored(ImColor(app.palette().fair), "%s", eds(app, E::Unsaved));
        else ImGui::TextColored(ImColor(app.palette().good), "%s", eds(app, E::Saved));
        if (!save_error_.empty()) ImGui::TextColored(ImColor(app.palette().bad), "%s", save_error_.c_str());
    }

    void save(App& app) {
        if (!writable(app, buf_->path())) {
            save_error_ = eds(app, E::ReadOnly);
            return;
        }
        try {
            buf_->save();
            trace_editor("saved {}", buf_->path().string());
            app.take_in_saved_file(buf_->path());  // this document alone, not a load of the library
            save_error_.clear();
            disk_answered_ = EditorBuffer::DiskState::Same;
        } catch (const std::exception& e) {
            save_error_ = fmt::format(fmt::runtime(eds(app, E::SaveFailed)), e.what());
            app.need_glyphs(save_error_);
        }
    }

    void shortcuts(App& app) {
        if (app.pressed(GLFW_KEY_S, GLFW_MOD_CONTROL)) save(app);
        if (app.pressed(GLFW_KEY_F, GLFW_MOD_CONTROL)) {
            find_open_ = true;
            focus_find_ = true;
        }
    }

    void body(App& app) {
        const float gap = ImGui::GetStyle().ItemSpacing.x;
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float left_w = std::floor(avail.x * 0.55f);
        ImGui::BeginGroup();
        if (find_open_) find_bar(app, left_w);
        const float problems_h = ImGui::GetTextLineHeightWithSpacing() * 6;
        const float editor_h = std::max(ImGui::GetFontSize() * 6, ImGui::GetContentRegionAvail().y - problems_h - gap);
        if (app.bench_scroll >= 0 && pane_ == Pane::Preview)  // --frame-stats: the caret walks through the text
            editor_.jump_to_line(*buf_, 1 + int(app.bench_scroll * float(buf_->line_count() - 1)));
        editor_.draw("##source", *buf_, ImVec2(left_w, editor_h), app, now_ms());
        ask_lint(app);
        problems(app, ImVec2(left_w, problems_h));
        ImGui::EndGroup();
        ImGui::SameLine();
        ImGui::BeginGroup();
        right_pane(app, ImVec2(avail.x - left_w - gap, avail.y));
        ImGui::EndGroup();
    }

    void find_bar(App& app, float width) {
        ImGui::SetNextItemWidth(width * 0.5f);
        if (focus_find_) ImGui::SetKeyboardFocusHere();
        focus_find_ = false;
        const bool enter = ImGui::InputTextWithHint("##find", eds(app, E::Find), find_, sizeof find_, ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::IsItemActive()) app.need_glyphs(find_);
        ImGui::SameLine();
        const std::string_view needle(find_);
        if ((ImGui::Button(eds(app, E::FindNext)) || enter) && !needle.empty()) {
            if (auto at = buf_->find_next(needle, editor_.cursor() + 1)) editor_.select(*at, *at + needle.size());
        }
        ImGui::SameLine();
        if (!needle.empty()) ImGui::TextDisabled("%s", fmt::format(fmt::runtime(eds(app, E::FindCount)), buf_->count(needle)).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("×") || app.pressed(GLFW_KEY_ESCAPE)) find_open_ = false;
    }

    // The buffer's text goes to the worker whenever it changed since the last request.
    void ask_lint(App& app) {
        if (asked_ == buf_->revision() + 1) return;  // +1: revision 0 is a real revision
        asked_ = buf_->revision() + 1;
        LintWorker::Request r;
        r.revision = buf_->revision();
        r.text = buf_->text();
        r.path = buf_->path();
        r.root = root_;
        r.library = &app.catalog.library;
        r.options.private_names = names_;
        lint_.request(std::move(r), [] { glfwPostEmptyEvent(); });
        linting_ = true;
    }

    void take_lint(App& app) {
        std::unique_ptr<LintResult> r = lint_.take();
        if (!r || !buf_) return;
        linting_ = r->revision != buf_->revision();
        result_ = std::shared_ptr<const LintResult>(std::move(r));
        errors_ = warnings_ = 0;
        marks_.clear();
        for (const Diagnostic& d : result_->lint.diagnostics) {
            (d.severity == Severity::Error ? errors_ : warnings_)++;
            app.need_glyphs(d.message);
            marks_.emplace_back(d.line, d.severity == Severity::Error ? app.palette().bad : app.palette().fair);
        }
        editor_.set_marks(marks_);
        trace_editor("lint of revision {}: {} errors, {} warnings in {:.1f} ms", result_->revision, errors_, warnings_, result_->ms);
        preview_.reset();  // rebuilt from the new parse when shown
        graph_stale_ = true;
    }

    void problems(App& app, ImVec2 size) {
        if (!ImGui::BeginChild("##problems", size, true)) {
            ImGui::EndChild();
            return;
        }
        const Palette& p = app.palette();
        if (!result_ || linting_) ImGui::TextDisabled("%s", eds(app, E::Checking));
        if (result_) {
            const auto& ds = result_->lint.diagnostics;
            if (ds.empty()) ImGui::TextColored(ImColor(p.good), "%s", fmt::format(fmt::runtime(eds(app, E::CheckedClean)), result_->ms).c_str());
            else ImGui::TextUnformatted(fmt::format(fmt::runtime(eds(app, E::Problems)), errors_, warnings_).c_str());
            const bool en = app.strings.language() == Lang::En;
            for (size_t i = 0; i < ds.size(); ++i) {
                const Diagnostic& d = ds[i];
                ImGui::PushID(int(i));
                ImGui::PushStyleColor(ImGuiCol_Text, d.severity == Severity::Error ? p.bad : p.fair);
                const std::string label = fmt::format("{}:{}  {}", d.line, d.col, en && !d.message_en.empty() ? d.message_en : d.message);
                if (ImGui::Selectable(label.c_str())) jump(d.line);
                ImGui::PopStyleColor();
                ImGui::PopID();
            }
            fix_private(app);
        }
        ImGui::EndChild();
    }

    // One click: every resident's detail the privacy check found, replaced (an undoable step).
    void fix_private(App& app) {
        if (result_->lint.private_details == 0 || !ImGui::Button(eds(app, E::FixPrivate))) return;
        // Found again on the click, in the text as it is now (the check's may be a keystroke old).
        const auto findings = find_private_details(buf_->text(), names_);
        for (auto it = findings.rbegin(); it != findings.rend(); ++it) buf_->replace(it->offset, it->length, it->replacement, now_ms());
    }

    void right_pane(App& app, ImVec2 size) {
        const bool drill = result_ && result_->lint.drill;
        auto tab = [&](Pane p, E label) {
            ImGui::SameLine();
            if (ImGui::RadioButton(eds(app, label), pane_ == p)) {
                pane_ = p;
                app.settings.editor_pane = kPaneKeys[int(p)];
            }
        };
        ImGui::NewLine();
        tab(Pane::Preview, E::Preview);
        if (drill) {
            tab(Pane::Graph, E::Graph);
            tab(Pane::Play, E::Play);
        }
        const Pane shown = drill ? pane_ : Pane::Preview;  // the choice stays for the next drill
        const ImVec2 rest(size.x, ImGui::GetContentRegionAvail().y);
        if (shown == Pane::Preview) preview(app, rest);
        else if (shown == Pane::Graph) graph(app, rest);
        else play(app, rest);
    }

    void preview(App& app, ImVec2 size) {
        ImGui::BeginChild("##preview", size, true);
        if (result_ && result_->lint.doc) {
            if (!preview_ || preview_for_ != result_.get()) {
                preview_ = std::make_unique<MarkdownView>(*result_->lint.doc, app.images, app.palette());
                preview_for_ = result_.get();
                preview_result_ = result_;  // the view points into this result's document
            }
            preview_->draw(app.fonts, [](const Link&) {});
        } else if (!result_) {
            ImGui::TextDisabled("%s", eds(app, E::Checking));
        }
        ImGui::EndChild();
    }

    void graph(App& app, ImVec2 size) {
        if (graph_stale_ && result_ && result_->lint.drill) {
            graph_.set(app, *result_->lint.drill, result_->lint.marks.get(), result_->lint.diagnostics);
            graph_result_ = result_;  // the graph points into this result's drill
            graph_stale_ = false;
            overlay_for_ = -1;
        }
        if (graph_.empty()) {
            ImGui::TextDisabled("%s", eds(app, E::NoDrill));
            return;
        }
        cohort_overlay(app);
        if (app.bench_scroll >= 0) graph_.pan_to(app.bench_scroll);  // --frame-stats: down through the graph
        const int clicked = graph_.draw(app, size);
        if (clicked >= 0) jump(graph_result_->lint.drill->nodes[size_t(clicked)].line);
    }

    void jump(int line) {
        editor_.jump_to_line(*buf_, line);
        trace_editor("jumped to line {}", line);
    }

    // The cohort's item analysis of this drill (from the dashboard), as edge thickness.
    void cohort_overlay(App& app) {
        const Drill& d = *graph_result_->lint.drill;
        const DrillAnalysis* a = nullptr;
        for (const DrillAnalysis& x : app.cohort_drills)
            if (x.drill_id == d.doc->meta.id) a = &x;
        if (!a) return;
        if (ImGui::Checkbox(eds(app, E::Overlay), &overlay_on_)) overlay_for_ = -1;
        ImGui::SameLine();
        ImGui::TextDisabled("%s", fmt::format(fmt::runtime(eds(app, E::OverlayHint)), a->learners).c_str());
        if (overlay_for_ == app.cohort_generation) return;
        overlay_for_ = app.cohort_generation;
        std::vector<std::vector<int>> takers;
        if (overlay_on_) {
            takers.assign(d.nodes.size(), {});
            for (const NodeTally& n : a->nodes) {
                const int i = d.find_node(n.node_id);
                if (i < 0) continue;
                for (const ChoiceTally& c : n.choices) takers[size_t(i)].push_back(c.first + c.later);
            }
        }
        graph_.set_overlay(std::move(takers));
    }

    // The node whose section holds the cursor: the last node heading at or above its line.
    int node_at_cursor() const {
        const Drill& d = *result_->lint.drill;
        int best = 0, best_line = 0;
        for (size_t i = 0; i < d.nodes.size(); ++i)
            if (d.nodes[i].line <= editor_.cursor_line() && d.nodes[i].line >= best_line) best = int(i), best_line = d.nodes[i].line;
        return best;
    }

    void play(App& app, ImVec2 size) {
        ImGui::BeginChild("##trial", size, true);
        if (ImGui::Button(eds(app, E::PlayFromHere))) trial_.prepare(result_, node_at_cursor());
        trial_.draw(app);
        ImGui::EndChild();
    }

    // Another program changed the file: asked at most twice a second, in frames drawn anyway (the
    // folder watcher wakes the window when a library file changes).
    void notice_disk(App& app) {
        const int64_t now = now_ms();
        if (disk_prompt_ || buf_->path().empty()) return;
        if (now - disk_checked_ < 500) {  // one more frame then, or a change in this burst would wait for input
            app.redraw_at(std::chrono::steady_clock::now() + std::chrono::milliseconds(500 - (now - disk_checked_)));
            return;
        }
        disk_checked_ = now;
        auto state = buf_->check_disk();
        if (state == EditorBuffer::DiskState::Same || state == disk_answered_) return;
        disk_state_ = state;
        if (state == EditorBuffer::DiskState::Changed && !buf_->dirty()) {
            buf_->reload();  // nothing of ours to lose
            trace_editor("reloaded {} from disk", buf_->path().filename().string());
            return;
        }
        trace_editor("asks: {} changed on disk", buf_->path().filename().string());
        disk_prompt_ = true;
        ImGui::OpenPopup("##disk");
    }

    void guard_modal(App& app) {
        if (guard_ && !ImGui::IsPopupOpen("##guard")) {
            ImGui::OpenPopup("##guard");
            trace_editor("asks: unsaved edits");
        }
        if (!ImGui::BeginPopupModal("##guard", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
        ImGui::TextUnformatted(eds(app, E::GuardTitle));
        ImGui::TextUnformatted(fmt::format(fmt::runtime(eds(app, E::GuardText)), buf_ ? buf_->path().filename().string() : "").c_str());
        auto finish = [&](bool go) {
            auto then = std::move(guard_);
            guard_ = nullptr;
            ImGui::CloseCurrentPopup();
            if (go && then) then();
        };
        if (ImGui::Button(eds(app, E::SaveFirst))) {
            save(app);
            finish(buf_ && !buf_->dirty());
        }
        ImGui::SameLine();
        if (ImGui::Button(eds(app, E::Discard))) {
            buf_.reset();  // what `then` opens replaces it; closing the window loses nothing else
            finish(true);
        }
        ImGui::SameLine();
        if (ImGui::Button(eds(app, E::Cancel)) || app.pressed(GLFW_KEY_ESCAPE)) finish(false);
        ImGui::EndPopup();
    }

    void disk_modal(App& app) {
        if (!ImGui::BeginPopupModal("##disk", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
        const std::string name = buf_ ? buf_->path().filename().string() : "";
        ImGui::TextUnformatted(eds(app, E::DiskTitle));
        const bool deleted = disk_state_ == EditorBuffer::DiskState::Deleted;
        ImGui::TextUnformatted(fmt::format(fmt::runtime(eds(app, deleted ? E::DiskDeleted : E::DiskText)), name).c_str());
        auto close = [&] {
            disk_prompt_ = false;
            ImGui::CloseCurrentPopup();
        };
        if (!deleted && ImGui::Button(eds(app, E::Reload))) {
            try {
                buf_->reload();
                disk_answered_ = EditorBuffer::DiskState::Same;
            } catch (const std::exception& e) {
                app.report_error("editor", e.what());
            }
            close();
        }
        if (!deleted) ImGui::SameLine();
        if (ImGui::Button(eds(app, E::KeepMine))) {
            disk_answered_ = disk_state_;  // not asked again until it changes once more or we save
            close();
        }
        ImGui::EndPopup();
    }

    std::unique_ptr<EditorBuffer> buf_;
    fs::path root_;
    std::vector<std::string> names_;  // privacy-names.txt
    std::vector<std::string> own_docs_;  // ids the open-document list shows
    TextEditor editor_;
    LintWorker lint_;
    uint64_t asked_ = 0;  // the revision + 1 last sent to the worker
    bool linting_ = false;
    std::shared_ptr<const LintResult> result_, preview_result_, graph_result_;
    int errors_ = 0, warnings_ = 0;
    std::vector<std::pair<int, ImU32>> marks_;
    std::unique_ptr<MarkdownView> preview_;
    const LintResult* preview_for_ = nullptr;
    DrillGraph graph_;
    bool graph_stale_ = true;
    bool overlay_on_ = true;
    int overlay_for_ = -1;  // the cohort generation the overlay was made from
    TrialPlay trial_;
    PackExportPanel pack_export_;
    Pane pane_ = Pane::Preview;
    char find_[256] = {};
    bool find_open_ = false, focus_find_ = false;
    std::function<void()> guard_;
    std::string save_error_;
    int64_t disk_checked_ = 0;
    bool disk_prompt_ = false;
    EditorBuffer::DiskState disk_state_ = EditorBuffer::DiskState::Same, disk_answered_ = EditorBuffer::DiskState::Same;
};

}  // namespace

LINLI_DEFINE_VIEW(EditorView)

}  // namespace linli::gui
