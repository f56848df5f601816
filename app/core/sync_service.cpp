#include "core/sync_service.h"

namespace linli {

SyncService::~SyncService() { wait(); }

void SyncService::wait() {
    if (worker_.joinable()) worker_.join();
}

bool SyncService::start(const std::filesystem::path& store_file, const std::filesystem::path& shared, std::function<void()> on_done) {
    if (running_.exchange(true)) return false;
    wait();
    worker_ = std::thread([this, store_file, shared, on_done] {
        SyncReport r;
        try {
            ProgressStore store(store_file);
            r = sync_shared(store, shared);
        } catch (const std::exception& e) {
            r.status = SyncReport::StoreError;
            r.message = e.what();
        } catch (...) {
            r.status = SyncReport::StoreError;
            r.message = "unknown failure";
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            report_ = std::move(r);
        }
        running_.store(false);
        if (on_done) on_done();
    });
    return true;
}

std::optional<SyncReport> SyncService::take_report() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto r = std::move(report_);
    report_.reset();
    return r;
}

}  // namespace linli
