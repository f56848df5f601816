#include "cases/buffer_lint.h"

#include <algorithm>
#include <tuple>

#include "cases/drill_audit.h"
#include "cases/drill_check.h"
#include "content/image_ref.h"
#include "content/privacy.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    fs::path ca = fs::weakly_canonical(a, ec), cb = fs::weakly_canonical(b, ec);
    return ca == cb;
}

void check_links_and_id(const Document& doc, const Library& library, std::vector<Diagnostic>& out) {
    if (const Document* other = library.find(doc.meta.id); other && !same_file(other->path, doc.path))
        out.push_back(duplicate_id(doc, *other));
    for (const Link& l : doc.links)
        if (!l.target_id.empty() && l.target_id != doc.meta.id && library.index_of(l.target_id) < 0) out.push_back(unknown_link(doc, l));
}

// Every play of the drill, from the cache when its structure is the one explored last.
Reachability plays(const Drill& drill, const BufferLintOptions& options) {
    PlaysCache* cache = options.plays;
    if (!cache) return explore_states(drill, options.max_states);
    const uint64_t h = structure_hash(drill);
    if (cache->structure != h || cache->max_states != options.max_states) {
        cache->reach = explore_states(drill, options.max_states);
        cache->structure = h;
        cache->max_states = options.max_states;
    }
    return cache->reach;
}

// The audit (its diagnostics too: check_drill ran without it) and what the graph shows of the plays.
std::unique_ptr<DrillMarks> drill_marks(const Drill& drill, Reachability reach, const BufferLintOptions& options,
                                        std::vector<Diagnostic>& out) {
    auto m = std::make_unique<DrillMarks>();
    m->reach = std::move(reach);
    if (!options.audit) return m;
    DrillAudit audit = audit_drill(drill, out, options.max_states);
    for (const std::string& id : audit.good_after_violation) {
        int ending = drill.find_node(id);
        if (ending < 0) continue;
        m->good_after_violation.push_back(ending);
        if (m->violation_play.empty()) m->violation_play = good_after_violation_play(drill, ending, options.max_states);
    }
    return m;
}

}  // namespace

uint64_t structure_hash(const Drill& d) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](int64_t v) {
        for (int i = 0; i < 8; ++i) h = (h ^ uint64_t((v >> (8 * i)) & 0xff)) * 1099511628211ull;
    };
    auto conditions = [&](const std::vector<Condition>& cs) {
        mix(int64_t(cs.size()));
        for (const Condition& c : cs) mix(c.kind), mix(c.index), mix(int(c.op)), mix(c.value);
    };
    mix(int64_t(d.vars.size()));
    for (const StateVar& v : d.vars) mix(v.start), mix(v.min), mix(v.max);
    mix(int64_t(d.flags.size()));
    mix(int64_t(d.nodes.size()));
    for (const DrillNode& n : d.nodes) {
        mix(n.is_ending());
        for (const RatingRule& r : n.rating_rules) conditions(r.when);  // they decide which states are told apart
        mix(int64_t(n.choices.size()));
        for (const Choice& c : n.choices) {
            mix(c.target_index);
            mix(int64_t(c.effects.size()));
            for (const Effect& e : c.effects) mix(e.index), mix(e.delta);
            mix(int64_t(c.set_mask)), mix(int64_t(c.clear_mask));
            conditions(c.conditions);
        }
    }
    return h;
}

void add_privacy_warnings(const fs::path& path, std::string_view text, const std::vector<std::string>& names,
                          std::vector<Diagnostic>& out) {
    for (const PrivacyFinding& f : find_private_details(text, names))
        out.push_back({path.string(), f.line, f.col, Severity::Warning, f.message, f.message_en});
}

LintedBuffer lint_buffer(const Library& library, const fs::path& path, const fs::path& root, std::string_view text,
                         const BufferLintOptions& options) {
    LintedBuffer r;
    std::optional<Document> parsed = parse_document(path, text, r.diagnostics);
    if (parsed) {
        r.doc = std::make_unique<Document>(std::move(*parsed));
        Document& doc = *r.doc;
        doc.path = path;
        doc.root = root;
        check_links_and_id(doc, library, r.diagnostics);
        check_document_files(doc, ImageCheckDepth::Header, r.diagnostics);
        if (doc.meta.kind == DocKind::Drill) {
            r.drill = std::make_unique<Drill>(parse_drill(doc, r.diagnostics));
            Reachability reach = plays(*r.drill, options);
            check_drill(*r.drill, library, r.diagnostics, options.max_states, false, &reach);  // the audit comes with the marks
            if (!r.drill->nodes.empty()) r.marks = drill_marks(*r.drill, std::move(reach), options, r.diagnostics);
        }
    }
    const size_t before = r.diagnostics.size();
    add_privacy_warnings(path, text, options.private_names, r.diagnostics);
    r.private_details = r.diagnostics.size() - before;
    for (Diagnostic& d : r.diagnostics) d.path = path.string();  // parse_document leaves some unnamed
    std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return std::tie(a.line, a.col) < std::tie(b.line, b.col); });
    return r;
}

}  // namespace linli
