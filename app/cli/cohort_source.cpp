#include "cohort_source.h"

#include <fmt/format.h>

#include "content/paths.h"
#include "sync/keys.h"
#include "sync/progress_store.h"

namespace linli::cli {

std::optional<CohortSource> open_cohort_source(const Options& opts, const std::string& shared, const char* command) {
    AppPaths paths = AppPaths::resolve(opts.data_dir);
    CohortSource src;
    src.path = shared;
    if (src.path.empty()) {
        std::error_code ec;
        if (std::filesystem::exists(paths.data_dir / kProgressFileName, ec)) {
            try {
                ProgressStore store(paths.data_dir / kProgressFileName);
                src.path = store.meta(meta_key::kSyncPath).value_or("");
            } catch (const std::exception& e) {
                fmt::print(stderr, "linli {}: 本机进度无法打开 (the local progress store cannot be opened): {}\n", command, e.what());
                return std::nullopt;
            }
        }
    }
    if (src.path.empty()) {
        fmt::print(stderr, "linli {}: 没有指定共享文件（--shared PATH），本机也没有设置同步 · no shared file given (--shared PATH) and none set for sync\n",
                   command);
        return std::nullopt;
    }
    try {
        src.snapshot = SharedSnapshot::open(src.path, paths.cache_dir / "cohort", SharedSnapshot::RowCheck::WhileReading);
    } catch (const SharedFileError& e) {
        fmt::print(stderr, "linli {}: 共享文件不能用 (the shared file was refused): {}\n", command, e.what());
        return std::nullopt;
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli {}: {}: {}\n", command, src.path.string(), e.what());
        return std::nullopt;
    }
    return src;
}

}  // namespace linli::cli
