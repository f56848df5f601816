// The workshop's preparation page: what a trainer prints before running a drill with table groups —
// the set-up, a timing sheet for the decisions, the drill's workshop kit, the cases and guidelines
// it links to with their discussion questions, and a plan of the room. Plain data first
// (make_prep), then one self-contained A4 HTML page (prep_html), written out by export_prep.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "cases/drill.h"
#include "cases/workshop_debrief.h"
#include "content/library.h"

namespace linli {

struct PrepSection {  // one ### part of the kit
    std::string title;                    // empty for the kit's text before its first ###
    std::vector<std::string> paragraphs;  // list items as "• …" (numbered lists as "1. …")
};

struct PrepReference {  // a case or guideline the kit links to
    std::string id, title;
    DocKind kind = DocKind::Case;
};

struct WorkshopPrep {
    std::string drill_id, drill_title, summary;
    std::vector<PrepSection> kit;               // the drill's 工作坊工具包, by its ### subsections
    std::vector<PrepReference> references;      // every case/guideline linked from the kit, in order, no duplicates
    std::vector<DebriefQuestions> questions;    // the 讨论题 of the referenced cases
    std::vector<std::string> groups;
    int minutes = 3;
    bool exam = false;
    std::vector<std::string> decisions;         // the decision nodes' titles (no endings), in file order
};

WorkshopPrep make_prep(const Drill& d, const Library& lib, std::vector<std::string> groups, int minutes, bool exam);

// One self-contained HTML page (UTF-8, lang="zh-CN", no external files) laid out for A4 print.
std::string prep_html(const WorkshopPrep& p);

// Writes prep.html into `dir` (created when missing) through a temporary file that is flushed to
// disk and renamed into place; returns its path. Throws std::runtime_error (Chinese, then English).
std::filesystem::path export_prep(const WorkshopPrep& p, const std::filesystem::path& dir);

}  // namespace linli
