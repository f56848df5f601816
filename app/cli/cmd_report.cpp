// `linli report`: the trainer's figures from a cohort's shared file — who is learning, where the
// cohort goes wrong in each drill, who has gone quiet — as Markdown, CSV or JSON.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ctime>
#include <iostream>

#include "cli.h"
#include "cohort_source.h"
#include "core/cohort.h"
#include "core/cohort_export.h"
#include "core/export_files.h"
#include "drills.h"

namespace linli::cli {
namespace {

struct ReportArgs {
    std::string shared, cohort, since, until, format = "md", out, drill;
    int quiet_days = 14;
    bool anonymous = false;
};

std::optional<int64_t> date_arg(const std::string& text, const char* option) {
    if (text.empty()) return int64_t(0);
    auto t = parse_cst_date(text);
    if (!t) fmt::print(stderr, "linli report: {} 要写成 YYYY-MM-DD，例如 2026-11-01 · {} must be a date YYYY-MM-DD: {}\n", option, option, text);
    return t;
}

int report(const Options& opts, const ReportArgs& a) {
    auto since = date_arg(a.since, "--since"), until = date_arg(a.until, "--until");
    if (!since || !until) return kUsage;
    auto source = open_cohort_source(opts, a.shared, "report");
    if (!source) return kProblems;
    Catalog catalog = load_catalog(opts);
    if (!a.drill.empty() && !catalog.drill(a.drill)) {
        fmt::print(stderr, "linli report: 没有 id 为「{}」的演练（见 linli drill list） · no drill '{}' (see linli drill list)\n", a.drill, a.drill);
        return kUsage;
    }
    CohortFilter filter;
    filter.cohort = a.cohort;
    filter.since = *since;
    // --until names a day: all of it counts.
    filter.until = *until ? *until + 86400 - 1 : 0;
    filter.quiet_days = a.quiet_days;
    filter.now = int64_t(std::time(nullptr));
    CohortReport r;
    try {
        r = build_cohort_report(shared_file_feed(*source->snapshot), catalog, filter);
    } catch (const std::exception& e) {  // a bad row met on the way: nothing was written
        fmt::print(stderr, "linli report: 共享文件不能用 (the shared file was refused): {}\n", e.what());
        return kProblems;
    }
    if (a.anonymous) anonymise(r);
    if (!a.drill.empty() && r.drills.empty()) {
        // Nobody in the range played it: its table is empty, not missing.
        const Drill* d = catalog.drill(a.drill);
        r.drills.push_back({d->doc->meta.id, d->doc->meta.title});
    }
    try {
        if (a.format == "csv") {
            std::vector<CsvTable> tables = report_csv(r, a.drill);
            if (a.out.empty()) {  // stdout: the first table (learners, or the drill's items)
                std::cout << tables.front().text;
            } else {
                make_export_folder(a.out);
                for (const CsvTable& t : tables) write_file_atomically(std::filesystem::path(a.out) / (t.name + ".csv"), t.text);
                fmt::print(stderr, "linli report: 写了 {} 个 CSV 文件到 {} · wrote {} CSV files to {}\n", tables.size(), a.out, tables.size(), a.out);
            }
            return kOk;
        }
        std::string text = a.format == "json" ? report_json(r, a.drill) : report_markdown(r, a.drill);
        if (a.out.empty()) std::cout << text;
        else write_file_atomically(a.out, text);
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli report: {}\n", e.what());
        return kProblems;
    }
    return kOk;
}

}  // namespace

void add_report(CLI::App& app, const Options& opts, Action& action) {
    auto a = std::make_shared<ReportArgs>();
    CLI::App* sub = app.add_subcommand("report", "班级报告：从共享文件看每个学员、每个演练的选择、谁没动静了 · the cohort's figures from its shared file");
    sub->add_option("--shared", a->shared, "班级同步用的共享文件（默认：本机同步的那个） · the cohort's shared file (default: the one this device syncs with)");
    sub->add_option("--cohort", a->cohort, "只看这个小组（学员资料里的） · only this cohort (from the learners' profiles)");
    sub->add_option("--since", a->since, "从这天起（YYYY-MM-DD） · from this day on");
    sub->add_option("--until", a->until, "到这天为止（YYYY-MM-DD） · up to this day");
    sub->add_option("--quiet-days", a->quiet_days, "多少天没动静算“没动静”（默认 14） · days without activity that count as gone quiet (default 14)")
        ->check(CLI::Range(1, 3650));
    sub->add_option("--format", a->format, "md（默认）、csv 或 json · md (default), csv or json")
        ->check(CLI::IsMember({"md", "csv", "json"}).description(""))
        ->type_name("md|csv|json");
    sub->add_option("--out", a->out, "写到文件（csv：写到这个文件夹，每张表一个文件） · write to this file (csv: this folder, a file per table)");
    sub->add_option("--drill", a->drill, "只看这个演练的逐题分析 · the item analysis of this drill only");
    sub->add_flag("--anonymous", a->anonymous, "匿名：学员 id 换成固定的代号，不写姓名 · anonymous: stable pseudonyms, no names");
    on_parsed(sub, action, [&opts, a] { return report(opts, *a); });
}

}  // namespace linli::cli
