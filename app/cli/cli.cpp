#include "cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "help.h"
#include "usage.h"

namespace linli::cli {
namespace {

// `linli help [SUBCOMMAND...]`: the same text as --help.
void add_help(CLI::App& app, Action& action) {
    auto names = std::make_shared<std::vector<std::string>>();
    CLI::App* sub = app.add_subcommand("help", "本帮助，或某个子命令的帮助 · this help, or a subcommand's (linli help drill play)");
    sub->add_option("SUBCOMMAND", *names, "要说明的子命令 · the subcommand to describe");
    on_parsed(sub, action, [&app, names] {
        const CLI::App* at = &app;
        for (const std::string& n : *names) {
            const CLI::App* next = nullptr;
            for (const CLI::App* s : at->get_subcommands({}))
                if (s->get_name() == n) next = s;
            if (!next) throw UsageError(fmt::format("没有子命令 {0} (no subcommand {0})", n));
            at = next;
        }
        fmt::print("{}", help_text(*at));
        return kOk;
    });
}

}  // namespace

void on_parsed(CLI::App* sub, Action& action, Action run) {
    sub->callback([&action, run = std::move(run)] { action = run; });
}

int run(int argc, char** argv, const WindowFn& window) {
    Options opts;
    Action action;
    CLI::App app{fmt::format("{}\n不带子命令时打开窗口 · Without a subcommand it opens the window.", kTitle), "linli"};
    setup_help(app);
    app.set_version_flag("--version", fmt::format("linli {}", LINLI_VERSION), "打印版本号并退出 · print the version and exit");
    app.fallthrough();             // global options after the subcommand too (inherited by subcommands)
    app.require_subcommand(0, 1);  // and so a later word that names a subcommand stays an argument
    add_global_options(app, opts);
    add_window_options(app, opts);
    add_lint(app, opts, action);
    add_list(app, opts, action);
    add_search(app, opts, action);
    add_drill(app, opts, action);
    add_workshop(app, opts, action);
    add_report(app, opts, action);
    add_export(app, opts, action);
    add_profile(app, opts, action);
    add_sync(app, opts, action);
    add_status(app, opts, action);
    add_pack(app, opts, action);
    add_help(app, action);
    try {
        app.parse(argc, argv);
        std::string window_only = window_option_given(app);
        if (action && !window_only.empty())
            throw UsageError(fmt::format("选项 {0} 只用于窗口，不能和子命令一起用 ({0} is for the window, not for {1})", window_only,
                                         command_path(app)));
        return action ? action() : window(opts);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        fmt::print(stderr, "linli: {}\n", usage_message(app, e));
        fmt::print(stderr, "{} --help 显示用法 (shows the usage)\n", command_path(app));
        return kUsage;
    }
}

}  // namespace linli::cli
