// A large export's bytes written on a second thread: while the kernel copies one chunk, the next
// is being serialised. The disk's writeback is started after each chunk (sync_file_range), so the
// fsync that commits the file does not wait for half a gigabyte at once.
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace linli {

class ChunkWriter {
public:
    explicit ChunkWriter(int fd);  // the fd stays the caller's to close
    ~ChunkWriter();                // finishes (its error is lost: call finish() to see it)
    ChunkWriter(const ChunkWriter&) = delete;
    ChunkWriter& operator=(const ChunkWriter&) = delete;

    // Hands `chunk`'s bytes to the writer and leaves `chunk` empty to fill again. Waits while the
    // chunk before is still queued, so at most two are in memory.
    void hand(std::string& chunk);
    // 0, or the errno of a failed write so far: the caller can stop making chunks.
    int error();
    // Writes what is queued and stops: 0, or the errno of the first failed write.
    int finish();

private:
    void run();
    int fd_;
    std::mutex m_;
    std::condition_variable cv_;
    std::string queued_;
    bool has_queued_ = false, closing_ = false;
    int error_ = 0;
    std::thread thread_;
};

}  // namespace linli
