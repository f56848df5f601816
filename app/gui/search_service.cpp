#include "search_service.h"

namespace linli::gui {

SearchService::~SearchService() {
    if (worker_.joinable()) worker_.join();
}

void SearchService::start(const Library& lib, const std::filesystem::path& cache_dir, std::function<void()> on_ready) {
    worker_ = std::thread([this, &lib, cache_dir, on_ready] {
        try {
            index_ = SearchIndex::cached(lib, cache_dir);
        } catch (const std::exception& e) {
            // Without a writable cache, search still works from memory.
            error_ = e.what();
            index_ = SearchIndex::in_memory(lib);
        }
        ready_.store(true);
        if (on_ready) on_ready();
    });
}

}  // namespace linli::gui
