#include "content/paths.h"

#include <cstdlib>
#include <system_error>

namespace fs = std::filesystem;

namespace linli {
namespace {

fs::path xdg(const char* var, const char* fallback_under_home) {
    if (const char* v = std::getenv(var); v && *v && fs::path(v).is_absolute()) return fs::path(v) / "linli";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/tmp") / fallback_under_home / "linli";
}

}  // namespace

AppPaths AppPaths::resolve(const std::optional<fs::path>& override_dir) {
    AppPaths p;
    if (override_dir) {
        fs::path base = fs::absolute(*override_dir);
        p = {base, base / "config", base / "cache", base / "library"};
    } else {
        p.data_dir = xdg("XDG_DATA_HOME", ".local/share");
        p.config_dir = xdg("XDG_CONFIG_HOME", ".config");
        p.cache_dir = xdg("XDG_CACHE_HOME", ".cache");
        p.user_library = p.data_dir / "library";
    }
    return p;
}

std::vector<fs::path> bundled_library_dirs() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path installed = exe.parent_path().parent_path() / "share" / "linli";
        if (fs::is_directory(installed / "content", ec)) return {installed / "content", installed / "cases"};
    }
    fs::path src = LINLI_SOURCE_DIR;
    return {src / "content", src / "cases"};
}

std::vector<fs::path> library_roots(const AppPaths& paths, const std::vector<fs::path>& extra) {
    std::vector<fs::path> roots = bundled_library_dirs();
    roots.push_back(paths.user_library);
    roots.insert(roots.end(), extra.begin(), extra.end());
    return roots;
}

std::filesystem::path private_names_file(const AppPaths& paths) { return paths.config_dir / "privacy-names.txt"; }

}  // namespace linli
