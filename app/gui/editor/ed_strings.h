// The editor's UI strings (the 编写 view, its graph, its trial play, its pack export, and the
// packs Home offers), Chinese first and English second, in one list. eds(app, E::X) looks one up in the current language.
#pragma once
#include <string>

namespace linli::gui {

struct App;

#define LINLI_ED_STRINGS(X)                                                                                   \
    X(Title, "编写", "Author")                                                                                 \
    X(NewCase, "新建案例", "New case")                                                                         \
    X(NewDrill, "新建演练", "New drill")                                                                       \
    X(NewGuideline, "新建指南", "New guideline")                                                               \
    X(OpenDoc, "打开文档…", "Open a document…")                                                               \
    X(ExportPack, "导出资料包…", "Export a pack…")                                                            \
    X(OpenHint, "我的文库里的文档", "Documents in my library")                                                 \
    X(NoOwnDocs, "我的文库里还没有文档：先新建一个。", "No documents in your library yet: create one.")        \
    X(Save, "保存", "Save")                                                                                    \
    X(Saved, "已保存", "Saved")                                                                                \
    X(Unsaved, "● 未保存", "● unsaved")                                                                        \
    X(Empty, "新建一份案例、演练或指南，或打开我的文库里的文档。写的时候随时检查，保存后就出现在文库里。",      \
      "Create a case, a drill or a guideline, or open one of your documents. It is checked as you type and "   \
      "appears in the library once saved.")                                                                    \
    X(Find, "查找", "Find")                                                                                    \
    X(FindNext, "下一个", "Next")                                                                              \
    X(FindCount, "{} 处", "{} found")                                                                          \
    X(Preview, "预览", "Preview")                                                                              \
    X(Graph, "结构图", "Graph")                                                                                \
    X(Play, "试玩", "Play")                                                                                    \
    X(PlayFromHere, "从这里试玩", "Play from here")                                                            \
    X(PlayFrom, "从「{}」开始", "From “{}”")                                                                   \
    X(StartState, "起始状态", "Starting state")                                                                \
    X(StartTrial, "开始试玩", "Start the trial")                                                               \
    X(Restart, "重新开始", "Start again")                                                                      \
    X(TrialNote, "试玩不记进度。", "A trial play is not recorded.")                                            \
    X(TrialEnd, "结局：{}（{}）", "Ending: {} ({})")                                                            \
    X(Continue, "继续", "Continue")                                                                            \
    X(NoDrill, "修好上面的错误后，这里显示演练的结构。", "Fix the errors above to see the drill's structure.") \
    X(Checking, "正在检查…", "Checking…")                                                                     \
    X(CheckedClean, "没有问题（{:.0f} 毫秒）", "No problems ({:.0f} ms)")                                     \
    X(Problems, "{} 个错误，{} 个警告", "{} errors, {} warnings")                                             \
    X(FixPrivate, "替换为化名/××", "Replace with a pseudonym/××")                                             \
    X(Unreachable, "到不了", "unreachable")                                                                   \
    X(DeadEnd, "走不出去", "dead end")                                                                        \
    X(Overlay, "叠加班级数据", "Cohort overlay")                                                               \
    X(OverlayHint, "线越粗，选它的人越多（班级看板里的 {} 位学员）", "Thicker: more learners took it ({} in the dashboard)") \
    X(GraphHint, "拖动平移，滚轮缩放，点节点跳到源文件", "Drag to pan, wheel to zoom, click a node to jump to its source") \
    X(Effects, "效果：{}", "Effects: {}")                                                                     \
    X(Condition, "条件：{}", "Condition: {}")                                                                 \
    X(Violates, "违背：{}", "Goes against: {}")                                                               \
    X(Applies, "运用：{}", "Applies: {}")                                                                      \
    X(GuardTitle, "还没保存", "Unsaved changes")                                                               \
    X(GuardText, "「{}」有没保存的修改。", "“{}” has changes that are not saved.")                              \
    X(SaveFirst, "保存", "Save")                                                                               \
    X(Discard, "不保存", "Don't save")                                                                         \
    X(Cancel, "取消", "Cancel")                                                                                \
    X(DiskTitle, "文件在别处改过了", "Changed elsewhere")                                                      \
    X(DiskText, "「{}」被别的程序改过了。载入磁盘上的版本吗？（你的修改可以撤销找回。）",                       \
      "“{}” was changed by another program. Load the version on disk? (Undo brings your edits back.)")         \
    X(DiskDeleted, "「{}」在磁盘上被删了。保存会重新创建它。", "“{}” was deleted on disk. Saving creates it again.") \
    X(Reload, "载入磁盘上的版本", "Load the version on disk")                                                   \
    X(KeepMine, "保留我的修改", "Keep my edits")                                                               \
    X(ReadOnly, "这是内置文档，不能在这里改：新建一份，把要改的内容写进去。",                                 \
      "A bundled document cannot be changed here: create one of your own and write the changes there.")        \
    X(PackTitle, "导出资料包", "Export a pack")                                                                \
    X(PackName, "标题", "Title")                                                                               \
    X(PackAuthor, "作者", "Author")                                                                            \
    X(PackFilter, "筛选", "Filter")                                                                            \
    X(PackExport, "导出", "Export")                                                                            \
    X(PackClose, "取消", "Close")                                                                              \
    X(PackNone, "请至少选一篇", "Tick at least one document")                                                  \
    X(PackFindings, "{} 处疑似居民的个人信息：", "{} possible residents' details:")                           \
    X(PackConfirm, "我已检查，确认照样导出", "I have checked them: export anyway")                            \
    X(PackExported, "已导出到 {}（{} 篇）", "Exported to {} ({} documents)")                                  \
    X(PackOpenFolder, "打开文件夹", "Open the folder")                                                         \
    X(OfferHead, "培训师发来 {} 篇新资料", "Your trainer sent {} new documents")                              \
    X(OfferImport, "导入", "Import")                                                                           \
    X(OfferDecline, "不要，也别再问", "Not now, and don't ask again")                                          \
    X(OfferDone, "已导入 {} 篇到我的文库", "Imported {} documents into your library")                         \
    X(KindCase, "案例", "case")                                                                                \
    X(KindDrill, "演练", "drill")                                                                              \
    X(KindGuideline, "指南", "guideline")                                                                      \
    X(SaveFailed, "保存失败：{}", "Could not save: {}")

enum class E {
#define LINLI_ED_ENUM(key, zh, en) key,
    LINLI_ED_STRINGS(LINLI_ED_ENUM)
#undef LINLI_ED_ENUM
};

const char* eds(const App& app, E id);
// Every string in both languages, for the font atlas.
std::string ed_all_text();

}  // namespace linli::gui
