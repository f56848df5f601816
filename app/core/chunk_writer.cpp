#include "core/chunk_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace linli {

ChunkWriter::ChunkWriter(int fd) : fd_(fd), thread_([this] { run(); }) {}

ChunkWriter::~ChunkWriter() { finish(); }

void ChunkWriter::hand(std::string& chunk) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return !has_queued_; });
    queued_.swap(chunk);  // `chunk` gets the emptied buffer back: its capacity is reused
    has_queued_ = true;
    cv_.notify_all();
    lock.unlock();
    chunk.clear();
}

int ChunkWriter::error() {
    std::lock_guard lock(m_);
    return error_;
}

int ChunkWriter::finish() {
    {
        std::lock_guard lock(m_);
        closing_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    return error_;
}

void ChunkWriter::run() {
    std::string writing;
    off_t offset = 0;
    for (;;) {
        int err = 0;
        {
            std::unique_lock lock(m_);
            cv_.wait(lock, [&] { return has_queued_ || closing_; });
            if (!has_queued_) return;
            writing.swap(queued_);
            queued_.clear();
            has_queued_ = false;
            err = error_;  // after a failed write, the rest is dropped
        }
        cv_.notify_all();
        for (size_t done = 0; err == 0 && done < writing.size();) {
            ssize_t n = ::write(fd_, writing.data() + done, writing.size() - done);
            if (n > 0) done += size_t(n);
            else if (n < 0 && errno != EINTR) err = errno;
        }
        if (err == 0) {
            // Asynchronous: the pages go to the disk while the next chunk is made (Linux only; a
            // filesystem that cannot is flushed by the final fsync all the same).
            (void)::sync_file_range(fd_, offset, off_t(writing.size()), SYNC_FILE_RANGE_WRITE);
            offset += off_t(writing.size());
        }
        std::lock_guard lock(m_);
        if (error_ == 0) error_ = err;
    }
}

}  // namespace linli
