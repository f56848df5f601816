#include "cases/catalog.h"

#include <algorithm>

#include "cases/drill_check.h"
#include "content/library_cache.h"
#include "content/sections.h"
#include "content/image_ref.h"

namespace linli {
namespace {

// What a learner may see before playing: the opening, the scenes and the kit; never a choice's
// feedback, the endings or their debriefs.
std::string cover_text(const Drill& d) {
    std::string out;
    auto add = [&](const std::vector<const Block*>& blocks) {
        for (const Block* b : blocks) (out += block_text(*b)) += '\n';
    };
    add(d.opening);
    for (const DrillNode& n : d.nodes) {
        if (n.is_ending()) continue;
        (out += n.title) += '\n';
        for (const Piece& p : n.body) (out += block_text(*p.block)) += '\n';
    }
    add(d.kit);
    return out;
}

}  // namespace

std::string Catalog::indexed_key(uint64_t raw_hash) { return "indexed-hash:" + std::to_string(raw_hash); }

Catalog Catalog::load(const std::vector<std::filesystem::path>& roots, bool check, const std::filesystem::path& cache_dir,
                      bool bodies_on_demand) {
    Catalog c;
    std::shared_ptr<LibraryCache> cache = cache_dir.empty() ? nullptr : LibraryCache::open(cache_dir);
    c.library = Library::load(roots, cache.get(), bodies_on_demand);
    if (bodies_on_demand) c.library.read_bodies_from(cache);
    c.problems = c.library.problems();
    for (const Document& d : c.library.documents())
        if (d.meta.kind == DocKind::Drill) c.drills.push_back(parse_drill(d, c.problems));
    c.drill_of_doc_.assign(c.library.documents().size(), -1);
    for (size_t i = 0; i < c.drills.size(); ++i) {
        int doc = c.library.index_of(c.drills[i].doc->meta.id);
        c.drill_of_doc_[doc] = static_cast<int>(i);
        c.library.set_search_text(doc, cover_text(c.drills[i]));
    }
    // What the search index of these files is keyed by, once the drills' covers are set: a
    // command that needs only the index finds it from the files' stat alone (linli search).
    if (cache) cache->set_meta(indexed_key(c.library.raw_hash()), std::to_string(c.library.content_hash()));
    // What the window's next start shows before its load, when the files changed since the last.
    if (cache && bodies_on_demand && cache->snapshot_hash(c.library.roots_key()) != c.library.raw_hash())
        cache->save_snapshot(c.library.roots_key(), c.library.raw_hash(), c.library.documents(), c.problems);
    if (check) {
        auto more = c.check_drills();
        c.problems.insert(c.problems.end(), more.begin(), more.end());
        // The load read images' headers; lint also inflates their data (the window does as it decodes).
        auto data = check_image_data(c.library);
        c.problems.insert(c.problems.end(), data.begin(), data.end());
    }
    return c;
}

std::optional<Catalog> Catalog::from_snapshot(const std::vector<std::filesystem::path>& roots, const std::filesystem::path& cache_dir) {
    std::shared_ptr<LibraryCache> cache = cache_dir.empty() ? nullptr : LibraryCache::open(cache_dir);
    if (!cache) return std::nullopt;
    uint64_t key = Library::roots_key(roots);
    auto snap = cache->snapshot(key);
    if (!snap) return std::nullopt;
    Catalog c;
    c.library = Library::from_snapshot(std::move(snap->docs), snap->raw_hash, key, cache);
    c.problems = std::move(snap->problems);
    c.provisional = true;
    return c;
}

std::optional<int> Catalog::reload_file(const std::filesystem::path& file, const std::filesystem::path& root) {
    std::vector<Diagnostic> before = library.problems();
    std::optional<int> doc = library.reload_file(file, root);
    if (!doc) return std::nullopt;
    const Document& d = library.documents()[size_t(*doc)];
    // The library's problems it no longer has (this file's, links it resolved) leave the list.
    std::vector<Diagnostic> gone;
    for (const Diagnostic& p : before)
        if (std::none_of(library.problems().begin(), library.problems().end(), [&](const Diagnostic& n) { return same_finding(p, n); }))
            gone.push_back(p);
    std::erase_if(problems, [&](const Diagnostic& p) {
        return p.path == d.path.native() || std::any_of(gone.begin(), gone.end(), [&](const Diagnostic& g) { return same_finding(p, g); });
    });
    for (const Diagnostic& p : library.problems())
        if (p.path == d.path.native()) problems.push_back(p);
    // A new document may move the others in memory: every drill finds its own again.
    drill_of_doc_.resize(library.documents().size(), -1);
    for (size_t i = 0; i < drill_of_doc_.size(); ++i)
        if (drill_of_doc_[i] >= 0) drills[size_t(drill_of_doc_[i])].doc = &library.documents()[i];
    if (d.meta.kind == DocKind::Drill) {
        Drill drill = parse_drill(d, problems);
        int& k = drill_of_doc_[size_t(*doc)];
        if (k < 0) {
            k = int(drills.size());
            drills.push_back(std::move(drill));
        } else {
            drills[size_t(k)] = std::move(drill);
        }
        library.set_search_text(*doc, cover_text(drills[size_t(k)]));
    }
    return doc;
}

std::vector<Diagnostic> Catalog::check_drill_of(int doc, size_t max_states) const {
    std::vector<Diagnostic> out;
    int k = doc < 0 || doc >= int(drill_of_doc_.size()) ? -1 : drill_of_doc_[size_t(doc)];
    if (k >= 0) check_drill(drills[size_t(k)], library, out, max_states);
    return out;
}

std::vector<Diagnostic> Catalog::check_drills(size_t max_states) const {
    std::vector<Diagnostic> out;
    for (const Drill& d : drills) check_drill(d, library, out, max_states);
    return out;
}

const Drill* Catalog::drill(std::string_view id) const {
    int doc = library.index_of(id);
    int i = doc < 0 || doc >= static_cast<int>(drill_of_doc_.size()) ? -1 : drill_of_doc_[doc];
    return i < 0 ? nullptr : &drills[i];
}

}  // namespace linli
