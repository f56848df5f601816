// What lies beside the shared file: conflicted copies that cloud clients make (Dropbox, Syncthing,
// Nextcloud/ownCloud, 坚果云, OneDrive, Google Drive), the temp files they write while copying,
// our own lock and temp files, and anything else. Names only guide; content decides.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace linli {

enum class SideFile {
    ConflictCopy,  // a name a sync client gives a conflicting copy of the shared file
    SyncTemp,      // a sync client's partial download: never read
    Ours,          // our lock, temp or stale-lock files
    Other,         // anything else: merged only if its content is a copy of the shared file
};

SideFile classify_side_file(const std::string& name, const std::string& shared_name);

// Regular files in the shared file's folder other than the shared file itself, by name.
std::vector<std::filesystem::path> side_files(const std::filesystem::path& shared);

inline constexpr const char* kArchiveFolder = "linli-archive";

}  // namespace linli
