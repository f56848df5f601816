// The search thesaurus instructors keep: `thesaurus.txt` files in the library (content/thesaurus.txt
// ships; format in its header and docs/content-format.md). A query that contains a term also
// searches the terms it maps to:
//   业委会 = 业主委员会            synonyms, both ways
//   不干了 / 撂挑子 → 辞职 / 集体辞职   one way
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.h"

namespace linli {

class Thesaurus {
public:
    // Reads one file's lines; a line it cannot read is reported (file:line) and skipped.
    void add(const std::filesystem::path& file, std::string_view text, std::vector<Diagnostic>& problems);
    // The terms (folded for search) a folded query brings in, without the ones it already contains.
    std::vector<std::u32string> expand(const std::u32string& query) const;
    size_t rules() const { return rules_.size(); }

private:
    struct Rule {
        std::vector<std::u32string> from, to;
    };
    std::vector<Rule> rules_;
};

}  // namespace linli
