#include "sync/ids.h"

#include <fstream>
#include <random>

namespace linli {

std::string random_id() {
    unsigned char bytes[16];
    std::ifstream urandom("/dev/urandom", std::ios::binary);
    if (!urandom.read(reinterpret_cast<char*>(bytes), sizeof bytes)) {
        std::random_device rd;  // no /dev/urandom (a sandbox): the library's own source
        for (auto& b : bytes) b = static_cast<unsigned char>(rd());
    }
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

bool is_id(std::string_view s) {
    if (s.size() != 32) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

namespace hlc {

int64_t tick(int64_t last, int64_t now_ms) {
    int64_t last_ms = millis(last);
    if (now_ms > last_ms) return pack(now_ms, 0);
    int64_t counter = (last & 0xFFFF) + 1;
    if (counter > 0xFFFF) return pack(last_ms + 1, 0);  // borrow a millisecond rather than wrap
    return pack(last_ms, counter);
}

}  // namespace hlc
}  // namespace linli
