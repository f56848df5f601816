#include "core/editor_buffer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "core/export_files.h"

namespace linli {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void cannot_open(const fs::path& file, int err) {
    std::string why = std::strerror(err);
    throw std::runtime_error("无法打开 " + file.string() + "（" + why + "）/ cannot open " + file.string() + ": " + why);
}

struct FileInfo {
    uint64_t size = 0;
    int64_t mtime_ns = 0;
};

FileInfo info_of(const struct stat& st) {
    return {uint64_t(st.st_size), int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

std::optional<FileInfo> stat_file(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return std::nullopt;
    return info_of(st);
}

struct FileRead {
    std::string bytes;
    FileInfo info;  // of the same open file, so it describes the bytes read
};

FileRead read_whole(const fs::path& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) cannot_open(file, errno);
    FileRead out;
    int err = 0;
    struct stat st {};
    if (::fstat(fd, &st) != 0) err = errno;
    else if (S_ISDIR(st.st_mode)) err = EISDIR;
    else out.info = info_of(st);
    char chunk[64 * 1024];
    while (err == 0) {
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n > 0) out.bytes.append(chunk, size_t(n));
        else if (n == 0) break;
        else if (errno != EINTR) err = errno;
    }
    ::close(fd);
    if (err != 0) cannot_open(file, err);
    return out;
}

uint64_t hash_of(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

bool is_continuation(std::string_view s, size_t i) { return i < s.size() && (uint8_t(s[i]) & 0xC0) == 0x80; }

// Bytes in the UTF-8 character a lead byte starts; 0 for a byte that cannot start one.
size_t character_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 0;
}

// One character, and not a line break: what a single key press types or deletes.
bool is_one_keystroke(std::string_view s) {
    if (s.empty() || s == "\n" || s == "\r") return false;
    if (character_length(uint8_t(s[0])) != s.size()) return false;
    for (size_t i = 1; i < s.size(); ++i)
        if (!is_continuation(s, i)) return false;
    return true;
}

// The run of copies of `ch` that ends at `offset`: an insertion or deletion of `ch` anywhere in it
// gives the same text, so the diff's offset (the rightmost) may stand for any of them.
size_t start_of_run(std::string_view text, size_t offset, std::string_view ch) {
    while (offset >= ch.size() && text.substr(offset - ch.size(), ch.size()) == ch) offset -= ch.size();
    return offset;
}

}  // namespace

// The same insertion or deletion moved left to where the cursor says it happened, when that gives
// the same text (a diff's prefix is the longest, so it places the change as far right as it can).
void EditorBuffer::place_at_cursor(Change& c, std::string_view before, std::string_view after, size_t cursor) {
    bool insertion = c.removed.empty();
    if (!insertion && !c.inserted.empty()) return;  // a replacement has one place only
    size_t n = insertion ? c.inserted.size() : c.removed.size();
    if (insertion && cursor < n) return;
    size_t at = insertion ? cursor - n : cursor;
    // Left of the diff the texts are equal, so a boundary in one is a boundary in the other.
    if (at >= c.offset || is_continuation(before, at)) return;
    if (insertion) {
        if (after.substr(at + n) != before.substr(at)) return;
        c.inserted = std::string(after.substr(at, n));
    } else {
        if (before.substr(at + n) != after.substr(at)) return;
        c.removed = std::string(before.substr(at, n));
    }
    c.offset = at;
}

EditorBuffer::EditorBuffer(std::filesystem::path file, std::string text)
    : path_(std::move(file)), text_(std::move(text)), base_state_id_(next_state_id_++) {}

EditorBuffer EditorBuffer::open(const std::filesystem::path& file) {
    FileRead read = read_whole(file);
    EditorBuffer buffer(file, std::move(read.bytes));
    buffer.mark_clean(DiskStamp{true, read.info.size, read.info.mtime_ns});
    return buffer;
}

EditorBuffer EditorBuffer::create(const std::filesystem::path& file, std::string text) {
    return EditorBuffer(file, std::move(text));  // never saved: dirty, and no file expected on disk
}

// ---- Changes and the history ----

EditorBuffer::Kind EditorBuffer::kind_of(const Change& c) {
    if (c.inserted.empty() && is_one_keystroke(c.removed)) return Kind::Deleting;
    // Also a key typed over a selection: it starts a step the next keys extend.
    if (is_one_keystroke(c.inserted)) return Kind::Typing;
    return Kind::Other;  // a newline, a paste, a cut, a replacement
}

void EditorBuffer::edit(std::string new_text, int64_t now_ms, std::optional<size_t> cursor) {
    if (new_text == text_) return;
    Change change = difference(text_, new_text);
    if (cursor) place_at_cursor(change, text_, new_text, *cursor);
    Kind kind = kind_of(change);
    if (!merge_into_last(change, kind, now_ms)) push_step(std::move(change), kind, now_ms);
    text_ = std::move(new_text);
    can_merge_ = true;
    text_changed();
}

void EditorBuffer::replace(size_t offset, size_t length, std::string_view with, int64_t now_ms) {
    offset = std::min(offset, text_.size());
    length = std::min(length, text_.size() - offset);
    Change change{offset, text_.substr(offset, length), std::string(with)};
    if (change.removed == change.inserted) return;
    apply(change);
    push_step(std::move(change), Kind::Other, now_ms);
    text_changed();
}

bool EditorBuffer::merge_into_last(Change& c, Kind kind, int64_t now_ms) {
    if (!can_merge_ || undo_.empty() || kind == Kind::Other) return false;
    Step& last = undo_.back();
    if (last.kind != kind || now_ms < last.last_ms || now_ms - last.last_ms > kTypingMergeMs) return false;
    std::string_view ch = kind == Kind::Typing ? c.inserted : c.removed;
    size_t earliest = start_of_run(text_, c.offset, ch);
    auto could_be_at = [&](size_t at) { return at >= earliest && at <= c.offset && (c.offset - at) % ch.size() == 0; };
    Change& step = last.change;
    if (kind == Kind::Typing) {
        size_t end = step.offset + step.inserted.size();
        if (!c.removed.empty() || !could_be_at(end)) return false;
        step.inserted += c.inserted;
    } else if (step.offset >= ch.size() && could_be_at(step.offset - ch.size())) {
        step.offset -= ch.size();  // Backspace: the character before the deleted run
        step.removed.insert(0, c.removed);
    } else if (could_be_at(step.offset)) {
        step.removed += c.removed;  // Delete: the character now where the run was
    } else {
        return false;
    }
    last.last_ms = now_ms;
    last.state_id = next_state_id_++;  // a new text: the old id (perhaps the saved one) no longer holds
    return true;
}

void EditorBuffer::push_step(Change c, Kind kind, int64_t now_ms) {
    redo_.clear();
    undo_.push_back(Step{std::move(c), kind, now_ms, next_state_id_++});
    while (undo_.size() > history_limit_) {
        base_state_id_ = undo_.front().state_id;
        undo_.pop_front();
    }
}

void EditorBuffer::apply(const Change& c) { text_.replace(c.offset, c.removed.size(), c.inserted); }
void EditorBuffer::unapply(const Change& c) { text_.replace(c.offset, c.inserted.size(), c.removed); }

std::optional<size_t> EditorBuffer::undo() {
    if (undo_.empty()) return std::nullopt;
    Step step = std::move(undo_.back());
    undo_.pop_back();
    unapply(step.change);
    size_t cursor = step.change.offset + step.change.removed.size();
    redo_.push_back(std::move(step));
    can_merge_ = false;
    text_changed();
    return cursor;
}

std::optional<size_t> EditorBuffer::redo() {
    if (redo_.empty()) return std::nullopt;
    Step step = std::move(redo_.back());
    redo_.pop_back();
    apply(step.change);
    size_t cursor = step.change.offset + step.change.inserted.size();
    undo_.push_back(std::move(step));
    can_merge_ = false;
    text_changed();
    return cursor;
}

void EditorBuffer::set_history_limit(size_t steps) {
    history_limit_ = std::max<size_t>(steps, 1);
    while (undo_.size() > history_limit_) {
        base_state_id_ = undo_.front().state_id;
        undo_.pop_front();
    }
}

size_t EditorBuffer::history_bytes() const {
    size_t bytes = 0;
    for (const Step& s : undo_) bytes += s.change.removed.size() + s.change.inserted.size();
    for (const Step& s : redo_) bytes += s.change.removed.size() + s.change.inserted.size();
    return bytes;
}

// ---- Clean and dirty ----

uint64_t EditorBuffer::text_hash() const {
    if (hashed_revision_ != revision_) {
        hash_ = hash_of(text_);
        hashed_revision_ = revision_;
    }
    return hash_;
}

bool EditorBuffer::dirty() const {
    if (!saved_) return true;
    if (current_state_id() == saved_->state_id) return false;
    // Another state: still clean if it happens to be the same text (typed a letter, deleted it).
    return text_.size() != saved_->size || text_hash() != saved_->hash;
}

void EditorBuffer::mark_clean(const DiskStamp& stamp) {
    saved_ = Saved{current_state_id(), text_.size(), text_hash()};
    disk_ = stamp;
    can_merge_ = false;  // undo after a save goes back to the saved text, not past it
}

// ---- The file ----

void EditorBuffer::save_to(const std::filesystem::path& file) {
    write_file_atomically(file, text_);
    // Unreadable stamp (should not happen): an unknown mtime makes the next check compare bytes.
    FileInfo info = stat_file(file).value_or(FileInfo{text_.size(), 0});
    mark_clean(DiskStamp{true, info.size, info.mtime_ns});
}

void EditorBuffer::save() { save_to(path_); }

void EditorBuffer::save_as(const std::filesystem::path& file) {
    save_to(file);
    path_ = file;
}

EditorBuffer::DiskState EditorBuffer::check_disk() const {
    std::optional<FileInfo> now = stat_file(path_);
    if (!now) return disk_.exists ? DiskState::Deleted : DiskState::Same;
    if (!disk_.exists || !saved_) return DiskState::Changed;  // someone made the file we meant to create
    if (now->size != disk_.size) return DiskState::Changed;
    if (now->mtime_ns == disk_.mtime_ns) return DiskState::Same;
    // Same size, new mtime: a touch, or a rewrite of equal length. Only the bytes can tell.
    try {
        FileRead read = read_whole(path_);
        if (read.bytes.size() == saved_->size && hash_of(read.bytes) == saved_->hash) {
            disk_ = DiskStamp{true, read.info.size, read.info.mtime_ns};
            return DiskState::Same;
        }
    } catch (const std::runtime_error&) {
        // Unreadable now: report it changed; reload() will say why.
    }
    return DiskState::Changed;
}

void EditorBuffer::reload() {
    FileRead read = read_whole(path_);
    if (read.bytes != text_) {
        push_step(difference(text_, read.bytes), Kind::Other, 0);
        text_ = std::move(read.bytes);
        text_changed();
    }
    mark_clean(DiskStamp{true, read.info.size, read.info.mtime_ns});
}

// ---- Lines and find ----

void EditorBuffer::ensure_line_index() const {
    if (indexed_revision_ == revision_) return;
    line_starts_.assign(1, 0);
    for (size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
    indexed_revision_ = revision_;
}

int EditorBuffer::line_count() const {
    ensure_line_index();
    return int(line_starts_.size());
}

int EditorBuffer::line_of(size_t offset) const {
    ensure_line_index();
    offset = std::min(offset, text_.size());
    return int(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
}

size_t EditorBuffer::offset_of_line(int line) const {
    ensure_line_index();
    line = std::clamp(line, 1, int(line_starts_.size()));
    return line_starts_[size_t(line - 1)];
}

std::optional<size_t> EditorBuffer::find_next(std::string_view needle, size_t from) const {
    if (needle.empty()) return std::nullopt;
    size_t at = text_.find(needle, std::min(from, text_.size()));
    if (at == std::string::npos) at = text_.find(needle);  // wrap around to the start
    if (at == std::string::npos) return std::nullopt;
    return at;
}

std::optional<size_t> EditorBuffer::find_previous(std::string_view needle, size_t before) const {
    if (needle.empty()) return std::nullopt;
    before = std::min(before, text_.size());
    size_t at = before > 0 ? text_.rfind(needle, before - 1) : std::string::npos;
    if (at == std::string::npos) at = text_.rfind(needle);  // wrap around to the end
    if (at == std::string::npos) return std::nullopt;
    return at;
}

size_t EditorBuffer::count(std::string_view needle) const {
    if (needle.empty()) return 0;
    size_t n = 0;
    for (size_t at = text_.find(needle); at != std::string::npos; at = text_.find(needle, at + needle.size())) ++n;
    return n;
}

// The one region where two texts differ: common prefix and suffix, both ending on character
// boundaries (居民 → 居氏: 民 and 氏 share the bytes E6 B0, but the step is 民 → 氏).
EditorBuffer::Change EditorBuffer::difference(std::string_view before, std::string_view after) {
    size_t shorter = std::min(before.size(), after.size());
    size_t prefix = 0;
    while (prefix < shorter && before[prefix] == after[prefix]) ++prefix;
    while (prefix > 0 && (is_continuation(before, prefix) || is_continuation(after, prefix))) --prefix;
    size_t suffix = 0;
    while (suffix < shorter - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
    while (suffix > 0 && (is_continuation(before, before.size() - suffix) || is_continuation(after, after.size() - suffix)))
        --suffix;
    return {prefix, std::string(before.substr(prefix, before.size() - prefix - suffix)),
            std::string(after.substr(prefix, after.size() - prefix - suffix))};
}

}  // namespace linli
