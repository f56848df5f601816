// Shared helpers for the unit tests: fixture paths and temporary folders that clean up.
#pragma once
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace linli::test {

inline std::filesystem::path fixtures() { return std::filesystem::path(LINLI_TEST_FIXTURES); }
inline std::filesystem::path source_dir() { return std::filesystem::path(LINLI_SOURCE_DIR); }

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() / ("linli-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        auto p = path_ / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

private:
    std::filesystem::path path_;
};

}  // namespace linli::test
