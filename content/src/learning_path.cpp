#include "content/learning_path.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <unordered_set>

#include "content/image_ref.h"
#include "content/library.h"
#include "content/utf8.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

constexpr int kMaxStepsPerWeek = 7;  // about one a day: more and a new worker stops reading

bool valid_id(const std::string& id) {
    if (id.empty()) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

bool is_path_name(const std::string& name) {
    return name.size() > kPathSuffix.size() && name.compare(name.size() - kPathSuffix.size(), kPathSuffix.size(), kPathSuffix) == 0;
}

// A mapping's entry. A key with no value has a null node whose mark is the next token's, so
// problems with it are reported at the key.
struct Entry {
    YAML::Node key, value;
    const YAML::Node& at() const { return value.IsNull() ? key : value; }
};
using Entries = std::map<std::string, Entry>;

// Reads one path file's YAML tree, reporting at the nodes' lines.
class Reader {
public:
    Reader(const fs::path& file, std::vector<Diagnostic>& problems) : file_(file.string()), problems_(problems) {}

    bool failed() const { return errors_ > 0; }

    void report(const YAML::Node& at, Severity sev, std::string zh, std::string en) {
        int line = 1, col = 1;
        if (at.IsDefined() && at.Mark().line >= 0) {
            line = at.Mark().line + 1;
            col = at.Mark().column + 1;
        }
        report_at(line, col, sev, std::move(zh), std::move(en));
    }
    void report_at(int line, int col, Severity sev, std::string zh, std::string en) {
        if (sev == Severity::Error) ++errors_;
        problems_.push_back({file_, line, col, sev, "学习路径：" + std::move(zh), "learning path: " + std::move(en)});
    }

    static int line_of(const YAML::Node& n) { return n.IsDefined() && n.Mark().line >= 0 ? n.Mark().line + 1 : 1; }

    // The entries of a mapping by key, each key once; unknown and repeated keys are warned about.
    Entries entries(const YAML::Node& map, const std::set<std::string>& known, const std::string& where_zh, const std::string& where_en) {
        Entries out;
        for (const auto& kv : map) {
            std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
            if (!known.count(key)) {
                report(kv.first, Severity::Warning, where_zh + "不认识的键「" + key + "」，已忽略（可用的键：" + list(known) + "）",
                       where_en + "unknown key '" + key + "', ignored (keys: " + list(known) + ")");
            } else if (out.count(key)) {
                report(kv.first, Severity::Warning, where_zh + "键「" + key + "」写了两次，以后一个为准",
                       where_en + "key '" + key + "' is given twice; the later one counts");
                out[key] = {kv.first, kv.second};
            } else {
                out.emplace(key, Entry{kv.first, kv.second});
            }
        }
        return out;
    }

    // A text value; empty when absent or null. `required`: absent or empty is an error at `owner`.
    std::string text(const Entries& e, const std::string& key, const YAML::Node& owner, bool required, const std::string& where_zh,
                     const std::string& where_en) {
        auto it = e.find(key);
        if (it != e.end() && !it->second.value.IsNull()) {
            const YAML::Node& v = it->second.value;
            if (v.IsScalar()) {
                if (!v.Scalar().empty() || !required) return v.Scalar();
            } else {
                report(v, Severity::Error, where_zh + "「" + key + "」要写成一行文字", where_en + "'" + key + "' must be text");
                return {};
            }
        }
        if (required)
            report(it != e.end() ? it->second.at() : owner, Severity::Error, where_zh + "缺少「" + key + "」", where_en + "'" + key + "' is missing");
        return {};
    }

private:
    static std::string list(const std::set<std::string>& keys) {
        std::string s;
        for (const auto& k : keys) s += (s.empty() ? "" : ", ") + k;
        return s;
    }

    std::string file_;
    std::vector<Diagnostic>& problems_;
    int errors_ = 0;
};

std::string week_zh(size_t w) { return "第 " + std::to_string(w + 1) + " 周"; }
std::string week_en(size_t w) { return "week " + std::to_string(w + 1); }
std::string step_zh(size_t w, size_t s) { return week_zh(w) + "第 " + std::to_string(s + 1) + " 步"; }
std::string step_en(size_t w, size_t s) { return week_en(w) + " step " + std::to_string(s + 1); }

std::optional<PathStep> read_step(Reader& rd, const YAML::Node& node, size_t w, size_t s) {
    const std::string zh = step_zh(w, s) + "：", en = step_en(w, s) + ": ";
    if (!node.IsMap()) {
        rd.report(node, Severity::Error, zh + "每一步写成「- doc: 文档id」，可以再加一行「note: 为什么读它」",
                  en + "write each step as '- doc: document-id', optionally with 'note: why'");
        return std::nullopt;
    }
    static const std::set<std::string> known = {"doc", "note"};
    auto e = rd.entries(node, known, zh, en);
    PathStep step;
    step.doc_id = rd.text(e, "doc", node, true, zh, en);
    step.note = rd.text(e, "note", node, false, zh, en);
    auto doc = e.find("doc");
    step.line = Reader::line_of(doc != e.end() ? doc->second.at() : node);
    if (step.doc_id.empty()) return std::nullopt;
    return step;
}

std::optional<PathWeek> read_week(Reader& rd, const YAML::Node& node, size_t w) {
    const std::string zh = week_zh(w) + "：", en = week_en(w) + ": ";
    if (!node.IsMap()) {
        rd.report(node, Severity::Error, zh + "每一周要写成带「title:」和「steps:」的一项", en + "each week needs 'title:' and 'steps:'");
        return std::nullopt;
    }
    static const std::set<std::string> known = {"title", "goal", "steps"};
    auto e = rd.entries(node, known, zh, en);
    PathWeek week;
    week.line = Reader::line_of(node);
    week.title = rd.text(e, "title", node, true, zh, en);
    week.goal = rd.text(e, "goal", node, false, zh, en);
    auto found = e.find("steps");
    const YAML::Node steps = found != e.end() ? found->second.value : YAML::Node();
    if (found == e.end() || steps.IsNull() || (steps.IsSequence() && steps.size() == 0)) {
        rd.report(found != e.end() ? found->second.at() : node, Severity::Error, zh + "这一周没有步骤：在「steps:」下面列出要读的文档",
                  en + "this week has no steps: list its documents under 'steps:'");
        return std::nullopt;
    }
    if (!steps.IsSequence()) {
        rd.report(steps, Severity::Error, zh + "「steps」要写成列表，每一步以「- doc:」开头",
                  en + "'steps' must be a list of '- doc:' items");
        return std::nullopt;
    }
    size_t s = 0;
    for (const YAML::Node& item : steps)
        if (auto step = read_step(rd, item, w, s++)) week.steps.push_back(std::move(*step));
    return week;
}

void read_weeks(Reader& rd, const Entries& e, const YAML::Node& root, LearningPath& path) {
    auto found = e.find("weeks");
    const YAML::Node weeks = found != e.end() ? found->second.value : YAML::Node();
    if (found == e.end() || weeks.IsNull() || (weeks.IsSequence() && weeks.size() == 0)) {
        rd.report(found != e.end() ? found->second.at() : root, Severity::Error, "缺少「weeks」：至少要有一周",
                  "'weeks' is missing: a path needs at least one week");
        return;
    }
    if (!weeks.IsSequence()) {
        rd.report(weeks, Severity::Error, "「weeks」要写成列表，每一周以「- title:」开头", "'weeks' must be a list of '- title:' items");
        return;
    }
    size_t w = 0;
    for (const YAML::Node& item : weeks)
        if (auto week = read_week(rd, item, w++)) path.weeks.push_back(std::move(*week));
}

// Whether file line `line` (from 1) starts with white space holding a tab.
bool indented_with_tab(std::string_view text, int line) {
    size_t at = 0;
    for (int l = 1; l < line && at != std::string_view::npos; ++l) {
        at = text.find('\n', at);
        if (at != std::string_view::npos) ++at;
    }
    for (; at != std::string_view::npos && at < text.size() && (text[at] == ' ' || text[at] == '\t'); ++at)
        if (text[at] == '\t') return true;
    return false;
}

void check_id(Reader& rd, const Entries& e, const fs::path& file, const std::string& id) {
    if (id.empty()) return;  // reported as missing
    const YAML::Node& at = e.at("id").value;
    if (!valid_id(id)) {
        rd.report(at, Severity::Error, "id「" + id + "」不合规：只能用小写英文字母、数字和「-」",
                  "invalid id '" + id + "': use lowercase letters, digits and '-'");
        return;
    }
    std::string want = id + std::string(kPathSuffix);
    if (file.filename().string() != want)
        rd.report(at, Severity::Warning, "文件名要和 id 一致：这个文件应叫「" + want + "」", "the file name should match the id: '" + want + "'");
}

}  // namespace

std::optional<LearningPath> parse_path(const fs::path& file, std::string_view text, std::vector<Diagnostic>& problems) {
    Reader rd(file, problems);
    if (size_t bad = utf8::first_invalid(text); bad != std::string_view::npos) {
        int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n'));
        rd.report_at(line, 1, Severity::Error, "文件不是有效的 UTF-8 编码", "file is not valid UTF-8");
        return std::nullopt;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Windows editors
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        const int line = 1 + std::max(0, e.mark.line);
        // yaml-cpp's words for a tab are cryptic ("illegal block entry"), and tabs are the usual cause.
        const bool tab = indented_with_tab(text, line);
        rd.report_at(line, 1 + std::max(0, e.mark.column), Severity::Error,
                     "格式不对（YAML）：" + e.msg + (tab ? "（缩进只能用空格，不能用制表符）" : ""),
                     "malformed YAML: " + e.msg + (tab ? " (indent with spaces, not tabs)" : ""));
        return std::nullopt;
    }
    if (!root.IsMap()) {
        rd.report(root, Severity::Error, "应是「键: 值」的若干行，从「id:」「title:」「weeks:」开始",
                  "expected 'key: value' lines, starting with 'id:', 'title:' and 'weeks:'");
        return std::nullopt;
    }
    static const std::set<std::string> known = {"id", "title", "summary", "weeks"};
    auto e = rd.entries(root, known, "", "");
    LearningPath path;
    path.file = file;
    path.id = rd.text(e, "id", root, true, "", "");
    path.title = rd.text(e, "title", root, true, "", "");
    path.summary = rd.text(e, "summary", root, false, "", "");
    check_id(rd, e, file, path.id);
    read_weeks(rd, e, root, path);
    if (rd.failed()) return std::nullopt;
    return path;
}

std::vector<Diagnostic> lint_path(const LearningPath& path, const Library& lib) {
    std::vector<Diagnostic> out;
    const std::string file = path.file.string();
    auto report = [&](int line, Severity sev, std::string zh, std::string en) {
        out.push_back({file, line, 1, sev, "学习路径：" + std::move(zh), "learning path: " + std::move(en)});
    };
    std::map<std::string, int> listed;  // doc id -> the line it was first listed at
    for (size_t w = 0; w < path.weeks.size(); ++w) {
        const PathWeek& week = path.weeks[w];
        if (week.steps.size() > size_t(kMaxStepsPerWeek))
            report(week.line, Severity::Warning,
                   week_zh(w) + "有 " + std::to_string(week.steps.size()) + " 步，超过 7 步：一周读不完，考虑拆成两周",
                   week_en(w) + " has " + std::to_string(week.steps.size()) + " steps, more than 7: consider splitting it");
        for (size_t s = 0; s < week.steps.size(); ++s) {
            const PathStep& step = week.steps[s];
            if (!lib.find(step.doc_id))
                report(step.line, Severity::Error, step_zh(w, s) + "指向不存在的文档 id「" + step.doc_id + "」",
                       step_en(w, s) + " names unknown document id '" + step.doc_id + "'");
            auto [it, fresh] = listed.emplace(step.doc_id, step.line);
            if (!fresh)
                report(step.line, Severity::Warning,
                       step_zh(w, s) + "：文档「" + step.doc_id + "」已经在第 " + std::to_string(it->second) + " 行列过",
                       step_en(w, s) + ": document '" + step.doc_id + "' is already listed on line " + std::to_string(it->second));
        }
    }
    return out;
}

namespace {

Diagnostic file_problem(const fs::path& file, std::string zh, std::string en) {
    return {file.string(), 1, 1, Severity::Error, "学习路径：" + std::move(zh), "learning path: " + std::move(en)};
}

Diagnostic too_large(const fs::path& file) {
    return file_problem(file, "文件超过 " + std::to_string(kMaxPathFileBytes / 1024) + " KB，没有读取",
                        "file is over " + std::to_string(kMaxPathFileBytes / 1024) + " KB and was not read");
}

// A found file, if it may be read: a link must stay inside `root`, and the file must be small.
bool admit(const fs::path& file, const fs::path& root, bool is_link, std::vector<Diagnostic>& problems) {
    if (is_link) {
        std::string why = check_file_link(file, root, file.filename().string());
        if (!why.empty()) {
            problems.push_back(file_problem(file, "文件是指向文库之外的链接，没有读取：" + why, "a file that links out of the library is not read: " + why));
            return false;
        }
    }
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return false;
    if (fs::file_size(file, ec) > kMaxPathFileBytes && !ec) {
        problems.push_back(too_large(file));
        return false;
    }
    return true;
}

// The path files below one folder, by their paths' text; folder links are not followed.
std::vector<fs::path> walk(const fs::path& root, std::vector<Diagnostic>& problems) {
    std::vector<std::pair<fs::path, bool>> found;  // file, is a link
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        if (!is_path_name(it->path().filename().string())) continue;
        std::error_code ec2;
        bool link = it->is_symlink(ec2);
        if (link || it->is_regular_file(ec2)) found.emplace_back(it->path(), link);
    }
    std::sort(found.begin(), found.end());
    std::vector<fs::path> out;
    for (auto& [file, link] : found)
        if (admit(file, root, link, problems)) out.push_back(std::move(file));
    return out;
}

}  // namespace

std::vector<fs::path> find_path_files(const std::vector<fs::path>& roots, std::vector<Diagnostic>& problems) {
    std::vector<fs::path> out;
    std::unordered_set<std::string> seen;  // a folder named twice, or inside another: each file once
    for (const fs::path& root : roots) {
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(root, ec)) files = walk(root, problems);
        else if (is_path_name(root.filename().string()) && admit(root, root.parent_path(), false, problems)) files.push_back(root);
        for (fs::path& f : files) {
            fs::path canon = fs::weakly_canonical(f, ec);
            if (seen.insert(ec ? f.string() : canon.string()).second) out.push_back(std::move(f));
        }
    }
    return out;
}

std::optional<LearningPath> read_path_file(const fs::path& file, std::vector<Diagnostic>& problems) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problems.push_back(file_problem(file, "读不了这个文件", "cannot read the file"));
        return std::nullopt;
    }
    std::string text(kMaxPathFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxPathFileBytes) {  // grew since it was found: still not read past the cap
        problems.push_back(too_large(file));
        return std::nullopt;
    }
    return parse_path(file, text, problems);
}

std::vector<LearningPath> load_paths(const std::vector<fs::path>& roots, std::vector<Diagnostic>& problems) {
    std::vector<LearningPath> out;
    std::map<std::string, fs::path> ids;
    for (const fs::path& file : find_path_files(roots, problems)) {
        auto path = read_path_file(file, problems);
        if (!path) continue;
        auto [it, fresh] = ids.emplace(path->id, file);
        if (!fresh) {
            problems.push_back(file_problem(file, "id「" + path->id + "」重复（" + it->second.string() + " 也用了它）",
                                            "duplicate id '" + path->id + "' (also in " + it->second.string() + ")"));
            continue;
        }
        out.push_back(std::move(*path));
    }
    return out;
}

std::vector<WeekProgress> path_progress(const LearningPath& path, const DoneFn& done) {
    std::vector<WeekProgress> out;
    for (const PathWeek& week : path.weeks) {
        WeekProgress p{0, static_cast<int>(week.steps.size())};
        for (const PathStep& step : week.steps) p.done += done(step.doc_id) ? 1 : 0;
        out.push_back(p);
    }
    return out;
}

std::optional<std::pair<int, int>> next_step(const LearningPath& path, const DoneFn& done) {
    for (size_t w = 0; w < path.weeks.size(); ++w)
        for (size_t s = 0; s < path.weeks[w].steps.size(); ++s)
            if (!done(path.weeks[w].steps[s].doc_id)) return std::pair<int, int>(int(w), int(s));
    return std::nullopt;
}

}  // namespace linli
