#include "sync/sync_folder.h"

#include <algorithm>
#include <regex>

#include "sync/shared_file.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

std::string escape(const std::string& s) {
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    return std::regex_replace(s, special, R"(\$&)");
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

SideFile classify_side_file(const std::string& name, const std::string& shared_name) {
    if (name.rfind(shared_name + ".lock", 0) == 0 || is_publish_temp(name, shared_name)) return SideFile::Ours;
    // Sync clients' files in progress.
    if (name.rfind(".syncthing.", 0) == 0 || name.rfind("~syncthing~", 0) == 0 || ends_with(name, ".tmp") ||
        ends_with(name, ".partial") || ends_with(name, ".part") || ends_with(name, ".crdownload") ||
        name.rfind(".~lock.", 0) == 0 || name.rfind("~$", 0) == 0 || name.rfind(".dropbox", 0) == 0 ||
        name == "desktop.ini" || name == ".DS_Store" || name.rfind(".nextcloudsync", 0) == 0)
        return SideFile::SyncTemp;
    fs::path p(shared_name);
    std::string stem = escape(p.stem().string()), ext = escape(p.extension().string());
    static const char* const patterns[] = {
        R"( \(.*conflicted copy.*\))",               // Dropbox, Nextcloud
        R"( \(Case Conflict( \d+)?\))",               // Dropbox
        R"(\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7})",  // Syncthing
        R"(_conflict-\d{8}-\d{6})",                   // ownCloud
        R"(.*(-冲突|-NSConflict).*)",                  // 坚果云
        R"( \(\d+\))",                                // Google Drive
        R"(-[A-Za-z0-9_-]+)",                         // OneDrive: -COMPUTERNAME
    };
    for (const char* pat : patterns)
        if (std::regex_match(name, std::regex(stem + pat + ext))) return SideFile::ConflictCopy;
    return SideFile::Other;
}

std::vector<fs::path> side_files(const fs::path& shared) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(shared.parent_path().empty() ? fs::path(".") : shared.parent_path(), ec)) {
        if (!e.is_regular_file(ec) || e.path().filename() == shared.filename()) continue;
        out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace linli
