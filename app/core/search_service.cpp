#include "core/search_service.h"

namespace linli {

SearchService::~SearchService() { stop(); }

void SearchService::stop() {
    if (worker_.joinable()) worker_.join();
    ready_.store(false);
    quick_ready_.store(false);
    index_.reset();
    quick_.reset();
    error_.clear();
}

void SearchService::start(const Library& lib, const std::filesystem::path& cache_dir, std::function<void()> on_ready) {
    stop();
    worker_ = std::thread([this, &lib, cache_dir, on_ready] {
        // A cold start (no index for this library yet): the titles first, in a fraction of the time.
        try {
            if (!std::filesystem::exists(SearchIndex::cache_path(lib, cache_dir)) && lib.documents().size() > 1000) {
                quick_ = SearchIndex::titles_only(lib);
                quick_->prepare_pinyin();
                quick_ready_.store(true);
                generation_.fetch_add(1);
                if (on_ready) on_ready();
            }
        } catch (...) {
            // the full index below is what counts
        }
        try {
            index_ = SearchIndex::cached(lib, cache_dir);
        } catch (const std::exception& e) {
            error_ = e.what();  // without a writable cache, search still works from memory
        } catch (...) {
            error_ = "unknown failure";
        }
        if (!index_) {
            try {
                index_ = SearchIndex::in_memory(lib);
            } catch (const std::exception& e) {
                error_ = e.what();
            } catch (...) {
                error_ = "unknown failure";
            }
        }
        try {
            if (index_) index_->prepare_pinyin();
        } catch (...) {
            // the first pinyin query looks them up instead
        }
        ready_.store(index_ != nullptr);
        generation_.fetch_add(1);
        if (on_ready) on_ready();
    });
}

}  // namespace linli
