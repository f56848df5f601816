// A learner's profile value (name, cohort) as several devices set it: the latest by (hlc, device),
// the same rule the progress store derives settings by. The cohort report and the xAPI export
// read profiles this way.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace linli {

struct LatestValue {
    std::string value;
    int64_t hlc = -1;
    std::string device;
    void offer(std::string v, int64_t h, std::string_view d) {
        if (h > hlc || (h == hlc && d > std::string_view(device))) value = std::move(v), hlc = h, device = std::string(d);
    }
};

}  // namespace linli
