// Builds or loads the search index on a background thread so the first frame never waits for it.
#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "content/search.h"

namespace linli {

class SearchService {
public:
    ~SearchService();
    // on_ready runs on the worker thread when the index is usable (e.g. to wake the event loop).
    void start(const Library& lib, const std::filesystem::path& cache_dir, std::function<void()> on_ready);
    // Waits for the worker and drops the index (before the library it indexes changes).
    void stop();
    // The index once ready; before that, on a cold start (no index file yet), an index of the titles
    // built first; else nullptr. Only the UI thread queries them; both live until stop().
    SearchIndex* index() { return ready_.load() ? index_.get() : quick_ready_.load() ? quick_.get() : nullptr; }
    bool complete() const { return ready_.load(); }  // the full index is in (not the titles only)
    // Counts the indexes made ready: a view that searched with an older one searches again.
    uint64_t generation() const { return generation_.load(); }
    const std::string& error() const { return error_; }

private:
    std::thread worker_;
    std::unique_ptr<SearchIndex> index_, quick_;
    std::atomic<bool> ready_{false}, quick_ready_{false};
    std::atomic<uint64_t> generation_{0};
    std::string error_;
};

}  // namespace linli
