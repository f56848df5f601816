// Writing a workshop's debrief out, for the trainer to print, paste or send on: Markdown that stays
// readable when pasted into WeChat or 钉钉, a printable A4 HTML page with the spread charts as
// inline SVG, and a PNG of the spread charts. The window's 导出 and `linli workshop run` share it.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "cases/workshop_debrief.h"

namespace linli {

// Markdown: headings, short lists, no wide tables (chat apps wrap them badly).
std::string debrief_markdown(const WorkshopDebrief& d);
// One self-contained HTML page (UTF-8, lang="zh-CN", no external files): the charts are inline SVG,
// and its print style lays it out on A4.
std::string debrief_html(const WorkshopDebrief& d);
// One decision's spread as an SVG bar chart: a bar per option, the groups that chose it named.
std::string spread_svg(const DebriefDecision& d);
// Every decision's spread chart, one under the other, as an RGBA image written to a PNG file, with
// the text drawn in the system's Chinese font (Noto Sans CJK, found through fontconfig).
// False, with `error` in Chinese then English, when the font or the file cannot be had.
bool write_spread_png(const WorkshopDebrief& d, const std::filesystem::path& file, std::string* error);

struct ExportedDebrief {
    std::filesystem::path markdown, html, png;  // png empty when no decision was voted on
};
// Writes debrief.md, debrief.html and spread.png into `dir` (created when missing), each through a
// temporary file renamed into place; throws std::runtime_error (Chinese, then English) on failure.
ExportedDebrief export_debrief(const WorkshopDebrief& d, const std::filesystem::path& dir);

}  // namespace linli
