#include "cohort_export.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "content/utf8.h"

namespace linli {

namespace {
using nlohmann::json;

constexpr int64_t kChinaOffset = 8 * 3600;

const char* rating_zh(const std::string& key) {
    return key == "good" ? "好" : key == "fair" ? "尚可" : key == "bad" ? "糟糕" : "";
}

bool wanted(const DrillAnalysis& d, const std::string& only) { return only.empty() || d.drill_id == only; }

// At most `n` characters (code points), with "…" when cut: Markdown lines stay short on a phone.
std::string clip(const std::string& s, size_t n) {
    size_t count = 0, i = 0;
    while (i < s.size()) {
        if (count == n) return s.substr(0, i) + "…";
        utf8::next(s, i);
        ++count;
    }
    return s;
}

// Markdown: a table cell never holds a pipe or a line break.
std::string cell(std::string s) {
    for (char& c : s)
        if (c == '|' || c == '\n' || c == '\r') c = ' ';
    return s;
}

json learner_json(const LearnerRow& l, bool anonymous) {
    json best = json::array();
    for (const BestEnding& b : l.best)
        best.push_back({{"drill", b.drill_id}, {"ending", b.ending_id}, {"ending_title", b.ending_title}, {"rating", b.rating}});
    json j = {{"id", l.id},
              {"cohort", l.cohort},
              {"guidelines_read", l.guidelines_read},
              {"docs_read", l.docs_read},
              {"drills_attempted", l.drills_attempted},
              {"attempts", l.attempts},
              {"attempts_finished", l.attempts_finished},
              {"best", best},
              {"reviews", l.reviews},
              {"first_active", cst_date(l.first_active)},
              {"last_active", cst_date(l.last_active)},
              {"quiet", l.quiet}};
    if (!anonymous) j["name"] = l.name;
    return j;
}

json drill_json(const DrillAnalysis& d) {
    json nodes = json::array();
    for (const NodeTally& n : d.nodes) {
        json choices = json::array();
        for (size_t i = 0; i < n.choices.size(); ++i) {
            const ChoiceTally& c = n.choices[i];
            choices.push_back({{"index", i}, {"label", c.label}, {"violates", c.violates}, {"first", c.first}, {"later", c.later}});
        }
        nodes.push_back({{"id", n.node_id}, {"title", n.title}, {"depth", n.depth}, {"choices", choices}});
    }
    json endings = json::array(), pitfalls = json::array();
    for (const EndingTally& e : d.endings) endings.push_back({{"id", e.ending_id}, {"title", e.title}, {"rating", e.rating}, {"count", e.count}});
    for (const PitfallTally& p : d.pitfalls) pitfalls.push_back({{"guideline", p.guideline_id}, {"title", p.title}, {"count", p.count}});
    return {{"id", d.drill_id}, {"title", d.title}, {"learners", d.learners}, {"attempts", d.attempts}, {"finished", d.finished},
            {"nodes", nodes}, {"endings", endings}, {"pitfalls", pitfalls}, {"unknown_choices", d.unknown_choices}};
}

// ---- CSV: RFC 4180 quoting, CRLF, and a BOM for Excel and WPS.

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

struct Csv {
    std::string text = "\xEF\xBB\xBF";
    void row(std::initializer_list<std::string> fields) {
        bool first = true;
        for (const std::string& f : fields) {
            if (!first) text += ',';
            text += csv_field(f);
            first = false;
        }
        text += "\r\n";
    }
};

std::string num(int64_t n) { return std::to_string(n); }

}  // namespace

std::string cst_date(int64_t t) {
    if (t == 0) return "";
    time_t local = time_t(t + kChinaOffset);
    tm d{};
    gmtime_r(&local, &d);
    return fmt::format("{:04}-{:02}-{:02}", d.tm_year + 1900, d.tm_mon + 1, d.tm_mday);
}

std::optional<int64_t> parse_cst_date(const std::string& text) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1970) return std::nullopt;
    tm t{};
    t.tm_year = y - 1900, t.tm_mon = m - 1, t.tm_mday = d;
    int64_t utc = int64_t(timegm(&t));
    if (cst_date(utc - kChinaOffset) != text) return std::nullopt;  // 2026-02-30
    return utc - kChinaOffset;
}

std::string report_json(const CohortReport& r, const std::string& only_drill) {
    json learners = json::array(), drills = json::array(), weeks = json::array();
    if (only_drill.empty())
        for (const LearnerRow& l : r.learners) learners.push_back(learner_json(l, r.anonymous));
    for (const DrillAnalysis& d : r.drills)
        if (wanted(d, only_drill)) drills.push_back(drill_json(d));
    if (only_drill.empty())
        for (const WeekRow& w : r.weeks)
            weeks.push_back({{"week", cst_date(w.start)}, {"active", w.active}, {"events", w.events}, {"new_learners", w.new_learners},
                             {"gone_quiet", w.gone_quiet}});
    json j = {{"format", "linli-cohort-report"},
              {"version", 1},
              {"filter",
               {{"cohort", r.filter.cohort}, {"since", cst_date(r.filter.since)}, {"until", cst_date(r.filter.until)},
                {"quiet_days", r.filter.quiet_days}, {"today", cst_date(r.filter.now)}}},
              {"anonymous", r.anonymous},
              {"events_read", r.events_read},
              {"cohorts", r.cohorts},
              {"learners", learners},
              {"drills", drills},
              {"weeks", weeks}};
    return j.dump(2) + "\n";
}

std::string report_markdown(const CohortReport& r, const std::string& only_drill) {
    std::string md;
    auto line = [&md](const std::string& s = "") { md += s + "\n"; };
    line(only_drill.empty() ? "# 班级报告 · Cohort report" : "# 演练分析 · Drill analysis");
    line();
    std::string scope = r.filter.cohort.empty() ? "全部小组 · all cohorts" : fmt::format("小组 · cohort：{}", r.filter.cohort);
    if (r.filter.since || r.filter.until)
        scope += fmt::format("；{} 至 {}", r.filter.since ? cst_date(r.filter.since) : "开始", r.filter.until ? cst_date(r.filter.until) : "今天");
    line(fmt::format("- {}", scope));
    line(fmt::format("- 截至 · as of：{}", cst_date(r.filter.now)));
    if (r.anonymous) line("- 已匿名 · anonymised");
    if (only_drill.empty()) {
        int quiet = 0;
        for (const LearnerRow& l : r.learners) quiet += l.quiet;
        line(fmt::format("- 学员 {} 人，{} 天没动静的 {} 人 · {} learners, {} quiet for {} days", r.learners.size(), r.filter.quiet_days, quiet,
                         r.learners.size(), quiet, r.filter.quiet_days));
        line();
        line("## 学员 · Learners");
        line();
        line("| 学员 | 小组 | 指南 | 演练 | 最近 | 状态 |");
        line("|---|---|--:|--:|---|---|");
        for (const LearnerRow& l : r.learners) {
            // A pseudonym whole; a learner without a name by the start of their id.
            std::string who = !l.name.empty() ? clip(l.name, 10) : r.anonymous ? l.id : "未署名 " + l.id.substr(0, 6);
            line(fmt::format("| {} | {} | {} | {} | {} | {} |", cell(who), cell(clip(l.cohort, 10)), l.guidelines_read,
                             l.drills_attempted, cst_date(l.last_active).empty() ? "—" : cst_date(l.last_active).substr(5),
                             l.quiet ? "没动静" : "在学"));
        }
        line();
    }
    for (const DrillAnalysis& d : r.drills) {
        if (!wanted(d, only_drill)) continue;
        line(fmt::format("## 《{}》", d.title));
        line();
        line(fmt::format("{} 人练过，{} 次，走完 {} 次 · {} learners, {} attempts, {} finished", d.learners, d.attempts, d.finished, d.learners,
                         d.attempts, d.finished));
        line();
        line("### 每个决策的选择 · Choices at each decision");
        line();
        line("（首次 / 再练：学员第一次练这个演练时的选择，和之后几次的 · first attempts / later ones）");
        line();
        int k = 0;
        for (const NodeTally& n : d.nodes) {
            if (n.total() == 0) continue;
            line(fmt::format("**{}. {}**", ++k, n.title));
            line();
            for (size_t i = 0; i < n.choices.size(); ++i) {
                const ChoiceTally& c = n.choices[i];
                line(fmt::format("- {}、{}：首次 {} · 再练 {}{}", i + 1, clip(c.label, 24), c.first, c.later, c.violates ? " ⚠ 违背指南" : ""));
            }
            line();
        }
        if (!d.endings.empty()) {
            line("### 结局 · Endings");
            line();
            for (const EndingTally& e : d.endings) line(fmt::format("- {}（{}）：{} 次", e.title, rating_zh(e.rating), e.count));
            line();
        }
        if (!d.pitfalls.empty()) {
            line("### 最常踩的坑 · Pitfalls hit most");
            line();
            for (const PitfallTally& p : d.pitfalls) line(fmt::format("- 《{}》：{} 次", p.title, p.count));
            line();
        }
    }
    if (only_drill.empty() && !r.weeks.empty()) {
        line("## 每周 · By week");
        line();
        line("| 周一 | 在学 | 新来 | 没动静 |");
        line("|---|--:|--:|--:|");
        for (const WeekRow& w : r.weeks) line(fmt::format("| {} | {} | {} | {} |", cst_date(w.start), w.active, w.new_learners, w.gone_quiet));
        line();
    }
    return md;
}

std::vector<CsvTable> report_csv(const CohortReport& r, const std::string& only_drill) {
    std::vector<CsvTable> out;
    if (only_drill.empty()) {
        Csv c;
        c.row({r.anonymous ? "学员 learner" : "学员id learner_id", "姓名 name", "小组 cohort", "读完的指南 guidelines_read", "读完的资料 docs_read",
               "练过的演练 drills_attempted", "练习次数 attempts", "走完 finished", "复习 reviews", "开始 first_active", "最近 last_active",
               "没动静 quiet"});
        for (const LearnerRow& l : r.learners)
            c.row({l.id, l.name, l.cohort, num(l.guidelines_read), num(l.docs_read), num(l.drills_attempted), num(l.attempts),
                   num(l.attempts_finished), num(l.reviews), cst_date(l.first_active), cst_date(l.last_active), l.quiet ? "是" : "否"});
        out.push_back({"learners", std::move(c.text)});
    }
    Csv items, endings, pitfalls;
    items.row({"演练 drill", "决策 node", "决策标题 node_title", "顺序 depth", "选项 choice", "选项文字 label", "违背指南 violates", "首次 first",
               "再练 later"});
    endings.row({"演练 drill", "结局 ending", "结局标题 title", "评级 rating", "次数 count"});
    pitfalls.row({"演练 drill", "指南 guideline", "指南标题 title", "次数 count"});
    for (const DrillAnalysis& d : r.drills) {
        if (!wanted(d, only_drill)) continue;
        for (const NodeTally& n : d.nodes)
            for (size_t i = 0; i < n.choices.size(); ++i) {
                const ChoiceTally& ch = n.choices[i];
                items.row({d.drill_id, n.node_id, n.title, num(n.depth), num(int64_t(i) + 1), ch.label, ch.violates ? "是" : "否", num(ch.first),
                           num(ch.later)});
            }
        for (const EndingTally& e : d.endings) endings.row({d.drill_id, e.ending_id, e.title, rating_zh(e.rating), num(e.count)});
        for (const PitfallTally& p : d.pitfalls) pitfalls.row({d.drill_id, p.guideline_id, p.title, num(p.count)});
    }
    out.push_back({"items", std::move(items.text)});
    out.push_back({"endings", std::move(endings.text)});
    out.push_back({"pitfalls", std::move(pitfalls.text)});
    if (only_drill.empty()) {
        Csv w;
        w.row({"周一 week", "在学 active", "事件 events", "新来 new_learners", "没动静 gone_quiet"});
        for (const WeekRow& row : r.weeks) w.row({cst_date(row.start), num(row.active), num(row.events), num(row.new_learners), num(row.gone_quiet)});
        out.push_back({"weeks", std::move(w.text)});
    }
    return out;
}

}  // namespace linli
