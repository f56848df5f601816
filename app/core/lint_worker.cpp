#include "core/lint_worker.h"

namespace linli {

LintWorker::LintWorker(std::chrono::milliseconds debounce) : debounce_(debounce), thread_([this] { run(); }) {}

LintWorker::~LintWorker() {
    {
        std::lock_guard lock(m_);
        quit_ = true;
        pending_.reset();
    }
    cv_.notify_all();
    thread_.join();
}

void LintWorker::request(Request r, std::function<void()> done) {
    {
        std::lock_guard lock(m_);
        pending_ = std::make_unique<Request>(std::move(r));
        done_ = std::move(done);
        due_ = std::chrono::steady_clock::now() + debounce_;
    }
    cv_.notify_all();
}

std::unique_ptr<LintResult> LintWorker::take() {
    std::lock_guard lock(m_);
    return std::move(result_);
}

void LintWorker::stop() {
    std::unique_lock lock(m_);
    pending_.reset();
    cv_.wait(lock, [&] { return !busy_; });
}

void LintWorker::run() {
    std::unique_lock lock(m_);
    for (;;) {
        cv_.wait(lock, [&] { return quit_ || pending_; });
        if (quit_) return;
        // Typing goes on: each keystroke moves the moment on.
        while (!quit_ && pending_ && std::chrono::steady_clock::now() < due_) cv_.wait_until(lock, due_);
        if (quit_) return;
        if (!pending_) continue;
        std::unique_ptr<Request> r = std::move(pending_);
        std::function<void()> done = done_;
        busy_ = true;
        lock.unlock();
        auto start = std::chrono::steady_clock::now();
        auto result = std::make_unique<LintResult>();
        result->revision = r->revision;
        r->options.plays = &plays_;
        result->lint = lint_buffer(*r->library, r->path, r->root, r->text, r->options);
        result->ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        lock.lock();
        busy_ = false;
        result_ = std::move(result);
        cv_.notify_all();  // stop() waits for this
        if (done) {
            lock.unlock();
            done();
            lock.lock();
        }
    }
}

}  // namespace linli
