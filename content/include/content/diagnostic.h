// A problem found in a file, with where it is: printed as `path:line:col: error: message`.
#pragma once
#include <string>
#include <vector>

namespace linli {

enum class Severity { Warning, Error };

struct Diagnostic {
    std::string path;
    int line = 1;
    int col = 1;
    Severity severity = Severity::Error;
    std::string message;     // Simplified Chinese
    std::string message_en;  // English; empty: message is the only text

    // `path:line:col: error|warning: message` (the prefix stays English, for editors to parse).
    std::string format(bool english = false) const;
};

bool has_errors(const std::vector<Diagnostic>& diags);
// The same finding: at the same place, saying the same (a reload's list against the one before).
bool same_finding(const Diagnostic& a, const Diagnostic& b);

}  // namespace linli
