#include "cohort_load.h"

#include <chrono>

namespace linli::gui {

void CohortLoad::start(const std::filesystem::path& path, const std::filesystem::path& scratch, const Catalog& catalog,
                       const CohortFilter& filter, std::function<void()> wake) {
    stop();
    read_ = std::make_shared<std::atomic<int64_t>>(0);
    total_ = std::make_shared<std::atomic<int64_t>>(0);
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    future_ = std::async(std::launch::async, [path, scratch, &catalog, filter, wake, read = read_, total = total_, cancel = cancel_] {
        auto r = std::make_unique<CohortResult>();
        r->path = path;
        try {
            r->snapshot = SharedSnapshot::open(path, scratch, SharedSnapshot::RowCheck::WhileReading);
            total->store(r->snapshot->event_count());
            // The progress bar moves ten times a second: a frame per 16,384 events would take the
            // second core from this worker for frames no one can tell apart.
            auto woken = std::chrono::steady_clock::now();
            r->report = build_cohort_report(shared_file_feed(*r->snapshot), catalog, filter, [&](int64_t n) {
                read->store(n);
                if (auto now = std::chrono::steady_clock::now(); wake && now - woken >= std::chrono::milliseconds(100)) {
                    woken = now;
                    wake();
                }
                return !cancel->load();
            });
        } catch (const std::exception& e) {
            r->error = e.what();
            r->snapshot.reset();
        }
        if (wake) wake();
        return r;
    });
}

void CohortLoad::stop() {
    if (!future_.valid()) return;
    cancel_->store(true);
    future_.wait();
    future_ = {};
}

float CohortLoad::fraction() const {
    if (!total_ || total_->load() <= 0) return 0;
    return std::min(1.0f, float(read_->load()) / float(total_->load()));
}

std::unique_ptr<CohortResult> CohortLoad::take() {
    if (!future_.valid() || future_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return nullptr;
    return future_.get();
}

void TimelineLoad::start(std::shared_ptr<SharedSnapshot> snapshot, const Catalog& catalog, const std::string& learner,
                         std::function<void()> wake) {
    stop();
    future_ = std::async(std::launch::async, [snapshot, &catalog, learner, wake] {
        std::vector<TimelineEntry> t;
        try {
            t = learner_timeline(shared_file_feed(*snapshot), catalog, learner);
        } catch (const std::exception& e) {
            t.push_back({0, e.what()});
        }
        if (wake) wake();
        return t;
    });
}

void TimelineLoad::stop() {
    if (future_.valid()) future_.wait();
    future_ = {};
}

std::optional<std::vector<TimelineEntry>> TimelineLoad::take() {
    if (!future_.valid() || future_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
    return future_.get();
}

}  // namespace linli::gui
