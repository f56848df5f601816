#include "usage.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "help.h"

namespace linli::cli {
namespace {

const CLI::App* deepest(const CLI::App& app) {
    const CLI::App* a = &app;
    while (!a->get_subcommands().empty()) a = a->get_subcommands().front();
    return a;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string command_path(const CLI::App& app) { return full_name(*deepest(app)); }

// CLI11 2.1 keeps no structured detail in its errors; the option's name is at a fixed place in the
// few messages a user can provoke here. Anything else keeps CLI11's English after a Chinese lead.
std::string usage_message(const CLI::App& app, const CLI::Error& e) {
    const std::string what = e.what();
    if (dynamic_cast<const UsageError*>(&e)) return what;
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        std::vector<std::string> extra = app.remaining(true);
        if (app.get_subcommands().empty() && !extra.empty() && extra[0].rfind('-', 0) != 0)
            return fmt::format("没有子命令 {0} (no subcommand {0})", extra[0]);
        return fmt::format("不认识的参数 {0} (unexpected argument: {0})", fmt::join(extra, " "));
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && ends_with(what, " missing")) {
        std::string option = what.substr(0, what.find(':'));  // "--limit: 1 required N missing"
        return fmt::format("选项 {0} 需要一个值 ({0} needs a value)", option);
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        const CLI::App* at = deepest(app);
        if (what == "A subcommand is required") {
            std::vector<std::string> names;
            for (const CLI::App* sub : at->get_subcommands({})) names.push_back(sub->get_name());
            return fmt::format("{0} 需要一个子命令：{1} ({0} needs a subcommand: {2})", command_path(app), fmt::join(names, "、"),
                               fmt::join(names, ", "));
        }
        if (ends_with(what, " is required")) {
            std::string name = what.substr(0, what.size() - 12);  // "QUERY is required"
            return fmt::format("缺少 {0} ({0} is required)", name);
        }
    }
    return fmt::format("命令行有误 (usage error): {}", what);
}

}  // namespace linli::cli
