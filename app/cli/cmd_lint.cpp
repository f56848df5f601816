// `linli lint [PATH...]`: loads the library (plus PATHs) with its drills and prints every problem
// in PATHs, or in the whole library when no PATH is given; then the privacy check's warnings
// (phone and ID numbers, addresses, plates, WeChat ids, the names in privacy-names.txt), as the
// editor shows them (cases/buffer_lint.h).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>

#include "cases/buffer_lint.h"
#include "cases/catalog.h"
#include "cli.h"
#include "content/paths.h"
#include "content/privacy.h"

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace linli::cli {
namespace {

bool under(const fs::path& file, const fs::path& root) {
    std::error_code ec;
    fs::path f = fs::weakly_canonical(file, ec), r = fs::weakly_canonical(root, ec);
    auto [rit, fit] = std::mismatch(r.begin(), r.end(), f.begin(), f.end());
    return rit == r.end();
}

// The documents' files' privacy warnings, in library order.
std::vector<Diagnostic> privacy_warnings(const Library& lib, const std::vector<std::string>& names) {
    std::vector<Diagnostic> out;
    for (const Document& d : lib.documents()) {
        std::ifstream in(d.path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        add_privacy_warnings(d.path, text.str(), names, out);
    }
    return out;
}

int lint(const Options& opts, const std::vector<std::string>& paths) {
    std::vector<fs::path> targets(paths.begin(), paths.end());
    for (const auto& t : targets) {
        if (!fs::exists(t)) {
            fmt::print(stderr, "{}:1:1: error: no such file or folder\n", t.string());
            return kProblems;
        }
    }
    // Links resolve against the whole library, so load it with the targets.
    const AppPaths app_paths = AppPaths::resolve(opts.data_dir);
    std::vector<fs::path> roots = library_roots(app_paths, opts.libraries);
    roots.insert(roots.end(), targets.begin(), targets.end());
    Catalog cat = Catalog::load(roots);
    auto privacy = privacy_warnings(cat.library, read_name_list(private_names_file(app_paths)));
    cat.problems.insert(cat.problems.end(), privacy.begin(), privacy.end());

    int errors = 0, warnings = 0;
    for (const Diagnostic& d : cat.problems) {
        bool selected = targets.empty();
        for (const auto& t : targets) selected = selected || under(d.path, t);
        if (!selected) continue;
        fmt::print("{}\n", d.format(opts.english));
        (d.severity == Severity::Error ? errors : warnings)++;
    }
    if (opts.english)
        fmt::print(stderr, "{} documents checked: {} errors, {} warnings\n", cat.library.documents().size(), errors, warnings);
    else
        fmt::print(stderr, "检查了 {} 个文档：{} 个错误，{} 个警告 ({} documents checked: {} errors, {} warnings)\n",
                   cat.library.documents().size(), errors, warnings, cat.library.documents().size(), errors, warnings);
    return errors ? kProblems : kOk;
}

}  // namespace

void add_lint(CLI::App& app, const Options& opts, Action& action) {
    auto paths = std::make_shared<std::vector<std::string>>();
    CLI::App* sub = app.add_subcommand("lint", "检查文档（不给 PATH 时检查全部）；有错误时退出码为 1 · check documents (all of them without PATH); exit 1 on any error");
    sub->add_option("PATH", *paths, "一个文档，或放文档的文件夹 · a document or a folder of them");
    on_parsed(sub, action, [&opts, paths] { return lint(opts, *paths); });
}

}  // namespace linli::cli
