#include "core/export_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace linli {
namespace {

[[noreturn]] void cannot_write(const std::filesystem::path& file, int err) {
    std::string why = std::strerror(err);
    throw std::runtime_error("无法写入 " + file.string() + "（" + why + "）/ cannot write " + file.string() + ": " + why);
}

// A unique name beside `file`: two exports at once never write into each other's temporary file.
std::string temporary_beside(const std::filesystem::path& file, int& fd) {
    std::string tmp = (file.parent_path() / ("." + file.filename().string() + ".XXXXXX")).string();
    fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) cannot_write(file, errno);
    if (::fchmod(fd, 0644) != 0) {  // mkostemp makes it private; a page to share is not
        int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        cannot_write(file, err);
    }
    return tmp;
}

// Flushes the temporary file and renames it over `file`; removes it on failure.
void commit(const std::string& tmp, int fd, const std::filesystem::path& file, int err) {
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && std::rename(tmp.c_str(), file.c_str()) != 0) err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());
        cannot_write(file, err);
    }
    // The rename survives a crash once the folder is flushed (some filesystems cannot: fine).
    if (int dfd = ::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        (void)::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace

void make_export_folder(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        std::string why = ec ? ec.message() : std::strerror(ENOTDIR);
        throw std::runtime_error("无法创建文件夹 " + dir.string() + "（" + why + "）/ cannot create the folder " + dir.string() + ": " + why);
    }
}

void write_file_atomically(const std::filesystem::path& file, const std::string& bytes) {
    int fd = -1;
    std::string tmp = temporary_beside(file, fd);
    int err = 0;
    for (size_t done = 0; err == 0 && done < bytes.size();) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) done += size_t(n);
        else if (n < 0 && errno != EINTR) err = errno;
    }
    commit(tmp, fd, file, err);
}

void write_file_atomically(const std::filesystem::path& file,
                           const std::function<bool(const std::filesystem::path& tmp, std::string& error)>& write) {
    int fd = -1;
    std::string tmp = temporary_beside(file, fd);
    std::string error;
    if (!write(tmp, error)) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw std::runtime_error(error);
    }
    // The writer wrote through its own handle: this one's fsync flushes the same file.
    commit(tmp, fd, file, 0);
}

}  // namespace linli
