#include "core/workshop_prep.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "content/sections.h"
#include "core/export_files.h"
#include "core/html.h"

namespace linli {
namespace {

std::string heading_text(const Block& b) {
    std::string t;
    for (const Span& s : b.spans) t += s.text;
    return t;
}

// The Linli documents a block links to, cases and guidelines only (a drill is not reading), once each.
void add_references(const Document& doc, const Block& b, const Library& lib, std::vector<PrepReference>& out) {
    for (const Span& s : b.spans) {
        if (s.link < 0 || size_t(s.link) >= doc.links.size()) continue;
        const std::string& id = doc.links[size_t(s.link)].target_id;
        if (id.empty()) continue;  // an external link
        const Document* target = lib.find(id);
        if (!target || target->meta.kind == DocKind::Drill) continue;  // unknown ids are lint's to report
        if (std::none_of(out.begin(), out.end(), [&](const PrepReference& r) { return r.id == id; }))
            out.push_back({id, target->meta.title, target->meta.kind});
    }
    for (const Block& c : b.children) add_references(doc, c, lib, out);
}

void add_paragraphs(const Block& b, std::vector<std::string>& out) {
    switch (b.kind) {
        case BlockKind::BulletList:
            for (const Block& item : b.children) out.push_back("• " + block_text(item));
            break;
        case BlockKind::OrderedList: {
            // Kept numbered: a workshop's agenda is a sequence.
            int n = b.level > 0 ? b.level : 1;
            for (const Block& item : b.children) out.push_back(std::to_string(n++) + ". " + block_text(item));
            break;
        }
        case BlockKind::Rule:
        case BlockKind::Image:  // a printout of one file carries no pictures
            break;
        default:
            if (std::string t = block_text(b); !t.empty()) out.push_back(std::move(t));
    }
}

std::string esc(std::string_view s) { return html_escape(s); }

// Escaped, with the line breaks of nested list items kept.
std::string esc_lines(std::string_view s) {
    std::string out = esc(s);
    for (size_t p = out.find('\n'); p != std::string::npos; p = out.find('\n', p + 4)) out.replace(p, 1, "<br>");
    return out;
}

const char* kind_label(DocKind k) {
    switch (k) {
        case DocKind::Case: return "案例 Case";
        case DocKind::Guideline: return "指南 Guideline";
        case DocKind::Drill: return "演练 Drill";
    }
    return "";
}

const char* kCss = R"(body { font-family: "Noto Sans CJK SC", sans-serif; color: #1f2328; background: #fff;
  max-width: 180mm; margin: 0 auto; padding: 10mm 6mm; font-size: 11pt; line-height: 1.6; overflow-wrap: break-word; }
h1 { font-size: 19pt; margin: 0 0 1mm; }
h2 { font-size: 14.5pt; border-bottom: 1px solid #d0d7de; padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 12pt; margin: 5mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
small, .en { color: #57606a; font-size: 8.5pt; font-weight: normal; }
.summary { font-size: 11.5pt; }
.setup, .room, .part, .source, tr, li { break-inside: avoid; page-break-inside: avoid; }
.setup { border: 1px solid #d0d7de; border-radius: 2mm; padding: 2mm 4mm; margin: 4mm 0; }
.setup dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0; }
.setup dt { font-weight: bold; } .setup dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 1.2mm 2.5mm; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.n, td.min { white-space: nowrap; } td.blank { width: 22mm; }
.note { color: #57606a; font-size: 9.5pt; margin-top: 1.5mm; }
p.item { padding-left: 1.2em; text-indent: -1.2em; }
ol, ul { padding-left: 7mm; margin: 1mm 0 3mm; }
.kind { display: inline-block; font-size: 9pt; border: 1px solid #8c959f; border-radius: 1mm; padding: 0 1.5mm; margin-right: 2mm; }
.id { color: #57606a; font-size: 9pt; font-family: monospace; }
.front { border: 2px solid #2f6db5; background: #eaf1fb; border-radius: 2mm; text-align: center; padding: 3mm; margin-bottom: 6mm; }
.tables { display: grid; grid-template-columns: repeat(4, 1fr); gap: 5mm; }
.table { border: 1.5px solid #57606a; border-radius: 3mm; min-height: 22mm; padding: 2mm; text-align: center;
  display: flex; flex-direction: column; justify-content: center; overflow-wrap: anywhere; }
.table .no { font-weight: bold; font-size: 12.5pt; }
@page { size: A4; margin: 15mm }
@media print { body { max-width: none; padding: 0; font-size: 10.5pt; } }
)";

void html_setup(std::string& out, const WorkshopPrep& p) {
    out += "<section class=\"setup\">\n<dl>\n";
    out += "<dt>小组 <small>Groups</small></dt><dd>" + std::to_string(p.groups.size()) + " 组";
    std::string names = list_names(p.groups);
    if (!names.empty()) out += "：" + esc(names);
    out += "</dd>\n<dt>每个决策讨论 <small>Per decision</small></dt><dd>" + std::to_string(p.minutes) +
           " 分钟 <small>minutes</small></dd>\n<dt>反馈方式 <small>Mode</small></dt><dd>";
    out += p.exam ? "考核 <small>exam</small>：演练中不显示反馈，复盘时逐步回顾 <small>feedback only at the debrief</small>"
                  : "练习 <small>practice</small>：每次选择后显示反馈 <small>feedback after each choice</small>";
    out += "</dd>\n</dl>\n</section>\n";
}

void html_room(std::string& out, const WorkshopPrep& p) {
    out += "<section class=\"room\">\n<h2>分组安排 <small>Room plan</small></h2>\n";
    out += "<div class=\"front\">前方：投影幕 · 培训师 <small>Front: projector screen · trainer</small></div>\n";
    out += "<div class=\"tables\">\n";
    for (size_t i = 0; i < p.groups.size(); ++i)
        out += "<div class=\"table\"><div class=\"no\">第" + std::to_string(i + 1) + "桌</div><div class=\"group\">" +
               esc(p.groups[i]) + "</div></div>\n";
    out += "</div>\n</section>\n";
}

void html_timing(std::string& out, const WorkshopPrep& p) {
    out += "<section class=\"timing\">\n<h2>决策计时 <small>Decision timing</small></h2>\n";
    if (p.decisions.empty()) {
        out += "<p>这个演练没有决策点 <small>(no decisions)</small>。</p>\n</section>\n";
        return;
    }
    out += "<table>\n<thead><tr><th>#</th><th>决策点 <small>Decision</small></th><th>讨论 <small>Minutes</small></th>"
           "<th>开始 <small>Start</small></th><th>公布 <small>Reveal</small></th></tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < p.decisions.size(); ++i)
        out += "<tr><td class=\"n\">" + std::to_string(i + 1) + "</td><td>" + esc(p.decisions[i]) + "</td><td class=\"min\">" +
               std::to_string(p.minutes) + " 分钟</td><td class=\"blank\"></td><td class=\"blank\"></td></tr>\n";
    out += "</tbody>\n</table>\n<p class=\"note\">共 " + std::to_string(p.decisions.size()) +
           " 个决策点，每条路线只经过其中一部分；先定方向、再选方案的决策点要投两轮。"
           "<br><span class=\"en\">A play passes only some of these; a two-round decision takes two ballots.</span></p>\n"
           "</section>\n";
}

void html_kit(std::string& out, const WorkshopPrep& p) {
    out += "<h2>工作坊工具包 <small>Workshop kit</small></h2>\n";
    for (const PrepSection& s : p.kit) {
        out += "<section class=\"part\">\n";
        if (!s.title.empty()) out += "<h3>" + esc(s.title) + "</h3>\n";
        for (const std::string& para : s.paragraphs)
            out += (para.rfind("• ", 0) == 0 ? "<p class=\"item\">" : "<p>") + esc_lines(para) + "</p>\n";
        out += "</section>\n";
    }
}

void html_references(std::string& out, const WorkshopPrep& p) {
    out += "<h2>参考案例和指南 <small>Reference cases and guidelines</small></h2>\n";
    if (p.references.empty()) {
        out += "<p>工具包没有链接到文库里的案例或指南 <small>(none linked)</small>。</p>\n";
        return;
    }
    out += "<ol class=\"refs\">\n";
    for (const PrepReference& r : p.references)
        out += "<li><span class=\"kind\">" + std::string(kind_label(r.kind)) + "</span>" + esc(r.title) + " <span class=\"id\">" +
               esc(r.id) + "</span></li>\n";
    out += "</ol>\n";
}

void html_questions(std::string& out, const WorkshopPrep& p) {
    if (p.questions.empty()) return;
    out += "<h2>讨论题 <small>Discussion questions</small></h2>\n";
    for (const DebriefQuestions& q : p.questions) {
        out += "<section class=\"source\">\n<h3>" + esc(q.source) + "</h3>\n<ol>\n";
        for (const std::string& item : q.items) out += "<li>" + esc_lines(item) + "</li>\n";
        out += "</ol>\n</section>\n";
    }
}

}  // namespace

WorkshopPrep make_prep(const Drill& d, const Library& lib, std::vector<std::string> groups, int minutes, bool exam) {
    WorkshopPrep p;
    p.drill_id = d.doc->meta.id;
    p.drill_title = d.doc->meta.title;
    p.summary = d.doc->meta.summary;
    for (const Block* b : d.kit) {
        if (b->kind == BlockKind::Heading && b->level == 3) {
            p.kit.push_back({heading_text(*b), {}});
        } else {
            if (p.kit.empty()) p.kit.push_back({});  // the kit's own introduction, before its first ###
            add_paragraphs(*b, p.kit.back().paragraphs);
        }
        add_references(*d.doc, *b, lib, p.references);
    }
    p.questions = discussion_questions(d, lib);
    p.groups = std::move(groups);
    p.minutes = minutes;
    p.exam = exam;
    for (const DrillNode& n : d.nodes)
        if (!n.is_ending()) p.decisions.push_back(n.title.empty() ? n.id : n.title);
    return p;
}

std::string prep_html(const WorkshopPrep& p) {
    std::string title = "工作坊准备页：" + p.drill_title;
    std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                      esc(title) + "</title>\n<style>\n" + kCss + "</style>\n</head>\n<body>\n";
    out += "<h1>" + esc(title) + "</h1>\n<p class=\"en\">Workshop preparation · " + esc(p.drill_id) + "</p>\n";
    if (!p.summary.empty()) out += "<p class=\"summary\">" + esc(p.summary) + "</p>\n";
    html_setup(out, p);
    html_room(out, p);
    html_timing(out, p);
    html_kit(out, p);
    html_references(out, p);
    html_questions(out, p);
    return out + "</body>\n</html>\n";
}

std::filesystem::path export_prep(const WorkshopPrep& p, const std::filesystem::path& dir) {
    make_export_folder(dir);
    const std::filesystem::path file = dir / "prep.html";
    write_file_atomically(file, prep_html(p));
    return file;
}

}  // namespace linli
