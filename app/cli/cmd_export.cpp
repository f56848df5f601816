// `linli export xapi`: a cohort's shared progress file as xAPI 1.0.3 statements, written to a JSON
// file or POSTed to an organisation's learning-record store (LRS), which then never gets a
// statement twice: pushes resume after the last event sent (core/lrs_client.h). Exit codes: 0 ok,
// 1 the file was refused or the push failed, 2 usage.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <string_view>

#include "cli.h"
#include "cohort_source.h"
#include "content/paths.h"
#include "core/lrs_client.h"
#include "core/xapi.h"
#include "drills.h"
#include "sync/keys.h"
#include "sync/progress_store.h"
#include "usage.h"
#include "values.h"

namespace linli::cli {
namespace {

struct XapiArgs {
    std::string shared, base = xapi::kDefaultBase, out, lrs, user, password;
    bool anonymous = false;
    int batch = 500;
    bool batch_given = false;
};

// LINLI_XAPI_RETRY_MS: the first wait before trying a batch again (tests set it low).
std::chrono::milliseconds first_retry_delay() {
    const char* env = std::getenv("LINLI_XAPI_RETRY_MS");
    long long ms = 0;
    if (env && *env) {
        std::string_view s(env);
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), ms);
        if (ec == std::errc() && end == s.data() + s.size() && ms >= 0 && ms <= 600000) return std::chrono::milliseconds(ms);
    }
    return std::chrono::milliseconds(1000);
}

// Whether a normalised http(s) URL names this machine (a test LRS, a tunnel).
bool loopback(const std::string& url) {
    std::string_view rest(url);
    rest.remove_prefix(rest.find("://") + 3);
    rest = rest.substr(0, rest.find('/'));
    if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    if (rest.rfind("[::1]", 0) == 0) return true;
    rest = rest.substr(0, rest.find(':'));
    return rest == "localhost" || rest.rfind("127.", 0) == 0;
}

// What the command line must say, checked before anything is read: usage errors exit 2.
xapi::LrsConfig check_args(XapiArgs& a) {
    if (!xapi::is_absolute_iri(a.base))
        throw UsageError(fmt::format("--base 要是完整的 IRI，如 https://training.example.org (--base must be an absolute IRI, e.g. https://training.example.org): {}", a.base));
    if (a.out.empty() == a.lrs.empty())
        throw UsageError("要给 --out FILE 或 --lrs URL，两者选一 (give either --out FILE or --lrs URL)");
    xapi::LrsConfig c;
    if (!a.out.empty()) {
        const char* lrs_only = !a.user.empty() ? "--user" : !a.password.empty() ? "--password" : a.batch_given ? "--batch" : nullptr;
        if (lrs_only) throw UsageError(fmt::format("{0} 只和 --lrs 一起用 ({0} goes with --lrs)", lrs_only));
        return c;
    }
    c.url = xapi::normalise_lrs_url(a.lrs);
    if (c.url.empty())
        throw UsageError(fmt::format("--lrs 要是 http:// 或 https:// 开头的网址 (--lrs must be an http:// or https:// URL): {}", a.lrs));
    if (a.password.empty())
        if (const char* env = std::getenv("LINLI_LRS_PASSWORD")) a.password = env;
    if (a.user.empty() || a.password.empty())
        throw UsageError("--lrs 需要 --user KEY 和 --password SECRET（或环境变量 LINLI_LRS_PASSWORD） (--lrs needs --user KEY and --password SECRET, or LINLI_LRS_PASSWORD)");
    if (c.url.rfind("http://", 0) == 0 && !loopback(c.url))
        fmt::print(stderr, "linli export xapi: 注意：http:// 不加密，密码和学习记录都以明文传输 · warning: http:// is not encrypted: the secret and the records travel in clear\n");
    c.user = a.user;
    c.password = a.password;
    c.batch = size_t(a.batch);
    c.first_delay = first_retry_delay();
    return c;
}

int push(const Options& opts, const xapi::LrsConfig& config, xapi::StatementBuilder& builder, const EventFeed& feed,
         const EventFeed& first_pass) {
    xapi::PushReport r;
    try {
        ProgressStore store(AppPaths::resolve(opts.data_dir).data_dir / kProgressFileName);
        r = xapi::push_statements(builder, feed, store, config, &first_pass);
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli export xapi: {}\n", e.what());
        return kProblems;
    }
    std::string already_zh, already_en;
    if (r.already) {
        already_zh = fmt::format("，其中 {} 条 LRS 原已存有", r.already);
        already_en = fmt::format(", {} of them already in the LRS", r.already);
    }
    fmt::print("已发送 {} 条{}，跳过 {} 条（之前已发送） · sent {} statements{}, skipped {} sent before\n", r.sent, already_zh, r.skipped,
               r.sent, already_en, r.skipped);
    if (r.status == xapi::PushReport::Rejected) {
        fmt::print(stderr, "linli export xapi: LRS 拒绝了这批语句（HTTP {0}）：{1} · the LRS refused the statements (HTTP {0}): {1}\n",
                   r.http, r.detail);
        return kProblems;
    }
    if (r.status == xapi::PushReport::Failed) {
        std::string why = r.http ? fmt::format("HTTP {} {}", r.http, r.detail) : r.detail;
        fmt::print(stderr, "linli export xapi: 试了 {0} 次仍未发出（{1}），下次运行会从这里接着发 · not sent after {0} tries ({1}); the next run resumes here\n",
                   r.tries, why);
        return kProblems;
    }
    return kOk;
}

int export_xapi(const Options& opts, XapiArgs a) {
    xapi::LrsConfig config = check_args(a);
    auto source = open_cohort_source(opts, a.shared, "export xapi");
    if (!source) return kProblems;
    Catalog catalog = load_catalog(opts);
    xapi::ExportOptions eo{a.base, a.anonymous};
    EventFeed feed = shared_file_feed(*source->snapshot);
    // Pass one reads only the kinds it needs: SQLite picks them, a tenth of the rows.
    EventFeed first_pass = shared_file_feed(*source->snapshot, xapi::StatementBuilder::kCollectKinds);
    if (a.out.empty()) {
        xapi::StatementBuilder builder(catalog, eo);
        return push(opts, config, builder, feed, first_pass);
    }
    try {
        xapi::ExportCounts n = xapi::write_statements_file(feed, catalog, eo, a.out, &first_pass);
        fmt::print("已写出 {0} 条 xAPI 语句到 {1} · wrote {0} xAPI statements to {1}\n", n.statements, a.out);
    } catch (const std::exception& e) {
        fmt::print(stderr, "linli export xapi: {}\n", e.what());
        return kProblems;
    }
    return kOk;
}

}  // namespace

void add_export(CLI::App& app, const Options& opts, Action& action) {
    CLI::App* exp = app.add_subcommand("export", "导出学习记录 · export learning records");
    exp->require_subcommand(1);
    auto a = std::make_shared<XapiArgs>();
    CLI::App* sub = exp->add_subcommand("xapi", "把共享文件里的学习记录导出为 xAPI 1.0.3 语句：写到文件，或发到 LRS（可续传） · the shared file's progress as xAPI 1.0.3 statements, to a file or an LRS (resumes)");
    sub->add_option("--shared", a->shared, "班级同步用的共享文件（默认：本机同步的那个） · the cohort's shared file (default: the one this device syncs with)")
        ->type_name("PATH");
    sub->add_flag("--anonymous", a->anonymous, "匿名：学员 id 换成固定的代号，不写姓名 · anonymous: stable pseudonyms, no names");
    sub->add_option("--base", a->base, fmt::format("活动、账号和扩展 IRI 的前缀（默认 {0}，机构应换成自己的） · the prefix of activity, account and extension IRIs (default {0}: set your organisation's)", xapi::kDefaultBase))
        ->type_name("IRI");
    sub->add_option("--out", a->out, "把全部语句写成一个 JSON 数组文件 · write every statement to this file as one JSON array")->type_name("FILE");
    sub->add_option("--lrs", a->lrs, "LRS 的 xAPI 地址（发到 URL/statements） · the LRS's xAPI endpoint (statements go to URL/statements)")->type_name("URL");
    sub->add_option("--user", a->user, "LRS 的用户名（Basic 认证的 key） · the LRS key (HTTP Basic user)")->type_name("KEY");
    sub->add_option("--password", a->password, "LRS 的密码（也可用环境变量 LINLI_LRS_PASSWORD） · the LRS secret (or LINLI_LRS_PASSWORD)")->type_name("SECRET");
    add_positive(*sub, "--batch", a->batch, "每次发送的语句数（默认 500） · statements per request (default 500)");
    on_parsed(sub, action, [&opts, a, sub] {
        XapiArgs args = *a;
        args.batch_given = sub->count("--batch") > 0;
        return export_xapi(opts, std::move(args));
    });
}

}  // namespace linli::cli
