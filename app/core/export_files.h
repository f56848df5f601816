// Writing exported files (the debrief, the preparation page) so that a reader never sees half a
// file and a crash leaves the old one: a temporary file beside it, flushed to disk, renamed into
// place, and the folder flushed so the rename itself survives. Failures throw std::runtime_error
// with the file and the reason, Chinese then English.
#pragma once
#include <filesystem>
#include <functional>
#include <string>

namespace linli {

// Creates `dir` (and its parents) when missing; throws when it cannot be a folder.
void make_export_folder(const std::filesystem::path& dir);
void write_file_atomically(const std::filesystem::path& file, const std::string& bytes);
// The same for a file another writer makes: `write(tmp)` fills the temporary path, or returns
// false with `error` (thrown as is).
void write_file_atomically(const std::filesystem::path& file,
                           const std::function<bool(const std::filesystem::path& tmp, std::string& error)>& write);

}  // namespace linli
