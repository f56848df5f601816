#include "pack_offer.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <fmt/format.h>

#include <cstdlib>

#include "app.h"
#include "editor/ed_strings.h"

namespace fs = std::filesystem;

namespace linli::gui {
namespace {

fs::path ledger_file(const App& app) { return app.paths.data_dir / "packs.json"; }

const char* kind_name(const App& app, const std::string& kind) {
    return eds(app, kind == "case" ? E::KindCase : kind == "drill" ? E::KindDrill : E::KindGuideline);
}

}  // namespace

void PackOffer::look(App& app, const fs::path& shared_file) {
    if (looking_.valid() || !offers_.empty()) return;  // one offer at a time
    looking_ = std::async(std::launch::async, [&app, shared_file, ledger = ledger_file(app)] {
        std::vector<Offer> found;
        PackLedger seen(ledger);
        for (const fs::path& file : packs_beside(shared_file)) {
            std::string sha;
            try {
                sha = file_sha256(file);
            } catch (const std::exception&) {
                continue;  // being copied in: the next sync sees it whole
            }
            if (seen.seen(sha)) continue;
            found.push_back({file, plan_import(file, app.catalog)});  // reads only the catalog, which waits for this
        }
        glfwPostEmptyEvent();  // Home shows the offer
        return found;
    });
}

void PackOffer::stop() {
    if (looking_.valid()) looking_.wait();
}

void PackOffer::take(App& app) {
    if (!looking_.valid() || looking_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    offers_ = looking_.get();
    if (std::getenv("LINLI_TRACE")) {  // what the end-to-end test waits for
        size_t added = 0;
        for (const Offer& o : offers_) added += o.plan.ok() ? o.plan.count(PackChange::Added) : 0;
        fmt::print(stderr, "trace: packs beside the shared file: {} new, {} documents to add\n", offers_.size(), added);
    }
    if (offers_.empty()) return;
    done_.clear();
    std::string text;  // the banner's own words are in the editor's list, baked with the UI
    for (const Offer& o : offers_) {
        text += o.file.filename().string() + o.plan.refusal;
        for (const PlannedDocument& d : o.plan.documents) text += d.title;
    }
    app.need_glyphs(text);
}

void PackOffer::answer(App& app, bool accept) {
    PackLedger ledger(ledger_file(app));
    size_t written = 0;
    std::string failed;
    for (const Offer& o : offers_) {
        const bool importable = accept && o.plan.ok();
        try {
            if (importable) written += apply_import(o.plan, app.paths.user_library, false).added.size();
            ledger.record(o.plan.sha256.empty() ? file_sha256(o.file) : o.plan.sha256, o.file.filename().string(),
                          importable ? PackOutcome::Imported : PackOutcome::Declined);
        } catch (const std::exception& e) {
            failed = e.what();
        }
    }
    offers_.clear();
    if (!failed.empty()) app.report_error("pack", failed);
    done_ = accept ? fmt::format(fmt::runtime(eds(app, E::OfferDone)), written) : "";
    app.need_glyphs(done_);
}

void PackOffer::draw(App& app) {
    take(app);
    if (offers_.empty()) {
        if (!done_.empty()) ImGui::TextColored(ImColor(app.palette().good), "%s", done_.c_str());
        return;
    }
    size_t added = 0;
    for (const Offer& o : offers_) added += o.plan.ok() ? o.plan.count(PackChange::Added) : 0;
    const Palette& p = app.palette();
    ImGui::PushStyleColor(ImGuiCol_Border, p.accent);
    ImGui::BeginChild("##pack-offer", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * float(3 + added + offers_.size())), true);
    ImGui::PushFont(app.fonts.h2);
    const std::string head = fmt::format(fmt::runtime(eds(app, E::OfferHead)), added);
    ImGui::TextUnformatted(head.c_str());
    ImGui::PopFont();
    for (const Offer& o : offers_) {
        if (!o.plan.ok()) {  // refused: said, and never imported
            ImGui::TextColored(ImColor(p.bad), "%s: %s", o.file.filename().string().c_str(), o.plan.refusal.c_str());
            continue;
        }
        for (const PlannedDocument& d : o.plan.documents)
            if (d.change == PackChange::Added) ImGui::BulletText("%s · %s", kind_name(app, d.kind), d.title.c_str());
    }
    if (added > 0 && ImGui::Button(eds(app, E::OfferImport))) answer(app, true);
    if (added > 0) ImGui::SameLine();
    if (ImGui::Button(eds(app, E::OfferDecline))) answer(app, false);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace linli::gui
