// Splits `---` YAML front matter from the Markdown body and reads it into Meta.
#pragma once
#include <optional>
#include <string_view>

#include "content/document.h"

namespace linli {

struct FrontMatter {
    Meta meta;
    size_t body_offset = 0;  // byte offset of the body in the file
    int body_line = 1;       // file line of the body's first line
    std::string yaml;        // the raw front matter, which starts at file line 2
};

// Returns nothing (and an error) when the front matter is missing or unusable.
std::optional<FrontMatter> parse_front_matter(const std::string& path, std::string_view text,
                                              std::vector<Diagnostic>& diags);

}  // namespace linli
