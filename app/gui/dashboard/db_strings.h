// The dashboard's UI strings, Chinese first and English second, in one list. dbs(app, D::X) looks
// one up in the current language.
#pragma once
#include <string>

namespace linli::gui {

struct App;

#define LINLI_DB_STRINGS(X)                                                                                   \
    X(Title, "班级看板", "Cohort dashboard")                                                                   \
    X(Hint, "从班级同步用的共享文件里看：谁在学、哪里容易出错、谁没动静了。",                                  \
      "From the cohort's shared file: who is learning, where the cohort goes wrong, who has gone quiet.")      \
    X(SharedFile, "共享文件", "Shared file")                                                                   \
    X(Open, "打开", "Open")                                                                                    \
    X(Reading, "正在读取共享文件…", "Reading the shared file…")                                               \
    X(NoFile, "还没有共享文件：在上面填路径，或在“设置与同步”里设置同步。",                                  \
      "No shared file yet: enter its path above, or set up sync in Settings.")                                 \
    X(Cohort, "小组", "Cohort")                                                                                \
    X(AllCohorts, "全部", "All")                                                                               \
    X(Since, "从", "From")                                                                                     \
    X(Until, "到", "To")                                                                                       \
    X(DateHint, "YYYY-MM-DD", "YYYY-MM-DD")                                                                   \
    X(QuietDays, "没动静的天数", "Quiet after (days)")                                                    \
    X(Anonymous, "匿名", "Anonymous")                                                                          \
    X(Search, "找学员", "Find a learner")                                                                      \
    X(TabLearners, "学员", "Learners")                                                                         \
    X(TabDrills, "演练分析", "Drill analysis")                                                                 \
    X(TabWeeks, "每周", "By week")                                                                             \
    X(ColName, "学员", "Learner")                                                                              \
    X(ColCohort, "小组", "Cohort")                                                                             \
    X(ColGuidelines, "读完指南", "Guidelines")                                                                 \
    X(ColDrills, "练过演练", "Drills")                                                                         \
    X(ColBest, "最好结局", "Best endings")                                                                     \
    X(ColReviews, "复习", "Reviews")                                                                           \
    X(ColLast, "最近", "Last active")                                                                          \
    X(ColStatus, "状态", "Status")                                                                             \
    X(Quiet, "没动静", "quiet")                                                                                \
    X(Active, "在学", "active")                                                                                \
    X(Unnamed, "未署名", "unnamed")                                                                            \
    X(Timeline, "学习记录", "Timeline")                                                                        \
    X(TimelineHint, "点一行看这位学员的学习记录。", "Click a row to see the learner's timeline.")              \
    X(Summary, "{} 位学员，{} 位没动静", "{} learners, {} quiet")                                              \
    X(LearnerCount, "{} 位学员", "{} learners")                                                                \
    X(Drill, "演练", "Drill")                                                                                  \
    X(NoDrills, "这个范围里没有人练过演练。", "Nobody in this range has played a drill.")                      \
    X(DrillSummary, "{} 人练过，{} 次，走完 {} 次", "{} learners, {} attempts, {} finished")                   \
    X(OnGraph, "在结构图上看", "See it on the graph")                                                          \
    X(FirstLater, "深色：第一次练；浅色：再练", "Dark: first attempts; light: later ones")                    \
    X(Violates, "违背指南", "goes against a guideline")                                                        \
    X(Endings, "结局", "Endings")                                                                              \
    X(Pitfalls, "最常踩的坑", "Pitfalls hit most")                                                             \
    X(Times, "{} 次", "{} times")                                                                              \
    X(WeeksActive, "每周在学的学员", "Learners active each week")                                              \
    X(WeekRow, "{}：在学 {}，新来 {}，没动静 {}", "{}: {} active, {} new, {} gone quiet")                     \
    X(Export, "导出报告", "Export the report")                                                                 \
    X(Exported, "已导出到 {}", "Exported to {}")                                                               \
    X(OpenFolder, "打开文件夹", "Open the folder")

enum class D {
#define LINLI_DB_ENUM(key, zh, en) key,
    LINLI_DB_STRINGS(LINLI_DB_ENUM)
#undef LINLI_DB_ENUM
};

const char* dbs(const App& app, D id);
// Every string in both languages, for the font atlas.
std::string db_all_text();

}  // namespace linli::gui
