// Learning paths: a trainer's order through the library, week by week, in a YAML file named
// `<id>.path.yaml` anywhere below a library folder (the bundled one: content/paths/). The format
// is documented for instructors in content/paths/README.md:
//
//   id: first-month
//   title: 新社工的第一个月
//   summary: 一句话
//   weeks:
//     - title: 第1周 · 先看见社区里的人
//       goal: 这一周读完能做什么
//       steps:
//         - doc: pit-know-stakeholders
//           note: 为什么这一步放在这里
//
// A path names documents by id only, so it is checked against a library (lint_path) and never
// copies their text. Progress is whatever the caller counts as done (read, or a drill finished).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/diagnostic.h"

namespace linli {

class Library;

inline constexpr std::string_view kPathSuffix = ".path.yaml";
inline constexpr std::uintmax_t kMaxPathFileBytes = 256u * 1024;  // a path is a page of text, not a data file

struct PathStep {
    std::string doc_id;
    std::string note;  // why this step comes here; optional
    int line = 0;      // of the step's `doc:`
};

struct PathWeek {
    std::string title;
    std::string goal;  // optional
    std::vector<PathStep> steps;
    int line = 0;      // of the week's first key
};

struct LearningPath {
    std::string id;
    std::string title;
    std::string summary;
    std::filesystem::path file;
    std::vector<PathWeek> weeks;
};

// Parses one path file's text. Returns the path when it is usable: an id, a title and at least one
// week, each week with a title and steps, each step with a doc. Problems go to `problems` at their
// file lines either way: YAML syntax, missing or mistyped keys (errors), unknown keys and a file
// name that is not `<id>.path.yaml` (warnings).
std::optional<LearningPath> parse_path(const std::filesystem::path& file, std::string_view text,
                                       std::vector<Diagnostic>& problems);

// The path against a library: a step naming no document of it (error, at the step's line), a
// document listed twice (warning, at the second), a week of more than 7 steps (warning).
std::vector<Diagnostic> lint_path(const LearningPath& path, const Library& lib);

// Every `*.path.yaml` below the roots (folders, or files named directly), sorted by path within
// each root. Refused, with a problem each, and left out: a file that is a symbolic link leading
// out of its root (as Library refuses documents), and a file over kMaxPathFileBytes. Folder links
// are not followed.
std::vector<std::filesystem::path> find_path_files(const std::vector<std::filesystem::path>& roots,
                                                   std::vector<Diagnostic>& problems);

// Reads and parses one path file, reading at most kMaxPathFileBytes (a file that grew past it
// since it was found is refused too).
std::optional<LearningPath> read_path_file(const std::filesystem::path& file, std::vector<Diagnostic>& problems);

// Every usable path below the roots, in find_path_files() order; a path whose id an earlier file
// already uses is reported and left out.
std::vector<LearningPath> load_paths(const std::vector<std::filesystem::path>& roots, std::vector<Diagnostic>& problems);

// Progress through a path by what `done` says of each step's document.
struct WeekProgress {
    int done = 0;
    int total = 0;
};
using DoneFn = std::function<bool(const std::string& doc_id)>;
std::vector<WeekProgress> path_progress(const LearningPath& path, const DoneFn& done);
// The first step not done, as (week, step) indices from 0; none when every step is done.
std::optional<std::pair<int, int>> next_step(const LearningPath& path, const DoneFn& done);

}  // namespace linli
