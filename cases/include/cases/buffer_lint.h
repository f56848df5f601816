// Lint of one document's text as the editor holds it, unsaved: the checks a library load and
// `linli lint` make of that file, against the rest of the library — front matter and sections,
// links and duplicate ids, images inside its folder, a drill's form, plays and grading audit, and
// the privacy check. The editor runs it off the UI thread as the instructor types.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cases/drill.h"
#include "cases/drill_paths.h"
#include "content/library.h"

namespace linli {

// The plays of the drill last linted, kept while its structure — variables, flags, nodes, each
// choice's target, effects, flags and conditions — stays the same: typing in a scene or a
// feedback changes none of it, and exploring every play is the costly part of a drill's lint.
struct PlaysCache {
    uint64_t structure = 0;  // structure_hash() of the drill explored
    size_t max_states = 0;
    Reachability reach;
};

// What the plays of a drill depend on, hashed (no text, no line numbers).
uint64_t structure_hash(const Drill& d);

struct BufferLintOptions {
    PlaysCache* plays = nullptr;             // the caller's (one per thread), or none: explored each time
    size_t max_states = 200000;              // the play checks' bound (see check_drill)
    bool audit = true;                       // the grading audit
    std::vector<std::string> private_names;  // the instructor's list of names (content/privacy.h)
};

// What the drill graph marks, found with the checks (so the window derives none of it).
struct DrillMarks {
    Reachability reach;                              // nodes no play reaches; dead ends
    std::vector<int> good_after_violation;           // endings a play with a 违背 reaches as 好
    std::vector<std::pair<int, int>> violation_play;  // one such play, (node, choice) steps
};

struct LintedBuffer {
    std::unique_ptr<Document> doc;        // none when the front matter cannot be used
    std::unique_ptr<Drill> drill;         // a drill's structure; points into *doc
    std::unique_ptr<DrillMarks> marks;    // with a drill that has nodes
    std::vector<Diagnostic> diagnostics;  // this text's alone, by line
    size_t private_details = 0;           // how many of them the privacy check gave
};

// `path`: where the text is (or will be) saved; `root`: the library folder it belongs to (images
// and file links must stay inside). `library`: the documents it links to. A document of the
// library at `path` is the older version of this text, not a duplicate.
LintedBuffer lint_buffer(const Library& library, const std::filesystem::path& path, const std::filesystem::path& root,
                         std::string_view text, const BufferLintOptions& options = {});

// The privacy check's findings as warnings at `path`'s lines: what lint_buffer adds, and what
// `linli lint` adds for each file it checks.
void add_privacy_warnings(const std::filesystem::path& path, std::string_view text, const std::vector<std::string>& names,
                          std::vector<Diagnostic>& out);

}  // namespace linli
