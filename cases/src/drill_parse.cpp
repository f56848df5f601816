// [SECTION] Small parsers: lists, keys, numbers, effects, conditions
// [SECTION] The drill reader: state, opening, nodes, choices, endings, the kit
// [SECTION] Names and lookups: ratings, variables, flags, nodes
// Document -> Drill: nodes from `## title {#id}` headings, choices from numbered links to `#id`.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>

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
        if (c.name.empty() || c.name.find_first_of("<>=!") != std::string::npos ||
            !parse_int(trim(part.substr(at + std::strlen(sym))), c.value))
            return std::nullopt;
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

// 【条件：…】 (or with an ASCII colon) at the start of a paragraph: the condition text, and the
// paragraph without it. The prefix must be plain text (no link or style inside).
std::optional<std::pair<std::string, Block>> strip_condition(const Block& para) {
    if (para.kind != BlockKind::Paragraph) return std::nullopt;
    std::string lead;
    size_t spans = 0;
    for (; spans < para.spans.size() && para.spans[spans].link < 0 && para.spans[spans].style == kPlain; ++spans) {
        lead += para.spans[spans].text;
        if (lead.find("】") != std::string::npos) break;
    }
    std::string_view v = lead;
    size_t open = 0;
    for (std::string_view o : {"【条件：", "【条件:"})
        if (v.substr(0, o.size()) == o) open = o.size();
    size_t close = v.find("】");
    if (open == 0 || close == std::string_view::npos || spans == para.spans.size()) return std::nullopt;
    std::string cond(v.substr(open, close - open));
    Block out = para;
    // Drops the spans wholly inside the prefix and cuts the one that holds its end.
    size_t cut = close + std::string_view("】").size(), seen = 0, i = 0;
    while (i < out.spans.size() && seen + out.spans[i].text.size() <= cut) seen += out.spans[i++].text.size();
    out.spans.erase(out.spans.begin(), out.spans.begin() + long(i));
    if (!out.spans.empty()) out.spans[0].text = trim(out.spans[0].text.substr(cut - seen));
    return std::make_pair(cond, std::move(out));
}

}  // namespace

int column_in_file(const std::filesystem::path& file, int line, std::string_view part) {
    if (part.empty() || line < 1) return 1;
    std::ifstream in(file, std::ios::binary);
    std::string l;
    int n = 0;
    while (n < line && std::getline(in, l)) ++n;
    if (n < line) return 1;
    size_t at = l.find(part);
    return at == std::string::npos ? 1 : 1 + int(utf8::decode(std::string_view(l).substr(0, at)).size());
}

bool parse_conditions(const std::string& text, std::vector<Condition>& out, std::string* bad) {
    for (const auto& part : split_list(text)) {
        auto c = parse_condition(part);
        if (!c) {
            if (bad) *bad = part;
            return false;
        }
        out.push_back(*c);
    }
    return true;
}

namespace {

class Parser {
public:
    Parser(const Document& doc, std::vector<Diagnostic>& diags) : doc_(doc), diags_(diags) { drill_.doc = &doc; }

    Drill run() {
        read_state();
        read_body();
        resolve();
        return std::move(drill_);
    }

private:
    // Names to indexes, once: playing and exploring then never look a name up.
    void resolve() {
        auto conditions = [&](std::vector<Condition>& all) {
            for (Condition& c : all) c.index = c.kind == Condition::Compare ? drill_.var_index(c.name) : drill_.flag_index(c.name);
        };
        auto mask = [&](const std::vector<std::string>& flags) {
            uint64_t m = 0;
            for (const auto& f : flags)
                if (int i = drill_.flag_index(f); i >= 0 && i < 64) m |= uint64_t(1) << i;
            return m;
        };
        for (DrillNode& n : drill_.nodes) {
            for (Choice& c : n.choices) {
                c.target_index = drill_.find_node(c.target);
                conditions(c.conditions);
                for (Effect& e : c.effects) e.index = drill_.var_index(e.var);
                c.set_mask = mask(c.set_flags);
                c.clear_mask = mask(c.clear_flags);
            }
            for (auto* text : {&n.body, &n.better})
                for (Piece& p : *text) conditions(p.when);
            for (RatingRule& r : n.rating_rules) conditions(r.when);
        }
    }

    void error(int line, std::string zh, std::string en, Severity sev = Severity::Error, int col = 1) {
        diags_.push_back({doc_.path.string(), line, col, sev, std::move(zh), std::move(en)});
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
                error(line_of(state), "演练：state 要为每个状态变量写出 {start, min, max}",
                      "drill: 'state' must map each variable to {start, min, max}");
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
                        error(v.line, "演练：状态变量「" + v.name + "」要写整数，例如 {start: 50, min: 0, max: 100}",
                              "drill: state variable '" + v.name + "' needs whole numbers: {start: 50, min: 0, max: 100}");
                        continue;
                    }
                    if (v.min > v.max || v.start < v.min || v.start > v.max)
                        error(v.line, "演练：状态变量「" + v.name + "」要满足 min <= start <= max",
                              "drill: state variable '" + v.name + "' must have min <= start <= max");
                    if (drill_.var_index(v.name) >= 0)
                        error(v.line, "演练：状态变量「" + v.name + "」声明了两次", "drill: state variable '" + v.name + "' declared twice");
                    drill_.vars.push_back(v);
                }
            }
        }
        if (const YAML::Node& flags = croot["flags"]) {
            if (flags.IsSequence()) {
                for (const auto& f : flags)
                    if (f.IsScalar()) drill_.flags.push_back(f.Scalar());
            } else if (flags.IsScalar()) {
                // "flags: 甲, 乙" without brackets is the same list.
                for (auto& f : split_list(flags.Scalar())) drill_.flags.push_back(f);
            } else {
                error(line_of(flags), "演练：flags 要写成标记名的列表，例如 [已查规约, 已报街道]",
                      "drill: 'flags' must be a list of names, as in [checked-rules, told-street]");
            }
        }
        if (const YAML::Node& mode = croot["mode"]) {
            std::string m = mode.IsScalar() ? mode.Scalar() : "";
            if (m == "exam" || m == "考核") drill_.exam = true;
            else if (m != "practice" && m != "练习")
                error(line_of(mode), "演练：mode 只能是 practice（练习）或 exam（考核）", "drill: 'mode' is practice or exam");
        }
    }

    void read_body() {
        enum { Opening, InNode, InKit } where = Opening;
        bool in_better = false;
        const Block* last_choices = nullptr;  // the node's choice list, while nothing else followed it
        for (const Block& b : doc_.blocks) {
            if (b.kind == BlockKind::Heading && b.level <= 2) {
                in_better = false;
                last_choices = nullptr;
                if (b.level == 1) continue;
                std::string title = trim(spans_text(b));
                const std::string& id = b.literal;
                if (id == kKitId || title == "工作坊工具包") {
                    where = InKit;
                    continue;
                }
                std::string node_id = id;
                if (node_id.empty()) {
                    error(b.line, "演练：节点标题要带 id，例如「## " + title + " {#node-id}」",
                          "drill: node heading needs an id, as in '## " + title + " {#node-id}'");
                    node_id = "line-" + std::to_string(b.line);
                }
                if (drill_.find_node(node_id) >= 0)
                    error(b.line, "演练：节点 id「" + node_id + "」用了两次", "drill: node id '" + node_id + "' is used twice");
                drill_.node_index.emplace(node_id, static_cast<int>(drill_.nodes.size()));
                DrillNode n;
                n.id = node_id;
                n.title = title;
                n.line = b.line;
                drill_.nodes.push_back(std::move(n));
                where = InNode;
                continue;
            }
            if (where == Opening) { drill_.opening.push_back(&b); continue; }
            if (where == InKit) { drill_.kit.push_back(&b); continue; }
            DrillNode& node = drill_.nodes.back();
            if (b.kind == BlockKind::Heading && b.level == 3) in_better = spans_text(b) == kBetter;
            if (in_better) {
                if (b.kind != BlockKind::Heading) add_text(node.better, b);
                continue;
            }
            if (b.kind == BlockKind::Paragraph && node.body.empty() && node.choices.empty()) {
                std::string key, value;
                if (node.rating_line == 0 && split_key(spans_text(b), key, value) && key == kRatingKey) {
                    node.rating_line = b.line;
                    node.rating = read_rating(value, b.line);
                    continue;
                }
                if (node.rating_line != 0 && read_rating_rule(node, b)) continue;
            }
            if (b.kind == BlockKind::OrderedList && is_choice_list(b)) {
                if (!node.choices.empty() && last_choices == nullptr)
                    error(b.line, "演练：节点「" + node.id + "」的选项要写在同一个编号列表里（中间不要插入正文）",
                          "drill: node '" + node.id + "' has its choices split by other text: keep them in one numbered list");
                for (const Block& item : b.children) read_choice(node, item);
                last_choices = &b;
                continue;
            }
            // Details indented too little are a bullet list after the choices: read them as the last
            // choice's details, and say how to indent them.
            if (b.kind == BlockKind::BulletList && last_choices && !node.choices.empty() && looks_like_details(b)) {
                if (!node.misnumbered)  // after a 1、 choice the cause is the numbering, said already
                    error(b.line, "演练：选项的细节（效果、反馈……）要比「1. 」多缩进 3 个空格，才属于这个选项",
                          "drill: choice details must be indented 3 spaces under '1. ' to belong to the choice");
                for (const Block& d : b.children) read_detail(node.choices.back(), d);
                continue;
            }
            last_choices = nullptr;
            if (node.choices.empty() && read_misnumbered_choices(node, b)) {
                last_choices = &b;
                continue;
            }
            add_text(node.body, b);
        }
    }

    // 1、[…](#id) paragraphs, or a - list of links to nodes: the usual ways a choice is miswritten.
    // They are reported, and read as choices all the same, so that nothing else cascades from them.
    bool read_misnumbered_choices(DrillNode& node, const Block& b) {
        auto link_of = [&](const Block& para) {
            for (const Span& sp : para.spans)
                if (sp.link >= 0 && doc_.links[sp.link].url.rfind('#', 0) == 0) return sp.link;
            return -1;
        };
        if (b.kind == BlockKind::Paragraph && link_of(b) >= 0) {
            std::string t = spans_text(b);
            if (t.empty() || t[0] < '0' || t[0] > '9') return false;
            if (!node.misnumbered)
                error(b.line, "演练：选项要写成「1. [做什么](#节点id)」：数字后面用英文句点和空格，不用「、」",
                      "drill: write a choice as '1. [what you do](#node-id)': a digit, a full stop and a space, not '1、'");
            node.misnumbered = true;
            Choice c;
            c.line = b.line;
            c.target = doc_.links[link_of(b)].url.substr(1);
            c.text = t;
            node.choices.push_back(std::move(c));
            return true;
        }
        if (b.kind == BlockKind::BulletList && is_choice_list(b)) {
            if (!node.misnumbered)
                error(b.line, "演练：选项要用编号列表「1. [做什么](#节点id)」，不用「- 」",
                      "drill: choices are a numbered list '1. [what you do](#node-id)', not '- ' bullets");
            node.misnumbered = true;
            for (const Block& item : b.children) read_choice(node, item);
            return true;
        }
        return false;
    }

    bool looks_like_details(const Block& list) const {
        for (const Block& item : list.children) {
            if (item.children.empty()) continue;
            std::string key, value;
            if (!split_key(spans_text(item.children[0]), key, value)) return false;
            for (const char* k : {"效果", "标记", "清除", "条件", "反馈", "运用", "违背", "方向"})
                if (key == k) return true;
        }
        return false;
    }

    // A paragraph, or a list some items of which are conditional, as pieces of text.
    void add_text(std::vector<Piece>& out, const Block& b) {
        if (auto p = strip_condition(b)) {
            Piece piece;
            if (read_when(p->first, b.line, piece.when)) {
                drill_.owned.push_back(std::move(p->second));
                piece.block = &drill_.owned.back();
                out.push_back(std::move(piece));
            }
            return;
        }
        bool list = b.kind == BlockKind::BulletList || b.kind == BlockKind::OrderedList;
        auto conditional = [](const Block& item) { return !item.children.empty() && strip_condition(item.children[0]); };
        if (!list || std::none_of(b.children.begin(), b.children.end(), conditional)) {
            out.push_back({&b, {}});
            return;
        }
        // Runs of plain items stay one list; each conditional item becomes a list of its own.
        Block run = b;
        run.children.clear();
        auto flush = [&] {
            if (run.children.empty()) return;
            drill_.owned.push_back(run);
            out.push_back({&drill_.owned.back(), {}});
            run.children.clear();
        };
        for (const Block& item : b.children) {
            auto p = item.children.empty() ? std::nullopt : strip_condition(item.children[0]);
            if (!p) {
                run.children.push_back(item);
                continue;
            }
            flush();
            Piece piece;
            if (!read_when(p->first, item.children[0].line, piece.when)) continue;
            Block one = b;
            one.children = {item};
            one.children[0].children[0] = std::move(p->second);
            drill_.owned.push_back(std::move(one));
            piece.block = &drill_.owned.back();
            out.push_back(std::move(piece));
        }
        flush();
    }

    bool read_when(const std::string& text, int line, std::vector<Condition>& when) {
        std::string bad;
        if (parse_conditions(text, when, &bad) && !when.empty()) return true;
        error(line, "演练：读不懂条件「" + bad + "」（写成「变量 >= 40」「标记」或「!标记」）",
              "drill: cannot read the condition '" + bad + "' (write '变量 >= 40', '标记' or '!标记')", Severity::Error,
              column_of(line, bad));
        return false;
    }

    // 【条件：…】评级：… right after an ending's rating.
    bool read_rating_rule(DrillNode& node, const Block& b) {
        auto p = strip_condition(b);
        if (!p) return false;
        std::string key, value;
        if (!split_key(spans_text(p->second), key, value) || key != kRatingKey) return false;
        RatingRule r;
        r.line = b.line;
        if (!read_when(p->first, b.line, r.when)) return true;
        r.rating = read_rating(value, b.line);
        if (r.rating != Rating::None) node.rating_rules.push_back(std::move(r));
        return true;
    }

    Rating read_rating(const std::string& value, int line) {
        if (value == "好") return Rating::Good;
        if (value == "尚可") return Rating::Fair;
        if (value == "糟糕") return Rating::Bad;
        error(line, "演练：评级「" + value + "」不认识：只能是 好、尚可 或 糟糕",
              "drill: unknown rating '" + value + "' (好, 尚可 or 糟糕)", Severity::Error, column_of(line, value));
        return Rating::None;
    }

    // Read from the file only when a problem is reported: a clean drill costs no second read.
    int column_of(int line, const std::string& part) const { return column_in_file(doc_.path, line, part); }

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
            error(c.line, "演练：选项要写成指向节点的链接，例如「1. [做什么](#节点id)」",
                  "drill: a choice must be a link to a node, as in '1. [what you do](#node-id)'");
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
            error(para.line, "演练：选项细节要写成「键：值」（效果、标记、清除、条件、反馈、运用、违背、方向）",
                  "drill: choice details are 'key：value' lines (效果, 标记, 清除, 条件, 反馈, 运用, 违背, 方向)");
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
        auto noted = [&](std::vector<std::string>& into) {
            for (auto& f : split_list(value)) {
                into.push_back(f);
                c.detail_lines[f] = {para.line, f};
            }
        };
        if (key == "效果") {
            for (const auto& part : split_list(value)) {
                if (auto e = parse_effect(part)) {
                    c.effects.push_back(*e);
                    c.detail_lines[e->var] = {para.line, part};
                } else {
                    error(para.line, "演练：读不懂效果「" + part + "」（写成「变量 +10」或「变量 -5」）",
                          "drill: cannot read the effect '" + part + "' (write '变量 +10' or '变量 -5')", Severity::Error,
                          column_of(para.line, part));
                }
            }
        } else if (key == "标记") {
            noted(c.set_flags);
        } else if (key == "清除") {
            noted(c.clear_flags);
        } else if (key == "条件") {
            for (const auto& part : split_list(value)) {
                if (auto cond = parse_condition(part)) {
                    c.conditions.push_back(*cond);
                    c.detail_lines[cond->name] = {para.line, part};
                } else {
                    error(para.line, "演练：读不懂条件「" + part + "」（写成「变量 >= 40」「标记」或「!标记」）",
                          "drill: cannot read the condition '" + part + "' (write '变量 >= 40', '标记' or '!标记')",
                          Severity::Error, column_of(para.line, part));
                }
            }
        } else if (key == "反馈") {
            c.feedback = value;
            for (const Span& s : para.spans)
                if (s.link >= 0) c.feedback_links.push_back(s.link);
        } else if (key == "方向") {
            c.direction = trim(value);
            c.direction_line = para.line;
        } else if (key == "运用") {
            auto ids = linked_ids();
            c.applies.insert(c.applies.end(), ids.begin(), ids.end());
        } else if (key == "违背") {
            auto ids = linked_ids();
            c.violates.insert(c.violates.end(), ids.begin(), ids.end());
        } else {
            error(para.line, "演练：不认识的选项细节「" + key + "」", "drill: unknown choice detail '" + key + "'", Severity::Warning);
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
