// `linli sync`, `linli profile`, `linli status`: identity, sync through the shared file, and what
// the local store holds. Exit codes of `linli sync` are listed in README ("Sync").
#include <CLI/CLI.hpp>
#include <charconv>
#include <ctime>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "content/paths.h"
#include "sync/syncer.h"

namespace linli::cli {
namespace {

using nlohmann::json;

struct SyncArgs {
    std::string shared;  // empty: the one chosen before
    bool restore = false, check = false, json = false;
};

struct ProfileArgs {
    std::optional<std::string> name, cohort, learner;
    bool json = false;
};

std::unique_ptr<ProgressStore> open_store(const Options& opts) {
    return std::make_unique<ProgressStore>(AppPaths::resolve(opts.data_dir).data_dir / kProgressFileName);
}

// A number the store keeps as text; 0 when unset.
long long meta_number(ProgressStore& store, const char* key) {
    std::string v = store.meta(key).value_or("0");
    long long n = 0;
    std::from_chars(v.data(), v.data() + v.size(), n);
    return n;
}

json report_json(const SyncReport& r) {
    return {{"status", static_cast<int>(r.status)}, {"message", r.message}, {"received", r.received}, {"sent", r.sent},
            {"shared_events", r.shared_events}, {"published", r.published}, {"merged", r.merged},
            {"archived", r.archived}, {"warnings", r.warnings}};
}

int sync(const Options& opts, const SyncArgs& a) {
    std::unique_ptr<ProgressStore> store;
    try {
        store = open_store(opts);
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli sync: the local progress store cannot be opened: {}\n", e.what());
        return SyncReport::StoreError;
    }
    std::string shared = a.shared.empty() ? store->meta(meta_key::kSyncPath).value_or("") : a.shared;
    if (shared.empty()) {
        fmt::print(stderr, "linli sync: no shared file given (--shared PATH) and none chosen before\n");
        return kUsage;
    }
    SyncReport r = a.check ? check_shared(shared, sync_scratch_dir(*store))
                           : sync_shared(*store, shared, {std::chrono::milliseconds(30000), a.restore});
    if (!a.check && r.status == SyncReport::Ok) store->set_meta(meta_key::kSyncPath, std::filesystem::absolute(shared).string());
    if (a.json) {
        fmt::print("{}\n", report_json(r).dump(2));
    } else if (r.status == SyncReport::Ok) {
        if (a.check) fmt::print("{}\n", r.message);
        else fmt::print("synced with {}: {} received, {} sent, {} events in the shared file\n", shared, r.received, r.sent, r.shared_events);
        for (const auto& f : r.archived) fmt::print("  merged and archived {}\n", f);
    }
    for (const auto& w : r.warnings) fmt::print(stderr, "linli sync: warning: {}\n", w);
    if (r.status != SyncReport::Ok) fmt::print(stderr, "linli sync: {}\n", r.message);
    return static_cast<int>(r.status);
}

int profile(const Options& opts, const ProfileArgs& a) {
    auto store = open_store(opts);
    try {
        if (a.learner) store->adopt_learner(*a.learner);
    } catch (const std::invalid_argument& e) {
        fmt::print(stderr, "linli profile: {}\n", e.what());
        return kUsage;
    }
    Identity id = store->identity();
    if (a.name || a.cohort) store->set_profile(a.name.value_or(id.name), a.cohort.value_or(id.cohort));
    id = store->identity();
    if (a.json)
        fmt::print("{}\n", json{{"learner", id.learner_id}, {"device", id.device_id}, {"name", id.name}, {"cohort", id.cohort}}.dump(2));
    else
        fmt::print("learner {}{}{}\ndevice  {}\ncohort  {}\n", id.learner_id, id.name.empty() ? "" : "  ", id.name, id.device_id,
                   id.cohort.empty() ? "(none)" : id.cohort);
    return kOk;
}

int status(const Options& opts, bool as_json) {
    auto store = open_store(opts);
    Identity id = store->identity();
    auto counts = store->event_counts();
    json events = json::object();
    for (auto& [learner, n] : counts) events[learner] = n;
    long long at = meta_number(*store, meta_key::kSyncLastAt);
    json last = {{"at", at},
                 {"status", meta_number(*store, meta_key::kSyncStatus)},
                 {"message", store->meta(meta_key::kSyncMessage).value_or("")},
                 {"sent", meta_number(*store, meta_key::kSyncSent)},
                 {"received", meta_number(*store, meta_key::kSyncReceived)},
                 {"shared", store->meta(meta_key::kSyncPath).value_or("")}};
    if (as_json) {
        fmt::print("{}\n", json{{"learner", {{"id", id.learner_id}, {"name", id.name}, {"cohort", id.cohort}}},
                                {"device", id.device_id}, {"last_sync", last}, {"events", events}}
                               .dump(2));
        return kOk;
    }
    fmt::print("learner  {} {}\ndevice   {}\n", id.learner_id, id.name, id.device_id);
    if (at == 0) fmt::print("sync     never\n");
    else
        fmt::print("sync     {:%Y-%m-%d %H:%M:%S} {}: {} received, {} sent{}{}\n", fmt::localtime(static_cast<std::time_t>(at)),
                   last["shared"].get<std::string>(), last["received"].get<long long>(), last["sent"].get<long long>(),
                   last["status"].get<long long>() ? " — failed: " : "", last["message"].get<std::string>());
    for (auto& [learner, n] : counts) fmt::print("events   {} {}{}\n", learner, n, learner == id.learner_id ? "  (me)" : "");
    return kOk;
}

}  // namespace

void add_sync(CLI::App& app, const Options& opts, Action& action) {
    auto a = std::make_shared<SyncArgs>();
    CLI::App* sub = app.add_subcommand("sync", "与共享文件合并学习进度（退出码见 README） · merge progress with the shared file (exit codes: README)");
    sub->add_option("--shared", a->shared, "the shared file (default: the one used last)")->type_name("PATH");
    sub->add_flag("--restore", a->restore, "恢复本设备上次发布的版本 · bring back the last version this device published");
    sub->add_flag("--check", a->check, "只检查共享文件是否有效 · only check that the shared file is valid");
    sub->add_flag("--json", a->json, "输出 JSON · print JSON");
    on_parsed(sub, action, [&opts, a] { return sync(opts, *a); });
}

void add_profile(CLI::App& app, const Options& opts, Action& action) {
    auto a = std::make_shared<ProfileArgs>();
    CLI::App* sub = app.add_subcommand("profile", "这台设备上的学员是谁 · who is learning on this device");
    sub->add_option_function<std::string>("--name", [a](const std::string& v) { a->name = v; }, "set the learner's name")->type_name("N");
    sub->add_option_function<std::string>("--cohort", [a](const std::string& v) { a->cohort = v; }, "set the cohort")->type_name("C");
    sub->add_option_function<std::string>("--learner", [a](const std::string& v) { a->learner = v; },
                                          "continue as an existing learner from another device")
        ->type_name("ID");
    sub->add_flag("--json", a->json, "输出 JSON · print JSON");
    on_parsed(sub, action, [&opts, a] { return profile(opts, *a); });
}

void add_status(CLI::App& app, const Options& opts, Action& action) {
    auto as_json = std::make_shared<bool>(false);
    CLI::App* sub = app.add_subcommand("status", "学员、设备、上次同步、每位学员的事件数 · learner, device, last sync, events per learner");
    sub->add_flag("--json", *as_json, "输出 JSON · print JSON");
    on_parsed(sub, action, [&opts, as_json] { return status(opts, *as_json); });
}

}  // namespace linli::cli
