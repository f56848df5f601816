// libFuzzer target for the shared-file importer: the fuzzer's bytes are a shared file; opening,
// verifying and importing it must never crash, hang or misbehave under ASan/UBSan, whatever the
// bytes. Build: cmake -DLINLI_FUZZ=ON with clang (see README); run: linli_fuzz_shared -max_total_time=60
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "sync/shared_file.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fs::path dir = fs::temp_directory_path() / ("linli-fuzz-" + std::to_string(getpid()));
    static linli::ProgressStore store(":memory:");
    fs::create_directories(dir);
    const fs::path file = dir / "input.linli";
    std::ofstream(file, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), size);
    try {
        auto snap = linli::SharedSnapshot::open(file, dir / "scratch");
        snap->import_into(store);
    } catch (const linli::SharedFileError&) {
        // Refusing is the expected answer to almost every input.
    } catch (const linli::db::Error&) {
    }
    return 0;
}
