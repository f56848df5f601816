// [SECTION] Link text, resolution inside the library, symbolic links
// [SECTION] Headers, data bombs, the decoder's file
// [SECTION] File links, diagnostics with line and column, raw HTML
// Files are read only from where they belong: the image and file-link resolver (content/image_ref.h)
// against hostile links, symbolic links out of the library, oversized files, decompression bombs,
// and what the library and lint report; raw HTML stays text.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "cases/catalog.h"
#include "content/image_ref.h"
#include "content/library.h"
#include "test_support.h"

using namespace linli;
using linli::test::fixtures;
namespace fs = std::filesystem;

namespace {

uint32_t crc32(const std::string& bytes) {
    uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

std::string be32(uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

const std::string kPngSignature = "\x89PNG\r\n\x1a\n";

// A PNG whose header claims w × h RGBA pixels, with an empty (invalid) stream: only a header.
std::string png_header_only(uint32_t w, uint32_t h) {
    std::string ihdr = be32(w) + be32(h) + std::string("\x08\x06\x00\x00\x00", 5);
    return kPngSignature + png_chunk("IHDR", ihdr) + png_chunk("IEND", "");
}

// The hostile fixtures copied into a temporary library, plus what cannot be committed: a symbolic
// link to a planted file outside it, a 21 MB file and a 60000 × 60000 header.
struct HostileLibrary {
    test::TempDir tmp;
    fs::path root = tmp.path() / "library";
    fs::path outside = tmp.path() / "outside";
    fs::path secret = outside / "linli-outside-secret.png";

    HostileLibrary() {
        fs::copy(fixtures() / "hostile-images", root, fs::copy_options::recursive);
        fs::create_directories(outside);
        fs::copy_file(root / "images" / "good.png", secret);  // decodes fine: only the rule keeps it out
        fs::create_symlink(secret, root / "images" / "escape.png");
        write(root / "images" / "bomb.png", png_header_only(60000, 60000));
        write(root / "images" / "huge.png", png_header_only(100, 100));
        fs::resize_file(root / "images" / "huge.png", 21u * 1024 * 1024);  // sparse: no 21 MB written
    }
    static void write(const fs::path& p, const std::string& bytes) {
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << bytes;
    }
    fs::path doc(const std::string& name = "good.md") const { return root / name; }
    ImageCheck check(const std::string& link, ImageCheckDepth depth = ImageCheckDepth::Header) const {
        return check_image(doc(), root, link, depth);
    }
};

const Diagnostic* find_diag(const std::vector<Diagnostic>& diags, const std::string& file, int line) {
    for (const Diagnostic& d : diags)
        if (fs::path(d.path).filename() == file && d.line == line) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("image links that leave the library are refused from their text") {
    HostileLibrary lib;
    struct Case {
        const char* link;
        ImageProblem problem;
    };
    const Case cases[] = {
        {"", ImageProblem::NoPath},
        {"../../../../../../etc/passwd", ImageProblem::Escapes},
        {"images/../../good.png", ImageProblem::Escapes},
        {"%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", ImageProblem::Escapes},
        {"..\\..\\..\\etc\\passwd", ImageProblem::Escapes},
        {"/etc/shadow", ImageProblem::Absolute},
        {"%2Fetc%2Fshadow", ImageProblem::Absolute},
        {"//server/share/x.png", ImageProblem::Absolute},
        {"C:\\Windows\\x.png", ImageProblem::Absolute},
        {"file:///etc/passwd", ImageProblem::Scheme},
        {"FILE:/etc/passwd", ImageProblem::Scheme},
        {"http://example.org/plan.png", ImageProblem::Scheme},
        {"https://example.org/plan.png", ImageProblem::Scheme},
        {"data:image/png;base64,iVBORw0KGgo=", ImageProblem::Scheme},
        {"images/good%00.png", ImageProblem::BadPath},
    };
    for (const Case& c : cases) {
        INFO(c.link);
        ImageCheck r = lib.check(c.link);
        CHECK(r.problem == c.problem);
        CHECK_FALSE(r.ok());
        CHECK(r.path.empty());
    }
    // The message: Chinese first, then English in brackets, then the link as written.
    ImageCheck r = lib.check("../../../../../../etc/passwd");
    CHECK(r.message == "图片路径不能离开文库文件夹 (image path leaves the library folder): ../../../../../../etc/passwd");
    CHECK(lib.check("/etc/shadow").message.rfind("图片路径不能是绝对路径", 0) == 0);
}

TEST_CASE("an image inside the library resolves to its file, relative to the document") {
    HostileLibrary lib;
    ImageCheck r = lib.check("images/good.png");
    REQUIRE(r.ok());
    CHECK(r.message.empty());
    CHECK(r.width == 96);
    CHECK(r.height == 48);
    CHECK(r.path == fs::canonical(lib.root / "images" / "good.png"));
    CHECK(lib.check("./images/./good.png").ok());
    CHECK(lib.check("images//good.png").ok());
    CHECK(lib.check("images\\good.png").ok());  // written on Windows
    // A document in a subfolder may climb back up, as long as it stays inside.
    HostileLibrary::write(lib.root / "sub" / "deeper" / "doc.md", "");
    CHECK(check_image(lib.root / "sub" / "deeper" / "doc.md", lib.root, "../../images/good.png").ok());
    CHECK(check_image(lib.root / "sub" / "deeper" / "doc.md", lib.root, "../../../images/good.png").problem ==
          ImageProblem::Escapes);
    // With no root given, the document's own folder is the limit.
    CHECK(check_image(lib.root / "sub" / "deeper" / "doc.md", "", "../../images/good.png").problem == ImageProblem::Escapes);
    // Spaces written as %20 name the file with a space.
    fs::copy_file(lib.root / "images" / "good.png", lib.root / "images" / "my plan.png");
    CHECK(lib.check("images/my%20plan.png").ok());
}

TEST_CASE("symbolic links are followed only while they stay inside the library") {
    HostileLibrary lib;
    const fs::path img = lib.root / "images";
    fs::create_symlink("../../outside/linli-outside-secret.png", img / "escape-rel.png");
    fs::create_symlink(lib.outside, lib.root / "outside-folder");
    fs::create_symlink("good.png", img / "alias.png");
    fs::create_symlink(img / "good.png", img / "alias-abs.png");
    fs::create_symlink("../images", img / "up");
    fs::create_symlink("loop-b.png", img / "loop-a.png");
    fs::create_symlink("loop-a.png", img / "loop-b.png");

    CHECK(lib.check("images/escape.png").problem == ImageProblem::SymlinkOutside);      // absolute target
    CHECK(lib.check("images/escape-rel.png").problem == ImageProblem::SymlinkOutside);  // ../ in its target
    CHECK(lib.check("outside-folder/linli-outside-secret.png").problem == ImageProblem::SymlinkOutside);
    CHECK(lib.check("images/escape.png").message ==
          "图片路径上的符号链接指向文库文件夹之外 (a symbolic link on the image path leads outside the library folder): images/escape.png");
    CHECK(lib.check("images/loop-a.png").problem == ImageProblem::Unreadable);

    ImageCheck alias = lib.check("images/alias.png");
    REQUIRE(alias.ok());
    CHECK(alias.path == fs::canonical(img / "good.png"));  // no symbolic link left in the path
    CHECK(lib.check("images/alias-abs.png").ok());
    CHECK(lib.check("images/up/up/good.png").ok());
}

TEST_CASE("an image is checked at its header: size, dimensions and format, before any decoding") {
    HostileLibrary lib;
    const fs::path img = lib.root / "images";
    ImageCheck huge = lib.check("images/huge.png");
    CHECK(huge.problem == ImageProblem::TooLarge);
    CHECK(huge.message == "图片文件超过 20 MB (image file is larger than 20 MB): images/huge.png (21.0 MB)");

    ImageCheck bomb = lib.check("images/bomb.png");
    CHECK(bomb.problem == ImageProblem::TooManyPixels);
    CHECK(bomb.message.find("(60000×60000)") != std::string::npos);
    HostileLibrary::write(img / "wide.png", png_header_only(8193, 1));
    CHECK(lib.check("images/wide.png").problem == ImageProblem::TooManyPixels);
    HostileLibrary::write(img / "edge.png", png_header_only(8192, 8192));
    CHECK(lib.check("images/edge.png").problem != ImageProblem::TooManyPixels);  // at the limit is allowed

    // The JPEG and GIF headers are read too.
    std::string jpeg = "\xFF\xD8\xFF\xE0" + std::string("\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 16) +
                       std::string("\xFF\xC0\x00\x11\x08\x00\x0A\x27\x10\x03\x01\x11\x00\x02\x11\x01\x03\x11\x01", 19);
    HostileLibrary::write(img / "bomb.jpg", jpeg);  // SOF0: 10 rows of 10000 pixels
    ImageCheck jb = lib.check("images/bomb.jpg");
    CHECK(jb.problem == ImageProblem::TooManyPixels);
    CHECK(jb.message.find("(10000×10)") != std::string::npos);
    HostileLibrary::write(img / "bomb.gif", std::string("GIF89a\x40\x9C\x01\x00\x00\x00\x00", 13));
    CHECK(lib.check("images/bomb.gif").problem == ImageProblem::TooManyPixels);  // 40000 × 1

    HostileLibrary::write(img / "text.png", "not an image at all\n");
    CHECK(lib.check("images/text.png").problem == ImageProblem::UnknownFormat);
    HostileLibrary::write(img / "cut.png", kPngSignature + std::string("\x00\x00\x00\x0dIHD", 7));
    CHECK(lib.check("images/cut.png").problem == ImageProblem::Damaged);
    fs::create_directories(img / "folder.png");
    CHECK(lib.check("images/folder.png").problem == ImageProblem::NotAFile);
    CHECK(lib.check("images/no-such-image.png").problem == ImageProblem::Missing);
    CHECK(lib.check("images/good.png/inside").problem == ImageProblem::Missing);
    CHECK(lib.check("images").problem == ImageProblem::NotAFile);
}

TEST_CASE("PNG data that inflates past its header is refused at the Data depth") {
    HostileLibrary lib;
    // The header of idat-bomb.png is honest about nothing: 16 × 16, and 8 MB of data.
    CHECK(lib.check("images/idat-bomb.png").ok());
    ImageCheck deep = lib.check("images/idat-bomb.png", ImageCheckDepth::Data);
    CHECK(deep.problem == ImageProblem::DataTooLarge);
    CHECK(deep.message.rfind("图片数据超出文件头声明的尺寸", 0) == 0);
    CHECK(lib.check("images/good.png", ImageCheckDepth::Data).ok());
    // Too little data is damage, not a bomb.
    HostileLibrary::write(lib.root / "images" / "short.png", png_header_only(16, 16));
    CHECK(lib.check("images/short.png", ImageCheckDepth::Data).problem == ImageProblem::Damaged);
}

TEST_CASE("open_image hands the decoder the checked file at its start") {
    HostileLibrary lib;
    OpenedImage o = open_image(lib.doc(), lib.root, "images/good.png", ImageCheckDepth::Data);
    REQUIRE(o.check.ok());
    REQUIRE(o.file);
    char head[8] = {};
    REQUIRE(std::fread(head, 1, 8, o.file.get()) == 8);
    CHECK(std::string(head, 8) == kPngSignature);
    OpenedImage refused = open_image(lib.doc(), lib.root, "images/escape.png");
    CHECK_FALSE(refused.check.ok());
    CHECK_FALSE(refused.file);
}

TEST_CASE("file links must name an existing file inside the library; other links are not files") {
    HostileLibrary lib;
    HostileLibrary::write(lib.root / "files" / "guide.pdf", "%PDF-1.4\n");
    const fs::path doc = lib.doc();
    for (const char* ok : {"files/guide.pdf", "files/guide.pdf#page=2", "files/guide.pdf?x=1", "good.md", "#section",
                           "linli:hostile-good", "https://example.org", "http://example.org/a.pdf", "mailto:a@example.org", ""}) {
        INFO(ok);
        CHECK(check_file_link(doc, lib.root, ok).empty());
    }
    CHECK(check_file_link(doc, lib.root, "files/handbook.pdf") == "链接的文件不存在 (linked file not found): files/handbook.pdf");
    CHECK(check_file_link(doc, lib.root, "../../../../etc/passwd").rfind("链接的文件路径不能离开文库文件夹", 0) == 0);
    CHECK(check_file_link(doc, lib.root, "/etc/passwd").rfind("链接的文件路径不能是绝对路径", 0) == 0);
    CHECK(check_file_link(doc, lib.root, "file:///etc/passwd").rfind("链接不能用 file: 协议", 0) == 0);
    CHECK(check_file_link(doc, lib.root, "images/escape.png").rfind("链接的文件路径上的符号链接指向文库文件夹之外", 0) == 0);
}

TEST_CASE("the library reports every refused or missing image and file at its line and column") {
    HostileLibrary lib;
    Library l = Library::load({lib.root});
    for (const Document& d : l.documents()) CHECK(d.root == lib.root);
    struct Expect {
        const char* file;
        int line, col;
        const char* words;
    };
    const Expect expected[] = {
        {"traversal.md", 9, 6, "图片路径不能离开文库文件夹 (image path leaves the library folder): ../../../../../../etc/passwd"},
        {"encoded-traversal.md", 9, 6, "image path leaves the library folder"},
        {"absolute.md", 9, 6, "图片路径不能是绝对路径，请用相对于文档的路径 (image path is absolute; use a path relative to the document): /etc/shadow"},
        {"scheme-file.md", 9, 6, "not a URL or a scheme such as file:): file:///etc/passwd"},
        {"scheme-http.md", 9, 6, "): http://example.org/plan.png"},
        {"scheme-data.md", 9, 6, "): data:image/png;base64,"},
        {"symlink.md", 9, 6, "leads outside the library folder): images/escape.png"},
        {"oversized.md", 9, 6, "image file is larger than 20 MB): images/huge.png (21.0 MB)"},
        {"bomb.md", 9, 6, "image is larger than 8192×8192 pixels): images/bomb.png (60000×60000)"},
        {"missing.md", 9, 6, "找不到图片文件 (image file not found): images/no-such-image.png"},
        {"missing-file-link.md", 9, 9, "链接的文件不存在 (linked file not found): files/handbook.pdf"},
        // gallery.md: every case again, at its own line
        {"gallery.md", 11, 9, "image path leaves the library folder"},
        {"gallery.md", 15, 9, "image path is absolute"},
        {"gallery.md", 27, 9, "images/escape.png"},
        {"gallery.md", 31, 9, "images/huge.png"},
        {"gallery.md", 33, 9, "images/bomb.png"},
        {"gallery.md", 39, 8, "images/no-such-image.png"},
    };
    for (const Expect& e : expected) {
        INFO(e.file << ":" << e.line);
        const Diagnostic* d = find_diag(l.problems(), e.file, e.line);
        REQUIRE(d != nullptr);
        CHECK(d->col == e.col);
        CHECK(d->severity == Severity::Error);
        CHECK(d->message.find(e.words) != std::string::npos);
    }
    CHECK(find_diag(l.problems(), "good.md", 9) == nullptr);
    CHECK(find_diag(l.problems(), "idat-bomb.md", 9) == nullptr);  // its header is fine: the load reads no more
    size_t gallery = 0;
    for (const Diagnostic& d : l.problems()) gallery += fs::path(d.path).filename() == "gallery.md";
    CHECK(gallery == 9);  // every image but the good one; the HTML is text
    CHECK(l.problems().size() == std::size(expected) - 6 + 9);

    // Lint (Catalog with checks) also inflates data: the data bomb is reported there.
    Catalog c = Catalog::load({lib.root});
    const Diagnostic* deep = find_diag(c.problems, "idat-bomb.md", 9);
    REQUIRE(deep != nullptr);
    CHECK(deep->col == 6);
    CHECK(deep->message.find("image data is larger than its header declares") != std::string::npos);
    CHECK(find_diag(c.problems, "gallery.md", 35) != nullptr);
}

TEST_CASE("a document named directly is confined to its own folder") {
    HostileLibrary lib;
    Library l = Library::load({lib.root / "good.md", lib.root / "traversal.md"});
    REQUIRE(l.documents().size() == 2);
    CHECK(l.documents()[0].root == lib.root);
    CHECK(find_diag(l.problems(), "good.md", 9) == nullptr);
    CHECK(find_diag(l.problems(), "traversal.md", 9) != nullptr);
}

TEST_CASE("an image's position is the line and column of its path, even mid-paragraph") {
    std::vector<Diagnostic> diags;
    auto doc = parse_document("t.md", "---\nid: t\nkind: case\ntitle: 标题\n---\n第一行\n第二行，图在这里![示意](a.png)后文\n", diags);
    REQUIRE(doc);
    const Block* img = nullptr;
    for (const Block& b : doc->blocks)
        if (b.kind == BlockKind::Image) img = &b;
    REQUIRE(img != nullptr);
    CHECK(img->line == 7);
    CHECK(img->col == 15);  // 第二行，图在这里 is 8 characters, then ![示意]( is 6
}

TEST_CASE("raw HTML in Markdown comes out as text, never as an image or markup") {
    std::vector<Diagnostic> diags;
    auto doc = parse_document("t.md",
                              "---\nid: t\nkind: case\ntitle: 标题\n---\n"
                              "行内 <img src=/etc/passwd> 与 <script>alert(1)</script> 都是文字。\n\n"
                              "<script>\nalert(2)\n</script>\n\n"
                              "<img src=\"/etc/shadow\">\n",
                              diags);
    REQUIRE(doc);
    std::function<void(const std::vector<Block>&)> no_images = [&](const std::vector<Block>& blocks) {
        for (const Block& b : blocks) {
            CHECK(b.kind != BlockKind::Image);
            no_images(b.children);
        }
    };
    no_images(doc->blocks);
    REQUIRE(doc->blocks.size() == 3);
    std::string para;
    for (const Span& s : doc->blocks[0].spans) para += s.text;
    CHECK(para == "行内 <img src=/etc/passwd> 与 <script>alert(1)</script> 都是文字。");
    bool img_span = false;
    for (const Span& s : doc->blocks[0].spans) img_span |= s.text.find("<img src=/etc/passwd>") != std::string::npos;
    CHECK(img_span);
    CHECK(doc->blocks[1].kind == BlockKind::Code);  // an HTML block is shown as its literal text
    CHECK(doc->blocks[1].literal == "<script>\nalert(2)\n</script>");
    CHECK(doc->blocks[2].kind == BlockKind::Code);
    CHECK(doc->blocks[2].literal == "<img src=\"/etc/shadow\">");
    CHECK(doc->plain_text.find("<script>alert(1)</script>") != std::string::npos);
    CHECK(doc->links.empty());
}
