#include "help.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iterator>

namespace linli::cli {
namespace {

constexpr size_t kWidth = 36;  // the name column

class HelpFormatter : public CLI::Formatter {
  public:
    HelpFormatter() {
        label("Usage", "用法 Usage");
        label("Positionals", "参数 Arguments");
        column_width(kWidth);
    }

    std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override {
        return CLI::Formatter::make_group(group == "Options" ? "选项 Options" : group, is_positional, opts);
    }

    // CLI11 puts two blank lines between option groups; one is enough.
    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override {
        std::string out = CLI::Formatter::make_help(app, std::move(name), mode);
        for (size_t at; (at = out.find("\n\n\n")) != std::string::npos;) out.erase(at, 1);
        return out;
    }

    // Arguments show only their name: the usage line above says which are required.
    std::string make_option_opts(const CLI::Option* opt) const override {
        return opt->get_positional() ? "" : CLI::Formatter::make_option_opts(opt);
    }

    // A subcommand with subcommands of its own (drill) lists each of them instead.
    std::string make_subcommand(const CLI::App* sub) const override {
        std::string out;
        auto children = sub->get_subcommands({});
        if (!children.empty()) {
            for (const CLI::App* c : children) out += make_subcommand(c);
            return out;
        }
        return row(synopsis(sub), sub->get_description());
    }

  private:
    // "linli search QUERY... [--limit N] [--json]"
    std::string synopsis(const CLI::App* sub) const {
        std::string s = full_name(*sub);
        for (const CLI::Option* o : sub->get_options([](const CLI::Option* x) { return x->get_positional(); }))
            fmt::format_to(std::back_inserter(s), " {}", make_option_usage(o));
        for (const CLI::Option* o : sub->get_options([sub](const CLI::Option* x) { return x->nonpositional() && x != sub->get_help_ptr(); })) {
            std::string value = o->get_option_text().empty() ? o->get_type_name() : o->get_option_text();  // empty: a flag
            if (value.empty()) fmt::format_to(std::back_inserter(s), " [{}]", o->get_name());
            else fmt::format_to(std::back_inserter(s), " [{} {}]", o->get_name(), value);
        }
        return s;
    }

    static std::string row(const std::string& name, const std::string& desc) {
        if (name.size() + 2 >= kWidth) return fmt::format("  {}\n{:{}}{}\n", name, "", kWidth, desc);
        return fmt::format("  {:<{}}{}\n", name, kWidth - 2, desc);
    }
};

}  // namespace

void setup_help(CLI::App& app) {
    app.formatter(std::make_shared<HelpFormatter>());
    app.set_help_flag("-h,--help", "显示帮助并退出 · show this help and exit");
    app.group("子命令 Subcommands");
    app.footer(
        "linli 子命令 --help 显示该子命令的选项；--data-dir、--library、--lang 放在子命令前后都可以。\n"
        "linli SUBCOMMAND --help shows a subcommand's options. --data-dir, --library and --lang go before or after the subcommand.\n"
        "退出码：0 成功，1 发现问题或拒绝，2 用法错误，3 无法读写，4 忙，5 进度库（见 README）。\n"
        "Exit codes: 0 ok, 1 problems or refused, 2 usage, 3 cannot read or write, 4 busy, 5 progress store (README).");
}

std::string full_name(const CLI::App& app) {
    if (!app.get_parent()) return app.get_name();
    return fmt::format("{} {}", full_name(*app.get_parent()), app.get_name());
}

std::string help_text(const CLI::App& app) {
    return app.get_formatter()->make_help(&app, full_name(app), CLI::AppFormatMode::Normal);
}

}  // namespace linli::cli
