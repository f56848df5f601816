#pragma once
// SIGTERM (logging out, shutting down, `kill`) and SIGINT (Ctrl+C in a terminal) close the window
// as Ctrl+Q does: the queued progress is written and synced, and the window's place saved.
#include <thread>

struct GLFWwindow;

namespace linli::gui {

class QuitSignals {
public:
    // Before any other thread starts: the signals are blocked in this thread and every one
    // started after, and one thread of its own waits for them.
    QuitSignals();
    ~QuitSignals();
    QuitSignals(const QuitSignals&) = delete;
    QuitSignals& operator=(const QuitSignals&) = delete;

    // A signal from now on closes it (one that came before: at once); nullptr before destroying it.
    void watch(GLFWwindow* window);

private:
    std::thread waiter_;  // a member, not a global: exit() from Xlib's error handler skips it
};

// For processes the app starts (xdg-open): the signals unblocked again, as a child expects.
void unblock_quit_signals_in_child(void* posix_spawnattr);

}  // namespace linli::gui
