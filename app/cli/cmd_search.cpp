// `linli search QUERY... [--limit N] [--json]`: the same search as the window's Ctrl+K.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cases/catalog.h"
#include "cli.h"
#include "content/library.h"
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

int search(const Options& opts, const SearchArgs& a) {
    std::string query = fmt::format("{}", fmt::join(a.words, " "));
    AppPaths paths = AppPaths::resolve(opts.data_dir);
    // Through the catalog, as the window does: a drill is indexed by its cover, never its answers.
    Catalog cat = Catalog::load(library_roots(paths, opts.libraries), false, paths.cache_dir);
    const Library& lib = cat.library;
    auto index = SearchIndex::cached(lib, paths.cache_dir);
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
