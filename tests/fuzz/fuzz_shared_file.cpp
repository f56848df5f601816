// libFuzzer targets for the shared-file importer: the fuzzer's bytes are a shared file; opening,
// verifying and importing it must never crash, hang or misbehave under ASan/UBSan, whatever the
// bytes. Build: cmake -DLINLI_FUZZ=ON with clang (see README); run: tests/fuzz/run.sh.
//
// Two targets from this file:
// - linli_fuzz_shared: the bytes as they are. Almost every mutation is refused by the header and
//   page-checksum checks, which is what they are for, and what this target fuzzes.
// - linli_fuzz_shared_sealed (LINLI_FUZZ_SEALED): the bytes are cut to whole pages, given a
//   shared file's header fields and sealed with valid page checksums before they are opened, as if
//   a buggy or hostile Linli had written them. They pass the checksums and reach SQLite's own checks,
//   the schema check and the row-by-row checks of SharedSnapshot::validate(), and the import.
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "sync/shared_file.h"

namespace fs = std::filesystem;

namespace {

#ifdef LINLI_FUZZ_SEALED
constexpr size_t kPage = 4096;

// Shapes the bytes into a file copy_verified() accepts up to the checksums: whole pages, SQLite's
// magic, 4096-byte pages with 8 reserved bytes, the page count in the header. Returns false when
// there is not even one page.
bool shape(std::vector<unsigned char>& b) {
    b.resize(b.size() / kPage * kPage);
    if (b.empty()) return false;
    std::memcpy(b.data(), "SQLite format 3", 16);
    b[16] = kPage >> 8;
    b[17] = kPage & 0xff;
    b[20] = 8;
    const uint32_t pages = static_cast<uint32_t>(b.size() / kPage);
    for (int i = 0; i < 4; ++i) b[28 + i] = static_cast<unsigned char>(pages >> (24 - 8 * i));
    return true;
}
#endif

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fs::path dir = fs::temp_directory_path() / ("linli-fuzz-" + std::to_string(getpid()));
    static linli::ProgressStore store(":memory:");
    fs::create_directories(dir);
    const fs::path file = dir / "input.linli";
    std::vector<unsigned char> bytes(data, data + size);
#ifdef LINLI_FUZZ_SEALED
    if (!shape(bytes)) return 0;
#endif
    std::ofstream(file, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
#ifdef LINLI_FUZZ_SEALED
    linli::seal_page_checksums(file);  // cannot refuse: shape() gave it what sealing needs
#endif
    try {
        auto snap = linli::SharedSnapshot::open(file, dir / "scratch");
        snap->import_into(store);
    } catch (const linli::SharedFileError&) {
        // Refusing is the expected answer to almost every input.
    } catch (const linli::db::Error&) {
    }
    return 0;
}
