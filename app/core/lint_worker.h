// The editor's live lint: the buffer is checked on a thread of its own a moment after the last
// keystroke (debounced), never on the UI thread; the newest request wins and older ones are
// dropped unread. The window takes the result between frames.
#pragma once
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cases/buffer_lint.h"

namespace linli {

struct LintResult {
    uint64_t revision = 0;  // the buffer's, as requested
    LintedBuffer lint;
    double ms = 0;  // the lint's own time
};

class LintWorker {
public:
    explicit LintWorker(std::chrono::milliseconds debounce = std::chrono::milliseconds(150));
    ~LintWorker();
    LintWorker(const LintWorker&) = delete;
    LintWorker& operator=(const LintWorker&) = delete;

    struct Request {
        uint64_t revision = 0;
        std::string text;
        std::filesystem::path path, root;
        const Library* library = nullptr;  // must stay alive until stop() or the next request
        BufferLintOptions options;
    };
    // Lints `r` once no newer request has come for the debounce time; `done` is called on the
    // worker when a result is ready (the window wakes with it).
    void request(Request r, std::function<void()> done = {});
    // The newest result not taken yet, or none.
    std::unique_ptr<LintResult> take();
    // Drops what is pending and waits for a lint in progress (the library is about to change).
    void stop();

private:
    void run();
    std::chrono::milliseconds debounce_;
    std::mutex m_;
    std::condition_variable cv_;
    std::unique_ptr<Request> pending_;
    std::function<void()> done_;
    std::chrono::steady_clock::time_point due_{};
    std::unique_ptr<LintResult> result_;
    bool busy_ = false, quit_ = false;
    PlaysCache plays_;  // the worker's own: typing in a scene does not explore every play again
    std::thread thread_;
};

}  // namespace linli
