#include "front_matter.h"

#include <yaml-cpp/yaml.h>

#include <set>

namespace linli {
namespace {

bool is_delimiter(std::string_view line, bool closing) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    return line == "---" || (closing && line == "...");
}

bool valid_id(const std::string& id) {
    if (id.empty()) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    return true;
}

struct Reader {
    const std::string& path;
    int first_line;  // file line of the YAML's first line
    std::vector<Diagnostic>& diags;

    void report(const YAML::Node& n, Severity sev, std::string zh, std::string en) {
        int line = first_line, col = 1;
        if (n.IsDefined() && n.Mark().line >= 0) {
            line = first_line + n.Mark().line;
            col = n.Mark().column + 1;
        }
        diags.push_back({path, line, col, sev, std::move(zh), std::move(en)});
    }

    std::optional<std::string> scalar(const YAML::Node& n, const char* key) {
        if (!n.IsScalar()) {
            report(n, Severity::Error, std::string("文件头：「") + key + "」要写成文字", std::string("front matter: '") + key + "' must be text");
            return std::nullopt;
        }
        return n.Scalar();
    }

    std::vector<std::string> list(const YAML::Node& n, const char* key) {
        std::vector<std::string> out;
        if (n.IsScalar()) {
            out.push_back(n.Scalar());
        } else if (n.IsSequence()) {
            for (const auto& item : n) {
                if (item.IsScalar()) out.push_back(item.Scalar());
                else report(item, Severity::Error, std::string("文件头：「") + key + "」的每一项都要是文字",
                            std::string("front matter: '") + key + "' items must be text");
            }
        } else if (!n.IsNull()) {
            report(n, Severity::Error, std::string("文件头：「") + key + "」要写成列表，例如 [甲, 乙]", std::string("front matter: '") + key + "' must be a list");
        }
        return out;
    }
};

}  // namespace

std::optional<FrontMatter> parse_front_matter(const std::string& path, std::string_view text,
                                              std::vector<Diagnostic>& diags) {
    size_t eol = text.find('\n');
    if (!is_delimiter(text.substr(0, eol), false)) {
        diags.push_back({path, 1, 1, Severity::Error, "缺少文件头：文件的第一行要是「---」", "missing front matter: the file must start with a '---' line"});
        return std::nullopt;
    }
    // Find the closing delimiter line.
    size_t pos = eol == std::string_view::npos ? text.size() : eol + 1;
    int line = 2;
    size_t yaml_begin = pos, yaml_end = std::string_view::npos;
    while (pos < text.size()) {
        size_t e = text.find('\n', pos);
        std::string_view l = text.substr(pos, e == std::string_view::npos ? std::string_view::npos : e - pos);
        if (is_delimiter(l, true)) {
            yaml_end = pos;
            pos = e == std::string_view::npos ? text.size() : e + 1;
            break;
        }
        pos = e == std::string_view::npos ? text.size() : e + 1;
        ++line;
    }
    if (yaml_end == std::string_view::npos) {
        diags.push_back({path, 1, 1, Severity::Error, "文件头格式不对：缺少结尾的「---」一行", "malformed front matter: no closing '---' line"});
        return std::nullopt;
    }

    FrontMatter fm;
    fm.body_offset = pos;
    fm.body_line = line + 1;
    Reader rd{path, 2, diags};
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text.substr(yaml_begin, yaml_end - yaml_begin)));
    } catch (const YAML::ParserException& e) {
        diags.push_back({path, 2 + std::max(0, e.mark.line), e.mark.column + 1, Severity::Error,
                         "文件头格式不对（YAML）：" + e.msg, "malformed front matter: " + e.msg});
        return std::nullopt;
    }
    if (!root.IsMap()) {
        diags.push_back({path, 2, 1, Severity::Error, "文件头格式不对：应是「键: 值」的若干行", "malformed front matter: expected 'key: value' lines"});
        return std::nullopt;
    }

    static const std::set<std::string> known = {"id", "kind", "title", "summary", "tags",
                                                "stakeholders", "sources", "updated", "title_en", "keywords"};
    // Keys a drill adds; the drill engine reads them from Document::front_matter.
    static const std::set<std::string> drill_keys = {"state", "flags", "mode"};
    fm.yaml = std::string(text.substr(yaml_begin, yaml_end - yaml_begin));
    const YAML::Node& kind_node = static_cast<const YAML::Node&>(root)["kind"];
    const bool is_drill = kind_node && kind_node.IsScalar() && kind_node.Scalar() == "drill";
    Meta& m = fm.meta;
    bool usable = true;
    for (const auto& kv : root) {
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
        if (is_drill && drill_keys.count(key)) continue;
        if (!known.count(key)) {
            rd.report(kv.first, Severity::Warning, "文件头：不认识的键「" + key + "」", "front matter: unknown key '" + key + "'");
            continue;
        }
        if (key == "tags") m.tags = rd.list(kv.second, "tags");
        else if (key == "stakeholders") m.stakeholders = rd.list(kv.second, "stakeholders");
        else if (key == "sources") m.sources = rd.list(kv.second, "sources");
        else if (key == "keywords") m.keywords = rd.list(kv.second, "keywords");
        else if (auto v = rd.scalar(kv.second, key.c_str())) {
            if (key == "id") {
                m.id = *v;
                m.id_line = rd.first_line + std::max(0, kv.second.Mark().line);
                if (!valid_id(m.id)) {
                    rd.report(kv.second, Severity::Error,
                              "id「" + m.id + "」不合规：只能用小写英文字母、数字和「-」",
                              "invalid id '" + m.id + "': use lowercase letters, digits and '-'");
                    usable = false;
                }
            } else if (key == "kind") {
                if (auto k = parse_kind(*v)) m.kind = *k;
                else {
                    rd.report(kv.second, Severity::Error,
                              "不认识的 kind「" + *v + "」（应为 guideline、case 或 drill）",
                              "unknown kind '" + *v + "' (expected guideline, case or drill)");
                    usable = false;
                }
            } else if (key == "title") m.title = *v;
            else if (key == "summary") m.summary = *v;
            else if (key == "title_en") m.title_en = *v;
            else if (key == "updated") m.updated = *v;
        }
    }
    const YAML::Node& croot = root;
    for (const char* key : {"id", "kind", "title"}) {
        if (!croot[key]) {
            diags.push_back({path, 1, 1, Severity::Error, std::string("文件头：缺少「") + key + "」", std::string("front matter: missing '") + key + "'"});
            usable = false;
        }
    }
    if (m.id.empty() || m.title.empty()) usable = false;
    if (usable && m.summary.empty())
        diags.push_back({path, 1, 1, Severity::Warning, "文件头：缺少「summary」（一句话简介）", "front matter: missing 'summary'"});
    if (!usable) return std::nullopt;
    return fm;
}

}  // namespace linli
