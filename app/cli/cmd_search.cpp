// `linli search QUERY [--limit N] [--json]`: the same search as the window's Ctrl+K.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "content/library.h"
#include "content/paths.h"
#include "content/search.h"

namespace linli::cli {

int cmd_search(const Options& opts) {
    std::string query;
    int limit = 20;
    bool json = false;
    for (size_t i = 1; i < opts.args.size(); ++i) {
        const std::string& a = opts.args[i];
        if (a == "--json") json = true;
        else if (a == "--limit" && i + 1 < opts.args.size()) limit = std::atoi(opts.args[++i].c_str());
        else query += (query.empty() ? "" : " ") + a;
    }
    if (query.empty() || limit <= 0) {
        std::fprintf(stderr, "usage: linli search QUERY [--limit N] [--json]\n");
        return kUsage;
    }
    AppPaths paths = AppPaths::resolve(opts.data_dir);
    Library lib = Library::load(library_roots(paths, opts.libraries));
    auto index = SearchIndex::cached(lib, paths.cache_dir);
    auto hits = index->search(query, limit);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& h : hits)
            out.push_back({{"id", h.id}, {"title", h.title}, {"title_hit", h.title_hit}, {"snippet", h.snippet}});
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        for (const auto& h : hits) std::printf("%s  %s\n    %s\n", h.id.c_str(), h.title.c_str(), h.snippet.c_str());
        if (hits.empty()) std::fprintf(stderr, "no results for '%s'\n", query.c_str());
    }
    return kOk;
}

}  // namespace linli::cli
