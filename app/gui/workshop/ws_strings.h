// The workshop's UI strings, Chinese first and English second, in one list (the app's own table in
// strings.h holds the learner's views). ws(app, W::X) looks one up in the current language.
#pragma once
#include <string>

namespace linli::gui {

struct App;

#define LINLI_WS_STRINGS(X)                                                                                   \
    X(SetupTitle, "开一场工作坊", "Run a workshop")                                                            \
    X(SetupHint, "投到投影上，各桌小组在每个决策点讨论、投票，最后一起复盘。",                                \
      "On the projector: table groups discuss and vote at each decision, then debrief together.")             \
    X(Drill, "演练", "Drill")                                                                                  \
    X(Groups, "小组", "Groups")                                                                                \
    X(GroupCount, "小组数", "Groups")                                                                          \
    X(Minutes, "每个决策讨论几分钟", "Minutes per decision")                                                   \
    X(Feedback, "反馈方式", "Feedback")                                                                        \
    X(Prepare, "准备页", "Preparation page")                                                                   \
    X(Start, "开始工作坊", "Start the workshop")                                                               \
    X(Resume, "继续上次的工作坊", "Resume the last workshop")                                                  \
    X(Discard, "不再继续它", "Discard it")                                                                     \
    X(ResumeHint, "上次的工作坊没有结束：", "A workshop was left unfinished: ")                                 \
    X(NoDrills, "文库里没有可用的演练。", "The library has no drill to run.")                                  \
    X(PrepTitle, "工作坊准备页", "Workshop preparation")                                                       \
    X(PrepKit, "工作坊工具包", "Workshop kit")                                                                 \
    X(PrepReading, "参考案例和指南", "Reference cases and guidelines")                                         \
    X(PrepQuestions, "讨论题", "Discussion questions")                                                         \
    X(PrepRoom, "分组安排", "Room plan")                                                                       \
    X(PrepTable, "桌", "Table")                                                                                \
    X(PrepPrint, "导出准备页（可打印）", "Export the preparation page (printable)")                            \
    X(Back, "返回", "Back")                                                                                    \
    X(Decision, "决策", "Decision")                                                                            \
    X(RoundDirection, "第一轮：先定方向", "Round 1: the direction")                                            \
    X(RoundOption, "第二轮：选方案", "Round 2: the option")                                                    \
    X(TimeLeft, "剩余时间", "Time left")                                                                       \
    X(TimeUp, "时间到", "Time is up")                                                                          \
    X(AddMinute, "+1 分钟", "+1 minute")                                                                       \
    X(Votes, "投票", "Votes")                                                                                  \
    X(Voted, "已投", "voted")                                                                                  \
    X(Reveal, "公布结果", "Reveal")                                                                            \
    X(RevealAll, "全部公布", "Reveal all")                                                                     \
    X(GoMajority, "按多数继续", "Go on with the majority")                                                     \
    X(GoGroup, "按这一组继续", "Go on with this group")                                                        \
    X(GoParallel, "各组分头走", "Each group its own path")                                                     \
    X(GoAll, "各路线按自己的票继续", "Every track goes on with its vote")                                      \
    X(Tie, "票数相同：请选一个", "A tie: pick one")                                                            \
    X(Note, "笔记", "Note")                                                                                    \
    X(NoteHint, "在这个决策点记一笔（回车保存）", "A note at this decision (Enter saves)")                     \
    X(Discuss, "复盘时讨论", "Discuss at the debrief")                                                         \
    X(Marked, "已标记：复盘时讨论", "Marked: discuss at the debrief")                                          \
    X(Hidden, "只给培训师看：各选项的反馈", "For the trainer only: each option's feedback")                    \
    X(HideBar, "隐藏控制栏 (H)", "Hide the controls (H)")                                                     \
    X(ShowBar, "H 显示控制栏", "H shows the controls")                                                        \
    X(Fullscreen, "全屏 (F11)", "Fullscreen (F11)")                                                            \
    X(Projector, "投影画面在第二块屏幕上", "The audience view is on the second screen")                       \
    X(KeysHint, "按键：小组号再按选项号投票 · R 公布 · M 按多数 · P 分头走 · D 复盘时讨论 · T +1 分钟 · E 复盘", \
      "Keys: group then option number · R reveal · M majority · P parallel · D discuss · T +1 min · E debrief") \
    X(Pending, "第 %d 组：按选项号", "Group %d: press the option")                                            \
    X(Track, "路线", "Track")                                                                                  \
    X(LastStep, "上一步：", "Last step: ")                                                                     \
    X(SplitFrom, "从「%s」起，各组分头走", "From \"%s\" on, each group goes its own way")                       \
    X(Ended, "已到结局", "Ended")                                                                              \
    X(Spread, "投票分布", "The spread")                                                                        \
    X(NoVotes, "还没有票", "No votes yet")                                                                     \
    X(ToDebrief, "进入复盘", "To the debrief")                                                                 \
    X(StopHere, "到此为止，复盘", "Stop here and debrief")                                                     \
    X(DebriefTitle, "工作坊复盘", "Workshop debrief")                                                          \
    X(PerGroup, "各组的路径", "Each group's path")                                                             \
    X(Splits, "各组分歧的决策", "Where the groups split")                                                      \
    X(NoSplits, "各组每次都选了同一项。", "The groups always chose alike.")                                    \
    X(Better, "更好的做法", "The better path")                                                                 \
    X(TrainerNotes, "培训师笔记", "The trainer's notes")                                                       \
    X(LeftBest, "在「%s」之后，就走不到「好」的结局了", "After \"%s\" no 好 ending was reachable")              \
    X(StayedBest, "一路都在最好的路径上", "Stayed on the best path")                                           \
    X(Pitfalls, "踩到的坑", "Pitfalls hit")                                                                    \
    X(NotEnded, "未到结局", "Not ended")                                                                       \
    X(ExportTo, "导出到文件夹", "Export to the folder")                                                        \
    X(Export, "导出复盘 (E)", "Export the debrief (E)")                                                        \
    X(Exported, "已导出：", "Exported: ")                                                                      \
    X(Open, "打开 (O)", "Open (O)")                                                                            \
    X(Close, "结束工作坊", "End the workshop")                                                                 \
    X(Group, "第%d组", "Group %d")

enum class W {
#define LINLI_WS_ENUM(key, zh, en) key,
    LINLI_WS_STRINGS(LINLI_WS_ENUM)
#undef LINLI_WS_ENUM
};

const char* ws(const App& app, W id);
std::string ws_all_text();  // every workshop string in both languages, for the font atlas

}  // namespace linli::gui
