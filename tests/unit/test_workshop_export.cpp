// The workshop debrief's exporters: Markdown for chat apps, a printable HTML page, the spread charts
// as SVG and as a PNG drawn in the Chinese font, and the export that writes them all into a folder.
#include <catch2/catch.hpp>
#include <stb/stb_image.h>

#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "content/utf8.h"
#include "core/workshop_export.h"
#include "test_support.h"

using namespace linli;
using test::TempDir;

namespace {

const std::string kLongLabel = "改成停车位，同时在旁边留出一块给老人晒太阳和下棋的地方";

int64_t local(int year, int month, int day, int hour, int minute) {
    std::tm tm{};
    tm.tm_year = year - 1900, tm.tm_mon = month - 1, tm.tm_mday = day, tm.tm_hour = hour, tm.tm_min = minute;
    tm.tm_isdst = -1;
    return int64_t(std::mktime(&tm));
}

// Four groups, three decisions (a split Direction round, a split parallel one, a unanimous one).
WorkshopDebrief sample() {
    WorkshopDebrief d;
    d.drill_id = "drill-garden";
    d.drill_title = "楼道里的花园";
    d.groups = {"第1组", "第2组", "第3组", "第4组"};
    d.meters = {{"居民信任", 0, 100}, {"工作量", 0, 10}};
    d.per_group = {
        {"第1组", {50, 2}, {{"楼道堆物怎么办", "先听居民怎么说", {55, 3}, false}, {"方案讨论会", "做花园", {65, 5}, false}},
         true, "居民自己的花园", Rating::Good, {}, -1, true},
        {"第2组", {50, 2}, {{"楼道堆物怎么办", "直接贴通知清理", {40, 2}, true}, {"方案讨论会", kLongLabel, {35, 6}, true}},
         true, "被投诉的通知", Rating::Bad, {"替居民做决定", "不先倾听"}, 0, true},
        {"第3组", {50, 2}, {{"楼道堆物怎么办", "先听居民怎么说", {55, 3}, false}, {"方案讨论会", "维持现状", {50, 4}, false}},
         true, "勉强的共识", Rating::Fair, {}, 1, true},
        {"第4组", {50, 2}, {{"楼道堆物怎么办", "先听居民怎么说", {55, 3}, false}}, false, "方案讨论会", Rating::None, {}, -1,
         false},
    };
    d.decisions = {
        {"楼道堆物怎么办", Round::Direction, {"先听居民怎么说", "直接贴通知清理"}, {{"第1组", "第3组", "第4组"}, {"第2组"}},
         "按多数 (majority)", "先听居民怎么说", true, 125},
        {"方案讨论会", Round::Option, {"做花园", kLongLabel, "维持现状"}, {{"第1组", "第3组"}, {"第2组", "第4组"}, {}},
         "各组分头走 (in parallel)", "", true, 200},
        {"结束前", Round::Option, {"请居民自己来定", "替居民定"}, {{"第1组", "第3组"}, {}}, "按多数 (majority)",
         "请居民自己来定", false, 45},
    };
    d.finished = false;
    d.better = {"先请居民说出各自的顾虑，再一起定规则。", "把决定权留给居民议事会。"};
    d.questions = {{"老旧小区的楼道堆物", {"居民为什么不愿意清理？", "谁来决定公共空间的用途？"}},
                   {"花园项目", {"怎么让沉默的居民发声？"}}};
    d.notes = {
        {"楼道堆物怎么办", "第1组、第2组、第3组、第4组", "大家都在看手机", false},
        {"方案讨论会", "第2组、第4组", "第2组很快就定了 <script>alert(1)</script> & 追问为什么", true},
        {"结束前", "第1组、第3组", "问问第3组的理由", true},
    };
    d.started = local(2024, 5, 18, 14, 0);
    d.ended = local(2024, 5, 18, 15, 35);
    return d;
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

size_t count(const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
    return n;
}

// The text from `heading` to the next heading of the same level.
std::string section(const std::string& md, const std::string& heading) {
    size_t b = md.find(heading);
    REQUIRE(b != std::string::npos);
    size_t e = md.find("\n## ", b + heading.size());
    return md.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

struct Bar {
    double width;
    std::string fill;
};
std::vector<Bar> bars(const std::string& svg) {
    static const std::regex re(R"re(<rect class="bar"[^>]* width="([0-9.]+)"[^>]* fill="([^"]+)")re");
    std::vector<Bar> out;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back({std::stod((*it)[1]), (*it)[2]});
    return out;
}

struct Image {
    int w = 0, h = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> px{nullptr, stbi_image_free};
    const unsigned char* at(int x, int y) const { return px.get() + (size_t(y) * size_t(w) + size_t(x)) * 4; }
};
Image load(const std::filesystem::path& file) {
    Image img;
    int comp = 0;
    img.px.reset(stbi_load(file.c_str(), &img.w, &img.h, &comp, 4));
    return img;
}

}  // namespace

TEST_CASE("the Markdown debrief names the drill, every group's path, ending and meters") {
    std::string md = debrief_markdown(sample());
    CHECK(md.rfind("# 工作坊复盘：楼道里的花园\n", 0) == 0);
    CHECK(md.find("2024-05-18 14:00 – 15:35") != std::string::npos);
    CHECK(md.find("第1组、第2组、第3组、第4组") != std::string::npos);
    CHECK(md.find("工作坊在结局之前停止了 (stopped before an ending)") != std::string::npos);
    for (const char* g : {"### 第1组\n", "### 第2组\n", "### 第3组\n", "### 第4组\n"}) CHECK(md.find(g) != std::string::npos);
    CHECK(md.find("结局 Ending：居民自己的花园（好）") != std::string::npos);
    CHECK(md.find("结局 Ending：被投诉的通知（糟糕）") != std::string::npos);
    CHECK(md.find("结局 Ending：勉强的共识（尚可）") != std::string::npos);
    CHECK(md.find("结局 Ending：未到结局（停在「方案讨论会」）") != std::string::npos);
    CHECK(md.find("1. 楼道堆物怎么办 → 直接贴通知清理 「⚠ 违背」\n") != std::string::npos);
    CHECK(md.find("1. 楼道堆物怎么办 → 先听居民怎么说\n") != std::string::npos);  // no mark where nothing was violated
    CHECK(md.find("- 居民信任：50 → 55 → 65\n") != std::string::npos);
    CHECK(md.find("- 工作量：2 → 2 → 6\n") != std::string::npos);
    CHECK(md.find("踩到的坑 Pitfalls：替居民做决定、不先倾听") != std::string::npos);
    CHECK(md.find("在「楼道堆物怎么办」选了「直接贴通知清理」之后，就走不到「好」的结局了") != std::string::npos);
    CHECK(md.find("在「方案讨论会」选了「维持现状」之后，就走不到「好」的结局了") != std::string::npos);
    CHECK(md.find("一路都在最好的路径上") != std::string::npos);
    CHECK(md.find("无法判断（演练太大）") != std::string::npos);
    CHECK(md.find("工作坊复盘：") == md.rfind("工作坊复盘："));  // finished text aside, the title once
}

TEST_CASE("the Markdown debrief lists the splits, the better path, the questions and the notes") {
    WorkshopDebrief d = sample();
    std::string md = debrief_markdown(d);
    std::string splits = section(md, "## 分歧");
    CHECK(splits.find("### 「楼道堆物怎么办」（方向）") != std::string::npos);
    CHECK(splits.find("### 「方案讨论会」（方案）") != std::string::npos);
    CHECK(splits.find("结束前") == std::string::npos);  // everyone agreed there
    CHECK(splits.find("1. 先听居民怎么说 ▇▇▇ 3 票（第1组、第3组、第4组）\n") != std::string::npos);
    CHECK(splits.find("2. 直接贴通知清理 ▇ 1 票（第2组）\n") != std::string::npos);
    CHECK(splits.find("3. 维持现状 0 票\n") != std::string::npos);
    CHECK(splits.find("采用 Taken：先听居民怎么说") != std::string::npos);
    CHECK(splits.find("用时 Time：2:05") != std::string::npos);
    CHECK(splits.find("各组分头走 (in parallel)") != std::string::npos);

    std::string all = section(md, "## 全部决定");
    CHECK(all.find("### 3. 「结束前」（方案）") != std::string::npos);
    CHECK(all.find("1. 请居民自己来定 ▇▇ 2 票（第1组、第3组）") != std::string::npos);
    CHECK(all.find("用时 Time：0:45") != std::string::npos);

    std::string better = section(md, "## 更好的做法");
    CHECK(better.find("- 把决定权留给居民议事会。") != std::string::npos);
    std::string questions = section(md, "## 讨论题");
    size_t source = questions.find("### 花园项目\n");
    REQUIRE(source != std::string::npos);
    CHECK(questions.find("1. 怎么让沉默的居民发声？", source) != std::string::npos);
    CHECK(questions.find("2. 谁来决定公共空间的用途？") < source);

    // The notes to discuss come first, marked; the others after, unmarked.
    std::string notes = section(md, "## 培训师笔记");
    size_t a = notes.find("- 「复盘时讨论」「方案讨论会」（第2组、第4组）：第2组很快就定了");
    size_t b = notes.find("- 「复盘时讨论」「结束前」（第1组、第3组）：问问第3组的理由");
    size_t c = notes.find("- 「楼道堆物怎么办」（第1组、第2组、第3组、第4组）：大家都在看手机");
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    REQUIRE(c != std::string::npos);
    CHECK(a < b);
    CHECK(b < c);
}

TEST_CASE("the Markdown debrief stays narrow for chat apps") {
    std::string md = debrief_markdown(sample());
    int bar_lines = 0;
    for (const std::string& line : lines_of(md)) {
        CHECK(line.rfind("|", 0) != 0);  // no tables: chat apps wrap them into a mess
        if (line.find(" 票") == std::string::npos) continue;
        ++bar_lines;
        INFO(line);
        CHECK(utf8::length(line) <= 40);
    }
    CHECK(bar_lines == 2 * (2 + 3) + 2);  // the splits, then every decision
    // The long option is cut with … in its bar line.
    CHECK(md.find("2. 改成停车位，同时在旁边留出一块给… ▇▇ 2 票（第2组、第4组）") != std::string::npos);
}

TEST_CASE("the HTML debrief is one printable page with a chart per decision, all text escaped") {
    WorkshopDebrief d = sample();
    std::string html = debrief_html(d);
    CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
    CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("@page { size: A4; margin: 15mm }") != std::string::npos);
    CHECK(html.find("break-inside: avoid") != std::string::npos);
    CHECK(html.find("max-width: 180mm") != std::string::npos);
    CHECK(html.find("font-family: \"Noto Sans CJK SC\", sans-serif") != std::string::npos);
    CHECK(html.size() > 14);
    CHECK(html.substr(html.size() - 8) == "</html>\n");
    CHECK(count(html, "class=\"spread\"") == d.decisions.size());
    CHECK(count(html, "class=\"meters\"") == d.per_group.size());
    CHECK(count(html, "<svg") == count(html, "</svg>"));
    CHECK(count(html, "<section") == count(html, "</section>"));
    CHECK(count(html, "<figure>") == count(html, "</figure>"));
    // Self-contained: nothing fetched from anywhere (the SVG namespace is a name, not a fetch).
    for (const char* external : {"<link", "src=", "url(", "https://", "@import"}) CHECK(html.find(external) == std::string::npos);
    // The trainer's note with markup in it comes out as text.
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("第2组很快就定了 &lt;script&gt;alert(1)&lt;/script&gt; &amp; 追问为什么") != std::string::npos);
    CHECK(html.find("<span class=\"discuss\">「复盘时讨论」</span>") != std::string::npos);
    CHECK(html.find("<title>工作坊复盘：楼道里的花园</title>") != std::string::npos);
    CHECK(html.find("直接贴通知清理 <span class=\"pitfall\">「⚠ 违背」</span>") != std::string::npos);
    CHECK(html.find("居民信任（0–100）：50 → 55 → 65") != std::string::npos);
    CHECK(html.find("被投诉的通知（糟糕）") != std::string::npos);

    d.drill_title = "A<B & \"C\"";
    std::string escaped = debrief_html(d);
    CHECK(escaped.find("<h1>工作坊复盘：A&lt;B &amp; &quot;C&quot;</h1>") != std::string::npos);
}

TEST_CASE("the spread chart has a bar per option, as long as its votes, and names the voters") {
    WorkshopDebrief d = sample();
    std::string svg = spread_svg(d.decisions[0]);
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("Noto Sans CJK SC") != std::string::npos);
    auto b = bars(svg);
    REQUIRE(b.size() == 2);
    CHECK(b[0].width == Approx(3 * b[1].width));  // 3 votes against 1
    CHECK(b[0].width > 0);
    CHECK(b[0].fill != b[1].fill);  // the option taken stands out
    CHECK(svg.find(">3 票<") != std::string::npos);
    CHECK(svg.find(">第1组、第3组、第4组<") != std::string::npos);
    CHECK(svg.find(">第2组<") != std::string::npos);

    std::string parallel = spread_svg(d.decisions[1]);
    auto p = bars(parallel);
    REQUIRE(p.size() == 3);
    CHECK(p[0].width == Approx(p[1].width));
    CHECK(p[2].width == 0);
    CHECK(p[0].fill == p[1].fill);  // in parallel nothing was taken
    CHECK(parallel.find("（无人选）") != std::string::npos);
    CHECK(parallel.find("改成停车位，同时在旁边留出一块给老人晒太阳和下棋…") != std::string::npos);
    CHECK(parallel.find(kLongLabel) == std::string::npos);
    // A unanimous vote fills the bar: its length is out of the groups that voted.
    auto u = bars(spread_svg(d.decisions[2]));
    REQUIRE(u.size() == 2);
    CHECK(u[0].width == Approx(b[0].width + b[1].width));
}

TEST_CASE("the spread PNG is 1200 px wide, with the bars and the Chinese text drawn") {
    TempDir tmp;
    WorkshopDebrief d = sample();
    auto file = tmp.path() / "spread.png";
    std::string error;
    REQUIRE(write_spread_png(d, file, &error));
    CHECK(error.empty());
    Image img = load(file);
    REQUIRE(img.px);
    CHECK(img.w == 1200);
    CHECK(img.h > 300);
    CHECK(img.h < 2000);
    long blue = 0, orange = 0, dark = 0, dark_in_title = 0;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            const unsigned char* p = img.at(x, y);
            if (p[2] > p[0] + 40) ++blue;    // a bar
            if (p[0] > p[2] + 100) ++orange;  // the option taken
            if (std::max({p[0], p[1], p[2]}) < 90) {
                ++dark;
                if (y < 60) ++dark_in_title;
            }
        }
    CHECK(blue > 2000);
    CHECK(orange > 2000);
    CHECK(dark > 3000);          // text, in the font
    CHECK(dark_in_title > 300);  // the title line: 工作坊复盘：楼道里的花园
    CHECK(img.at(2, 2)[0] == 255);  // white background

    SECTION("the height is capped at 60 decisions") {
        WorkshopDebrief many = d, more = d;
        many.decisions.assign(60, d.decisions[0]);
        more.decisions.assign(100, d.decisions[0]);
        REQUIRE(write_spread_png(many, tmp.path() / "60.png", &error));
        REQUIRE(write_spread_png(more, tmp.path() / "100.png", &error));
        int h60 = load(tmp.path() / "60.png").h, h100 = load(tmp.path() / "100.png").h;
        CHECK(h60 > 60 * 100);
        CHECK(h100 == h60);
    }
    SECTION("a file that cannot be written is an error, in Chinese then English") {
        CHECK_FALSE(write_spread_png(d, tmp.path() / "no-such-folder" / "spread.png", &error));
        CHECK(error.rfind("无法写入", 0) == 0);
        CHECK(error.find("cannot write") != std::string::npos);
    }
}

TEST_CASE("export_debrief writes the three files into a new folder, through temporary files") {
    TempDir tmp;
    WorkshopDebrief d = sample();
    auto dir = tmp.path() / "复盘" / "2024-05-18";
    ExportedDebrief out = export_debrief(d, dir);
    CHECK(out.markdown == dir / "debrief.md");
    CHECK(out.html == dir / "debrief.html");
    CHECK(out.png == dir / "spread.png");
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename().string());
    CHECK(names == std::set<std::string>{"debrief.html", "debrief.md", "spread.png"});  // no .tmp left
    std::ifstream md(out.markdown, std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(md), {}) == debrief_markdown(d));
    CHECK(load(out.png).w == 1200);

    SECTION("again, over the files there") {
        d.drill_title = "第二次";
        export_debrief(d, dir);
        std::ifstream again(out.markdown, std::ios::binary);
        CHECK(std::string(std::istreambuf_iterator<char>(again), {}).rfind("# 工作坊复盘：第二次", 0) == 0);
    }
    SECTION("no decision, no PNG") {
        d.decisions.clear();
        auto bare = tmp.path() / "bare";
        ExportedDebrief e = export_debrief(d, bare);
        CHECK(e.png.empty());
        CHECK_FALSE(std::filesystem::exists(bare / "spread.png"));
        CHECK(std::filesystem::exists(e.markdown));
    }
    SECTION("a folder that cannot be created is an error") {
        auto file = tmp.write("plain.txt", "not a folder");
        CHECK_THROWS_AS(export_debrief(d, file / "sub"), std::runtime_error);
        try {
            export_debrief(d, file / "sub");
        } catch (const std::runtime_error& e) {
            std::string what = e.what();
            CHECK(what.rfind("无法创建文件夹", 0) == 0);
            CHECK(what.find("cannot create") != std::string::npos);
        }
        CHECK_FALSE(std::filesystem::exists(file / "sub"));
    }
}
