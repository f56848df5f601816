// The privacy detectors: one linear pass over the bytes per kind, then the candidates are made
// non-overlapping and given their place, replacement and message. Every pattern is anchored on
// ASCII digits or on a few fixed UTF-8 words, so the scan never decodes more than it must.
#include "content/privacy.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>

#include "content/utf8.h"

namespace linli {
namespace {

constexpr std::string_view kCross = "×";  // U+00D7, what replaces a letter or digit
constexpr std::string_view kMou = "某";    // 王秀兰 → 王某

// ---------------------------------------------------------------------------------------------
// Byte helpers. Only ASCII letters and digits matter to the patterns; every other byte (UTF-8
// included) is a boundary.

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || is_upper(c); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

bool digit_at(std::string_view s, size_t i) { return i < s.size() && is_digit(s[i]); }
bool alnum_at(std::string_view s, size_t i) { return i < s.size() && is_alnum(s[i]); }
bool alnum_before(std::string_view s, size_t i) { return i > 0 && is_alnum(s[i - 1]); }
bool digit_before(std::string_view s, size_t i) { return i > 0 && is_digit(s[i - 1]); }

// Words are a few bytes long and most comparisons fail at the first or second byte: a plain loop
// beats calling memcmp here, which the scanners would do at nearly every byte.
bool bytes_equal(const char* a, std::string_view word) {
    for (size_t k = 0; k < word.size(); ++k)
        if (a[k] != word[k]) return false;
    return true;
}
bool word_at(std::string_view s, size_t i, std::string_view word) {
    return i <= s.size() && s.size() - i >= word.size() && bytes_equal(s.data() + i, word);
}
bool word_before(std::string_view s, size_t i, std::string_view word) { return i >= word.size() && bytes_equal(s.data() + i - word.size(), word); }

char ascii_lower(char c) { return is_upper(c) ? static_cast<char>(c + 32) : c; }

bool word_at_ignoring_case(std::string_view s, size_t i, std::string_view lower_word) {
    if (i + lower_word.size() > s.size()) return false;
    for (size_t k = 0; k < lower_word.size(); ++k)
        if (ascii_lower(s[i + k]) != lower_word[k]) return false;
    return true;
}

// Whether one of `words` could start with byte c: the scanners ask this at every byte, before
// comparing any word, so plain Chinese text costs a few byte compares.
template <size_t N>
bool may_start_any(char c, const std::array<std::string_view, N>& words) {
    for (std::string_view w : words)
        if (c == w[0]) return true;
    return false;
}

// Which of `words` starts at s[i] (the first listed wins, so list longer words first); 0 if none.
template <size_t N>
size_t which_word_at(std::string_view s, size_t i, const std::array<std::string_view, N>& words) {
    for (std::string_view w : words)
        if (word_at(s, i, w)) return w.size();
    return 0;
}

size_t digit_run_end(std::string_view s, size_t i) {
    while (digit_at(s, i)) ++i;
    return i;
}

bool all_digits(std::string_view s, size_t i, size_t count) { return i + count <= s.size() && digit_run_end(s, i) >= i + count; }

// Skips one optional ':' or '：' and then any spaces; `colon` says whether a colon was there.
size_t skip_colon_and_spaces(std::string_view s, size_t i, bool& colon) {
    colon = false;
    if (word_at(s, i, ":")) { i += 1; colon = true; }
    else if (word_at(s, i, "：")) { i += 3; colon = true; }
    while (word_at(s, i, " ")) ++i;
    return i;
}

struct Span {
    PrivacyKind kind;
    size_t begin, end;
};

// ---------------------------------------------------------------------------------------------
// Mobile: 1[3-9]\d{9}, or 3-4-4 with one separator used twice.

size_t mobile_digits_end(std::string_view s, size_t i) {
    if (!word_at(s, i, "1") || i + 1 >= s.size() || s[i + 1] < '3' || s[i + 1] > '9') return 0;
    if (all_digits(s, i, 11) && !alnum_at(s, i + 11)) return i + 11;
    if (!all_digits(s, i, 3) || i + 13 > s.size()) return 0;
    char sep = s[i + 3];
    if ((sep != '-' && sep != ' ') || !all_digits(s, i + 4, 4) || s[i + 8] != sep || !all_digits(s, i + 9, 4)) return 0;
    return alnum_at(s, i + 13) ? 0 : i + 13;
}

// End of a mobile number that starts exactly at i, with its +86 / 86- prefix if any; 0 if none.
// The caller checks what comes before i.
size_t mobile_end(std::string_view s, size_t i) {
    if (word_at(s, i, "+86")) {
        size_t p = i + 3;
        if (word_at(s, p, "-") || word_at(s, p, " ")) ++p;
        return mobile_digits_end(s, p);
    }
    if (word_at(s, i, "86-")) return mobile_digits_end(s, i + 3);
    return mobile_digits_end(s, i);
}

void scan_mobiles(std::string_view s, std::vector<Span>& out) {
    for (size_t i = 0; i < s.size(); ++i) {
        if ((s[i] != '+' && s[i] != '1' && s[i] != '8') || alnum_before(s, i)) continue;
        if (size_t end = mobile_end(s, i)) {
            out.push_back({PrivacyKind::Mobile, i, end});
            i = end - 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Landline: area code + 7–8 digits (+ extension), or 7–8 digits after a phone keyword.

// End of a 7–8 digit local number at i with an optional -ext of 1–4 digits; 0 if none.
size_t local_number_end(std::string_view s, size_t i) {
    size_t end = digit_run_end(s, i);
    if (end - i < 7 || end - i > 8 || alnum_at(s, end)) return 0;
    if (word_at(s, end, "-")) {
        size_t ext_end = digit_run_end(s, end + 1);
        if (ext_end - end - 1 >= 1 && ext_end - end - 1 <= 4 && !alnum_at(s, ext_end)) return ext_end;
    }
    return end;
}

// 0\d{2,3} starting at i: its end, or 0.
size_t area_code_end(std::string_view s, size_t i) {
    size_t end = digit_run_end(s, i);
    return word_at(s, i, "0") && end - i >= 3 && end - i <= 4 ? end : 0;
}

size_t landline_end(std::string_view s, size_t i) {
    if (is_digit(s[i])) {  // 010-12345678
        size_t area = area_code_end(s, i);
        return area && word_at(s, area, "-") ? local_number_end(s, area + 1) : 0;
    }
    constexpr std::array<std::string_view, 2> opening{"(", "（"}, closing{")", "）"};
    size_t open = which_word_at(s, i, opening);  // (010)12345678, （010）12345678
    if (!open) return 0;
    size_t area = area_code_end(s, i + open);
    size_t close = area ? which_word_at(s, area, closing) : 0;
    if (!close) return 0;
    size_t local = area + close;
    if (word_at(s, local, " ") || word_at(s, local, "-")) ++local;
    return local_number_end(s, local);
}

// 电话 ends 联系电话 too, so two keywords cover all three.
constexpr std::array<std::string_view, 2> kPhoneKeywords{"电话", "座机"};
constexpr std::array<std::string_view, 3> kLandlineStarts{"0", "(", "（"};

size_t after_phone_keyword(std::string_view s, size_t i) {
    size_t k = which_word_at(s, i, kPhoneKeywords);
    if (!k) return 0;
    bool colon;
    return skip_colon_and_spaces(s, i + k, colon);
}

void scan_landlines(std::string_view s, std::vector<Span>& out) {
    for (size_t i = 0; i < s.size(); ++i) {
        size_t local = may_start_any(s[i], kPhoneKeywords) ? after_phone_keyword(s, i) : 0;
        if (local) {
            if (size_t end = local_number_end(s, local)) {
                out.push_back({PrivacyKind::Landline, local, end});
                i = end - 1;
            }
            continue;
        }
        if (!may_start_any(s[i], kLandlineStarts) || alnum_before(s, i)) continue;
        if (size_t end = landline_end(s, i)) {
            out.push_back({PrivacyKind::Landline, i, end});
            i = end - 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ID numbers: 18 characters whose check digit and birth date are right.

bool is_real_date(int year, int month, int day) {
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days_in[month - 1] + (month == 2 && leap);
}

int number_at(std::string_view s, size_t i, size_t digits) {
    int n = 0;
    for (size_t k = 0; k < digits; ++k) n = n * 10 + (s[i + k] - '0');
    return n;
}

// ISO 7064 MOD 11-2 over the first 17 digits gives the 18th character.
char id_check_character(std::string_view first17) {
    static constexpr int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (size_t k = 0; k < 17; ++k) sum += (first17[k] - '0') * weights[k];
    return "10X98765432"[sum % 11];
}

bool is_valid_id_number(std::string_view id) {
    char last = id[17] == 'x' ? 'X' : id[17];
    return id_check_character(id) == last && is_real_date(number_at(id, 6, 4), number_at(id, 10, 2), number_at(id, 12, 2));
}

void scan_id_numbers(std::string_view s, std::vector<Span>& out) {
    for (size_t i = 0; i < s.size(); ++i) {
        if (!is_digit(s[i]) || alnum_before(s, i)) continue;
        size_t run = digit_run_end(s, i);
        size_t end = run - i == 17 && (word_at(s, run, "X") || word_at(s, run, "x")) ? run + 1 : run;
        if (end - i == 18 && !alnum_at(s, end) && is_valid_id_number(s.substr(i, 18)))
            out.push_back({PrivacyKind::IdNumber, i, end});
        i = end - 1;
    }
}

// ---------------------------------------------------------------------------------------------
// Addresses: numbers bound to address units, consecutive parts joined.

// Digits, optionally joined by '-' (12-3号, 301-302室).
size_t address_number_end(std::string_view s, size_t i) {
    size_t end = digit_run_end(s, i);
    while (word_at(s, end, "-") && digit_at(s, end + 1)) end = digit_run_end(s, end + 1);
    return end;
}

// 3室2厅, 3室一厅: a flat's layout, not a room number.
bool is_flat_layout(std::string_view s, size_t after_room) {
    constexpr std::array<std::string_view, 4> small_numbers{"一", "二", "两", "三"};
    size_t p = digit_run_end(s, after_room);
    if (p == after_room) p += which_word_at(s, p, small_numbers);
    return word_at(s, p, "厅");
}

// 3号上午, 1号线, 3号文件: a 号 that is a date or a serial number, not a house number.
bool is_serial_or_date(std::string_view s, size_t after_hao) {
    constexpr std::array<std::string_view, 10> words{"线", "文", "令", "上午", "下午", "中午", "晚", "早", "凌晨", "夜"};
    return which_word_at(s, after_hao, words) != 0;
}

bool after_street_word(std::string_view s, size_t i) {
    for (std::string_view street : {"路", "街", "巷", "道", "里"})
        if (word_before(s, i, street)) return true;
    return false;
}

// End of one address part starting at the digits at i, or 0. A plain <digits>号 is a house
// number only after a street word, or after another address part (`house_number_ok`).
size_t address_part_end(std::string_view s, size_t i, bool house_number_ok) {
    size_t number = address_number_end(s, i);
    if (number == i) return 0;
    constexpr std::array<std::string_view, 6> units{"号楼", "栋", "幢", "单元", "室", "弄"};
    if (size_t unit = which_word_at(s, number, units)) {
        if (word_at(s, number, "室") && is_flat_layout(s, number + unit)) return 0;
        return number + unit;
    }
    if (word_at(s, number, "号") && house_number_ok && !is_serial_or_date(s, number + 3)) return number + 3;
    return 0;
}

void scan_addresses(std::string_view s, std::vector<Span>& out) {
    for (size_t i = 0; i < s.size(); ++i) {
        if (!is_digit(s[i]) || digit_before(s, i) || word_before(s, i, "第")) continue;
        const bool street = after_street_word(s, i);
        size_t end = address_part_end(s, i, street);
        if (!end) continue;
        int parts = 1;
        while (size_t next = address_part_end(s, end, true)) end = next, ++parts;
        // A building alone (6号楼, 3栋) names no household, and stories are full of them: a detail
        // is a street's house number, a room, or a building with its unit or room.
        const bool room = s.substr(0, end).ends_with("室");
        if (parts == 1 && !street && !room) {
            i = end - 1;
            continue;
        }
        out.push_back({PrivacyKind::Address, i, end});
        i = end - 1;
    }
}

// ---------------------------------------------------------------------------------------------
// Plates: 京A·12345, 粤B D12345.

bool is_province_abbreviation(char32_t c) {
    static constexpr std::u32string_view provinces = U"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    return provinces.find(c) != std::u32string_view::npos;
}

// End of a plate whose province character ends at i, or 0.
size_t plate_end_after_province(std::string_view s, size_t i) {
    if (i >= s.size() || !is_upper(s[i])) return 0;
    size_t p = i + 1;
    constexpr std::array<std::string_view, 3> separators{"·", "•", " "};
    p += which_word_at(s, p, separators);
    size_t end = p;
    bool has_digit = false;
    while (end < s.size() && (is_upper(s[end]) || is_digit(s[end]))) has_digit |= is_digit(s[end++]);
    bool right_length = end - p == 5 || end - p == 6;
    return right_length && has_digit && !alnum_at(s, end) ? end : 0;
}

void scan_plates(std::string_view s, std::vector<Span>& out) {
    // Every abbreviation is 3 bytes long: look only where an upper-case letter follows 3 bytes on.
    for (size_t i = 0; i + 3 < s.size(); ++i) {
        if (!is_upper(s[i + 3]) || (static_cast<unsigned char>(s[i]) & 0xF0) != 0xE0) continue;
        size_t after = i;
        if (!is_province_abbreviation(utf8::next(s, after)) || after != i + 3) continue;
        if (size_t end = plate_end_after_province(s, after)) {
            out.push_back({PrivacyKind::Plate, i, end});
            i = end - 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// WeChat ids: only right after a keyword.

struct Keyword {
    size_t end = 0;
    bool chinese = false;
};

constexpr std::array<std::string_view, 2> kWeChatChinese{"微信号", "微信"};
constexpr std::array<std::string_view, 3> kWeChatLatin{"wechat", "wx", "vx"};  // any case

Keyword wechat_keyword_at(std::string_view s, size_t i) {
    if (may_start_any(s[i], kWeChatChinese)) {
        size_t k = which_word_at(s, i, kWeChatChinese);
        return k ? Keyword{i + k, true} : Keyword{};
    }
    if (!may_start_any(ascii_lower(s[i]), kWeChatLatin) || alnum_before(s, i)) return {};  // "vwx" is not "wx"
    for (std::string_view latin : kWeChatLatin)
        if (word_at_ignoring_case(s, i, latin)) return {i + latin.size(), false};
    return {};
}

bool is_id_character(char c) { return is_alnum(c) || c == '-' || c == '_'; }

// [A-Za-z][-_A-Za-z0-9]{5,19} at i: its end, or 0. After a Latin keyword and only spaces, an id
// of letters and hyphens alone is an English word ("via WeChat because"), so it needs a digit or
// '_'; after a colon or a Chinese keyword any id counts.
size_t wechat_id_end(std::string_view s, size_t i, bool plain_words_ok) {
    if (i >= s.size() || !is_alpha(s[i])) return 0;
    size_t end = i;
    bool marked = false;
    for (; end < s.size() && is_id_character(s[end]); ++end) marked |= is_digit(s[end]) || s[end] == '_';
    if (end - i < 6 || end - i > 20 || (!marked && !plain_words_ok)) return 0;
    bool is_keyword_itself = end - i == 6 && word_at_ignoring_case(s, i, "wechat");  // 微信（WeChat）
    return is_keyword_itself ? 0 : end;
}

void scan_wechat_ids(std::string_view s, std::vector<Span>& out) {
    for (size_t i = 0; i < s.size(); ++i) {
        Keyword keyword = wechat_keyword_at(s, i);
        if (!keyword.end) continue;
        bool colon;
        size_t p = skip_colon_and_spaces(s, keyword.end, colon);
        // "wechatpay", "wxid_…": a Latin keyword run into more letters is part of a longer word.
        bool separated = p > keyword.end || keyword.chinese;
        size_t end = mobile_end(s, p);
        if (!end && separated) end = wechat_id_end(s, p, colon || keyword.chinese);
        if (end) {
            out.push_back({PrivacyKind::WeChat, p, end});
            i = end - 1;
        } else {
            i = keyword.end - 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Names from the instructor's list.

void scan_names(std::string_view s, const std::vector<std::string>& names, std::vector<Span>& out) {
    for (const std::string& name : names) {
        if (name.empty()) continue;
        for (size_t at = s.find(name); at != std::string_view::npos; at = s.find(name, at + name.size()))
            out.push_back({PrivacyKind::Name, at, at + name.size()});
    }
}

// ---------------------------------------------------------------------------------------------
// Overlaps, places, replacements, messages.

// Which kind wins a tie between spans of the same length: a mobile number after 微信 is a WeChat id.
int tie_rank(PrivacyKind kind) {
    switch (kind) {
        case PrivacyKind::WeChat: return 0;
        case PrivacyKind::IdNumber: return 1;
        case PrivacyKind::Mobile: return 2;
        case PrivacyKind::Landline: return 3;
        case PrivacyKind::Plate: return 4;
        case PrivacyKind::Address: return 5;
        case PrivacyKind::Name: return 6;
    }
    return 7;
}

// The longest span wins an overlap (so the longest listed name); the result is in offset order.
std::vector<Span> without_overlaps(std::vector<Span> spans) {
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
        if (tie_rank(a.kind) != tie_rank(b.kind)) return tie_rank(a.kind) < tie_rank(b.kind);
        return a.begin < b.begin;
    });
    std::map<size_t, Span> kept;  // by begin
    for (const Span& span : spans) {
        auto after = kept.lower_bound(span.begin);
        if (after != kept.end() && after->second.begin < span.end) continue;
        if (after != kept.begin() && std::prev(after)->second.end > span.begin) continue;
        kept.emplace(span.begin, span);
    }
    std::vector<Span> out;
    out.reserve(kept.size());
    for (const auto& [begin, span] : kept) out.push_back(span);
    return out;
}

std::string first_character(std::string_view text) {
    size_t i = 0;
    utf8::next(text, i);
    return std::string(text.substr(0, i));
}

std::string replacement_for(PrivacyKind kind, std::string_view text) {
    if (kind == PrivacyKind::Name) return first_character(text) + std::string(kMou);
    std::string out;
    for (char c : text) {
        if (is_alnum(c)) out += kCross;
        else out += c;
    }
    return out;
}

// The detail with the middle of its letters and digits crossed out: keeps `head` of them at the
// start and `tail` at the end, separators and Chinese as they are. A short detail (6号楼) keeps
// less, so that something is always crossed out.
std::string masked(std::string_view text, size_t head, size_t tail) {
    size_t count = static_cast<size_t>(std::count_if(text.begin(), text.end(), is_alnum));
    if (head + tail >= count) head = tail = count / 4;
    std::string out;
    size_t k = 0;
    for (char c : text) {
        bool hide = is_alnum(c) && k >= head && k + tail < count;
        k += is_alnum(c);
        if (hide) out += kCross;
        else out += c;
    }
    return out;
}

// A name shows its surname only: 王秀兰 → 王××.
std::string masked_name(std::string_view name) {
    std::string out = first_character(name);
    for (size_t n = utf8::length(name); n > 1; --n) out += kCross;
    return out;
}

std::string masked_for_message(PrivacyKind kind, std::string_view text) {
    size_t count = static_cast<size_t>(std::count_if(text.begin(), text.end(), is_alnum));
    auto phone_like = [&] { return masked(text, count > 8 ? count - 8 : 0, 4); };  // 138××××5678
    switch (kind) {
        case PrivacyKind::Mobile:
        case PrivacyKind::Landline: return phone_like();
        case PrivacyKind::IdNumber: return masked(text, 3, 3);
        case PrivacyKind::Address: return masked(text, 1, 0);
        case PrivacyKind::Plate: return masked(text, 1, 1);
        case PrivacyKind::WeChat: return is_alpha(text[0]) ? masked(text, 2, 2) : phone_like();
        case PrivacyKind::Name: return masked_name(text);
    }
    return std::string(text);
}

void add_messages(PrivacyFinding& f) {
    std::string shown = masked_for_message(f.kind, f.text);
    std::string kind_en = privacy_kind_en(f.kind);
    std::string article = kind_en[0] == 'I' ? "an " : "a ";
    f.message = std::string("疑似") + privacy_kind_zh(f.kind) + "：" + shown + "，发出前请替换为";
    f.message_en = "looks like " + article + kind_en + ": " + shown + ", replace it ";
    if (f.kind == PrivacyKind::Name) {
        f.message += "化名（" + f.replacement + "）";
        f.message_en += "with a pseudonym (" + f.replacement + ") ";
    } else {
        f.message += "××";
    }
    f.message_en += "before sharing";
}

// Walks forward from (pos, line, col) to `target`, counting lines and code points.
struct Cursor {
    size_t pos = 0;
    int line = 1, col = 1;
    void advance_to(std::string_view s, size_t target) {
        for (; pos < target; ++pos) {
            unsigned char b = static_cast<unsigned char>(s[pos]);
            if (b == '\n') { ++line; col = 1; }
            else if ((b & 0xC0) != 0x80) ++col;
        }
    }
};

// Bytes of blank at the front (or back) of `s`: an ASCII space or control blank, or U+3000.
size_t blank_at_front(std::string_view s) {
    if (s.starts_with("\xE3\x80\x80")) return 3;
    return !s.empty() && std::string_view(" \t\r\v\f").find(s.front()) != std::string_view::npos ? 1 : 0;
}
size_t blank_at_back(std::string_view s) {
    if (s.ends_with("\xE3\x80\x80")) return 3;
    return !s.empty() && std::string_view(" \t\r\v\f").find(s.back()) != std::string_view::npos ? 1 : 0;
}

std::string trimmed(std::string_view s) {
    while (size_t n = blank_at_front(s)) s.remove_prefix(n);
    while (size_t n = blank_at_back(s)) s.remove_suffix(n);
    return std::string(s);
}

}  // namespace

const char* privacy_kind_zh(PrivacyKind kind) {
    switch (kind) {
        case PrivacyKind::Mobile: return "手机号";
        case PrivacyKind::Landline: return "固定电话";
        case PrivacyKind::IdNumber: return "身份证号";
        case PrivacyKind::Address: return "详细地址";
        case PrivacyKind::Plate: return "车牌号";
        case PrivacyKind::WeChat: return "微信号";
        case PrivacyKind::Name: return "人名";
    }
    return "";
}

const char* privacy_kind_en(PrivacyKind kind) {
    switch (kind) {
        case PrivacyKind::Mobile: return "mobile number";
        case PrivacyKind::Landline: return "landline number";
        case PrivacyKind::IdNumber: return "ID number";
        case PrivacyKind::Address: return "detailed address";
        case PrivacyKind::Plate: return "plate number";
        case PrivacyKind::WeChat: return "WeChat id";
        case PrivacyKind::Name: return "personal name";
    }
    return "";
}

std::vector<PrivacyFinding> find_private_details(std::string_view text, const std::vector<std::string>& names) {
    std::vector<Span> spans;
    scan_mobiles(text, spans);
    scan_landlines(text, spans);
    scan_id_numbers(text, spans);
    scan_addresses(text, spans);
    scan_plates(text, spans);
    scan_wechat_ids(text, spans);
    scan_names(text, names, spans);

    std::vector<PrivacyFinding> findings;
    Cursor cursor;
    for (const Span& span : without_overlaps(std::move(spans))) {
        cursor.advance_to(text, span.begin);
        PrivacyFinding& f = findings.emplace_back();
        f.kind = span.kind;
        f.offset = span.begin;
        f.length = span.end - span.begin;
        f.line = cursor.line;
        f.col = cursor.col;
        f.text = std::string(text.substr(f.offset, f.length));
        f.replacement = replacement_for(f.kind, f.text);
        add_messages(f);
    }
    return findings;
}

std::vector<std::string> read_name_list(const std::filesystem::path& file) {
    std::vector<std::string> names;
    std::ifstream in(file, std::ios::binary);
    std::string line;
    for (bool first = true; std::getline(in, line); first = false) {
        std::string_view view = line;
        if (first && view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);  // a BOM from Notepad
        std::string name = trimmed(view);
        if (!name.empty() && name[0] != '#') names.push_back(std::move(name));
    }
    return names;
}

std::string replace_private_details(std::string_view text, const std::vector<PrivacyFinding>& findings) {
    std::vector<const PrivacyFinding*> ordered;
    for (const PrivacyFinding& f : findings) ordered.push_back(&f);
    std::stable_sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->offset < b->offset; });

    std::string out;
    out.reserve(text.size());
    size_t copied = 0;
    for (const PrivacyFinding* f : ordered) {
        bool still_there = f->offset >= copied && f->offset + f->length <= text.size() && text.substr(f->offset, f->length) == f->text;
        if (!still_there) continue;
        out.append(text.substr(copied, f->offset - copied));
        out += f->replacement;
        copied = f->offset + f->length;
    }
    out.append(text.substr(copied));
    return out;
}

}  // namespace linli
