// Globally unique ids (128 random bits as 32 hex digits) and the hybrid logical clock that orders
// single-value settings across devices whose wall clocks disagree.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace linli {

std::string random_id();            // 32 lowercase hex digits from the system's random source
bool is_id(std::string_view s);      // exactly that shape

// A hybrid logical clock value: milliseconds in the high 48 bits, a counter in the low 16. It never
// goes backwards even when the wall clock does, and it moves past every value it has seen.
namespace hlc {
inline int64_t pack(int64_t ms, int64_t counter) { return (ms << 16) | (counter & 0xFFFF); }
inline int64_t millis(int64_t h) { return h >> 16; }
// The next value for a local event, given the last value and the wall clock.
int64_t tick(int64_t last, int64_t now_ms);
// After seeing `remote`, the clock is at least it.
inline int64_t observe(int64_t last, int64_t remote) { return remote > last ? remote : last; }
}  // namespace hlc

}  // namespace linli
