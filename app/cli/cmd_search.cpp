// `linli search QUERY... [--limit N] [--json]`: the same search as the window's Ctrl+K.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cases/catalog.h"
#include "cli.h"
#include "content/library.h"
#include "content/library_cache.h"
#include "content/paths.h"
#include "content/search.h"
#include "values.h"

namespace linli::cli {
namespace {

struct SearchArgs {
    std::vector<std::string> words;  // joined with spaces, so the query needs no quotes
    int limit = 20;
    bool json = false;
};

// The index for these files without loading the library, when nothing changed since the last
// load (the library cache's stat check, and its note of the index the drills' covers went into).
std::unique_ptr<SearchIndex> index_without_loading(const AppPaths& paths, const std::vector<std::filesystem::path>& roots) {
    auto cache = LibraryCache::open(paths.cache_dir);
    if (!cache) return nullptr;
    Thesaurus thesaurus;
    auto raw = Library::unchanged_hash(roots, *cache, thesaurus);
    if (!raw) return nullptr;
    auto indexed = cache->meta(Catalog::indexed_key(*raw));
    if (!indexed) return nullptr;
    try {
        auto index = SearchIndex::open_file(SearchIndex::cache_path(Library::roots_key(roots), paths.cache_dir), std::move(thesaurus));
        if (index->content_hash() != std::stoull(*indexed)) return nullptr;  // of another version: the load updates it
        return index;
    } catch (const std::exception&) {
        return nullptr;  // missing or damaged: the full load rebuilds it
    }
}

int search(const Options& opts, const SearchArgs& a) {
    std::string query = fmt::format("{}", fmt::join(a.words, " "));
    AppPaths paths = AppPaths::resolve(opts.data_dir);
    auto roots = library_roots(paths, opts.libraries);
    std::unique_ptr<SearchIndex> index = index_without_loading(paths, roots);
    if (!index) {
        // Through the catalog, as the window does: a drill is indexed by its cover, never its answers.
        Catalog cat = Catalog::load(roots, false, paths.cache_dir);
        index = SearchIndex::cached(cat.library, paths.cache_dir);
    }
    auto hits = index->search(query, a.limit);
    if (a.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& h : hits)
            out.push_back({{"id", h.id}, {"title", h.title}, {"title_hit", h.title_hit}, {"snippet", h.snippet}});
        fmt::print("{}\n", out.dump(2));
    } else {
        for (const auto& h : hits) fmt::print("{}  {}\n    {}\n", h.id, h.title, h.snippet);
        if (hits.empty()) fmt::print(stderr, "no results for '{}'\n", query);
    }
    return kOk;
}

}  // namespace

void add_search(CLI::App& app, const Options& opts, Action& action) {
    auto a = std::make_shared<SearchArgs>();
    CLI::App* sub = app.add_subcommand("search", "搜索标题、正文和标签 · search titles, text and tags");
    sub->add_option("QUERY", a->words, "要找的词；一两个字也可以 · what to look for; one- and two-character queries work")->required();
    add_positive(*sub, "--limit", a->limit, "最多 N 条结果（默认 20） · at most N results (default 20)");
    sub->add_flag("--json", a->json, "输出 JSON · print JSON");
    on_parsed(sub, action, [&opts, a] { return search(opts, *a); });
}

}  // namespace linli::cli
