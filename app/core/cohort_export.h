// The cohort report in the forms a trainer hands on: JSON for scripts, CSV for Excel and WPS
// (UTF-8 with a BOM, CRLF line ends: both then read the Chinese right), and Markdown that stays
// readable pasted into WeChat or 钉钉 (short tables, lists for the long parts). Dates are days in
// China Standard Time. The fields are documented in README.md ("班级报告 · Cohort report").
#pragma once
#include <string>
#include <optional>
#include <vector>

#include "cohort.h"

namespace linli {

// `only_drill`: the item analysis of that drill alone (its id), no learner table.
std::string report_json(const CohortReport& r, const std::string& only_drill = "");
std::string report_markdown(const CohortReport& r, const std::string& only_drill = "");

struct CsvTable {
    std::string name;  // file stem: learners, items, endings, pitfalls, weeks
    std::string text;  // BOM, header row, rows; CRLF
};
// One table per file: learners, then per decision and choice (items), endings, pitfalls, weeks.
std::vector<CsvTable> report_csv(const CohortReport& r, const std::string& only_drill = "");

// "2026-11-03" (China Standard Time); "" for 0.
std::string cst_date(int64_t unix_seconds);
// Unix seconds of 00:00 China Standard Time on "YYYY-MM-DD"; nullopt when it is not such a date.
std::optional<int64_t> parse_cst_date(const std::string& text);

}  // namespace linli
