// A fast reader of an event's payload (sync/src/payload.cpp), for apply(), which reads one per
// imported event.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::derived {

// An event's payload read as nlohmann::json would read it (same acceptance, same values, the
// last of duplicate keys), but without building a document: apply() reads one per event, and
// the DOM cost as much as the statements. Only top-level members are kept; nested values are
// checked and skipped.
class Payload {
public:
    bool parse(std::string_view json);  // false unless `json` is one valid JSON object
    bool ok() const { return ok_; }     // what the last parse returned
    // "" unless `key` holds a string.
    std::string str(std::string_view key) const;
    // The same without a copy: a view into the parsed text, or into `scratch` when the string has
    // escapes. Valid until the next parse (or the next use of `scratch`).
    std::string_view str_view(std::string_view key, std::string& scratch) const;
    // 0 unless `key` holds an integer (a large unsigned one wraps, as json::get<int64_t> does).
    int64_t integer(std::string_view key) const;
    // Any number, as a double; nullopt when `key` holds none.
    std::optional<double> number(std::string_view key) const;

private:
    enum Type { String, Integer, Unsigned, Real, Other };
    struct Member {
        std::string_view key, value;  // raw text between the quotes (strings) or of the number
        bool key_escaped = false, value_escaped = false;
        Type type = Other;
        int64_t i = 0;  // Integer
        uint64_t u = 0;  // Unsigned
        double d = 0;    // Real
    };
    friend struct NumberReader;
    const Member* find(std::string_view key) const;
    bool read_members(std::string_view json);
    std::vector<Member> members_;
    bool ok_ = false;
};

// The text of a JSON string's contents (between its quotes) with escapes decoded. `raw` must be
// valid, as Payload::parse checks.
std::string unescape(std::string_view raw);

}  // namespace linli::derived
