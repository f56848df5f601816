// Typed option values. A bad value is a usage error (exit 2) that names the option and the value,
// instead of a silent default: `--max-steps abc` → 选项 --max-steps 需要一个整数 (--max-steps needs an integer): abc.
#pragma once
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace linli::cli {

// A whole positive int (1 … INT_MAX); throws UsageError naming `option` otherwise.
int parse_positive(const std::string& option, const std::string& text);
// "2,1,3": positive ints separated by commas, none empty (one trailing comma is allowed); throws
// UsageError naming `option` otherwise.
std::vector<int> parse_positive_list(const std::string& option, const std::string& text);

// `name N` into `into`, checked by parse_positive.
CLI::Option* add_positive(CLI::App& app, const std::string& name, int& into, const std::string& help);
// `name 2,1,3` into `into`, checked by parse_positive_list.
CLI::Option* add_positive_list(CLI::App& app, const std::string& name, std::vector<int>& into, const std::string& help);

}  // namespace linli::cli
