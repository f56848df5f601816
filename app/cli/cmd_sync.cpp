// `linli sync`, `linli profile`, `linli status`: identity, sync through the shared file, and what
// the local store holds. Exit codes of `linli sync` are listed in README ("Sync").
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "content/paths.h"
#include "sync/syncer.h"

namespace linli::cli {
namespace {

using nlohmann::json;

std::unique_ptr<ProgressStore> open_store(const Options& opts) {
    return std::make_unique<ProgressStore>(AppPaths::resolve(opts.data_dir).data_dir / "progress.sqlite");
}

json report_json(const SyncReport& r) {
    return {{"status", static_cast<int>(r.status)}, {"message", r.message}, {"received", r.received}, {"sent", r.sent},
            {"shared_events", r.shared_events}, {"published", r.published}, {"merged", r.merged},
            {"archived", r.archived}, {"warnings", r.warnings}};
}

}  // namespace

int cmd_sync(const Options& opts) {
    std::string shared;
    bool restore = false, check = false, as_json = false;
    for (size_t i = 1; i < opts.args.size(); ++i) {
        const std::string& a = opts.args[i];
        if (a == "--shared" && i + 1 < opts.args.size()) shared = opts.args[++i];
        else if (a == "--restore") restore = true;
        else if (a == "--check") check = true;
        else if (a == "--json") as_json = true;
        else {
            std::fprintf(stderr, "usage: linli sync --shared PATH [--restore] [--check] [--json]\n");
            return kUsage;
        }
    }
    std::unique_ptr<ProgressStore> store;
    try {
        store = open_store(opts);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "linli sync: the local progress store cannot be opened: %s\n", e.what());
        return SyncReport::StoreError;
    }
    if (shared.empty()) shared = store->meta("sync.path").value_or("");
    if (shared.empty()) {
        std::fprintf(stderr, "linli sync: no shared file given (--shared PATH) and none chosen before\n");
        return kUsage;
    }
    SyncReport r = check ? check_shared(shared, sync_scratch_dir(*store)) : sync_shared(*store, shared, {std::chrono::milliseconds(30000), restore});
    if (!check && r.status == SyncReport::Ok) store->set_meta("sync.path", std::filesystem::absolute(shared).string());
    if (as_json) {
        std::printf("%s\n", report_json(r).dump(2).c_str());
    } else if (r.status == SyncReport::Ok) {
        if (check) std::printf("%s\n", r.message.c_str());
        else std::printf("synced with %s: %zu received, %zu sent, %lld events in the shared file\n", shared.c_str(), r.received,
                         r.sent, static_cast<long long>(r.shared_events));
        for (const auto& f : r.archived) std::printf("  merged and archived %s\n", f.c_str());
    }
    for (const auto& w : r.warnings) std::fprintf(stderr, "linli sync: warning: %s\n", w.c_str());
    if (r.status != SyncReport::Ok) std::fprintf(stderr, "linli sync: %s\n", r.message.c_str());
    return static_cast<int>(r.status);
}

int cmd_profile(const Options& opts) {
    std::optional<std::string> name, cohort, learner;
    bool as_json = false;
    for (size_t i = 1; i < opts.args.size(); ++i) {
        const std::string& a = opts.args[i];
        if (a == "--name" && i + 1 < opts.args.size()) name = opts.args[++i];
        else if (a == "--cohort" && i + 1 < opts.args.size()) cohort = opts.args[++i];
        else if (a == "--learner" && i + 1 < opts.args.size()) learner = opts.args[++i];
        else if (a == "--json") as_json = true;
        else {
            std::fprintf(stderr, "usage: linli profile [--name N] [--cohort C] [--learner ID] [--json]\n");
            return kUsage;
        }
    }
    auto store = open_store(opts);
    try {
        if (learner) store->adopt_learner(*learner);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "linli profile: %s\n", e.what());
        return kUsage;
    }
    Identity id = store->identity();
    if (name || cohort) store->set_profile(name.value_or(id.name), cohort.value_or(id.cohort));
    id = store->identity();
    if (as_json)
        std::printf("%s\n", json{{"learner", id.learner_id}, {"device", id.device_id}, {"name", id.name}, {"cohort", id.cohort}}.dump(2).c_str());
    else
        std::printf("learner %s%s%s\ndevice  %s\ncohort  %s\n", id.learner_id.c_str(), id.name.empty() ? "" : "  ",
                    id.name.c_str(), id.device_id.c_str(), id.cohort.empty() ? "(none)" : id.cohort.c_str());
    return kOk;
}

int cmd_status(const Options& opts) {
    bool as_json = opts.args.size() > 1 && opts.args[1] == "--json";
    auto store = open_store(opts);
    Identity id = store->identity();
    auto counts = store->event_counts();
    json events = json::object();
    for (auto& [learner, n] : counts) events[learner] = n;
    json last = {{"at", std::atoll(store->meta("sync.last_at").value_or("0").c_str())},
                 {"status", std::atoi(store->meta("sync.status").value_or("0").c_str())},
                 {"message", store->meta("sync.message").value_or("")},
                 {"sent", std::atoll(store->meta("sync.sent").value_or("0").c_str())},
                 {"received", std::atoll(store->meta("sync.received").value_or("0").c_str())},
                 {"shared", store->meta("sync.path").value_or("")}};
    if (as_json) {
        std::printf("%s\n", json{{"learner", {{"id", id.learner_id}, {"name", id.name}, {"cohort", id.cohort}}},
                                 {"device", id.device_id}, {"last_sync", last}, {"events", events}}
                                .dump(2).c_str());
        return kOk;
    }
    std::printf("learner  %s %s\ndevice   %s\n", id.learner_id.c_str(), id.name.c_str(), id.device_id.c_str());
    if (last["at"].get<long long>() == 0) std::printf("sync     never\n");
    else {
        std::time_t t = last["at"].get<long long>();
        char when[64];
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", std::localtime(&t));
        std::printf("sync     %s %s: %lld received, %lld sent%s%s\n", when, last["shared"].get<std::string>().c_str(),
                    last["received"].get<long long>(), last["sent"].get<long long>(),
                    last["status"].get<int>() ? " — failed: " : "", last["message"].get<std::string>().c_str());
    }
    for (auto& [learner, n] : counts)
        std::printf("events   %s %lld%s\n", learner.c_str(), static_cast<long long>(n), learner == id.learner_id ? "  (me)" : "");
    return kOk;
}

}  // namespace linli::cli
