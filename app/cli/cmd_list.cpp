// `linli list [--kind K] [--json]`: the documents of the library.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "content/library.h"
#include "content/paths.h"

namespace linli::cli {

int cmd_list(const Options& opts) {
    std::optional<DocKind> kind;
    bool json = false;
    for (size_t i = 1; i < opts.args.size(); ++i) {
        const std::string& a = opts.args[i];
        if (a == "--json") {
            json = true;
        } else if (a == "--kind" && i + 1 < opts.args.size()) {
            kind = parse_kind(opts.args[++i]);
            if (!kind) {
                std::fprintf(stderr, "linli list: unknown kind '%s' (guideline, case or drill)\n", opts.args[i].c_str());
                return kUsage;
            }
        } else {
            std::fprintf(stderr, "linli list: unexpected '%s'\n", a.c_str());
            return kUsage;
        }
    }
    Library lib = Library::load(library_roots(AppPaths::resolve(opts.data_dir), opts.libraries));
    nlohmann::json out = nlohmann::json::array();
    for (const Document& d : lib.documents()) {
        if (kind && d.meta.kind != *kind) continue;
        if (json) {
            out.push_back({{"id", d.meta.id}, {"kind", kind_name(d.meta.kind)}, {"title", d.meta.title},
                           {"summary", d.meta.summary}, {"tags", d.meta.tags},
                           {"stakeholders", d.meta.stakeholders}, {"sources", d.meta.sources},
                           {"updated", d.meta.updated}, {"path", d.path.string()}});
        } else {
            std::printf("%-34s %-9s %s\n", d.meta.id.c_str(), kind_name(d.meta.kind), d.meta.title.c_str());
        }
    }
    if (json) std::printf("%s\n", out.dump(2).c_str());
    return kOk;
}

}  // namespace linli::cli
