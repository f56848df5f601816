// What `linli report` and `linli export xapi` share: the shared file a cohort syncs to, opened as a
// verified copy (a damaged or foreign file is refused with its reason), and the library its ids
// name.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "options.h"
#include "sync/shared_file.h"

namespace linli::cli {

struct CohortSource {
    std::filesystem::path path;  // the shared file as given (or as chosen for sync before)
    std::unique_ptr<SharedSnapshot> snapshot;
};

// `shared` empty: the file this device syncs with (Settings, `linli sync --shared`). Null after
// saying why on stderr ("linli COMMAND: …"), e.g. no file given, or a refused file.
std::optional<CohortSource> open_cohort_source(const Options& opts, const std::string& shared, const char* command);

}  // namespace linli::cli
