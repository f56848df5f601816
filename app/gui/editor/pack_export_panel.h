// 导出资料包 in the editor: the instructor ticks documents, names the pack, and exports it with
// the images it uses (core/pack.h) to ~/Linli 资料包/. The privacy check runs on what is ticked
// first: with findings, the export waits for an explicit confirmation.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "cases/buffer_lint.h"

namespace linli::gui {

struct App;

class PackExportPanel {
public:
    void open(App&);
    void draw(App& app);  // the modal, when open

private:
    void check_privacy(App& app);
    void export_now(App& app);

    bool open_ = false;
    std::set<std::string> chosen_;  // document ids
    char filter_[128] = {}, title_[128] = {}, author_[64] = {};
    std::vector<Diagnostic> findings_;  // of the chosen documents, as the export would carry them
    bool checked_ = false;              // findings_ is for chosen_ as it is
    bool confirmed_ = false;            // "I have checked: export with them"
    std::string done_, error_;
    std::string written_;               // the pack's path, for 打开文件夹
};

}  // namespace linli::gui
