// Names defined once: the progress store's file name, the store's own meta keys (device-local,
// never synced) and the setting keys (synced as events, they follow the learner).
#pragma once

namespace linli {

inline constexpr const char* kProgressFileName = "progress.sqlite";

namespace meta_key {
inline constexpr const char* kLearnerId = "learner_id";
inline constexpr const char* kDeviceId = "device_id";
inline constexpr const char* kHlc = "hlc";
inline constexpr const char* kSyncPath = "sync.path";          // the shared file this device syncs with
inline constexpr const char* kSyncInterval = "sync.interval";  // minutes between syncs in the window
inline constexpr const char* kSyncLastAt = "sync.last_at";
inline constexpr const char* kSyncStatus = "sync.status";
inline constexpr const char* kSyncMessage = "sync.message";
inline constexpr const char* kSyncSent = "sync.sent";
inline constexpr const char* kSyncReceived = "sync.received";
}  // namespace meta_key

namespace setting_key {
inline constexpr const char* kProfileName = "profile.name";
inline constexpr const char* kProfileCohort = "profile.cohort";
inline constexpr const char* kTheme = "ui.theme";          // "dark" | "light"
inline constexpr const char* kLanguage = "ui.lang";        // "zh" | "en"
inline constexpr const char* kTextSize = "ui.text_size";   // logical pixels
}  // namespace setting_key

}  // namespace linli
