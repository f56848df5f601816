#include "sync/syncer.h"

#include <ctime>
#include <fstream>

#include "sync/ids.h"
#include "sync/lock_file.h"
#include "sync/shared_file.h"
#include "sync/sync_folder.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

bool looks_like_sqlite(const fs::path& p) {
    char head[16] = {};
    std::ifstream in(p, std::ios::binary);
    return in.read(head, sizeof head) && std::string(head, 15) == "SQLite format 3";
}

std::string stamp() {
    char buf[32];
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);  // reentrant: sync runs on a worker while the window formats times
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &local);
    return buf;
}

// Moves a file into the archive folder beside the shared file, never over another file.
fs::path archive(const fs::path& file, const std::string& suffix = "") {
    fs::path dir = file.parent_path() / kArchiveFolder;
    fs::create_directories(dir);
    fs::path dest = dir / (file.filename().string() + suffix);
    for (int i = 2; fs::exists(dest); ++i) dest = dir / (file.filename().string() + suffix + "." + std::to_string(i));
    fs::rename(file, dest);
    return dest;
}

void record_status(ProgressStore& store, const SyncReport& r) {
    try {
        db::Transaction tx(store.db());
        store.set_meta(meta_key::kSyncLastAt, std::to_string(std::time(nullptr)));
        store.set_meta(meta_key::kSyncStatus, std::to_string(static_cast<int>(r.status)));
        store.set_meta(meta_key::kSyncMessage, r.message);
        store.set_meta(meta_key::kSyncSent, std::to_string(r.sent));
        store.set_meta(meta_key::kSyncReceived, std::to_string(r.received));
        tx.commit();
    } catch (const std::exception&) {
        // The report still reaches the caller; the status line just stays as it was.
    }
}

SyncReport fail(SyncReport::Status s, std::string msg) {
    SyncReport r;
    r.status = s;
    r.message = std::move(msg);
    return r;
}

SyncReport run(ProgressStore& store, const fs::path& shared, const SyncOptions& opts) {
    SyncReport r;
    const fs::path dir = shared.has_parent_path() ? shared.parent_path() : fs::path(".");
    const std::string name = shared.filename().string();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return fail(SyncReport::IoError, "the folder " + dir.string() + " does not exist or cannot be read");
    const fs::path scratch = sync_scratch_dir(store);
    fs::create_directories(scratch);
    const Identity me = store.identity();

    std::unique_ptr<LockFile> lock;
    try {
        fs::path lock_path = shared;
        lock_path += ".lock";
        lock = std::make_unique<LockFile>(lock_path, me.device_id, opts.lock_timeout, opts.lock_stale_after);
    } catch (const std::runtime_error& e) {
        std::string what = e.what();
        return fail(what.rfind("busy", 0) == 0 ? SyncReport::Busy : SyncReport::IoError, what);
    }
    // Holding the lock, any temp or stale-lock file of ours is left over from a run that was killed.
    for (const fs::path& f : side_files(shared)) {
        std::string n = f.filename().string();
        if (is_publish_temp(n, name) || n.rfind(name + ".lock.stale-", 0) == 0) fs::remove(f, ec);
    }

    if (opts.restore) {
        fs::path backup = scratch / "last-good.sqlite";
        if (!fs::exists(backup)) return fail(SyncReport::IoError, "there is no backup: this device has not published a shared file yet");
        try {
            r.received += SharedSnapshot::open(backup, scratch)->import_into(store);
        } catch (const SharedFileError& e) {
            return fail(SyncReport::Refused, std::string("the backup is damaged too: ") + e.what());
        }
    }

    std::string file_id;
    int64_t shared_count = -1;  // -1: there is no shared file yet
    if (fs::exists(shared, ec)) {
        try {
            auto snap = SharedSnapshot::open(shared, scratch);
            file_id = snap->file_id();
            shared_count = snap->event_count();
            r.received += snap->import_into(store);
        } catch (const SharedFileError& e) {
            if (!opts.restore) {
                r.status = SyncReport::Refused;
                r.message = std::string(e.what()) + ". Nothing was imported from it and it was left untouched; "
                            "`linli sync --restore` replaces it with the last good version";
                return r;
            }
            fs::path moved = archive(shared, ".damaged-" + stamp());
            r.warnings.push_back(std::string(e.what()) + " (moved to " + moved.string() + ")");
        }
    }

    // Copies of the shared file beside it: every valid one is merged, whatever its name.
    std::vector<fs::path> merged;
    for (const fs::path& f : side_files(shared)) {
        SideFile kind = classify_side_file(f.filename().string(), name);
        if (kind == SideFile::SyncTemp || kind == SideFile::Ours || !looks_like_sqlite(f)) continue;
        try {
            auto snap = SharedSnapshot::open(f, scratch);
            // With the shared file gone, a copy named after it (a sync client's conflict copy)
            // tells which shared file this is; other progress files here may belong to others.
            if (file_id.empty() && shared_count < 0 && kind == SideFile::ConflictCopy) file_id = snap->file_id();
            if (snap->file_id() != file_id) continue;  // another shared file that happens to be here
            r.received += snap->import_into(store);
            merged.push_back(f);
            r.merged.push_back(f.filename().string());
        } catch (const SharedFileError& e) {
            if (kind == SideFile::ConflictCopy || e.kind != SharedFileError::Foreign)
                r.warnings.push_back(std::string(e.what()) + " (left in place)");
        }
    }
    if (file_id.empty()) file_id = random_id();

    int64_t local = store.event_count();
    if (shared_count != local) {
        fs::path image = scratch / ("out-" + random_id().substr(0, 8) + ".sqlite");
        try {
            write_shared_image(store, image, file_id);
            // Another device took the lock over (this run stalled past the stale age despite its
            // heartbeat): it may be publishing now, so this run does not. Everything is kept locally.
            if (!lock->held()) {
                fs::remove(image, ec);
                r.status = SyncReport::Busy;
                r.message = "busy: another device took over the lock while this sync ran; nothing was published and "
                            "local progress is safe";
                return r;
            }
            publish_file(image, shared, me.device_id.substr(0, 8));
            fs::rename(image, scratch / "last-good.sqlite");  // the backup `--restore` brings back
        } catch (const std::exception& e) {
            fs::remove(image, ec);
            r.status = SyncReport::IoError;
            r.message = std::string("could not write the shared file: ") + e.what() + ". Local progress is safe";
            return r;
        }
        r.published = true;
        r.sent = static_cast<size_t>(local - std::max<int64_t>(shared_count, 0));
    }
    r.shared_events = local;
    // Only now that the shared file holds their events are the copies moved away.
    for (const fs::path& f : merged) {
        try {
            archive(f);
            r.archived.push_back(f.filename().string());
        } catch (const std::exception& e) {
            r.warnings.push_back(f.filename().string() + ": merged, but could not be moved to " + kArchiveFolder + ": " + e.what());
        }
    }
    return r;
}

}  // namespace

fs::path sync_scratch_dir(const ProgressStore& store) { return store.path().parent_path() / "sync"; }

SyncReport sync_shared(ProgressStore& store, const fs::path& shared, const SyncOptions& opts) {
    SyncReport r;
    try {
        r = run(store, shared, opts);
    } catch (const db::Error& e) {
        r = fail(SyncReport::StoreError, std::string("the local progress store failed: ") + e.what());
    } catch (const fs::filesystem_error& e) {
        r = fail(SyncReport::IoError, e.what());
    } catch (const std::exception& e) {
        r = fail(SyncReport::IoError, e.what());
    }
    record_status(store, r);
    return r;
}

SyncReport check_shared(const fs::path& shared, const fs::path& scratch) {
    SyncReport r;
    try {
        auto snap = SharedSnapshot::open(shared, scratch);
        r.shared_events = snap->event_count();
        r.message = shared.filename().string() + ": ok, " + std::to_string(r.shared_events) + " events";
    } catch (const SharedFileError& e) {
        r.status = e.kind == SharedFileError::Unreadable ? SyncReport::IoError : SyncReport::Refused;
        r.message = e.what();
    }
    return r;
}

}  // namespace linli
