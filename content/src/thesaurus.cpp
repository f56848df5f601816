#include "content/thesaurus.h"

#include <algorithm>

#include "content/text_fold.h"
#include "content/utf8.h"

namespace linli {
namespace {

constexpr size_t kMaxTermLength = 10;  // characters: a "term" longer than that is a sentence

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> split(std::string_view s, std::string_view sep) {
    std::vector<std::string> out;
    for (size_t at = 0;;) {
        size_t next = s.find(sep, at);
        out.push_back(trim(s.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at)));
        if (next == std::string_view::npos) return out;
        at = next + sep.size();
    }
}

}  // namespace

void Thesaurus::add(const std::filesystem::path& file, std::string_view text, std::vector<Diagnostic>& problems) {
    int n = 0;
    for (size_t at = 0; at <= text.size(); ++n) {
        size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string line = trim(text.substr(at, end - at));
        at = end + 1;
        if (line.empty() || line[0] == '#') continue;
        auto bad = [&](const std::string& zh, const std::string& en) {
            problems.push_back({file.string(), n + 1, 1, Severity::Error, "同义词表：" + zh, "thesaurus: " + en});
        };
        Rule r;
        std::vector<std::string> from, to;
        std::string arrow = line.find("→") != std::string::npos ? "→" : line.find("->") != std::string::npos ? "->" : "";
        if (!arrow.empty()) {
            auto sides = split(line, arrow);
            if (sides.size() != 2) {
                bad("一行只能有一个「→」", "one '→' per line");
                continue;
            }
            from = split(sides[0], "/");
            to = split(sides[1], "/");
        } else if (line.find('=') != std::string::npos) {
            from = to = split(line, "=");
            if (from.size() < 2) {
                bad("「=」两边都要有词", "'=' needs a term on each side");
                continue;
            }
        } else {
            bad("读不懂这一行：写成「甲 = 乙」（同义）或「甲 / 乙 → 丙」（单向）",
                "cannot read the line: write '甲 = 乙' (synonyms) or '甲 / 乙 → 丙' (one way)");
            continue;
        }
        bool ok = true;
        std::vector<const std::vector<std::string>*> sides{&from};
        if (!arrow.empty()) sides.push_back(&to);  // a synonym line's two sides are one list
        for (const auto* side : sides)
            for (const std::string& t : *side) {
                size_t chars = utf8::decode(t).size();
                if (t.empty() || t.find(' ') != std::string::npos || chars > kMaxTermLength) {
                    bad("词「" + t + "」不能为空、不能有空格、不超过 10 个字", "the term '" + t + "' must be 1–10 characters without spaces");
                    ok = false;
                }
            }
        if (!ok) continue;
        for (const auto& t : from) r.from.push_back(fold_for_search(t));
        for (const auto& t : to) r.to.push_back(fold_for_search(t));
        rules_.push_back(std::move(r));
    }
}

std::vector<std::u32string> Thesaurus::expand(const std::u32string& query) const {
    std::vector<std::u32string> out;
    for (const Rule& r : rules_) {
        bool hit = std::any_of(r.from.begin(), r.from.end(), [&](const std::u32string& f) { return query.find(f) != std::u32string::npos; });
        if (!hit) continue;
        for (const auto& t : r.to)
            if (query.find(t) == std::u32string::npos && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    return out;
}

}  // namespace linli
