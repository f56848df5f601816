#include "core/workshop_export.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "content/utf8.h"
#include "core/export_files.h"
#include "core/html.h"

namespace linli {
namespace {

// ---- Wording shared by the Markdown and the HTML, so both say the same things.

std::string repeated(const char* s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// User text on one line: a note may hold line breaks, a list item may not.
std::string flat(const std::string& s) {
    std::string out = s;
    std::replace(out.begin(), out.end(), '\n', ' ');
    std::replace(out.begin(), out.end(), '\r', ' ');
    return out;
}

std::string shorten(const std::string& s, size_t max_chars) {
    std::string text = flat(s);
    if (utf8::length(text) <= max_chars) return text;
    std::string out;
    size_t i = 0;
    for (size_t n = 0; n < max_chars && i < text.size(); ++n) utf8::append(out, utf8::next(text, i));
    return out + "…";
}

std::string local_time(int64_t t, const char* format) {
    std::time_t tt = std::time_t(t);
    std::tm tm{};
    if (!localtime_r(&tt, &tm)) return {};
    char buf[40];
    return std::string(buf, std::strftime(buf, sizeof buf, format, &tm));
}

std::string when(const WorkshopDebrief& d) {
    if (d.started <= 0) return "—";
    std::string out = local_time(d.started, "%Y-%m-%d %H:%M");
    if (d.ended > d.started) {
        bool same_day = local_time(d.started, "%Y-%m-%d") == local_time(d.ended, "%Y-%m-%d");
        out += " – " + local_time(d.ended, same_day ? "%H:%M" : "%Y-%m-%d %H:%M");
    }
    return out;
}

std::string mmss(int seconds) {
    seconds = std::max(0, seconds);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%d:%02d", seconds / 60, seconds % 60);
    return buf;
}

const char* round_name(Round r) { return r == Round::Direction ? "方向" : "方案"; }

const char* finished_text(const WorkshopDebrief& d) {
    return d.finished ? "所有小组都走到了结局" : "工作坊在结局之前停止了 (stopped before an ending)";
}

std::string ending_text(const GroupDebrief& g) {
    if (!g.ended) return g.ending.empty() ? "未到结局" : "未到结局（停在「" + g.ending + "」）";
    std::string r = rating_name(g.rating);
    return r.empty() ? g.ending : g.ending + "（" + r + "）";
}

std::string left_best_text(const GroupDebrief& g) {
    if (!g.best_known) return "无法判断（演练太大）";
    if (g.left_best >= 0 && size_t(g.left_best) < g.steps.size()) {
        const DebriefStep& s = g.steps[size_t(g.left_best)];
        return "在「" + s.node_title + "」选了「" + flat(s.choice) + "」之后，就走不到「好」的结局了";
    }
    if (g.rating == Rating::Good) return "一路都在最好的路径上";
    if (!g.ended) return "停下时还没有离开最好的路径";
    return "这个演练从开头就走不到「好」的结局";
}

std::string heading(const DebriefDecision& d) { return "「" + d.node_title + "」（" + round_name(d.round) + "）"; }

int total_votes(const DebriefDecision& d) {
    int n = 0;
    for (const auto& v : d.voters) n += int(v.size());
    return n;
}

std::string voter_names(const DebriefDecision& d, size_t i) {
    return i < d.voters.size() && !d.voters[i].empty() ? list_names(d.voters[i]) : "";
}

// The meters' values from the start through every step: one series per meter.
std::vector<std::vector<int>> meter_series(const WorkshopDebrief& d, const GroupDebrief& g) {
    std::vector<std::vector<int>> out(d.meters.size());
    for (size_t m = 0; m < d.meters.size(); ++m) {
        if (m < g.start_meters.size()) out[m].push_back(g.start_meters[m]);
        for (const DebriefStep& s : g.steps)
            if (m < s.meters.size()) out[m].push_back(s.meters[m]);
    }
    return out;
}

// The trainer's notes, those to discuss first (the debrief's agenda), each kind in its order.
std::vector<const DebriefNote*> ordered_notes(const WorkshopDebrief& d) {
    std::vector<const DebriefNote*> out;
    for (const auto& n : d.notes) out.push_back(&n);
    std::stable_partition(out.begin(), out.end(), [](const DebriefNote* n) { return n->discuss; });
    return out;
}

// ---- Markdown

// Short enough to stay on one line in a chat window.
constexpr size_t kChatLabel = 16;

std::string md_bar(const DebriefDecision& d, size_t i) {
    int votes = i < d.voters.size() ? int(d.voters[i].size()) : 0;
    std::string line = std::to_string(i + 1) + ". " + shorten(d.labels[i], kChatLabel) + " ";
    if (votes > 0) line += repeated("▇", votes) + " ";
    line += std::to_string(votes) + " 票";
    if (std::string names = voter_names(d, i); !names.empty()) line += "（" + names + "）";
    return line;
}

void md_decision(std::string& out, const DebriefDecision& d) {
    for (size_t i = 0; i < d.labels.size(); ++i) out += md_bar(d, i) + "\n";
    out += "\n- 怎么继续 How：" + d.how + "\n";
    if (!d.taken.empty()) out += "- 采用 Taken：" + flat(d.taken) + "\n";
    out += "- 用时 Time：" + mmss(d.seconds) + "\n\n";
}

void md_group(std::string& out, const WorkshopDebrief& d, const GroupDebrief& g) {
    out += "### " + g.group + "\n\n";
    out += "结局 Ending：" + ending_text(g) + "\n\n";
    if (!g.steps.empty()) {
        out += "路径 Path：\n";
        for (size_t i = 0; i < g.steps.size(); ++i) {
            const DebriefStep& s = g.steps[i];
            out += std::to_string(i + 1) + ". " + s.node_title + " → " + flat(s.choice) + (s.pitfall ? " 「⚠ 违背」" : "") + "\n";
        }
        out += "\n";
    }
    auto series = meter_series(d, g);
    if (!series.empty()) {
        out += "指标 Meters：\n";
        for (size_t m = 0; m < series.size(); ++m) {
            std::string values;
            for (int v : series[m]) values += (values.empty() ? "" : " → ") + std::to_string(v);
            out += "- " + d.meters[m].name + "：" + values + "\n";
        }
        out += "\n";
    }
    out += "踩到的坑 Pitfalls：" + (g.pitfalls.empty() ? std::string("无") : list_names(g.pitfalls)) + "\n\n";
    out += "最好的路径 Best path：" + left_best_text(g) + "\n\n";
}

// ---- HTML and SVG

std::string esc(const std::string& s) { return html_escape(s); }

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

const char* kSvgFont = "font-family=\"'Noto Sans CJK SC', sans-serif\"";
const char* kPalette[] = {"#2f6db5", "#d9822b", "#2e8b57", "#8e44ad", "#c0392b", "#6b7b8c"};

const char* rating_class(const GroupDebrief& g) {
    if (!g.ended) return "rating-none";
    switch (g.rating) {
        case Rating::Good: return "rating-good";
        case Rating::Fair: return "rating-fair";
        case Rating::Bad: return "rating-bad";
        case Rating::None: break;
    }
    return "rating-none";
}

// The group's meters over its steps, each scaled to its own range (the legend gives the ranges).
std::string meter_svg(const WorkshopDebrief& d, const GroupDebrief& g) {
    auto series = meter_series(d, g);
    const int W = 640, x0 = 48, x1 = 620, y0 = 16, y1 = 156;
    const int H = 196 + 22 * int(series.size());
    size_t points = g.steps.size() + 1;
    auto x_at = [&](size_t i) { return points < 2 ? (x0 + x1) / 2.0 : x0 + double(x1 - x0) * double(i) / double(points - 1); };
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"meters\" viewBox=\"0 0 " + std::to_string(W) + " " +
                    std::to_string(H) + "\" width=\"" + std::to_string(W) + "\" height=\"" + std::to_string(H) + "\" " +
                    kSvgFont + " font-size=\"13\" role=\"img\">\n";
    s += "<title>" + esc(g.group + " 的指标 meters") + "</title>\n";
    s += "<rect x=\"" + std::to_string(x0) + "\" y=\"" + std::to_string(y0) + "\" width=\"" + std::to_string(x1 - x0) +
         "\" height=\"" + std::to_string(y1 - y0) + "\" fill=\"#f6f8fa\" stroke=\"#d0d7de\"/>\n";
    s += "<text x=\"" + std::to_string(x0 - 6) + "\" y=\"" + std::to_string(y0 + 10) + "\" text-anchor=\"end\" fill=\"#57606a\">高</text>\n";
    s += "<text x=\"" + std::to_string(x0 - 6) + "\" y=\"" + std::to_string(y1) + "\" text-anchor=\"end\" fill=\"#57606a\">低</text>\n";
    for (size_t i = 0; i < points; ++i) {
        bool pit = i > 0 && g.steps[i - 1].pitfall;
        std::string label = i == 0 ? "开始" : (pit ? "⚠" : "") + std::to_string(i);
        s += "<text x=\"" + num(x_at(i)) + "\" y=\"" + std::to_string(y1 + 18) + "\" text-anchor=\"middle\" fill=\"" +
             (pit ? "#b42318" : "#57606a") + "\">" + label + "</text>\n";
    }
    for (size_t m = 0; m < series.size(); ++m) {
        const MeterScale& sc = d.meters[m];
        const char* color = kPalette[m % std::size(kPalette)];
        double span = std::max(1, sc.max - sc.min);
        std::string pts;
        for (size_t i = 0; i < series[m].size(); ++i) {
            double f = std::clamp((series[m][i] - sc.min) / span, 0.0, 1.0);
            pts += (pts.empty() ? "" : " ") + num(x_at(i)) + "," + num(y1 - f * (y1 - y0));
        }
        s += "<polyline class=\"meter\" points=\"" + pts + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2.5\"/>\n";
        int ly = y1 + 44 + 22 * int(m);
        std::string values;
        for (int v : series[m]) values += (values.empty() ? "" : " → ") + std::to_string(v);
        s += "<rect x=\"" + std::to_string(x0) + "\" y=\"" + std::to_string(ly - 11) + "\" width=\"14\" height=\"14\" fill=\"" +
             color + "\"/>\n";
        s += "<text x=\"" + std::to_string(x0 + 22) + "\" y=\"" + std::to_string(ly) + "\" fill=\"#1f2328\">" +
             esc(sc.name + "（" + std::to_string(sc.min) + "–" + std::to_string(sc.max) + "）：" + values) + "</text>\n";
    }
    return s + "</svg>\n";
}

const char* kCss = R"(body { font-family: "Noto Sans CJK SC", sans-serif; color: #1f2328; background: #fff;
  max-width: 180mm; margin: 0 auto; padding: 10mm 6mm; font-size: 11pt; line-height: 1.6; }
h1 { font-size: 19pt; margin: 0 0 3mm; }
h2 { font-size: 14.5pt; border-bottom: 1px solid #d0d7de; padding-bottom: 1mm; margin: 9mm 0 3mm; break-after: avoid; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
svg { display: block; width: 100%; max-width: 170mm; height: auto; }
figure, .chart, .split, .meta { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 2mm 0 6mm; }
figcaption { font-weight: bold; margin-bottom: 1mm; }
ol, ul { padding-left: 7mm; margin: 1mm 0 3mm; }
.meta { color: #57606a; }
.pitfall { color: #b42318; font-weight: bold; }
.rating-good { color: #1a7f37; } .rating-fair { color: #9a6700; } .rating-bad { color: #b42318; } .rating-none { color: #57606a; }
.discuss { background: #fff4d6; font-weight: bold; padding: 0 1mm; }
.where { color: #57606a; }
@page { size: A4; margin: 15mm }
@media print { body { max-width: none; padding: 0; font-size: 10.5pt; } }
)";

void html_group(std::string& out, const WorkshopDebrief& d, const GroupDebrief& g) {
    out += "<section class=\"group\">\n<h3>" + esc(g.group) + "</h3>\n";
    out += "<p>结局 Ending：<strong class=\"" + std::string(rating_class(g)) + "\">" + esc(ending_text(g)) + "</strong></p>\n";
    if (!g.steps.empty()) {
        out += "<ol class=\"path\">\n";
        for (const DebriefStep& s : g.steps)
            out += "<li>" + esc(s.node_title) + " → " + esc(s.choice) +
                   (s.pitfall ? " <span class=\"pitfall\">「⚠ 违背」</span>" : "") +
                   (s.feedback.empty() ? "" : "<br><span class=\"meta\">" + esc(s.feedback) + "</span>") + "</li>\n";
        out += "</ol>\n";
    }
    if (!d.meters.empty()) out += "<div class=\"chart\">\n" + meter_svg(d, g) + "</div>\n";
    out += "<p>踩到的坑 Pitfalls：" + esc(g.pitfalls.empty() ? std::string("无") : list_names(g.pitfalls)) + "</p>\n";
    out += "<p>最好的路径 Best path：" + esc(left_best_text(g)) + "</p>\n</section>\n";
}

void html_split(std::string& out, const DebriefDecision& d) {
    out += "<div class=\"split\">\n<h3>" + esc(heading(d)) + "</h3>\n<ol>\n";
    for (size_t i = 0; i < d.labels.size(); ++i) {
        std::string names = voter_names(d, i);
        out += "<li>" + esc(d.labels[i]) + " — " + std::to_string(i < d.voters.size() ? d.voters[i].size() : 0) + " 票" +
               (names.empty() ? "" : "（" + esc(names) + "）") + "</li>\n";
    }
    out += "</ol>\n<p class=\"meta\">怎么继续 How：" + esc(d.how);
    if (!d.taken.empty()) out += " · 采用 Taken：" + esc(d.taken);
    out += " · 用时 Time：" + mmss(d.seconds) + "</p>\n</div>\n";
}

}  // namespace

std::string debrief_markdown(const WorkshopDebrief& d) {
    std::string out = "# 工作坊复盘：" + d.drill_title + "\n\n";
    out += "- 时间 Time：" + when(d) + "\n";
    out += "- 小组 Groups：" + list_names(d.groups) + "\n";
    out += std::string("- ") + finished_text(d) + "\n\n";

    out += "## 各组 Per group\n\n";
    for (const GroupDebrief& g : d.per_group) md_group(out, d, g);

    out += "## 分歧 Where the groups split\n\n";
    auto splits = d.splits();
    if (splits.empty()) out += "每次各组都选了一样的 (no splits)。\n\n";
    for (const DebriefDecision* s : splits) {
        out += "### " + heading(*s) + "\n\n";
        md_decision(out, *s);
    }

    if (!d.better.empty()) {
        out += "## 更好的做法 The better path\n\n";
        for (const auto& b : d.better) out += "- " + flat(b) + "\n";
        out += "\n";
    }
    if (!d.questions.empty()) {
        out += "## 讨论题 Discussion questions\n\n";
        for (const DebriefQuestions& q : d.questions) {
            out += "### " + q.source + "\n\n";
            for (size_t i = 0; i < q.items.size(); ++i) out += std::to_string(i + 1) + ". " + flat(q.items[i]) + "\n";
            out += "\n";
        }
    }
    if (!d.notes.empty()) {
        out += "## 培训师笔记 Trainer's notes\n\n";
        for (const DebriefNote* n : ordered_notes(d))
            out += std::string("- ") + (n->discuss ? "「复盘时讨论」" : "") + "「" + n->where + "」" +
                   (n->groups.empty() ? "" : "（" + n->groups + "）") + "：" + flat(n->text) + "\n";
        out += "\n";
    }

    out += "## 全部决定 All decisions\n\n";
    if (d.decisions.empty()) out += "没有投过票 (no votes)。\n";
    for (size_t i = 0; i < d.decisions.size(); ++i) {
        out += "### " + std::to_string(i + 1) + ". " + heading(d.decisions[i]) + "\n\n";
        md_decision(out, d.decisions[i]);
    }
    while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
    return out;
}

std::string spread_svg(const DebriefDecision& d) {
    // A row per option: its label, the bar with the count after it, the voters under it.
    const int W = 640, pad = 12, row = 62, bar_max = 420;
    const int H = 2 * pad + row * int(d.labels.size());
    int total = std::max(1, total_votes(d));
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spread\" viewBox=\"0 0 " + std::to_string(W) + " " +
                    std::to_string(H) + "\" width=\"" + std::to_string(W) + "\" height=\"" + std::to_string(H) + "\" " +
                    kSvgFont + " role=\"img\">\n<title>" + esc(heading(d)) + "</title>\n";
    for (size_t i = 0; i < d.labels.size(); ++i) {
        int y = pad + row * int(i);
        int votes = i < d.voters.size() ? int(d.voters[i].size()) : 0;
        bool taken = !d.taken.empty() && d.labels[i] == d.taken;
        double w = double(bar_max) * votes / total;
        std::string label = std::to_string(i + 1) + ". " + shorten(d.labels[i], 24) + (taken ? "（采用 taken）" : "");
        s += "<text x=\"" + std::to_string(pad) + "\" y=\"" + std::to_string(y + 15) + "\" font-size=\"14\" fill=\"#1f2328\"" +
             (taken ? " font-weight=\"bold\"" : "") + ">" + esc(label) + "</text>\n";
        s += "<rect class=\"track\" x=\"" + std::to_string(pad) + "\" y=\"" + std::to_string(y + 22) + "\" width=\"" +
             std::to_string(bar_max) + "\" height=\"16\" rx=\"3\" fill=\"#eef1f5\"/>\n";
        s += "<rect class=\"bar\" x=\"" + std::to_string(pad) + "\" y=\"" + std::to_string(y + 22) + "\" width=\"" + num(w) +
             "\" height=\"16\" rx=\"3\" fill=\"" + (taken ? "#d9822b" : "#7a9cc6") + "\"/>\n";
        s += "<text x=\"" + std::to_string(pad + bar_max + 10) + "\" y=\"" + std::to_string(y + 35) +
             "\" font-size=\"14\" fill=\"#1f2328\">" + std::to_string(votes) + " 票</text>\n";
        std::string names = voter_names(d, i);
        s += "<text x=\"" + std::to_string(pad) + "\" y=\"" + std::to_string(y + 54) + "\" font-size=\"12\" fill=\"#57606a\">" +
             esc(names.empty() ? "（无人选）" : names) + "</text>\n";
    }
    return s + "</svg>\n";
}

std::string debrief_html(const WorkshopDebrief& d) {
    std::string title = "工作坊复盘：" + d.drill_title;
    std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                      esc(title) + "</title>\n<style>\n" + kCss + "</style>\n</head>\n<body>\n";
    out += "<h1>" + esc(title) + "</h1>\n<p class=\"meta\">时间 Time：" + esc(when(d)) + "<br>小组 Groups：" +
           esc(list_names(d.groups)) + "<br>" + finished_text(d) + "</p>\n";

    out += "<h2>各组 Per group</h2>\n";
    for (const GroupDebrief& g : d.per_group) html_group(out, d, g);

    out += "<h2>分歧 Where the groups split</h2>\n";
    auto splits = d.splits();
    if (splits.empty()) out += "<p>每次各组都选了一样的 (no splits)。</p>\n";
    for (const DebriefDecision* s : splits) html_split(out, *s);

    if (!d.better.empty()) {
        out += "<h2>更好的做法 The better path</h2>\n<ul>\n";
        for (const auto& b : d.better) out += "<li>" + esc(b) + "</li>\n";
        out += "</ul>\n";
    }
    if (!d.questions.empty()) {
        out += "<h2>讨论题 Discussion questions</h2>\n";
        for (const DebriefQuestions& q : d.questions) {
            out += "<h3>" + esc(q.source) + "</h3>\n<ol>\n";
            for (const auto& item : q.items) out += "<li>" + esc(item) + "</li>\n";
            out += "</ol>\n";
        }
    }
    if (!d.notes.empty()) {
        out += "<h2>培训师笔记 Trainer's notes</h2>\n<ul class=\"notes\">\n";
        for (const DebriefNote* n : ordered_notes(d))
            out += "<li>" + std::string(n->discuss ? "<span class=\"discuss\">「复盘时讨论」</span>" : "") +
                   "<span class=\"where\">「" + esc(n->where) + "」" + (n->groups.empty() ? "" : "（" + esc(n->groups) + "）") +
                   "</span>：" + esc(n->text) + "</li>\n";
        out += "</ul>\n";
    }

    out += "<h2>全部决定 All decisions</h2>\n";
    if (d.decisions.empty()) out += "<p>没有投过票 (no votes)。</p>\n";
    for (size_t i = 0; i < d.decisions.size(); ++i) {
        const DebriefDecision& dec = d.decisions[i];
        out += "<figure>\n<figcaption>" + std::to_string(i + 1) + ". " + esc(heading(dec)) + "</figcaption>\n" + spread_svg(dec);
        out += "<p class=\"meta\">怎么继续 How：" + esc(dec.how) + (dec.taken.empty() ? "" : " · 采用 Taken：" + esc(dec.taken)) +
               " · 用时 Time：" + mmss(dec.seconds) + "</p>\n</figure>\n";
    }
    return out + "</body>\n</html>\n";
}

ExportedDebrief export_debrief(const WorkshopDebrief& d, const std::filesystem::path& dir) {
    make_export_folder(dir);
    ExportedDebrief out{dir / "debrief.md", dir / "debrief.html", {}};
    write_file_atomically(out.markdown, debrief_markdown(d));
    write_file_atomically(out.html, debrief_html(d));
    if (!d.decisions.empty()) {
        out.png = dir / "spread.png";
        write_file_atomically(out.png, [&d](const std::filesystem::path& tmp, std::string& error) {
            return write_spread_png(d, tmp, &error);
        });
    }
    return out;
}

}  // namespace linli
