// The view table, generated from views.def.
#include "view.h"

namespace linli::gui {

#define LINLI_VIEW(key, cls, zh, en, place) std::unique_ptr<View> make_##cls();
#include "views.def"
#undef LINLI_VIEW

namespace {

const ViewInfo kViews[] = {
#define LINLI_VIEW(key, cls, zh, en, place) {ViewId::key, #key, zh, en, Place::place, make_##cls},
#include "views.def"
#undef LINLI_VIEW
};
static_assert(std::size(kViews) == static_cast<size_t>(ViewId::Count));

}  // namespace

const ViewInfo* view_table() { return kViews; }
const ViewInfo& view_info(ViewId id) { return kViews[static_cast<size_t>(id)]; }

std::string view_titles_text() {
    std::string s;
    for (const ViewInfo& v : kViews) (s += v.zh) += v.en;
    return s;
}

}  // namespace linli::gui
