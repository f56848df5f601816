// The dashboard's report, computed on a worker so the window never waits: the shared file is
// copied and checked, then its events read in one pass, with the share read so far for a
// progress bar. The worker reads the catalog: stop() before the catalog changes.
#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "core/cohort.h"
#include "sync/shared_file.h"

namespace linli::gui {

struct CohortResult {
    std::filesystem::path path;
    CohortReport report;
    std::string error;  // the file was refused: why
    std::shared_ptr<SharedSnapshot> snapshot;  // kept open for the learners' timelines
};

class CohortLoad {
public:
    ~CohortLoad() { stop(); }
    // Starts reading `path` (`wake` is called from the worker when it is done).
    void start(const std::filesystem::path& path, const std::filesystem::path& scratch, const Catalog& catalog,
               const CohortFilter& filter, std::function<void()> wake);
    void stop();  // asks the worker to stop and waits for it
    bool running() const { return future_.valid(); }
    float fraction() const;  // 0..1 of the events read
    // The result once the worker is done (nullptr before, and after it was taken).
    std::unique_ptr<CohortResult> take();

private:
    std::future<std::unique_ptr<CohortResult>> future_;
    std::shared_ptr<std::atomic<int64_t>> read_, total_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

// One learner's timeline, read on a worker from an open snapshot.
class TimelineLoad {
public:
    ~TimelineLoad() { stop(); }
    void start(std::shared_ptr<SharedSnapshot> snapshot, const Catalog& catalog, const std::string& learner, std::function<void()> wake);
    void stop();
    bool running() const { return future_.valid(); }
    std::optional<std::vector<TimelineEntry>> take();

private:
    std::future<std::vector<TimelineEntry>> future_;
};

}  // namespace linli::gui
