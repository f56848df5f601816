// The documents behind the editor's 新建指南 / 新建案例 / 新建演练: a new guideline, case or drill
// that already passes lint (no errors, no warnings) against the bundled library. Each carries the
// front matter, every required section (docs/content-format.md, docs/drill-format.md), a small
// invented example about clearing a stairwell (楼道堆物), and short 写作提示 notes in Chinese
// saying what to write where. Links point at bundled guidelines and cases, so they resolve.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace linli {

enum class TemplateKind { Guideline, Case, Drill };

// A new document of that kind with this id and title: the id goes into the front matter, the title
// into the front matter (quoted when YAML needs it) and the `#` heading, and `updated` is `today`
// (YYYY-MM-DD). An empty title takes default_title(kind). Save it as <id>.md: a drill's file name
// must be its id.
std::string document_template(TemplateKind kind, std::string_view id, std::string_view title, std::string_view today);

// A free id for a new document: "pit-new" (guideline ids start with pit- or practice-, see
// content/README.md), "case-new", "drill-new", then "-2", "-3"… skipping ids `taken` returns true for.
std::string new_document_id(TemplateKind kind, const std::function<bool(std::string_view)>& taken);

// Default title: 新指南 / 新案例 / 新演练.
const char* default_title(TemplateKind kind);

}  // namespace linli
