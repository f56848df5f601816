#include "content/diagnostic.h"

namespace linli {

std::string Diagnostic::format(bool english) const {
    return path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " +
           (severity == Severity::Error ? "error: " : "warning: ") + (english && !message_en.empty() ? message_en : message);
}

bool same_finding(const Diagnostic& a, const Diagnostic& b) {
    return a.path == b.path && a.line == b.line && a.col == b.col && a.message == b.message;
}

bool has_errors(const std::vector<Diagnostic>& diags) {
    for (const auto& d : diags)
        if (d.severity == Severity::Error) return true;
    return false;
}

}  // namespace linli
