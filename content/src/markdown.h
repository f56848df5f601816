// Converts a Markdown body into the owned Block tree with cmark; runs once per file.
#pragma once
#include <string_view>

#include "content/document.h"

namespace linli {

// Fills doc.blocks, doc.links and doc.plain_text from the body. `body_line` is the file line of the
// body's first line, so block lines and link positions refer to the file.
void parse_markdown_body(std::string_view body, int body_line, Document& doc);

}  // namespace linli
