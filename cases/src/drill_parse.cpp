// [SECTION] Small parsers: lists, keys, numbers, effects, conditions
// [SECTION] The drill reader: state, opening, nodes, choices, endings, the kit
// [SECTION] Names and lookups: ratings, variables, flags, nodes
// Document -> Drill: nodes from `## title {#id}` headings, choices from numbered links to `#id`.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>

#include "cases/drill.h"
#include "content/sections.h"
#include "content/utf8.h"

namespace linli {
namespace {

constexpr std::string_view kKitId = "kit";
constexpr std::string_view kBetter = "更好的做法";
constexpr std::string_view kRatingKey = "评级";

std::string trim(std::string_view s) {
    auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    // Full-width spaces too.
    while (s.size() >= 3 && s.substr(0, 3) == "\u3000") s.remove_prefix(3);
    while (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") s.remove_suffix(3);
    return std::string(s);
}

// Splits at ，, 、 ; and the word 且.
std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (size_t i = 0; i < s.size();) {
        size_t at = i;
        char32_t c = utf8::next(s, i);
        if (c == U'，' || c == U',' || c == U'、' || c == U'；' || c == U';' || c == U'且') {
            if (auto t = trim(cur); !t.empty()) out.push_back(t);
            cur.clear();
        } else {
            cur.append(s.substr(at, i - at));
        }
    }
    if (auto t = trim(cur); !t.empty()) out.push_back(t);
    return out;
}

// "key：value" with a full-width or ASCII colon.
bool split_key(const std::string& text, std::string& key, std::string& value) {
    size_t fw = text.find("："), ascii = text.find(':');
    size_t at = std::min(fw, ascii);
    if (at == std::string::npos || at > 24) return false;
    key = trim(text.substr(0, at));
    value = trim(text.substr(at + (at == fw ? std::string("：").size() : 1)));
    return true;
}

bool parse_int(const std::string& s, int& out) {
    if (s.empty()) return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; i = 1; }
    if (i >= s.size()) return false;
    long v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
        if (v > 1000000) return false;
    }
    out = static_cast<int>(neg ? -v : v);
    return true;
}

std::optional<Effect> parse_effect(const std::string& part) {
    size_t sign = part.find_last_of("+-");
    if (sign == std::string::npos || sign == 0) return std::nullopt;
    Effect e;
    e.var = trim(part.substr(0, sign));
    std::string num = trim(part.substr(sign));
    num.erase(std::remove(num.begin(), num.end(), ' '), num.end());
    if (e.var.empty() || !parse_int(num, e.delta)) return std::nullopt;
    return e;
}

std::optional<Condition> parse_condition(const std::string& part) {
    Condition c;
    c.text = part;
    static const std::pair<const char*, CmpOp> ops[] = {{">=", CmpOp::Ge}, {"<=", CmpOp::Le}, {"==", CmpOp::Eq},
                                                        {"!=", CmpOp::Ne}, {"≥", CmpOp::Ge}, {"≤", CmpOp::Le},
                                                        {">", CmpOp::Gt},  {"<", CmpOp::Lt}};
    for (auto [sym, op] : ops) {
        size_t at = part.find(sym);
        if (at == std::string::npos) continue;
        c.kind = Condition::Compare;
        c.name = trim(part.substr(0, at));
        c.op = op;
        if (c.name.empty() || !parse_int(trim(part.substr(at + std::strlen(sym))), c.value)) return std::nullopt;
        return c;
    }
    std::string name = part;
    c.kind = Condition::FlagSet;
    if (name.rfind("!", 0) == 0) { c.kind = Condition::FlagClear; name = name.substr(1); }
    else if (name.rfind("！", 0) == 0) { c.kind = Condition::FlagClear; name = name.substr(std::string("！").size()); }
    c.name = trim(name);
    if (c.name.empty() || c.name.find_first_of(" =<>") != std::string::npos) return std::nullopt;
    return c;
}

std::string spans_text(const Block& b) {
    std::string s;
    for (const Span& sp : b.spans) s += sp.text == "\n" ? " " : sp.text;
    return s;
}

class Parser {
public:
    Parser(const Document& doc, std::vector<Diagnostic>& diags) : doc_(doc), diags_(diags) { drill_.doc = &doc; }

    Drill run() {
        read_state();
        read_body();
        for (DrillNode& n : drill_.nodes)
            for (Choice& c : n.choices) c.target_index = drill_.find_node(c.target);
        return std::move(drill_);
    }

private:
    void error(int line, std::string msg, Severity sev = Severity::Error) {
        diags_.push_back({doc_.path.string(), line, 1, sev, std::move(msg)});
    }

    void read_state() {
        YAML::Node root;
        try {
            root = YAML::Load(doc_.front_matter);
        } catch (const YAML::Exception&) {
            return;  // the front-matter reader already reported it
        }
        const YAML::Node& croot = root;
        auto line_of = [](const YAML::Node& n) { return 2 + std::max(0, n.Mark().line); };
        if (const YAML::Node& state = croot["state"]) {
            if (!state.IsMap()) {
                error(line_of(state), "drill: 'state' must map each variable to {start, min, max}");
            } else {
                for (const auto& kv : state) {
                    StateVar v;
                    v.name = kv.first.Scalar();
                    v.line = line_of(kv.first);
                    try {
                        if (kv.second.IsScalar()) {
                            v.start = kv.second.as<int>();
                        } else if (kv.second.IsMap()) {
                            v.start = kv.second["start"] ? kv.second["start"].as<int>() : 0;
                            v.min = kv.second["min"] ? kv.second["min"].as<int>() : 0;
                            v.max = kv.second["max"] ? kv.second["max"].as<int>() : 100;
                        } else {
                            throw YAML::Exception(kv.second.Mark(), "expected a number or {start, min, max}");
                        }
                    } catch (const YAML::Exception&) {
                        error(v.line, "drill: state variable '" + v.name + "' needs whole numbers: {start: 50, min: 0, max: 100}");
                        continue;
                    }
                    if (v.min > v.max || v.start < v.min || v.start > v.max)
                        error(v.line, "drill: state variable '" + v.name + "' must have min <= start <= max");
                    if (drill_.var_index(v.name) >= 0) error(v.line, "drill: state variable '" + v.name + "' declared twice");
                    drill_.vars.push_back(v);
                }
            }
        }
        if (const YAML::Node& flags = croot["flags"]) {
            if (flags.IsSequence()) {
                for (const auto& f : flags)
                    if (f.IsScalar()) drill_.flags.push_back(f.Scalar());
            } else if (flags.IsScalar()) {
                drill_.flags.push_back(flags.Scalar());
            } else {
                error(line_of(flags), "drill: 'flags' must be a list of names");
            }
        }
    }

    void read_body() {
        enum { Opening, InNode, InKit } where = Opening;
        bool in_better = false;
        for (const Block& b : doc_.blocks) {
            if (b.kind == BlockKind::Heading && b.level <= 2) {
                in_better = false;
                if (b.level == 1) continue;
                std::string title = trim(spans_text(b));
                const std::string& id = b.literal;
                if (id == kKitId || title == "工作坊工具包") {
                    where = InKit;
                    continue;
                }
                std::string node_id = id;
                if (node_id.empty()) {
                    error(b.line, "drill: node heading needs an id, as in '## " + title + " {#node-id}'");
                    node_id = "line-" + std::to_string(b.line);
                }
                if (drill_.find_node(node_id) >= 0) error(b.line, "drill: node id '" + node_id + "' is used twice");
                drill_.node_index.emplace(node_id, static_cast<int>(drill_.nodes.size()));
                drill_.nodes.push_back({node_id, title, b.line, {}, {}, Rating::None, {}});
                where = InNode;
                continue;
            }
            if (where == Opening) { drill_.opening.push_back(&b); continue; }
            if (where == InKit) { drill_.kit.push_back(&b); continue; }
            DrillNode& node = drill_.nodes.back();
            if (b.kind == BlockKind::Heading && b.level == 3) in_better = spans_text(b) == kBetter;
            if (in_better) {
                if (b.kind != BlockKind::Heading) node.better.push_back(&b);
                continue;
            }
            if (b.kind == BlockKind::Paragraph && node.body.empty() && node.choices.empty()) {
                std::string key, value;
                if (split_key(spans_text(b), key, value) && key == kRatingKey) {
                    read_rating(node, value, b.line);
                    continue;
                }
            }
            if (b.kind == BlockKind::OrderedList && node.choices.empty() && is_choice_list(b)) {
                for (const Block& item : b.children) read_choice(node, item);
                continue;
            }
            node.body.push_back(&b);
        }
    }

    void read_rating(DrillNode& node, const std::string& value, int line) {
        if (value == "好") node.rating = Rating::Good;
        else if (value == "尚可") node.rating = Rating::Fair;
        else if (value == "糟糕") node.rating = Rating::Bad;
        else error(line, "drill: unknown rating '" + value + "' (好, 尚可 or 糟糕)");
    }

    // The first paragraph of an item links to '#...'.
    int first_link(const Block& item) const {
        if (item.children.empty() || item.children[0].kind != BlockKind::Paragraph) return -1;
        for (const Span& s : item.children[0].spans)
            if (s.link >= 0 && doc_.links[s.link].url.rfind('#', 0) == 0) return s.link;
        return -1;
    }

    bool is_choice_list(const Block& list) const {
        return std::any_of(list.children.begin(), list.children.end(), [&](const Block& i) { return first_link(i) >= 0; });
    }

    void read_choice(DrillNode& node, const Block& item) {
        Choice c;
        c.line = item.children.empty() ? node.line : item.children[0].line;
        int link = first_link(item);
        if (link < 0) {
            error(c.line, "drill: a choice must be a link to a node, as in '1. [what you do](#node-id)'");
            return;
        }
        c.target = doc_.links[link].url.substr(1);
        c.text = trim(spans_text(item.children[0]));
        for (size_t k = 1; k < item.children.size(); ++k) {
            const Block& details = item.children[k];
            if (details.kind != BlockKind::BulletList) continue;
            for (const Block& d : details.children) read_detail(c, d);
        }
        node.choices.push_back(std::move(c));
    }

    void read_detail(Choice& c, const Block& d) {
        if (d.children.empty()) return;
        const Block& para = d.children[0];
        std::string key, value;
        if (!split_key(spans_text(para), key, value)) {
            error(para.line, "drill: choice details are 'key：value' lines (效果, 标记, 清除, 条件, 反馈, 运用, 违背)");
            return;
        }
        auto linked_ids = [&] {
            std::vector<std::string> ids;
            for (const Span& s : para.spans)
                if (s.link >= 0 && !doc_.links[s.link].target_id.empty() &&
                    (ids.empty() || ids.back() != doc_.links[s.link].target_id))
                    ids.push_back(doc_.links[s.link].target_id);
            return ids;
        };
        if (key == "效果") {
            for (const auto& part : split_list(value)) {
                if (auto e = parse_effect(part)) c.effects.push_back(*e);
                else error(para.line, "drill: cannot read the effect '" + part + "' (write '变量 +10' or '变量 -5')");
            }
        } else if (key == "标记") {
            for (auto& f : split_list(value)) c.set_flags.push_back(f);
        } else if (key == "清除") {
            for (auto& f : split_list(value)) c.clear_flags.push_back(f);
        } else if (key == "条件") {
            for (const auto& part : split_list(value)) {
                if (auto cond = parse_condition(part)) c.conditions.push_back(*cond);
                else error(para.line, "drill: cannot read the condition '" + part + "' (write '变量 >= 40', '标记' or '!标记')");
            }
        } else if (key == "反馈") {
            c.feedback = value;
            for (const Span& s : para.spans)
                if (s.link >= 0) c.feedback_links.push_back(s.link);
        } else if (key == "运用") {
            auto ids = linked_ids();
            c.applies.insert(c.applies.end(), ids.begin(), ids.end());
        } else if (key == "违背") {
            auto ids = linked_ids();
            c.violates.insert(c.violates.end(), ids.begin(), ids.end());
        } else {
            error(para.line, "drill: unknown choice detail '" + key + "'", Severity::Warning);
        }
    }

    const Document& doc_;
    std::vector<Diagnostic>& diags_;
    Drill drill_;
};

}  // namespace

const char* rating_name(Rating r) {
    switch (r) {
        case Rating::Good: return "好";
        case Rating::Fair: return "尚可";
        case Rating::Bad: return "糟糕";
        case Rating::None: break;
    }
    return "";
}

const char* rating_key(Rating r) {
    switch (r) {
        case Rating::Good: return "good";
        case Rating::Fair: return "fair";
        case Rating::Bad: return "bad";
        case Rating::None: break;
    }
    return "";
}

int Drill::var_index(const std::string& name) const {
    for (size_t i = 0; i < vars.size(); ++i)
        if (vars[i].name == name) return static_cast<int>(i);
    return -1;
}

int Drill::flag_index(const std::string& name) const {
    auto it = std::find(flags.begin(), flags.end(), name);
    return it == flags.end() ? -1 : static_cast<int>(it - flags.begin());
}

int Drill::find_node(const std::string& id) const {
    auto it = node_index.find(id);
    return it == node_index.end() ? -1 : it->second;
}

Drill parse_drill(const Document& doc, std::vector<Diagnostic>& diags) { return Parser(doc, diags).run(); }

}  // namespace linli
