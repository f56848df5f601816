// Privacy check before anything leaves the machine: real case documents carry residents' details
// (phone numbers, ID numbers, addresses, plates, WeChat ids, names). The detector is headless and
// shared: `linli lint` reports its findings as warnings at file:line:col, a pack export checks
// before writing, and the editor offers "替换为化名/××" in place. It is a hand-written linear
// scanner over the UTF-8 bytes (no std::regex): a 300-line document scans in well under 1 ms.
//
// What it flags (each rule keeps everyday numbers out: dates, times, amounts, document numbers):
//   Mobile    1[3-9] + 9 digits, or 3-4-4 with '-' or ' '; optional +86 / 86- prefix.
//   Landline  0AA(A)-NNNNNNN(N), (010)NNNNNNNN, （010）NNNNNNNN, optional -ext of 1–4 digits;
//             or 7–8 digits right after 电话/座机/联系电话 (optional ：/:).
//   IdNumber  17 digits + digit/X, with a right ISO 7064 MOD 11-2 check digit and a real birth date.
//   Address   digits bound to 号楼/栋/幢/单元/室/弄, or to 号 right after 路/街/巷/道/里; parts
//             that follow each other form one finding (5栋2单元301室, 幸福路[12号3栋]). The finding
//             starts at the first digit: the street name is not a detail.
//   Plate     province abbreviation + A–Z + optional ·/•/space + 5–6 of A–Z/0–9 with a digit.
//   WeChat    the id after 微信号/微信/wx/vx/WeChat (optional ：/:/space), or a mobile number there.
//   Name      every exact occurrence of a name the instructor lists (longest first on overlap).
// A number is never taken out of a longer run of ASCII letters and digits.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace linli {

enum class PrivacyKind { Mobile, Landline, IdNumber, Address, Plate, WeChat, Name };

const char* privacy_kind_zh(PrivacyKind kind);  // 手机号 / 固定电话 / 身份证号 / 详细地址 / 车牌号 / 微信号 / 人名
const char* privacy_kind_en(PrivacyKind kind);  // mobile number / landline number / ID number / ...

struct PrivacyFinding {
    PrivacyKind kind = PrivacyKind::Mobile;
    size_t offset = 0, length = 0;  // bytes in the scanned text
    int line = 1, col = 1;          // 1-based; col counted in characters (UTF-8 code points)
    std::string text;               // the matched bytes
    // What 替换 puts in its place: a name becomes its surname + 某 (王秀兰 → 王某); anything else
    // has every ASCII letter and digit replaced by × and keeps separators, unit words and a
    // plate's province (5栋2单元301室 → ×栋×单元×××室, 京A·12345 → 京×·×××××).
    std::string replacement;
    // "疑似手机号：138××××5678，发出前请替换为××" / "looks like a mobile number: 138××××5678, replace
    // it before sharing". The detail is shown with its middle masked, so the message (printed by
    // lint, kept in logs) does not repeat it in full.
    std::string message, message_en;
};

// Every finding in `text`, in order of offset, non-overlapping (the longer match wins an overlap).
// `names`: personal names the instructor keeps, matched exactly; empty ones are skipped.
std::vector<PrivacyFinding> find_private_details(std::string_view text, const std::vector<std::string>& names = {});

// One name per line; blank lines and lines starting with '#' ignored; whitespace (also the
// full-width space) trimmed; a missing or unreadable file gives none.
std::vector<std::string> read_name_list(const std::filesystem::path& file);

// The text with every finding replaced by its replacement (what "全部替换" does). Findings may come
// in any order; one whose bytes no longer match the text (a stale scan), or that overlaps one
// already applied, is left alone.
std::string replace_private_details(std::string_view text, const std::vector<PrivacyFinding>& findings);

}  // namespace linli
