// `linli pack export|import`: case packs (core/pack.h). Export writes documents with their images
// to one *.linlipack file; import checks the whole pack, prints what it would add, update or leave,
// then writes into the user's library (not with --dry-run). Exit codes: 0 ok, 1 refused or failed.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "cases/buffer_lint.h"
#include "cli.h"
#include "content/privacy.h"
#include "content/paths.h"
#include "core/pack.h"
#include "drills.h"

namespace fs = std::filesystem;

namespace linli::cli {
namespace {

// One line in the language asked for: Chinese with the English after it, or English alone.
std::string say(const Options& opts, const std::string& zh, const std::string& en) {
    return opts.english ? en : zh + " (" + en + ")";
}

std::string count_of(size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

struct ExportArgs {
    std::string out, author, title;
    std::vector<std::string> ids;
    bool allow_private = false;
};

// The privacy check of the documents about to leave the machine: each finding printed as lint
// prints it; how many there were.
size_t print_private_details(const Options& opts, const Catalog& cat, const std::vector<std::string>& ids) {
    const std::vector<std::string> names = read_name_list(private_names_file(AppPaths::resolve(opts.data_dir)));
    std::vector<Diagnostic> found;
    for (const std::string& id : ids) {
        const Document* d = cat.library.find(id);
        if (!d) continue;  // export_pack names it
        std::ifstream in(d->path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        add_privacy_warnings(d->path, text.str(), names, found);
    }
    for (const Diagnostic& d : found) fmt::print(stderr, "{}\n", d.format(opts.english));
    return found.size();
}

int export_command(const Options& opts, const ExportArgs& a) {
    Catalog cat = load_catalog(opts);
    // Residents' details must not leave the machine by accident: with findings, only on purpose.
    if (size_t n = print_private_details(opts, cat, a.ids); n > 0 && !a.allow_private) {
        fmt::print(stderr, "linli pack export: {}\n",
                   say(opts, fmt::format("文档里有 {} 处疑似居民的个人信息（见上）：替换后再导出，或确认无误后加 --allow-private", n),
                       fmt::format("{} possible residents' details in the documents (above): replace them, or add --allow-private once checked", n)));
        return kProblems;
    }
    try {
        export_pack(cat.library, a.ids, PackInfo{a.author, a.title, LINLI_VERSION, {}}, a.out);
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli pack export: {}\n", e.what());
        return kProblems;
    }
    fmt::print("{}\n", say(opts, fmt::format("已写出资料包 {}：{} 篇文档", a.out, a.ids.size()),
                           fmt::format("wrote the pack {}: {}", a.out, count_of(a.ids.size(), "document"))));
    return kOk;
}

struct ImportArgs {
    std::string pack;
    bool dry_run = false, replace = false;
};

void print_plan_line(const Options& opts, const PlannedDocument& d) {
    switch (d.change) {
        case PackChange::Added:
            fmt::print("{}  {}  {}  {}\n", opts.english ? "added" : "新增", d.id, d.version, d.title);
            break;
        case PackChange::Updated:
            fmt::print("{}  {}  {} → {}  {}\n", opts.english ? "updated" : "更新", d.id, d.local_version, d.version, d.title);
            break;
        case PackChange::Unchanged:
            fmt::print("{}  {}  {}  {}\n", opts.english ? "unchanged" : "不变", d.id, d.version, d.title);
            break;
    }
}

void print_plan(const Options& opts, const PackPlan& plan) {
    const PackInfo& i = plan.info;
    std::string by_zh = i.author.empty() ? "" : "，作者 " + i.author, by_en = i.author.empty() ? "" : " by " + i.author;
    fmt::print("{}\n", say(opts, fmt::format("资料包「{}」{}，{}", i.title.empty() ? "无标题" : i.title, by_zh, i.created),
                           fmt::format("pack \"{}\"{}, {}", i.title.empty() ? "untitled" : i.title, by_en, i.created)));
    for (const Diagnostic& d : plan.warnings) fmt::print("{}\n", d.format(opts.english));
    for (const PlannedDocument& d : plan.documents) print_plan_line(opts, d);
    size_t added = plan.count(PackChange::Added), updated = plan.count(PackChange::Updated), same = plan.count(PackChange::Unchanged);
    fmt::print("{}\n", say(opts, fmt::format("新增 {} 篇，更新 {} 篇，不变 {} 篇，文件 {} 个", added, updated, same, plan.files.size()),
                           fmt::format("{} added, {} updated, {} unchanged, {}", added, updated, same, count_of(plan.files.size(), "file"))));
}

void print_result(const Options& opts, const PackResult& r, const fs::path& library) {
    size_t needs_replace = 0;
    for (const Skipped& s : r.skipped) {
        fmt::print("{}\n", say(opts, fmt::format("未写入 {}：{}", s.what, skip_reason_zh(s.reason)),
                               fmt::format("not written {}: {}", s.what, skip_reason_en(s.reason))));
        needs_replace += s.reason == SkipReason::NeedsReplace;
    }
    fmt::print("{}\n", say(opts, fmt::format("已写入 {} 个文件到 {}", r.written.size(), library.string()),
                           fmt::format("wrote {} to {}", count_of(r.written.size(), "file"), library.string())));
    if (needs_replace)
        fmt::print("{}\n", say(opts, fmt::format("{} 项本地已有不同版本，没有覆盖；要覆盖请加 --replace", needs_replace),
                               fmt::format("{} kept as the local version: use --replace to overwrite", needs_replace)));
}

int import_command(const Options& opts, const ImportArgs& a) {
    AppPaths paths = AppPaths::resolve(opts.data_dir);
    Catalog local = load_catalog(opts);
    PackPlan plan = plan_import(a.pack, local);
    if (!plan.ok()) {
        for (const Diagnostic& d : plan.problems) fmt::print(stderr, "{}\n", d.format(opts.english));
        fmt::print(stderr, "linli pack import: {}\n", plan.refusal);
        return kProblems;
    }
    print_plan(opts, plan);
    if (a.dry_run) {
        bool hint = !a.replace && plan.count(PackChange::Updated) > 0;
        fmt::print("{}\n", say(opts, hint ? "试运行：没有写入任何文件；更新要加 --replace 才会写入" : "试运行：没有写入任何文件",
                               hint ? "dry run: nothing written; updates are written only with --replace" : "dry run: nothing written"));
        return kOk;
    }
    try {
        print_result(opts, apply_import(plan, paths.user_library, a.replace), paths.user_library);
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli pack import: {}\n", e.what());
        return kProblems;
    }
    return kOk;
}

}  // namespace

void add_pack(CLI::App& app, const Options& opts, Action& action) {
    CLI::App* pack = app.add_subcommand("pack", "资料包：把文档连同图片打成一个文件分发，或导入别人给的 · case packs: hand out documents with their images as one file, or import one");
    pack->require_subcommand(1);

    auto e = std::make_shared<ExportArgs>();
    CLI::App* exp = pack->add_subcommand("export", "把这些文档和它们用到的图片写成一个 .linlipack 文件 · write these documents and their images to one .linlipack file");
    exp->add_option("--out", e->out, "要写出的资料包 · the pack to write")->type_name("FILE")->required();
    exp->add_option("--author", e->author, "作者，写进资料包 · the author, written into the pack")->type_name("NAME");
    exp->add_option("--title", e->title, "资料包的标题 · the pack's title")->type_name("T");
    exp->add_flag("--allow-private", e->allow_private,
                  "隐私检查有发现时也导出（已确认无误） · export even with privacy findings (checked by hand)");
    exp->add_option("ID", e->ids, "要放进去的文档 id · the ids of the documents to include")->required();
    on_parsed(exp, action, [&opts, e] { return export_command(opts, *e); });

    auto i = std::make_shared<ImportArgs>();
    CLI::App* imp = pack->add_subcommand("import", "检查整个资料包，列出新增、更新、不变的文档，再写进你的文库 · check the whole pack, list what it adds, updates and leaves, then write it into your library");
    imp->add_option("FILE", i->pack, "要导入的 .linlipack 文件 · the .linlipack file to import")->required();
    imp->add_flag("--dry-run", i->dry_run, "只检查并列出，不写入 · check and list only, write nothing");
    imp->add_flag("--replace", i->replace, "用资料包里的版本覆盖你文库里的旧版本 · overwrite the older versions in your library with the pack's");
    on_parsed(imp, action, [&opts, i] { return import_command(opts, *i); });
}

}  // namespace linli::cli
