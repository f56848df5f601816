// One document open in the in-app Markdown editor (issue 13), with no ImGui in it. The editor view
// uses InputTextMultiline with NoUndoRedo and hands every changed buffer to edit(): this model owns
// undo and redo, the dirty flag, saving (atomically) and noticing another program's changes on disk.
//
// Undo steps are diffs (offset, removed, inserted), never copies of the text, and the history is
// capped, so a long document edited for an afternoon stays small. Offsets are bytes of UTF-8; a
// diff never splits a character. Not thread-safe: the line index and the dirty check are cached in
// const functions (the window calls everything from its one thread).
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli {

class EditorBuffer {
public:
    static constexpr size_t kDefaultHistoryLimit = 1000;
    static constexpr int64_t kTypingMergeMs = 1000;  // typing within this of the last key is one step

    // Reads the file (throws std::runtime_error "无法打开 …（why）/ cannot open …: why"); clean, no undo.
    static EditorBuffer open(const std::filesystem::path& file);
    // A new document not on disk yet: dirty until saved; save() creates the file.
    static EditorBuffer create(const std::filesystem::path& file, std::string text);

    const std::string& text() const { return text_; }
    const std::filesystem::path& path() const { return path_; }

    // The whole buffer after the UI changed it: one undo step made from the difference (common
    // prefix and suffix, on character boundaries), no-op if equal. Typing that continues within 1 s
    // (now_ms) where the last step ended merges into that step, and so does a run of Backspace or
    // Delete, so undo removes a typed word rather than a character. A newline, a paste of more than
    // one character, a deletion after an insertion (or the reverse), or a cursor jump start a new step.
    // `cursor`, when the view knows it (ImGui's CursorPos, a byte offset after the change), places a
    // key typed inside a run of equal characters where it was typed: the diff alone would put it at
    // the run's end, and the next key would then look like a jump.
    void edit(std::string new_text, int64_t now_ms, std::optional<size_t> cursor = std::nullopt);
    // Replaces the byte range [offset, offset + length) (clamped into the text; give character
    // boundaries, as find_next returns): find/replace, the privacy check's 替换. Always its own step.
    void replace(size_t offset, size_t length, std::string_view with, int64_t now_ms);

    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }
    // Returns where the cursor goes (byte offset: the end of the restored text), or nullopt.
    std::optional<size_t> undo();
    std::optional<size_t> redo();
    // Steps kept; the oldest are forgotten beyond the limit (at least 1).
    size_t undo_depth() const { return undo_.size(); }
    void set_history_limit(size_t steps);
    // Bytes of text the history holds (removed + inserted of every step): for tests and a status line.
    size_t history_bytes() const;

    // True when the text differs from what was last saved/opened/reloaded: undoing back to the saved
    // state makes it clean again, redoing away makes it dirty, and typing a letter then deleting it
    // is clean too. A created document is dirty until its first save.
    bool dirty() const;
    // Changes on every change of the text (edit, replace, undo, redo, reload), never repeats: for
    // callers that cache derived things (lint, preview, line index).
    uint64_t revision() const { return revision_; }

    // Atomic save (temporary file beside it, fsync, rename); on success clean and the disk stamp
    // refreshed. Throws std::runtime_error on failure and stays as it was (dirty, same path).
    void save();
    // Saves to `file` and from then on edits that file; on failure stays on the old path.
    void save_as(const std::filesystem::path& file);

    // Has another program changed the file since we opened/saved/reloaded it? Compares size and
    // mtime first (cheap, meant to be called every second), and only when the size is equal but the
    // mtime differs reads the file and compares a hash, so a touch without change is Same (and the
    // new mtime is remembered, so the next check is cheap again). A created document not saved yet
    // is Same while no file is there and Changed once another program makes one.
    enum class DiskState { Same, Changed, Deleted };
    DiskState check_disk() const;
    // Takes the file's text as it now is on disk: one undoable step (so unsaved edits can be brought
    // back with undo), clean afterwards. Throws like open() and then changes nothing.
    void reload();
    // The guard the window asks before closing/switching: true when closing would lose edits.
    bool close_would_lose_edits() const { return dirty(); }

    // Line index, recomputed at most once per revision. Lines are 1-based and end after '\n'; a text
    // ending in '\n' has an empty last line after it (where the cursor can go), "" has one line.
    int line_count() const;
    int line_of(size_t offset) const;       // offset clamped into the text; binary search
    size_t offset_of_line(int line) const;  // line clamped into [1, line_count()]

    // Find: byte offset of the next match at or after `from`, wrapping around to the start; nullopt
    // when absent or `needle` is empty. Case-sensitive byte match: Chinese text is matched as UTF-8
    // bytes, which can only match on character boundaries.
    std::optional<size_t> find_next(std::string_view needle, size_t from) const;
    // The last match starting before `before`, wrapping around to the end.
    std::optional<size_t> find_previous(std::string_view needle, size_t before) const;
    // Matches that do not overlap, counted from the start (0 for an empty needle).
    size_t count(std::string_view needle) const;

private:
    // How a step may grow: typing extends typing, Backspace/Delete extend a deletion; Other never.
    enum class Kind { Typing, Deleting, Other };
    struct Change {
        size_t offset = 0;
        std::string removed;
        std::string inserted;
    };
    struct Step {
        Change change;
        Kind kind = Kind::Other;
        int64_t last_ms = 0;     // when it last grew
        uint64_t state_id = 0;   // the text after it (a state id is never reused)
    };
    // What the clean text is: its state id and a fingerprint, for telling an equal text apart.
    struct Saved {
        uint64_t state_id = 0;
        size_t size = 0;
        uint64_t hash = 0;
    };
    // The file as we last knew it, for check_disk.
    struct DiskStamp {
        bool exists = false;
        uint64_t size = 0;
        int64_t mtime_ns = 0;
    };

    EditorBuffer(std::filesystem::path file, std::string text);
    static Change difference(std::string_view before, std::string_view after);
    static Kind kind_of(const Change& c);
    static void place_at_cursor(Change& c, std::string_view before, std::string_view after, size_t cursor);

    uint64_t current_state_id() const { return undo_.empty() ? base_state_id_ : undo_.back().state_id; }
    uint64_t text_hash() const;
    void apply(const Change& c);
    void unapply(const Change& c);
    bool merge_into_last(Change& c, Kind kind, int64_t now_ms);
    void push_step(Change c, Kind kind, int64_t now_ms);
    void text_changed() { ++revision_; }
    void mark_clean(const DiskStamp& stamp);
    void save_to(const std::filesystem::path& file);
    void ensure_line_index() const;

    std::filesystem::path path_;
    std::string text_;
    std::deque<Step> undo_;
    std::vector<Step> redo_;
    size_t history_limit_ = kDefaultHistoryLimit;
    uint64_t next_state_id_ = 1;
    uint64_t base_state_id_ = 0;  // the text before the oldest step kept
    bool can_merge_ = false;      // false after undo/redo/save/reload: the next key starts a step
    std::optional<Saved> saved_;  // nullopt: created and never saved
    mutable DiskStamp disk_;
    uint64_t revision_ = 1;

    mutable uint64_t hashed_revision_ = 0;
    mutable uint64_t hash_ = 0;
    mutable uint64_t indexed_revision_ = 0;
    mutable std::vector<size_t> line_starts_;
};

}  // namespace linli
