// Home: continue reading, what is new, and what the library holds.
#include <imgui.h>

#include <fmt/format.h>

#include <algorithm>

#include "gui/app.h"

namespace linli::gui {
namespace {

class HomeView : public View {
public:
    void draw(App& app) override {
        derive(app);
        ImGui::PushFont(app.fonts.h1);
        ImGui::TextUnformatted(app.tr(Str::AppTitle));
        ImGui::PopFont();
        app.pack_offer.draw(app);
        app.text.text(app.tr(Str::HomeWelcome), app.palette().text);

        heading(app, Str::HomeContinue);
        if (last_) {
            if (doc_button(app, *last_, last_extra_)) app.open_document(last_->meta.id);
        } else {
            ImGui::TextDisabled("%s", app.tr(Str::HomeContinueNone));
        }
        heading(app, Str::HomeNew);
        for (const Document* d : recent_)
            if (doc_button(app, *d, d->meta.summary)) app.open_document(d->meta.id);

        heading(app, Str::HomeCounts);
        const Library& lib = app.catalog.library;
        ImGui::Text("%s %zu · %s %zu · %s %zu", app.tr(Str::KindGuideline), lib.count(DocKind::Guideline),
                    app.tr(Str::KindCase), lib.count(DocKind::Case), app.tr(Str::KindDrill), lib.count(DocKind::Drill));
        ImGui::Text("%zu %s · %s %zu", lib.documents().size(), app.tr(Str::Documents), app.tr(Str::ReadCount), finished_);
        if (!app.catalog.problems.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, app.palette().emphasis);
            ImGui::Text("%s: %zu", app.title(ViewId::problems), app.catalog.problems.size());
            ImGui::PopStyleColor();
        }
    }

    std::optional<std::string> first_frame_text(const App& app) override {
        derive(app);
        std::string text;
        if (last_) text += last_->meta.title;
        for (const Document* d : recent_) text += d->meta.title + d->meta.summary;
        return text;
    }

private:
    // The five most recent documents depend on the library; what to continue and the read count
    // on the progress. Each is found again only when its source changes.
    void derive(const App& app) {
        if (recent_for_ != app.library_generation) {
            recent_.clear();
            for (const Document& d : app.catalog.library.documents()) recent_.push_back(&d);
            size_t n = std::min<size_t>(5, recent_.size());
            std::partial_sort(recent_.begin(), recent_.begin() + n, recent_.end(),
                              [](auto* a, auto* b) { return a->meta.updated > b->meta.updated; });
            recent_.resize(n);
            recent_for_ = app.library_generation;
            progress_for_ = -1;
        }
        if (progress_for_ == app.progress_version) return;
        progress_for_ = app.progress_version;
        last_ = nullptr;
        finished_ = 0;
        int64_t newest = -1;
        double position = 0;
        for (const auto& [id, p] : app.progress.docs) {
            const Document* d = app.catalog.library.find(id);
            if (!d) continue;
            finished_ += p.finished_at > 0;
            if (p.last_opened > newest) { newest = p.last_opened; last_ = d; position = p.position; }
        }
        last_extra_ = fmt::format("{}%", static_cast<int>(position * 100));
    }

    static void heading(App& app, Str s) {
        ImGui::Spacing();
        ImGui::PushFont(app.fonts.h2);
        ImGui::TextUnformatted(app.tr(s));
        ImGui::PopFont();
    }

    static bool doc_button(App& app, const Document& d, const std::string& extra) {
        ImGui::PushID(d.meta.id.c_str());
        bool clicked = ImGui::Selectable(d.meta.title.c_str());
        ImGui::PopID();
        ImGui::Indent();
        if (!extra.empty()) app.text.text(extra, app.palette().muted);
        ImGui::Unindent();
        return clicked;
    }

    int recent_for_ = -1, progress_for_ = -1;
    std::vector<const Document*> recent_;
    const Document* last_ = nullptr;
    std::string last_extra_;
    size_t finished_ = 0;
};

}  // namespace

LINLI_DEFINE_VIEW(HomeView)

}  // namespace linli::gui
