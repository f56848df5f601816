#include "values.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <climits>
#include <fmt/format.h>
#include <optional>
#include <string_view>

#include "usage.h"

namespace linli::cli {
namespace {

// The whole of `s` as a positive int, or nothing.
std::optional<int> positive(std::string_view s) {
    long long n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || n < 1 || n > INT_MAX) return std::nullopt;
    return static_cast<int>(n);
}

bool is_integer(std::string_view s) {
    long long n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

int parse_positive(const std::string& option, const std::string& text) {
    if (auto n = positive(text)) return *n;
    if (!is_integer(text)) throw UsageError(fmt::format("选项 {0} 需要一个整数 ({0} needs an integer): {1}", option, text));
    throw UsageError(fmt::format("选项 {0} 需要 1 到 {2} 之间的整数 ({0} needs an integer from 1 to {2}): {1}", option, text, INT_MAX));
}

std::vector<int> parse_positive_list(const std::string& option, const std::string& text) {
    std::vector<int> out;
    std::string_view rest = text;
    // One trailing comma is fine: scripts build lists as printf '1,%.0s' ... (tests/e2e/play_drill.sh).
    if (rest.size() > 1 && rest.back() == ',') rest.remove_suffix(1);
    while (true) {
        size_t comma = rest.find(',');
        std::optional<int> n = positive(rest.substr(0, comma));
        if (!n)
            throw UsageError(fmt::format("选项 {0} 需要用逗号分隔的正整数，如 2,1,3 ({0} needs positive integers separated by commas, like 2,1,3): {1}",
                                         option, text));
        out.push_back(*n);
        if (comma == std::string_view::npos) return out;
        rest.remove_prefix(comma + 1);
    }
}

CLI::Option* add_positive(CLI::App& app, const std::string& name, int& into, const std::string& help) {
    return app.add_option_function<std::string>(name, [&into, name](const std::string& v) { into = parse_positive(name, v); }, help)
        ->type_name("N");
}

CLI::Option* add_positive_list(CLI::App& app, const std::string& name, std::vector<int>& into, const std::string& help) {
    return app.add_option_function<std::string>(name, [&into, name](const std::string& v) { into = parse_positive_list(name, v); }, help)
        ->type_name("N,N,...");
}

}  // namespace linli::cli
