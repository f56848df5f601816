// The owned document tree: front matter plus Markdown blocks, parsed once with cmark.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/diagnostic.h"

namespace linli {

enum class DocKind { Guideline, Case, Drill };
const char* kind_name(DocKind k);
std::optional<DocKind> parse_kind(std::string_view s);

struct Meta {
    std::string id;
    DocKind kind = DocKind::Guideline;
    std::string title;
    std::string title_en;               // optional: what the English UI's search also finds
    std::vector<std::string> keywords;  // optional: more terms search finds (English or Chinese)
    std::string summary;
    std::vector<std::string> tags;
    std::vector<std::string> stakeholders;
    std::vector<std::string> sources;
    std::string updated;  // ISO date as written
    int id_line = 1;      // file line of the id, for duplicate-id errors
};

// Inline styling bits of a span.
enum SpanStyle : unsigned { kPlain = 0, kStrong = 1, kEmph = 2, kCode = 4 };

struct Span {
    std::string text;     // "\n" alone is a hard line break
    unsigned style = kPlain;
    int link = -1;        // index into Document::links, or -1
};

// A link to another document is `[text](linli:ID)`; anything else is external.
struct Link {
    std::string url;
    std::string target_id;  // set for linli: links
    int line = 0, col = 0;  // in the file
};

enum class BlockKind { Paragraph, Heading, BulletList, OrderedList, ListItem, Quote, Code, Rule, Image };

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;       // heading level, or an ordered list's first number
    int line = 0;        // first line in the file
    int col = 1;         // Image: the column of its path, for diagnostics
    std::vector<Span> spans;    // Paragraph, Heading: the text; Image: the alt text
    std::vector<Block> children;  // lists, items, quotes
    std::string literal;  // Code: the code; Image: the path relative to the document's folder;
                          // Heading: its anchor id when written "## Title {#id}"
};

struct Document {
    std::filesystem::path path;
    std::filesystem::path root;  // the library folder it was loaded from: its images and files stay inside
    Meta meta;
    std::vector<Block> blocks;
    std::vector<Link> links;
    std::string plain_text;  // the body as plain text, for search and snippets
    // What search indexes and shows in snippets when it must differ from plain_text: a drill's
    // cover text, never its feedback (set by the catalog). Empty: plain_text.
    std::string search_text;
    const std::string& searchable() const { return search_text.empty() ? plain_text : search_text; }
    int body_line = 1;       // the file line where the Markdown body starts
    uint64_t source_hash = 0;  // of the file's bytes (set by the library): what changed, for the search index
    std::string cache_key;     // the resolved path: the library cache's key (set by the library)
    // False in a library that loads bodies on demand: `blocks` then holds only the images (for the
    // checks of a load), plain_text and front_matter are empty. Library::whole() gives the whole document.
    bool complete = true;
    std::string front_matter;  // raw YAML (file line 2 on), for keys only some kinds use (a drill's state)
};

// Every image block below `blocks`, in order, as a flat list.
std::vector<Block> image_blocks(const std::vector<Block>& blocks);

// Parses one file's text. Returns the document when its front matter is usable (even if there are
// warnings or broken links); diagnostics are appended either way.
std::optional<Document> parse_document(const std::filesystem::path& path, std::string_view text,
                                       std::vector<Diagnostic>& diags);

}  // namespace linli
