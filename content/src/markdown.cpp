#include "markdown.h"

#include <cmark.h>

#include "content/utf8.h"

namespace linli {
namespace {

constexpr std::string_view kLinkScheme = "linli:";

char32_t last_cp(const std::string& s) {
    if (s.empty()) return 0;
    size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return utf8::next(s, i);
}

char32_t first_cp(std::string_view s) {
    size_t i = 0;
    return s.empty() ? 0 : utf8::next(s, i);
}

class Converter {
public:
    Converter(std::string_view body, int body_line, Document& doc)
        : body_(body), body_line_(body_line), doc_(doc) {
        size_t start = 0;
        while (start <= body.size()) {
            line_starts_.push_back(start);
            size_t e = body.find('\n', start);
            if (e == std::string_view::npos) break;
            start = e + 1;
        }
    }

    void convert_children(cmark_node* parent, std::vector<Block>& out) {
        for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) convert_block(n, out);
    }

private:
    int file_line(cmark_node* n) const { return body_line_ + cmark_node_get_start_line(n) - 1; }

    void convert_block(cmark_node* n, std::vector<Block>& out) {
        Block b;
        b.line = file_line(n);
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH:
                convert_paragraph(n, out);
                return;
            case CMARK_NODE_HEADING:
                b.kind = BlockKind::Heading;
                b.level = cmark_node_get_heading_level(n);
                inline_children(n, kPlain, -1, b);
                take_anchor(b);
                break;
            case CMARK_NODE_LIST:
                b.kind = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? BlockKind::OrderedList
                                                                           : BlockKind::BulletList;
                b.level = cmark_node_get_list_start(n);
                convert_children(n, b.children);
                break;
            case CMARK_NODE_ITEM:
                b.kind = BlockKind::ListItem;
                convert_children(n, b.children);
                break;
            case CMARK_NODE_BLOCK_QUOTE:
                b.kind = BlockKind::Quote;
                convert_children(n, b.children);
                break;
            case CMARK_NODE_CODE_BLOCK:
            case CMARK_NODE_HTML_BLOCK: {
                b.kind = BlockKind::Code;
                const char* lit = cmark_node_get_literal(n);
                b.literal = lit ? lit : "";
                while (!b.literal.empty() && b.literal.back() == '\n') b.literal.pop_back();
                break;
            }
            case CMARK_NODE_THEMATIC_BREAK:
                b.kind = BlockKind::Rule;
                break;
            default:
                return;
        }
        add_plain(b);
        out.push_back(std::move(b));
    }

    // A paragraph's images become blocks of their own, so the reader can lay them out full width.
    void convert_paragraph(cmark_node* n, std::vector<Block>& out) {
        Block para;
        para.line = file_line(n);
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
            if (cmark_node_get_type(c) == CMARK_NODE_IMAGE) {
                flush_paragraph(para, out);
                Block img;
                img.kind = BlockKind::Image;
                const char* url = cmark_node_get_url(c);
                img.literal = url ? url : "";
                Link at;  // where the path is written, for lint: the same search as a link's
                at.url = img.literal;
                locate(at, n);
                img.line = at.line;
                img.col = at.col;
                inline_children(c, kPlain, -1, img);
                out.push_back(std::move(img));
                para = Block{};
                para.line = file_line(n);
            } else {
                convert_inline(c, kPlain, -1, para, n);
            }
        }
        flush_paragraph(para, out);
    }

    void flush_paragraph(Block& para, std::vector<Block>& out) {
        while (!para.spans.empty() && para.spans.back().text == "\n") para.spans.pop_back();
        if (para.spans.empty()) return;
        add_plain(para);
        out.push_back(std::move(para));
    }

    void inline_children(cmark_node* n, unsigned style, int link, Block& b) {
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) convert_inline(c, style, link, b, n);
    }

    void append_text(Block& b, std::string_view text, unsigned style, int link) {
        if (text.empty()) return;
        if (!b.spans.empty() && b.spans.back().style == style && b.spans.back().link == link &&
            b.spans.back().text != "\n") {
            b.spans.back().text += text;
        } else {
            b.spans.push_back(Span{std::string(text), style, link});
        }
    }

    void convert_inline(cmark_node* c, unsigned style, int link, Block& b, cmark_node* block) {
        switch (cmark_node_get_type(c)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_HTML_INLINE:
                append_text(b, cmark_node_get_literal(c), style, link);
                break;
            case CMARK_NODE_CODE:
                append_text(b, cmark_node_get_literal(c), style | kCode, link);
                break;
            case CMARK_NODE_SOFTBREAK: {
                // Chinese text joins across a soft break; Latin words keep a space.
                char32_t before = b.spans.empty() ? 0 : last_cp(b.spans.back().text);
                char32_t after = 0;
                if (cmark_node* nx = cmark_node_next(c); nx && cmark_node_get_literal(nx))
                    after = first_cp(cmark_node_get_literal(nx));
                if (!(utf8::is_cjk(before) || utf8::is_cjk(after))) append_text(b, " ", style, link);
                break;
            }
            case CMARK_NODE_LINEBREAK:
                b.spans.push_back(Span{"\n", style, link});
                break;
            case CMARK_NODE_EMPH:
                inline_children(c, style | kEmph, link, b);
                break;
            case CMARK_NODE_STRONG:
                inline_children(c, style | kStrong, link, b);
                break;
            case CMARK_NODE_LINK: {
                int idx = add_link(c, block);
                inline_children(c, style, idx, b);
                break;
            }
            case CMARK_NODE_IMAGE:  // inside a heading or link: keep the alt text
                inline_children(c, style, link, b);
                break;
            default:
                break;
        }
    }

    // "## Title {#id}": the id becomes the heading's anchor (Block::literal), not part of its text.
    static void take_anchor(Block& b) {
        if (b.spans.empty()) return;
        std::string& t = b.spans.back().text;
        size_t end = t.find_last_not_of(" \t");
        if (end == std::string::npos || t[end] != '}') return;
        size_t open = t.rfind("{#", end);
        if (open == std::string::npos || open + 2 >= end) return;
        b.literal = t.substr(open + 2, end - open - 2);
        t.resize(open);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
        if (t.empty()) b.spans.pop_back();
    }

    int add_link(cmark_node* c, cmark_node* block) {
        Link l;
        const char* url = cmark_node_get_url(c);
        l.url = url ? url : "";
        if (l.url.rfind(kLinkScheme, 0) == 0) l.target_id = l.url.substr(kLinkScheme.size());
        locate(l, block);
        doc_.links.push_back(std::move(l));
        return static_cast<int>(doc_.links.size()) - 1;
    }

    // cmark keeps positions for blocks only, so find the destination text from the block's first line.
    void locate(Link& l, cmark_node* block) {
        int start_line = cmark_node_get_start_line(block);
        size_t from = line_starts_[std::min<size_t>(std::max(start_line, 1) - 1, line_starts_.size() - 1)];
        from = std::max(from, search_cursor_);
        size_t at = body_.find("(" + l.url, from);
        if (at == std::string_view::npos) at = body_.find(l.url, from);
        if (at == std::string_view::npos) {
            l.line = file_line(block);
            l.col = 1;
            return;
        }
        if (body_[at] == '(') ++at;
        search_cursor_ = at + 1;
        size_t line_idx = 0;
        while (line_idx + 1 < line_starts_.size() && line_starts_[line_idx + 1] <= at) ++line_idx;
        l.line = body_line_ + static_cast<int>(line_idx);
        l.col = static_cast<int>(utf8::length(body_.substr(line_starts_[line_idx], at - line_starts_[line_idx]))) + 1;
    }

    void add_plain(const Block& b) {
        std::string& out = doc_.plain_text;
        if (b.kind == BlockKind::Code) out += b.literal;
        for (const Span& s : b.spans) out += s.text == "\n" ? " " : s.text;
        if (!b.spans.empty() || !b.literal.empty()) out += '\n';
    }

    std::string_view body_;
    int body_line_;
    Document& doc_;
    std::vector<size_t> line_starts_;
    size_t search_cursor_ = 0;
};

}  // namespace

void parse_markdown_body(std::string_view body, int body_line, Document& doc) {
    cmark_node* root = cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT);
    Converter(body, body_line, doc).convert_children(root, doc.blocks);
    cmark_node_free(root);
}

}  // namespace linli
