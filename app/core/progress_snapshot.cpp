#include "core/progress_snapshot.h"

#include <algorithm>
#include <cstdlib>

namespace linli {

ProgressSnapshot read_snapshot(ProgressStore& store, const std::vector<std::string>& drill_ids) {
    ProgressSnapshot s;
    s.identity = store.identity();
    for (DocProgress& p : store.all()) s.docs.emplace(p.doc_id, std::move(p));
    for (const std::string& id : drill_ids)
        if (auto a = store.attempts(id); !a.empty()) s.attempts.emplace(id, std::move(a));
    s.theme = store.setting(setting_key::kTheme);
    s.language = store.setting(setting_key::kLanguage);
    s.text_size = store.setting(setting_key::kTextSize);
    s.shared_path = store.meta(meta_key::kSyncPath).value_or("");
    s.sync_minutes = std::clamp(std::atoi(store.meta(meta_key::kSyncInterval).value_or("10").c_str()), 1, 1440);
    s.loaded = true;
    return s;
}

std::string best_rating(const std::vector<AttemptRecord>& attempts) {
    static constexpr const char* kOrder[] = {"good", "fair", "bad"};
    for (const char* r : kOrder)
        for (const AttemptRecord& a : attempts)
            if (a.rating == r) return r;
    return {};
}

}  // namespace linli
