#include "desktop_open.h"

#include <spawn.h>
#include <sys/wait.h>

#include <fmt/format.h>

#include <cstring>
#include <thread>

#include "quit_signals.h"

extern char** environ;

namespace linli::gui {

bool open_with_desktop(const std::filesystem::path& file, std::string* error) {
    std::string path = file.string();
    char* argv[] = {const_cast<char*>("xdg-open"), path.data(), nullptr};
    pid_t pid = 0;
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    unblock_quit_signals_in_child(&attr);
    int rc = posix_spawnp(&pid, "xdg-open", nullptr, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        if (error) *error = fmt::format("无法运行 xdg-open（{}） · cannot run xdg-open", std::strerror(rc));
        return false;
    }
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();  // reaped, never waited for by a frame
    return true;
}

}  // namespace linli::gui
