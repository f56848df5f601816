#include "content/document.h"

#include "content/utf8.h"
#include "front_matter.h"
#include "markdown.h"

namespace linli {

const char* kind_name(DocKind k) {
    switch (k) {
        case DocKind::Guideline: return "guideline";
        case DocKind::Case: return "case";
        case DocKind::Drill: return "drill";
    }
    return "?";
}

std::optional<DocKind> parse_kind(std::string_view s) {
    if (s == "guideline") return DocKind::Guideline;
    if (s == "case") return DocKind::Case;
    if (s == "drill") return DocKind::Drill;
    return std::nullopt;
}

namespace {

// Line and column (in code points) of a byte offset, both 1-based.
std::pair<int, int> position_of(std::string_view text, size_t offset) {
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') { ++line; line_start = i + 1; }
    return {line, static_cast<int>(utf8::length(text.substr(line_start, offset - line_start))) + 1};
}

bool blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return false;
    return true;
}

}  // namespace

std::optional<Document> parse_document(const std::filesystem::path& path, std::string_view text,
                                       std::vector<Diagnostic>& diags) {
    const std::string p = path.string();
    if (size_t bad = utf8::first_invalid(text); bad != std::string_view::npos) {
        auto [line, col] = position_of(text, bad);
        diags.push_back({p, line, col, Severity::Error, "文件不是有效的 UTF-8 编码", "file is not valid UTF-8"});
        return std::nullopt;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Windows editors
    auto fm = parse_front_matter(p, text, diags);
    if (!fm) return std::nullopt;

    Document doc;
    doc.path = path;
    doc.meta = std::move(fm->meta);
    doc.body_line = fm->body_line;
    doc.front_matter = std::move(fm->yaml);
    std::string_view body = text.substr(fm->body_offset);
    if (blank(body)) {
        diags.push_back({p, fm->body_line, 1, Severity::Warning, "正文是空的：文档没有内容", "empty body: the document has no text"});
        return doc;
    }
    parse_markdown_body(body, fm->body_line, doc);
    return doc;
}

namespace {
void add_images(const std::vector<Block>& blocks, std::vector<Block>& out) {
    for (const Block& b : blocks) {
        if (b.kind == BlockKind::Image) out.push_back(b);
        else add_images(b.children, out);
    }
}
}  // namespace

std::vector<Block> image_blocks(const std::vector<Block>& blocks) {
    std::vector<Block> out;
    add_images(blocks, out);
    return out;
}

}  // namespace linli
