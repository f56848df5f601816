// A view of the window: one class per view, one file each in views/, registered in views.def,
// which the navigation, the title bar, the persisted "last view" and the string lookups all read.
// A view owns its state and what it derives; App holds only what several views share.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace linli::gui {

struct App;

// Where a view shows: in the sidebar, only when an action opens it, or over any other view.
enum class Place { Sidebar, Hidden, Overlay };

enum class ViewId {
#define LINLI_VIEW(key, cls, zh, en, place) key,
#include "views.def"
#undef LINLI_VIEW
    Count
};

// What a view is entered with.
struct Route {
    std::string doc;     // a document id (reader, drill)
    bool fresh = false;  // drill: start a new attempt instead of resuming
    bool play = false;   // drill: go straight to playing, past the cover
    std::vector<int> choices;  // drill: take these (numbered as shown) at once, e.g. from --drill-choices
    std::string query;         // search: start with this query
};

class View {
public:
    virtual ~View() = default;
    virtual void draw(App& app) = 0;
    // Shown (again); `route` says with what.
    virtual void enter(App&, const Route&) {}
    virtual void leave(App&) {}
    // The library is about to be replaced: a worker reading the old catalog must stop first.
    virtual void before_reload(App&) {}
    // The library was reloaded: anything pointing into the old catalog must be dropped or found again.
    virtual void reloaded(App&) {}
    // The window is asked to close: a view holding unsaved work returns true (and asks about it;
    // the window stays open and shows it).
    virtual bool holds_close(App&) { return false; }
    // The window title while this view is shown; empty for the app's name alone.
    virtual std::string window_title(const App&) const { return {}; }
    // The sidebar label, when it says more than the title (a count).
    virtual std::string nav_label(const App&, const char* title) const { return title; }
    // An overlay that is open takes the keyboard from the view below it.
    virtual bool takes_keyboard() const { return false; }
    // The window opening on this view: the library text its first frame shows, so the first atlas
    // need hold only that (besides the UI strings). None: the whole library's characters.
    virtual std::optional<std::string> first_frame_text(const App&) { return std::nullopt; }
    // Still computing what it shows (on a worker): the benchmark's frames wait for it.
    virtual bool busy() const { return false; }
    // The view takes the whole window, without the menu and the sidebar (a projector's stage).
    virtual bool fills_window(const App&) const { return false; }
};

struct ViewInfo {
    ViewId id;
    const char* key;  // persisted as the last view
    const char* zh;
    const char* en;
    Place place;
    std::unique_ptr<View> (*make)();
};

// The table, in views.def order.
const ViewInfo* view_table();
const ViewInfo& view_info(ViewId id);
// Every view title in every language, for the font atlas.
std::string view_titles_text();

}  // namespace linli::gui

// Ends a view's file: the factory views.def refers to.
#define LINLI_DEFINE_VIEW(cls) \
    std::unique_ptr<::linli::gui::View> make_##cls() { return std::make_unique<cls>(); }
