#include "quit_signals.h"

#include <GLFW/glfw3.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>

#include <atomic>
#include <mutex>

namespace linli::gui {

namespace {

sigset_t quit_set() {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGINT);
    return s;
}

std::mutex g_mutex;  // the window is not destroyed while the waiter closes it
GLFWwindow* g_window = nullptr;
std::atomic<bool> g_signalled{false}, g_done{false};

void close_window() {
    // Both may be called from any thread (GLFW 3.3); the empty event wakes glfwWaitEvents.
    std::lock_guard lock(g_mutex);
    if (g_window) {
        glfwSetWindowShouldClose(g_window, GLFW_TRUE);
        glfwPostEmptyEvent();
    }
}

}  // namespace

QuitSignals::QuitSignals() {
    sigset_t s = quit_set();
    pthread_sigmask(SIG_BLOCK, &s, nullptr);
    waiter_ = std::thread([] {
        sigset_t s = quit_set();
        for (;;) {
            int sig = 0;
            if (sigwait(&s, &sig) != 0) continue;
            if (g_done) return;
            g_signalled = true;
            close_window();
        }
    });
}

QuitSignals::~QuitSignals() {
    watch(nullptr);
    g_done = true;
    pthread_kill(waiter_.native_handle(), SIGTERM);  // blocked there too: sigwait takes it and returns
    waiter_.join();
    sigset_t s = quit_set();
    pthread_sigmask(SIG_UNBLOCK, &s, nullptr);
}

void QuitSignals::watch(GLFWwindow* window) {
    {
        std::lock_guard lock(g_mutex);
        g_window = window;
    }
    if (g_signalled) close_window();
}

void unblock_quit_signals_in_child(void* attr) {
    auto* a = static_cast<posix_spawnattr_t*>(attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(a, &none);
    posix_spawnattr_setflags(a, POSIX_SPAWN_SETSIGMASK);
}

}  // namespace linli::gui
