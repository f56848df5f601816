#include "options.h"

#include <CLI/CLI.hpp>

#include "values.h"

namespace linli::cli {

void add_global_options(CLI::App& app, Options& o) {
    app.add_option_function<std::string>("--data-dir", [&o](const std::string& d) { o.data_dir = d; },
                                          "把进度、设置和缓存放在 DIR · keep progress, settings and caches in DIR")
        ->type_name("DIR")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    // One folder per --library: a following word stays a positional (`--library A lint FILE`).
    app.add_option_function<std::vector<std::string>>(
           "--library", [&o](const std::vector<std::string>& ds) { o.libraries.assign(ds.begin(), ds.end()); },
           "另外加载 DIR 里的文档（可重复） · also load the documents in DIR (repeatable)")
        ->option_text("DIR")
        ->allow_extra_args(false);
    app.add_option_function<std::string>("--lang", [&o](const std::string& l) { o.english = l == "en"; },
                                          "zh（默认）或 en：lint 和演练信息的语言 · zh (default) or en: the language of lint's and drills' messages")
        ->check(CLI::IsMember({"zh", "en"}).description(""))
        ->type_name("zh|en");
}

void add_window_options(CLI::App& app, Options& o) {
    // Every option added here is listed under the window heading and refused with a subcommand.
    std::string before = app.option_defaults()->get_group();
    app.option_defaults()->group(kWindowGroup);
    app.add_option_function<std::string>("--screenshot", [&o](const std::string& f) { o.screenshot = f; },
                                          "关闭时（或按 F12）把最后一帧存成 PNG · write a PNG of the last frame when it closes (or on F12)")->type_name("FILE");
    app.add_flag("--exit-after-first-frame", o.exit_after_first_frame, "打印到第一帧的毫秒数后退出 · print the time to the first frame in ms and exit");
    app.add_option("--open", o.open_id, "启动后在阅读器里打开文档 ID · start in the reader on document ID")->type_name("ID");
    add_positive(app, "--frame-stats", o.frame_stats, "连续画 N 帧，打印每帧 CPU 时间后退出 · draw N frames without idling, print CPU time per frame, exit");
    app.add_option("--view", o.start_view, "启动后进入这个视图：home、library、workshop、problems、settings（workshop 配 --open 选好演练） · start in this view: home, library, workshop, problems, settings (workshop with --open: that drill chosen)")->type_name("VIEW");
    app.add_option("--search", o.search_query, "启动后打开搜索并输入 QUERY · start with the search open on QUERY")->type_name("QUERY");
    add_positive_list(app, "--drill-choices", o.drill_choices, "在 --open 打开的演练里依次选择这些选项（如 1,2,1） · play these choices (as shown, e.g. 1,2,1) in the drill --open shows");
    app.add_flag("--resume-workshop", o.resume_workshop, "启动后接着上次没有结束的工作坊 · start in the last unfinished workshop");
    app.option_defaults()->group(before);
}

std::string window_option_given(const CLI::App& app) {
    for (const CLI::Option* opt : app.get_options([](const CLI::Option* x) { return x->get_group() == kWindowGroup; }))
        if (opt->count() > 0) return opt->get_name();
    return "";
}

}  // namespace linli::cli
