// Reader: the document with its metadata, links that open other documents, back/forward, and the
// documents that link here. Tracks the reading position and whether it was read to the end.
// Drills never open here (their source holds the answers) unless an instructor asks for the
// source from the drill's cover.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/format.h>

#include <ctime>
#include <map>

#include "gui/app.h"
#include "gui/markdown_view.h"

namespace linli::gui {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

class ReaderView : public View {
public:
    void enter(App& app, const Route& route) override {
        if (!doc_id_.empty() && doc_id_ != route.doc) save_position(app);
        doc_id_ = route.doc;
        app.current_id = route.doc;
        scroll_restore_ = true;
        meta_for_.clear();
    }
    void leave(App& app) override { save_position(app); }
    void reloaded(App& app) override {
        views_.clear();  // they point into the old documents
        meta_for_.clear();
        scroll_restore_ = true;
        if (app.current_view() == ViewId::reader && !app.catalog.library.find(doc_id_)) app.show(ViewId::library);
    }
    std::string window_title(const App& app) const override {
        const Document* d = app.catalog.library.find(doc_id_);
        return d ? d->meta.title : std::string();
    }

    void draw(App& app) override {
        const Document* doc = app.catalog.library.find(doc_id_);
        if (!doc) {
            ImGui::TextDisabled("%s", app.tr(Str::NoDocument));
            return;
        }
        draw_header(app, *doc);
        ImGui::BeginChild("##doc", ImVec2(0, 0), false);
        // The body usually opens with its title as a heading; when it does not, show the title.
        bool body_has_title = !doc->blocks.empty() && doc->blocks.front().kind == BlockKind::Heading && doc->blocks.front().level == 1;
        if (!body_has_title) {
            ImGui::PushFont(app.fonts.h1);
            app.text.text(doc->meta.title, app.palette().text);
            ImGui::PopFont();
        }
        std::string target;
        view_for(app, *doc).draw(app.fonts, [&](const Link& l) { target = l.target_id; });
        draw_backlinks(app, *doc);
        track_position(app, *doc);
        ImGui::EndChild();
        if (!target.empty()) app.open_document(target);  // after the frame's use of the current document
    }

private:
    MarkdownView& view_for(App& app, const Document& doc) {
        Laid& v = views_[doc.meta.id];
        if (!v.view) {
            v.doc = app.catalog.library.whole(app.catalog.library.index_of(doc.meta.id));  // its body, read once
            v.view = std::make_unique<MarkdownView>(*v.doc, app.images, app.palette());
        }
        return *v.view;
    }

    void save_position(App& app) {
        auto it = app.progress.docs.find(doc_id_);
        if (!app.store || it == app.progress.docs.end()) return;
        double pos = it->second.position;
        app.store->write([id = doc_id_, pos](ProgressStore& s) { s.save_position(id, pos); });
    }

    void draw_header(App& app, const Document& doc) {
        ImGui::BeginDisabled(!app.history.can_back());
        if (ImGui::Button(fmt::format("← {}", app.tr(Str::Back)).c_str())) app.go_back();
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!app.history.can_forward());
        if (ImGui::Button(fmt::format("{} →", app.tr(Str::Forward)).c_str())) app.go_forward();
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (doc.meta.kind == DocKind::Drill && app.catalog.drill(doc.meta.id)) {
            // The instructor's source view: back to the cover, which is where the drill starts.
            if (ImGui::Button(app.tr(Str::CoverSourceHide))) app.open_document(doc.meta.id, false);
            ImGui::SameLine();
        }
        auto it = app.progress.docs.find(doc.meta.id);
        if (it != app.progress.docs.end() && it->second.finished_at > 0) {
            ImGui::PushStyleColor(ImGuiCol_Text, app.palette().accent);
            ImGui::TextUnformatted(fmt::format("✓ {}", app.tr(Str::MarkedRead)).c_str());
            ImGui::PopStyleColor();
        }
        if (meta_for_ != doc.meta.id || meta_lang_ != app.strings.language()) {
            meta_for_ = doc.meta.id;
            meta_lang_ = app.strings.language();
            meta_ = app.tr(doc.meta.kind == DocKind::Guideline ? Str::KindGuideline : doc.meta.kind == DocKind::Case ? Str::KindCase : Str::KindDrill);
            if (!doc.meta.updated.empty()) meta_ += fmt::format(" · {} {}", app.tr(Str::Updated), doc.meta.updated);
            if (!doc.meta.tags.empty()) meta_ += fmt::format(" · {}：{}", app.tr(Str::Tags), join(doc.meta.tags, "、"));
            if (!doc.meta.stakeholders.empty()) meta_ += fmt::format(" · {}：{}", app.tr(Str::Stakeholders), join(doc.meta.stakeholders, "、"));
        }
        app.text.text(meta_, app.palette().muted);
    }

    void draw_backlinks(App& app, const Document& doc) {
        ImGui::Separator();
        ImGui::PushFont(app.fonts.bold);
        ImGui::TextUnformatted(app.tr(Str::LinkedFrom));
        ImGui::PopFont();
        const Library& lib = app.catalog.library;
        const auto& back = lib.backlinks(lib.index_of(doc.meta.id));
        if (back.empty()) ImGui::TextDisabled("%s", app.tr(Str::NotLinked));
        for (int i : back) {
            const Document& from = lib.documents()[i];
            ImGui::PushID(i);
            if (ImGui::Selectable(from.meta.title.c_str())) app.open_document(from.meta.id);
            ImGui::PopID();
        }
        ImGui::Dummy(ImVec2(0, app.fonts.size()));
    }

    // Reading position: restored once the layout is known, tracked as a fraction of the height.
    void track_position(App& app, const Document& doc) {
        float max = ImGui::GetScrollMaxY();
        auto& p = app.progress.docs[doc.meta.id];
        if (app.bench_scroll >= 0) {
            ImGui::SetScrollY(app.bench_scroll * max);
        } else if (scroll_restore_) {
            ImGui::SetScrollY(static_cast<float>(p.position) * max);
            scroll_restore_ = false;
        } else {
            p.position = max > 0 ? ImGui::GetScrollY() / max : 1.0;
            if (p.finished_at == 0 && ImGui::GetScrollY() >= max - 2) {
                p.finished_at = std::time(nullptr);
                app.progress_changed();
                if (app.store) app.store->write([id = doc.meta.id, at = p.finished_at](ProgressStore& s) { s.mark_finished(id, at); });
            }
        }
    }

    std::string doc_id_;
    bool scroll_restore_ = false;
    struct Laid {
        std::shared_ptr<const Document> doc;  // whole: the view points into its blocks
        std::unique_ptr<MarkdownView> view;
    };
    std::map<std::string, Laid> views_;  // laid-out documents, by id
    std::string meta_for_, meta_;
    Lang meta_lang_ = Lang::Zh;
};

}  // namespace

LINLI_DEFINE_VIEW(ReaderView)

}  // namespace linli::gui
