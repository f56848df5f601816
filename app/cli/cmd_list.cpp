// `linli list [--kind K] [--json]`: the documents of the library.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "content/library.h"
#include "content/paths.h"
#include "usage.h"

namespace linli::cli {
namespace {

struct ListArgs {
    std::optional<DocKind> kind;
    bool json = false;
};

int list(const Options& opts, const ListArgs& a) {
    Library lib = Library::load(library_roots(AppPaths::resolve(opts.data_dir), opts.libraries));
    nlohmann::json out = nlohmann::json::array();
    for (const Document& d : lib.documents()) {
        if (a.kind && d.meta.kind != *a.kind) continue;
        if (a.json) {
            out.push_back({{"id", d.meta.id}, {"kind", kind_name(d.meta.kind)}, {"title", d.meta.title},
                           {"summary", d.meta.summary}, {"tags", d.meta.tags},
                           {"stakeholders", d.meta.stakeholders}, {"sources", d.meta.sources},
                           {"updated", d.meta.updated}, {"path", d.path.string()}});
        } else {
            fmt::print("{:<34} {:<9} {}\n", d.meta.id, kind_name(d.meta.kind), d.meta.title);
        }
    }
    if (a.json) fmt::print("{}\n", out.dump(2));
    return kOk;
}

}  // namespace

void add_list(CLI::App& app, const Options& opts, Action& action) {
    auto a = std::make_shared<ListArgs>();
    CLI::App* sub = app.add_subcommand("list", "列出文档 · list documents");
    sub->add_option_function<std::string>(
           "--kind",
           [a](const std::string& k) {
               a->kind = parse_kind(k);
               if (!a->kind) throw UsageError(fmt::format("选项 --kind 只能是 guideline、case 或 drill (--kind is guideline, case or drill): {}", k));
           },
           "only documents of kind K: guideline, case or drill")
        ->type_name("K");
    sub->add_flag("--json", a->json, "输出 JSON · print JSON");
    on_parsed(sub, action, [&opts, a] { return list(opts, *a); });
}

}  // namespace linli::cli
