// Where Linli keeps things: XDG data, config and cache folders (or one --data-dir for all), the
// user's own documents, and the bundled library next to the installed or built program.
#pragma once
#include <filesystem>
#include <optional>
#include <vector>

namespace linli {

struct AppPaths {
    std::filesystem::path data_dir;      // progress store
    std::filesystem::path config_dir;    // window and view settings
    std::filesystem::path cache_dir;     // search index
    std::filesystem::path user_library;  // the user's own documents

    // With data_dir_override every folder lives below it, so tests never touch the user's data.
    static AppPaths resolve(const std::optional<std::filesystem::path>& data_dir_override);
};

// The bundled document folders (content/ and cases/): installed under share/linli next to the
// program, or in the source tree for a build that is not installed.
std::vector<std::filesystem::path> bundled_library_dirs();

// The instructor's list of residents' names the privacy check flags (one per line, # comments):
// privacy-names.txt in the config folder.
std::filesystem::path private_names_file(const AppPaths& paths);

// Bundled folders, then the user's folder, then any extra --library folders.
std::vector<std::filesystem::path> library_roots(const AppPaths& paths,
                                                 const std::vector<std::filesystem::path>& extra);

}  // namespace linli
