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
    std::string message;

    std::string format() const;
};

bool has_errors(const std::vector<Diagnostic>& diags);

}  // namespace linli
