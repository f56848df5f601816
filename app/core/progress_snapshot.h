// What the window knows of the progress store: read in one go on the store writer's thread and
// handed to the UI, which then changes it in step with the writes it queues. Views derive from it
// and rebuild what they derive when `version` changes.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sync/progress_store.h"

namespace linli {

struct ProgressSnapshot {
    bool loaded = false;  // false until the first read arrives
    Identity identity;
    std::unordered_map<std::string, DocProgress> docs;
    std::unordered_map<std::string, std::vector<AttemptRecord>> attempts;  // by drill id, newest first
    std::optional<std::string> theme, language, text_size;  // settings that follow the learner
    std::string shared_path;
    int sync_minutes = 10;
};

// Reads the snapshot, with the attempts of the given drills.
ProgressSnapshot read_snapshot(ProgressStore& store, const std::vector<std::string>& drill_ids);

// The best rating reached in these attempts ("good", "fair", "bad"), or empty.
std::string best_rating(const std::vector<AttemptRecord>& attempts);

}  // namespace linli
