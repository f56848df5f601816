#include "strings.h"

namespace linli::gui {
namespace {

struct Entry {
    const char* zh;
    const char* en;
};

// In the order of enum Str.
constexpr Entry kStrings[] = {
    {"邻里 Linli", "Linli"},
    {"视图", "View"},
    {"语言 Language", "Language 语言"},
    {"浅色主题", "Light theme"},
    {"深色主题", "Dark theme"},
    {"放大文字", "Larger text"},
    {"缩小文字", "Smaller text"},
    {"退出", "Quit"},
    {"欢迎来到邻里：社区实务的避坑指南、真实案例和情景演练。",
     "Welcome to Linli: pitfall guidelines, real cases and scenario drills for community practice."},
    {"继续阅读", "Continue reading"},
    {"还没有读过的文档。从文库里挑一篇开始吧。", "Nothing read yet. Pick a document in the library to start."},
    {"最近更新", "What is new"},
    {"文库概况", "In the library"},
    {"指南", "Guideline"},
    {"案例", "Case"},
    {"演练", "Drill"},
    {"篇文档", "documents"},
    {"已读完", "read to the end"},
    {"类型", "Kind"},
    {"标签", "Tag"},
    {"相关方", "Stakeholder"},
    {"排序", "Sort"},
    {"按标题", "By title"},
    {"按更新日期", "By date updated"},
    {"按类型", "By kind"},
    {"全部", "All"},
    {"已读", "Read"},
    {"未读", "Unread"},
    {"读过一部分", "Started"},
    {"标题", "Title"},
    {"类型", "Kind"},
    {"更新", "Updated"},
    {"状态", "Status"},
    {"没有符合条件的文档。", "No documents match."},
    {"后退", "Back"},
    {"前进", "Forward"},
    {"被以下文档引用", "Linked from"},
    {"还没有文档链接到这里。", "No document links here yet."},
    {"更新于", "Updated"},
    {"标签", "Tags"},
    {"相关方", "Stakeholders"},
    {"来源", "Sources"},
    {"已读完", "Read to the end"},
    {"输入关键词，如：物业、议事、业委会", "Type to search, e.g. 物业, 议事, 业委会"},
    {"正在建立搜索索引……", "Building the search index…"},
    {"没有找到结果。", "No results."},
    {"↑↓ 选择　Enter 打开　Esc 关闭", "↑↓ select   Enter open   Esc close"},
    {"没有发现问题，所有文档都已加载。", "No problems: every document loaded."},
    {"个问题", "problems"},
    {"位置", "Where"},
    {"级别", "Severity"},
    {"说明", "Message"},
    {"错误", "error"},
    {"警告", "warning"},
    {"在文库或搜索中选择一篇文档。", "Choose a document in the library or search."},
    {"找不到中文字体。请安装 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk）。",
     "No Chinese font found. Install fonts-noto-cjk (sudo apt-get install fonts-noto-cjk)."},
    {"开始演练", "Start the drill"},
    {"继续演练", "Continue the drill"},
    {"重新开始", "Start over"},
    {"返回文档", "Back to the document"},
    {"你的选择", "You chose"},
    {"继续", "Continue"},
    {"运用了", "Applies"},
    {"违背了", "Goes against"},
    {"结局", "Ending"},
    {"你走过的路径", "The path you took"},
    {"踩到的坑", "Pitfalls you hit"},
    {"这次没有踩坑。", "No pitfalls this time."},
    {"更好的做法", "The better path"},
    {"状态变化", "How the state changed"},
    {"历次尝试", "Attempts"},
    {"最好结局", "Best ending"},
    {"未完成", "unfinished"},
    {"当前状态", "State"},
    {"按数字键 1–9 选择", "Press 1–9 to choose"},
    {"此时没有可选的行动。", "No choice is available here."},
    {"评级", "Rating"},
    {"欢迎使用邻里！先填一下你的名字；如果要和其他电脑或培训班同步进度，再选一个共享文件。",
     "Welcome to Linli! Tell us your name; to sync progress with other computers or your cohort, choose a shared file."},
    {"学员", "Learner"},
    {"名字", "Name"},
    {"班级 / 小组（可不填）", "Cohort (optional)"},
    {"学员 ID", "Learner id"},
    {"设备 ID", "Device id"},
    {"以已有学员继续", "Continue as an existing learner"},
    {"在另一台电脑上用过邻里？把那边的学员 ID 粘贴到这里，两边的进度就会合在一起。",
     "Used Linli on another computer? Paste its learner id here and both computers' progress becomes one."},
    {"同步", "Sync"},
    {"共享文件", "Shared file"},
    {"U 盘、网络共享或坚果云/Dropbox 等同步文件夹里的一个文件，例如 /media/u盘/班级进度.linli",
     "A file on a USB stick, a network share or a cloud-synced folder, e.g. /media/usb/cohort.linli"},
    {"自动同步间隔（分钟）", "Sync every (minutes)"},
    {"立即同步", "Sync now"},
    {"保存", "Save"},
    {"尚未同步", "Not synced yet"},
    {"正在同步……", "Syncing…"},
    {"上次同步", "Last sync"},
    {"收到", "received"},
    {"发出", "sent"},
    {"同步失败", "Sync failed"},
    {"进度暂时无法保存，正在重试", "Progress cannot be saved just now; retrying"},
    {"本次的进度无法保存", "Progress is not saved this session"},
    {"条进度等待保存", "changes waiting to be saved"},
    {"出错了，这一步没有完成", "Something went wrong; that step did not finish"},
    {"知道了", "Dismiss"},
    {"个决策点", "decisions"},
    {"种结局", "endings"},
    {"演练跟踪的状态", "What the drill tracks"},
    {"标记", "Flags"},
    {"工作坊工具包", "Workshop kit"},
    {"继续上次的演练", "Resume the drill"},
    {"查看源文件（含答案）", "View the source (shows the answers)"},
    {"返回封面", "Back to the cover"},
    {"源文件里有每个选项的效果和反馈：先演练，再看答案。",
     "The source shows every choice's effects and feedback: play first, then look."},
    {"还没有演练过。", "Not played yet."},
    {"范围", "range"},
    {"开场情境", "The opening scene"},
};
static_assert(std::size(kStrings) == static_cast<size_t>(Str::Count), "one entry per Str");

}  // namespace

const char* Strings::tr(Str id) const {
    const Entry& e = kStrings[static_cast<size_t>(id)];
    return lang_ == Lang::Zh ? e.zh : e.en;
}

std::string Strings::all_text() {
    std::string s;
    for (const Entry& e : kStrings) (s += e.zh) += e.en;
    return s;
}

}  // namespace linli::gui
