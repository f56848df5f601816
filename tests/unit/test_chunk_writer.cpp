// ChunkWriter: the xAPI export's second thread. Every byte handed over reaches the file, in order;
// a failing write is reported, not lost.
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "core/chunk_writer.h"
#include "test_support.h"

using linli::ChunkWriter;

TEST_CASE("chunk writer: chunks arrive whole and in order, and the buffer comes back empty") {
    linli::test::TempDir dir;
    const auto file = dir.path() / "out.txt";
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    std::string expected;
    {
        ChunkWriter writer(fd);
        std::string chunk;
        for (int i = 0; i < 200; ++i) {
            chunk.assign(size_t(1000 + i * 37), char('a' + i % 26));
            expected += chunk;
            writer.hand(chunk);
            CHECK(chunk.empty());
        }
        CHECK(writer.finish() == 0);
        CHECK(writer.finish() == 0);  // twice is harmless
    }
    ::close(fd);
    std::ifstream in(file, std::ios::binary);
    std::stringstream got;
    got << in.rdbuf();
    CHECK(got.str().size() == expected.size());
    CHECK(got.str() == expected);
}

TEST_CASE("chunk writer: a write that fails is reported, and what follows is dropped") {
    linli::test::TempDir dir;
    const auto file = dir.write("read-only.txt", "before");
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);  // writing to it fails with EBADF
    REQUIRE(fd >= 0);
    ChunkWriter writer(fd);
    std::string chunk = "lost";
    writer.hand(chunk);
    chunk = "also lost";
    writer.hand(chunk);
    CHECK(writer.finish() == EBADF);
    CHECK(writer.error() == EBADF);
    ::close(fd);
    std::ifstream in(file, std::ios::binary);
    std::stringstream got;
    got << in.rdbuf();
    CHECK(got.str() == "before");
}
