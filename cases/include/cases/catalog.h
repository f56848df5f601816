// Everything the app and the CLI load at start: the library, every drill parsed from it, and all
// problems (files that did not load, broken links, drill errors) in one list.
#pragma once
#include <filesystem>
#include <string_view>
#include <optional>
#include <vector>

#include "cases/drill.h"
#include "content/library.h"

namespace linli {

class Catalog {
public:
    // With check_drills false the drills are parsed but not validated: the window defers the
    // validation (it explores every play) to after its first frame, through check_drills().
    // `cache_dir`: where the library cache lives (documents parsed once across runs); none: parse all.
    // `bodies_on_demand`: the window's way, see Library::load.
    static Catalog load(const std::vector<std::filesystem::path>& roots, bool check_drills = true,
                        const std::filesystem::path& cache_dir = {}, bool bodies_on_demand = false);
    // The last window load of these folders as its snapshot left it (bodies, drills and checks
    // left out; `provisional` set), for a first frame that does not wait for the load; none when
    // there is no snapshot. The window saves one at each load with bodies on demand.
    static std::optional<Catalog> from_snapshot(const std::vector<std::filesystem::path>& roots, const std::filesystem::path& cache_dir);
    // The library cache's note: files of this raw hash were indexed under this content hash.
    static std::string indexed_key(uint64_t raw_hash);
    std::vector<Diagnostic> check_drills(size_t max_states = 1000000) const;
    // One saved file taken in without a load (Library::reload_file): the document, its drill
    // parsed again, the problems of that file replaced. Returns the document's index, or none
    // when only a full load can tell. The drill is left unchecked: check_drill_of() does that.
    std::optional<int> reload_file(const std::filesystem::path& file, const std::filesystem::path& root);
    std::vector<Diagnostic> check_drill_of(int doc, size_t max_states = 1000000) const;
    Catalog() = default;
    Catalog(Catalog&&) = default;  // drills point into the library's documents, which a move keeps
    Catalog& operator=(Catalog&&) = default;
    Catalog(const Catalog&) = delete;

    Library library;
    std::vector<Drill> drills;
    std::vector<Diagnostic> problems;
    bool provisional = false;  // from a snapshot: the library is being loaded again

    const Drill* drill(std::string_view id) const;  // by document id, without a scan

private:
    std::vector<int> drill_of_doc_;  // per document: its index in drills, or -1
};

}  // namespace linli
