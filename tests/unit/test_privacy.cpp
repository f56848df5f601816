// Privacy detectors: residents' details are found (with their place), everyday numbers are not.
#include <catch2/catch.hpp>

#include <ctime>

#include "content/privacy.h"
#include "test_support.h"

using namespace linli;

namespace {

// A fictional ID number with a right check digit: region + YYYYMMDD + 3-digit sequence + check.
std::string make_id(const std::string& region, const std::string& birth, const std::string& sequence) {
    std::string first17 = region + birth + sequence;
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (size_t k = 0; k < 17; ++k) sum += (first17[k] - '0') * weights[k];
    return first17 + "10X98765432"[sum % 11];
}

// The same first 17 digits with any other check character.
std::string with_wrong_check(const std::string& id) {
    std::string bad = id;
    bad[17] = id[17] == '0' ? '1' : '0';
    return bad;
}

// Finds a sequence whose check character is X, so the X form is tested without guessing.
std::string make_id_ending_in_x() {
    for (int seq = 100; seq < 1000; ++seq) {
        std::string id = make_id("110101", "19850615", std::to_string(seq));
        if (id.back() == 'X') return id;
    }
    return {};
}

std::vector<std::string> texts(const std::vector<PrivacyFinding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.text);
    return out;
}

// The one finding in `text`, which must be of `kind`.
PrivacyFinding only_finding(const std::string& text, PrivacyKind kind, const std::vector<std::string>& names = {}) {
    INFO(text);
    auto found = find_private_details(text, names);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == kind);
    CHECK(found[0].text == text.substr(found[0].offset, found[0].length));
    return found[0];
}

}  // namespace

TEST_CASE("privacy: kinds have Chinese and English names") {
    CHECK(std::string(privacy_kind_zh(PrivacyKind::Mobile)) == "手机号");
    CHECK(std::string(privacy_kind_zh(PrivacyKind::Landline)) == "固定电话");
    CHECK(std::string(privacy_kind_zh(PrivacyKind::IdNumber)) == "身份证号");
    CHECK(std::string(privacy_kind_zh(PrivacyKind::Address)) == "详细地址");
    CHECK(std::string(privacy_kind_zh(PrivacyKind::Plate)) == "车牌号");
    CHECK(std::string(privacy_kind_zh(PrivacyKind::WeChat)) == "微信号");
    CHECK(std::string(privacy_kind_zh(PrivacyKind::Name)) == "人名");
    CHECK(std::string(privacy_kind_en(PrivacyKind::Mobile)) == "mobile number");
    CHECK(std::string(privacy_kind_en(PrivacyKind::Landline)) == "landline number");
    CHECK(std::string(privacy_kind_en(PrivacyKind::IdNumber)) == "ID number");
    CHECK(std::string(privacy_kind_en(PrivacyKind::Address)) == "detailed address");
    CHECK(std::string(privacy_kind_en(PrivacyKind::Plate)) == "plate number");
    CHECK(std::string(privacy_kind_en(PrivacyKind::WeChat)) == "WeChat id");
    CHECK(std::string(privacy_kind_en(PrivacyKind::Name)) == "personal name");
}

TEST_CASE("privacy: mobile numbers in every written form") {
    auto f = only_finding("请拨13812345678。", PrivacyKind::Mobile);
    CHECK(f.offset == std::string("请拨").size());
    CHECK(f.length == 11);
    CHECK(f.text == "13812345678");
    CHECK(f.col == 3);
    CHECK(f.replacement == "×××××××××××");

    CHECK(only_finding("138-1234-5678", PrivacyKind::Mobile).replacement == "×××-××××-××××");
    CHECK(only_finding("号码 139 8765 4321 已停机", PrivacyKind::Mobile).text == "139 8765 4321");
    CHECK(only_finding("+8615912345678", PrivacyKind::Mobile).text == "+8615912345678");
    CHECK(only_finding("+86 159-1234-5678", PrivacyKind::Mobile).text == "+86 159-1234-5678");
    CHECK(only_finding("tel 86-17712345678", PrivacyKind::Mobile).text == "86-17712345678");
}

TEST_CASE("privacy: a mobile number is never cut out of a longer run") {
    CHECK(find_private_details("138123456789").empty());       // 12 digits
    CHECK(find_private_details("913812345678").empty());       // a digit before
    CHECK(find_private_details("A13812345678").empty());       // a letter before
    CHECK(find_private_details("13812345678b").empty());       // a letter after
    CHECK(find_private_details("12812345678").empty());        // 12x is no mobile prefix
    CHECK(find_private_details("138-1234-56789").empty());     // last group too long
    CHECK(find_private_details("138-1234 5678").empty());      // separators differ
}

TEST_CASE("privacy: landline numbers with area codes, parentheses, extensions and keywords") {
    CHECK(only_finding("010-12345678", PrivacyKind::Landline).replacement == "×××-××××××××");
    CHECK(only_finding("居委会0571-1234567转", PrivacyKind::Landline).text == "0571-1234567");
    CHECK(only_finding("021-87654321-802", PrivacyKind::Landline).text == "021-87654321-802");
    CHECK(only_finding("(010)12345678", PrivacyKind::Landline).replacement == "(×××)××××××××");
    CHECK(only_finding("（010）12345678", PrivacyKind::Landline).text == "（010）12345678");

    auto keyword = only_finding("联系电话：87654321", PrivacyKind::Landline);
    CHECK(keyword.text == "87654321");  // the number alone, not the keyword
    CHECK(keyword.col == 6);
    CHECK(only_finding("座机 6543210", PrivacyKind::Landline).text == "6543210");
    CHECK(only_finding("电话:12345678", PrivacyKind::Landline).text == "12345678");
    CHECK(only_finding("联系电话：010-12345678", PrivacyKind::Landline).text == "010-12345678");
    CHECK(only_finding("电话：13812345678", PrivacyKind::Mobile).text == "13812345678");  // a mobile, not 7–8 digits

    CHECK(find_private_details("010-123456").empty());     // 6 digits: too short
    CHECK(find_private_details("010-123456789").empty());  // 9 digits: too long
    CHECK(find_private_details("9010-12345678").empty());  // part of a longer run
}

TEST_CASE("privacy: ID numbers need a right check digit and a real birth date") {
    std::string id = make_id("110101", "19900307", "123");
    auto f = only_finding("身份证号" + id + "，", PrivacyKind::IdNumber);
    CHECK(f.text == id);
    CHECK(f.offset == std::string("身份证号").size());
    CHECK(f.col == 5);
    CHECK(f.replacement == "××××××××××××××××××");

    std::string with_x = make_id_ending_in_x();
    REQUIRE(with_x.size() == 18);
    CHECK(only_finding(with_x, PrivacyKind::IdNumber).text == with_x);
    std::string lower_x = with_x.substr(0, 17) + "x";
    CHECK(only_finding(lower_x, PrivacyKind::IdNumber).text == lower_x);

    CHECK(find_private_details(with_wrong_check(id)).empty());
    CHECK(find_private_details(make_id("110101", "19900230", "123")).empty());  // 30 February
    CHECK(find_private_details(make_id("110101", "18991231", "123")).empty());  // before 1900
    CHECK(find_private_details(make_id("110101", "19901301", "123")).empty());  // month 13
    CHECK_FALSE(find_private_details(make_id("110101", "20000229", "123")).empty());  // a leap day
    CHECK(find_private_details(id + "5").empty());  // 19 digits
}

TEST_CASE("privacy: consecutive address parts are one finding") {
    auto f = only_finding("住在5栋2单元301室。", PrivacyKind::Address);
    CHECK(f.text == "5栋2单元301室");
    CHECK(f.replacement == "×栋×单元×××室");

    CHECK(only_finding("幸福路12号3栋", PrivacyKind::Address).text == "12号3栋");
    CHECK(only_finding("和平里5号楼", PrivacyKind::Address).text == "5号楼");
    CHECK(only_finding("12-3幢1单元", PrivacyKind::Address).text == "12-3幢1单元");
    CHECK(only_finding("住301室", PrivacyKind::Address).text == "301室");
    CHECK(only_finding("长乐路100弄5号601室", PrivacyKind::Address).text == "100弄5号601室");
    CHECK(only_finding("东街8号", PrivacyKind::Address).replacement == "×号");
    CHECK(only_finding("南巷7号", PrivacyKind::Address).text == "7号");
    CHECK(only_finding("街道办在人民路3号", PrivacyKind::Address).text == "3号");
}

TEST_CASE("privacy: dates, ordinals and serial numbers are not addresses") {
    // A building alone names no household (stories are full of 住在5号楼的阿姨).
    for (const char* text : {"住在5号楼的贺阿姨", "3栋门口", "12幢", "2单元"}) {
        INFO(text);
        CHECK(find_private_details(text).empty());
    }
    for (const char* text : {"5月3号开会", "3号上午见", "3月3号", "第3号", "3号文件", "1号线换乘",
                             "地铁路1号线", "第3单元练习", "3室2厅", "两套3室一厅", "人民路3号文件"}) {
        INFO(text);
        CHECK(find_private_details(text).empty());
    }
}

TEST_CASE("privacy: plate numbers") {
    auto f = only_finding("车牌京A12345停在楼下", PrivacyKind::Plate);
    CHECK(f.text == "京A12345");
    CHECK(f.replacement == "京××××××");
    CHECK(only_finding("粤B·D12345", PrivacyKind::Plate).replacement == "粤×·××××××");
    CHECK(only_finding("浙A•AB123", PrivacyKind::Plate).text == "浙A•AB123");
    CHECK(only_finding("沪C 9X88Y", PrivacyKind::Plate).text == "沪C 9X88Y");

    CHECK(find_private_details("京A1234").empty());     // 4 after the letter
    CHECK(find_private_details("京A1234567").empty());  // 7 after the letter
    CHECK(find_private_details("京ABCDEF").empty());    // no digit
    CHECK(find_private_details("京a12345").empty());    // lower case
    CHECK(find_private_details("京A12345b").empty());   // run goes on
    CHECK(find_private_details("北A12345").empty());    // not an abbreviation
}

TEST_CASE("privacy: WeChat ids after a keyword, the id alone") {
    auto f = only_finding("微信号：wangxl_1980", PrivacyKind::WeChat);
    CHECK(f.text == "wangxl_1980");
    CHECK(f.offset == std::string("微信号：").size());
    CHECK(f.replacement == "××××××_××××");
    CHECK(only_finding("加微信 lixiuying", PrivacyKind::WeChat).text == "lixiuying");
    CHECK(only_finding("wx: abc-defg", PrivacyKind::WeChat).text == "abc-defg");
    CHECK(only_finding("WX：Zhang_San88", PrivacyKind::WeChat).text == "Zhang_San88");
    CHECK(only_finding("WeChat Li_Lei2020", PrivacyKind::WeChat).text == "Li_Lei2020");
    CHECK(only_finding("wechat:liuyang", PrivacyKind::WeChat).text == "liuyang");

    // A mobile number after the keyword is the WeChat id.
    auto phone = only_finding("vx 13812345678", PrivacyKind::WeChat);
    CHECK(phone.text == "13812345678");
    CHECK(only_finding("微信13812345678", PrivacyKind::WeChat).text == "13812345678");

    CHECK(find_private_details("微信群里通知").empty());
    CHECK(find_private_details("微信：abc").empty());                        // too short
    CHECK(find_private_details("微信：a1234567890123456789xyz").empty());    // too long
    CHECK(find_private_details("微信：1abcdefg").empty());                   // starts with a digit
    CHECK(find_private_details("we talked via WeChat because of it").empty());  // English words
    CHECK(find_private_details("微信（WeChat）群").empty());
    CHECK(find_private_details("wechatpay123").empty());
    CHECK(find_private_details("abcwx: helloworld1").empty());  // "wx" inside a word
}

TEST_CASE("privacy: listed names, longest first, surname kept") {
    auto f = only_finding("王秀兰阿姨说", PrivacyKind::Name, {"王秀兰"});
    CHECK(f.replacement == "王某");
    CHECK(f.message.find("王秀兰") == std::string::npos);

    auto both = find_private_details("李建国和王秀兰，还有王秀", {"王秀", "", "王秀兰", "李建国"});
    CHECK(texts(both) == std::vector<std::string>{"李建国", "王秀兰", "王秀"});
    CHECK(both[1].replacement == "王某");
    CHECK(both[2].replacement == "王某");
    CHECK(find_private_details("张三", {""}).empty());
    CHECK(find_private_details("没有名单时不查人名").empty());
}

TEST_CASE("privacy: line and column in characters across a multi-line text") {
    std::string id = make_id("110101", "19751120", "042");
    std::string text =
        "---\n"
        "id: case-neighbour\n"
        "---\n"
        "居民王秀兰住在幸福路12号3栋，电话13812345678。\n"
        "\n"
        "  身份证" + id + "\n"
        "车牌 京A12345";
    auto found = find_private_details(text, {"王秀兰"});
    REQUIRE(found.size() == 5);
    CHECK(found[0].kind == PrivacyKind::Name);
    CHECK((found[0].line == 4 && found[0].col == 3));
    CHECK(found[1].kind == PrivacyKind::Address);
    CHECK((found[1].line == 4 && found[1].col == 11));  // 居民王秀兰住在幸福路 is 10 characters
    CHECK(found[2].kind == PrivacyKind::Mobile);
    CHECK((found[2].line == 4 && found[2].col == 19));
    CHECK(found[3].kind == PrivacyKind::IdNumber);
    CHECK((found[3].line == 6 && found[3].col == 6));
    CHECK(found[4].kind == PrivacyKind::Plate);
    CHECK((found[4].line == 7 && found[4].col == 4));
    for (const auto& f : found) CHECK(text.substr(f.offset, f.length) == f.text);
}

TEST_CASE("privacy: everyday numbers and words are not flagged") {
    std::string bad_id = with_wrong_check(make_id("110101", "19900307", "123"));
    for (const std::string& text : std::vector<std::string>{
             "2023-05-12",                 // a date
             "2023年5月12日",              // a date in Chinese
             "2019-2023",                  // a span of years
             "12:30开始",                  // a time
             "共138,000元",                // an amount with a thousands separator
             "补贴1380000元",              // 7 digits with no phone keyword
             "3.5万",                      // an amount in 万
             "完成率85%，提高12.5%",       // percentages
             bad_id,                       // 18 digits, wrong check digit
             "5月3号",                     // a date with 号
             "第3号",                      // an ordinal
             "1号线",                      // a metro line
             "社区工作者要先倾听居民的诉求，再一起商量办法。",  // ordinary Chinese
             "drill-committee-resigns",    // an id in front matter
             "138123456789",               // 12 digits: a longer run, not a mobile
         }) {
        INFO(text);
        CHECK(find_private_details(text).empty());
    }
}

TEST_CASE("privacy: a document's front matter is not flagged") {
    std::string doc =
        "---\n"
        "id: drill-committee-resigns\n"
        "kind: drill\n"
        "date: 2026-11-23\n"
        "tags: [居委会, 换届]\n"
        "---\n"
        "# 主任辞职之后\n"
        "\n"
        "2019-2023年间，居委会共开会36次，12:30签到，出席率92%。\n";
    CHECK(find_private_details(doc).empty());
}

TEST_CASE("privacy: findings are ordered by offset and never overlap") {
    std::string id = make_id("110101", "19880808", "321");
    std::string text = "微信13812345678，王秀兰（" + id + "），5栋2单元301室，京A·12345，010-12345678，再拨13912345678";
    auto found = find_private_details(text, {"王秀兰", "秀兰", "王秀"});
    std::vector<PrivacyKind> kinds;
    for (const auto& f : found) kinds.push_back(f.kind);
    CHECK(kinds == std::vector<PrivacyKind>{PrivacyKind::WeChat, PrivacyKind::Name, PrivacyKind::IdNumber, PrivacyKind::Address,
                                            PrivacyKind::Plate, PrivacyKind::Landline, PrivacyKind::Mobile});
    CHECK(found[1].text == "王秀兰");  // the longest listed name, not 王秀 nor 秀兰
    for (size_t k = 1; k < found.size(); ++k) CHECK(found[k - 1].offset + found[k - 1].length <= found[k].offset);
}

TEST_CASE("privacy: messages name the kind and mask the detail") {
    auto mobile = only_finding("13812345678", PrivacyKind::Mobile);
    CHECK(mobile.message == "疑似手机号：138××××5678，发出前请替换为××");
    CHECK(mobile.message_en == "looks like a mobile number: 138××××5678, replace it before sharing");

    auto name = only_finding("王秀兰", PrivacyKind::Name, {"王秀兰"});
    CHECK(name.message == "疑似人名：王××，发出前请替换为化名（王某）");
    CHECK(name.message_en == "looks like a personal name: 王××, replace it with a pseudonym (王某) before sharing");

    std::string id = make_id("110101", "19900307", "123");
    auto id_finding = only_finding(id, PrivacyKind::IdNumber);
    CHECK(id_finding.message_en.rfind("looks like an ID number: 110", 0) == 0);
    CHECK(only_finding("010-12345678", PrivacyKind::Landline).message == "疑似固定电话：010-××××5678，发出前请替换为××");
    CHECK(only_finding("京A12345", PrivacyKind::Plate).message == "疑似车牌号：京A××××5，发出前请替换为××");
    CHECK(only_finding("5栋2单元301室", PrivacyKind::Address).message == "疑似详细地址：5栋×单元×××室，发出前请替换为××");
    CHECK(only_finding("微信：wangxl_1980", PrivacyKind::WeChat).message == "疑似微信号：wa××××_××80，发出前请替换为××");
    CHECK(only_finding("路6号", PrivacyKind::Address).message == "疑似详细地址：×号，发出前请替换为××");
    CHECK(only_finding("微信：a_b_c_d", PrivacyKind::WeChat).message == "疑似微信号：a_×_×_d，发出前请替换为××");

    // No message repeats its detail in full.
    std::string text = "13812345678 010-12345678 " + id + " 5栋2单元301室 3号楼 京A12345 微信：wangxl_1980 王秀兰";
    for (const auto& f : find_private_details(text, {"王秀兰"})) {
        INFO(f.text);
        CHECK(f.message.find(f.text) == std::string::npos);
        CHECK(f.message_en.find(f.text) == std::string::npos);
    }
}

TEST_CASE("privacy: replacing every finding leaves nothing to find") {
    std::string id = make_id("110101", "19900307", "123");
    std::string text =
        "王秀兰（身份证" + id + "）住幸福路12号3栋2单元301室，\n"
        "手机138-1234-5678，座机（010）87654321，微信：wangxl_1980，车牌粤B·D12345。\n";
    auto found = find_private_details(text, {"王秀兰"});
    REQUIRE(found.size() == 7);
    std::string replaced = replace_private_details(text, found);
    CHECK(replaced ==
          "王某（身份证××××××××××××××××××）住幸福路××号×栋×单元×××室，\n"
          "手机×××-××××-××××，座机（×××）××××××××，微信：××××××_××××，车牌粤×·××××××。\n");
    CHECK(find_private_details(replaced, {"王秀兰"}).empty());

    // In any order; a finding that no longer matches the text (a stale scan) is left alone.
    std::vector<PrivacyFinding> shuffled(found.rbegin(), found.rend());
    CHECK(replace_private_details(text, shuffled) == replaced);
    std::string edited = "李" + text.substr(std::string("王").size());
    std::string partly = replace_private_details(edited, found);
    CHECK(partly.rfind("李秀兰（身份证", 0) == 0);
    CHECK(replace_private_details("没有细节", {}) == "没有细节");
}

TEST_CASE("privacy: the name list skips comments and blanks and trims whitespace") {
    test::TempDir dir;
    auto file = dir.write("names.txt",
                          "\xEF\xBB\xBF# 居民化名前的真名\n"
                          "王秀兰\n"
                          "\n"
                          "   \n"
                          "  李建国 \r\n"
                          "\t张三\xE3\x80\x80\n"
                          "#赵四\n"
                          "欧阳娜娜");
    CHECK(read_name_list(file) == std::vector<std::string>{"王秀兰", "李建国", "张三", "欧阳娜娜"});
    CHECK(read_name_list(dir.path() / "missing.txt").empty());
    CHECK(read_name_list(dir.write("empty.txt", "")).empty());
}

TEST_CASE("privacy: a 300-line document scans quickly") {
    std::string doc = "---\nid: case-big\ndate: 2026-11-23\n---\n";
    for (int line = 0; line < 300; ++line)
        doc += "第" + std::to_string(line) + "次走访：居民反映2023年5月12日楼道堆物，物业费1380000元，完成率85%，联系13812345678。\n";
    // CPU time of this thread, so a busy machine (a parallel build) does not fail the test.
    auto cpu_ms = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
    };
    double start = cpu_ms();
    constexpr int runs = 20;
    size_t found = 0;
    for (int k = 0; k < runs; ++k) found += find_private_details(doc, {"王秀兰", "李建国"}).size();
    double ms = (cpu_ms() - start) / runs;
    CHECK(found == 300u * runs);
    INFO("300 lines scanned in " << ms << " ms");
    CHECK(ms < 5.0);  // ~0.5 ms optimised, with 300 findings; the bound catches a quadratic scan
}
