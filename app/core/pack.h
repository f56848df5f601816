// Case packs (issue 13): a selection of documents with the images and files they use, as one
// `*.linlipack` file an instructor hands out. A pack is a gzip-compressed pax tar archive:
// `manifest.json` first, then each document as `docs/<path>`, each image it shows as
// `images/<path>` and each file it links as `files/<path>`, where <path> is relative to the
// library folder the document came from; an import writes it at <path> in the user's library, so
// every relative link still works (docs/content-format.md, "Images").
//
// An import reads and checks the whole pack before anything is written (plan_import): the
// manifest, every entry's name, type, size and SHA-256, and a lint of its documents loaded with
// the user's library. Only then does apply_import write, and only inside the user's library.
// Headless: the CLI (`linli pack`) and the window share it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.h"

namespace linli {

class Catalog;
class Library;

inline constexpr const char* kPackExtension = ".linlipack";
inline constexpr const char* kPackFormat = "linli-pack";
inline constexpr int kPackFormatVersion = 1;

// What the pack says about itself (manifest.json).
struct PackInfo {
    std::string author;
    std::string title;
    std::string linli_version;  // of the program writing it
    std::string created;        // ISO 8601 UTC ("2026-03-01T08:00:00Z"); empty: now
};

// Where an import stops reading. The defaults suit real packs; tests set small ones.
struct PackLimits {
    size_t max_entries = 2000;
    uint64_t max_entry_bytes = 20ull * 1024 * 1024;   // each entry, as its header says and as read
    uint64_t max_total_bytes = 200ull * 1024 * 1024;  // all entries, unpacked
    double max_ratio = 100;         // unpacked bytes per byte of the pack file: more is a bomb
    size_t max_path_bytes = 512;    // an entry's name; each of its segments at most 255
};

// SHA-256 as 64 lowercase hex digits: of bytes, and of a file (throws std::runtime_error when it
// cannot be read). The ledger knows packs by their file's hash.
std::string sha256_hex(std::string_view bytes);
std::string file_sha256(const std::filesystem::path& file);

// Writes the documents `ids` of `lib`, every image they show and every file they link inside
// their library folder, to `out` (atomically: a reader never sees half a pack). Throws
// std::runtime_error, Chinese then English: an unknown id, two different files that would share a
// path in the pack, a file that cannot be read or written.
void export_pack(const Library& lib, const std::vector<std::string>& ids, const PackInfo& info,
                 const std::filesystem::path& out);

// [SECTION] import -----------------------------------------------------------------------------

enum class PackChange {
    Added,     // no local document has its id
    Updated,   // a local document has its id and other bytes
    Unchanged  // a local document has its id and the same bytes
};

// One checked entry of the pack, held in memory until the import writes it.
struct PackFile {
    std::string entry;   // its name in the pack: docs/…, images/…, files/…
    std::string path;    // where it goes, relative to the library folder (the entry minus its first folder)
    std::string sha256;
    std::string bytes;
};

struct PlannedDocument {
    std::string id, kind, title;
    std::string version;  // its front matter's `updated`, else the first 12 hex digits of its SHA-256
    PackFile file;
    PackChange change = PackChange::Added;
    std::string local_version;         // Updated, Unchanged: the local copy's version
    std::filesystem::path local_path;  // Updated, Unchanged: the local copy
    std::vector<size_t> uses;          // the PackPlan::files it shows or links
};

struct PackPlan {
    std::string refusal;               // why the pack is refused, Chinese then English; empty: accepted
    std::vector<Diagnostic> problems;  // refused for lint errors: each, at its pack path and line
    std::vector<Diagnostic> warnings;  // lint warnings of the pack's documents (no refusal)
    std::string sha256;                // of the pack file, for the ledger
    PackInfo info;                     // as its manifest says
    std::vector<PlannedDocument> documents;
    std::vector<PackFile> files;       // images and linked files

    bool ok() const { return refusal.empty(); }
    size_t count(PackChange c) const;
};

// Reads and checks the whole pack, writing nothing but a private temporary folder (removed before
// it returns) where its documents are linted together with `local`, the user's current library.
// Every failure is a refusal in the plan, never an exception.
PackPlan plan_import(const std::filesystem::path& pack, const Catalog& local, const PackLimits& limits = {});

enum class SkipReason {
    NeedsReplace,        // an update (or a changed file) left as it was: import with replace
    OutsideUserLibrary,  // the local copy is bundled or in a --library folder: never overwritten
    ElsewhereInLibrary,  // the local copy lives at another path of the user's library
    PathTaken            // another file already holds the document's path
};
const char* skip_reason_zh(SkipReason r);
const char* skip_reason_en(SkipReason r);

struct Skipped {
    std::string what;  // a document's id, or a file's path
    SkipReason reason;
};

struct PackResult {
    std::vector<std::string> added, updated;  // ids of the documents written
    std::vector<std::string> written;         // library-relative paths written: files, then documents
    std::vector<Skipped> skipped;             // documents and files not written, and why
};

// Writes the plan into `user_library` (folders created, each file atomically; a document's files
// before it): Added documents; Updated ones only with `replace`, and only where the local copy is
// the file at the pack's path; the files those documents use (a different one already there only
// with `replace`). Every target is checked to resolve inside `user_library` before anything is
// written. Throws std::runtime_error when a target leaves it or a write fails; std::logic_error
// for a refused plan.
PackResult apply_import(const PackPlan& plan, const std::filesystem::path& user_library, bool replace);

// [SECTION] handing packs out through the cohort's shared folder --------------------------------

// The `*.linlipack` files in the folder of the cohort's shared file, sorted by name.
std::vector<std::filesystem::path> packs_beside(const std::filesystem::path& shared_file);

enum class PackOutcome { Imported, Declined };

// Which packs were offered already (by the hash of their file), so each is offered once. Kept as
// JSON in one file (e.g. data_dir/packs.json). A missing or damaged file reads as empty and is left
// as it is until record() writes the ledger again.
class PackLedger {
public:
    struct Entry {
        std::string sha256, name, outcome, time;  // outcome "imported" | "declined"; time ISO 8601 UTC
    };

    explicit PackLedger(std::filesystem::path file);
    bool seen(const std::string& sha256) const;
    // Adds (or replaces) the pack's entry and writes the file atomically; throws std::runtime_error.
    void record(const std::string& sha256, const std::string& name, PackOutcome outcome);
    const std::vector<Entry>& entries() const { return entries_; }

private:
    std::filesystem::path file_;
    std::vector<Entry> entries_;
};

}  // namespace linli
