#include "core/lrs_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "sync/progress_store.h"

namespace linli::xapi {
namespace {

using nlohmann::json;

constexpr size_t kDetailBytes = 300;     // of a reply's body, in messages
constexpr size_t kReplyKeep = 4096;      // of a reply's body, kept at all

std::string lower(std::string_view s) {  // ASCII only, whatever the locale
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool ends_with(std::string_view s, std::string_view end) { return s.size() >= end.size() && s.substr(s.size() - end.size()) == end; }

// The first `n` bytes, not cutting a UTF-8 character.
std::string head(const std::string& s, size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

size_t keep_reply(char* data, size_t size, size_t count, void* user) {
    auto* reply = static_cast<std::string*>(user);
    size_t n = size * count;
    if (reply->size() < kReplyKeep) reply->append(data, std::min(n, kReplyKeep - reply->size()));
    return n;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string join(const std::vector<std::string>& texts) {
    size_t size = 2;
    for (const std::string& t : texts) size += t.size() + 1;
    std::string out;
    out.reserve(size);
    out += '[';
    for (size_t i = 0; i < texts.size(); ++i) {
        if (i) out += ',';
        out += texts[i];
    }
    out += ']';
    return out;
}

}  // namespace

std::string normalise_lrs_url(std::string_view url) {
    while (!url.empty() && space(url.front())) url.remove_prefix(1);
    while (!url.empty() && space(url.back())) url.remove_suffix(1);
    size_t colon = url.find("://");
    if (colon == std::string_view::npos) return {};
    std::string scheme = lower(url.substr(0, colon));
    if (scheme != "http" && scheme != "https") return {};
    std::string_view rest = url.substr(colon + 3);
    size_t end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, end), path = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    size_t at = authority.rfind('@');  // user info keeps its case; the host does not
    std::string host = lower(at == std::string_view::npos ? authority : authority.substr(at + 1));
    if (host.empty()) return {};
    std::string out = scheme + "://" + std::string(at == std::string_view::npos ? "" : authority.substr(0, at + 1)) + host;
    std::string p(path);
    while (!p.empty() && p.back() == '/') p.pop_back();
    if (ends_with(p, "/statements")) p.resize(p.size() - 11);
    while (!p.empty() && p.back() == '/') p.pop_back();
    return out + p;
}

std::string sent_meta_key(std::string_view normalised_url) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a, 64 bits
    for (char c : normalised_url) h = (h ^ uint8_t(c)) * 1099511628211ull;
    return fmt::format("xapi.sent.{:016x}", h);
}

SentMarks read_sent_marks(ProgressStore& store, std::string_view normalised_url) {
    SentMarks marks;
    auto text = store.meta(sent_meta_key(normalised_url));
    if (!text) return marks;
    json j = json::parse(*text, nullptr, false);
    if (!j.is_object() || !j.contains("sent") || !j["sent"].is_object()) return marks;
    for (auto it = j["sent"].begin(); it != j["sent"].end(); ++it)
        if (it.value().is_number_integer()) marks[it.key()] = it.value().get<int64_t>();
    return marks;
}

void write_sent_marks(ProgressStore& store, std::string_view normalised_url, const SentMarks& marks) {
    json sent = json::object();
    for (const auto& [device, seq] : marks) sent[device] = seq;
    store.set_meta(sent_meta_key(normalised_url), json{{"url", normalised_url}, {"sent", sent}}.dump());
}

LrsClient::LrsClient(LrsConfig config) : config_(std::move(config)), endpoint_(config_.url + "/statements") {
    global_init();
    CURL* c = curl_easy_init();
    if (!c) throw std::runtime_error("libcurl 无法初始化 · libcurl cannot start");
    curl_ = c;
    curl_slist* h = nullptr;
    for (const char* line : {"X-Experience-API-Version: 1.0.3", "Content-Type: application/json", "Accept: application/json",
                             "Expect:"})  // no 100-continue round trip before a large batch
        h = curl_slist_append(h, line);
    headers_ = h;
    curl_easy_setopt(c, CURLOPT_URL, endpoint_.c_str());
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, long(CURLAUTH_BASIC));
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
    curl_easy_setopt(c, CURLOPT_USERAGENT, "linli");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, config_.timeout_seconds);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_reply);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
}

LrsClient::~LrsClient() {
    curl_easy_cleanup(static_cast<CURL*>(curl_));
    curl_slist_free_all(static_cast<curl_slist*>(headers_));
}

PostResult LrsClient::once(const std::string& body) {
    CURL* c = static_cast<CURL*>(curl_);
    std::string reply;
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    CURLcode rc = curl_easy_perform(c);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
    PostResult r;
    if (rc != CURLE_OK) {
        r.detail = error[0] ? error : curl_easy_strerror(rc);
        return r;  // Failed: tried again
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.http);
    r.detail = head(reply, kDetailBytes);
    if (r.http >= 200 && r.http < 300) r.status = PostResult::Stored;
    else if (r.http == 409) r.status = PostResult::AlreadyStored;
    else if (r.http >= 500) r.status = PostResult::Failed;
    else r.status = PostResult::Rejected;  // 4xx, and a redirect or 1xx no LRS should send
    return r;
}

PostResult LrsClient::post(const std::string& statements_json) {
    PostResult r;
    std::chrono::milliseconds delay = config_.first_delay;
    for (int t = 1; t <= std::max(1, config_.tries); ++t) {
        r = once(statements_json);
        r.tries = t;
        if (r.status != PostResult::Failed) break;
        if (t < config_.tries) {
            std::this_thread::sleep_for(delay);
            delay *= 2;
        }
    }
    return r;
}

PushReport push_statements(StatementBuilder& builder, const EventFeed& feed, ProgressStore& store, const LrsConfig& config,
                           const EventFeed* first_pass) {
    PushReport r;
    builder.collect(first_pass ? *first_pass : feed);
    const SentMarks before = read_sent_marks(store, config.url);
    SentMarks marks = before;
    LrsClient client(config);
    const size_t limit = std::max<size_t>(1, config.batch);
    std::vector<std::string> texts;                          // the batch's statements as JSON
    std::vector<std::pair<std::string, int64_t>> last_seq;   // per device in the batch: its last event
    auto failed = [&](const PostResult& p) {
        r.status = p.status == PostResult::Rejected ? PushReport::Rejected : PushReport::Failed;
        r.http = p.http;
        r.detail = p.detail;
        r.tries = p.tries;
        return false;
    };
    auto flush = [&]() -> bool {
        if (texts.empty()) return true;
        PostResult p = client.post(join(texts));
        if (p.status == PostResult::AlreadyStored && texts.size() > 1) {
            // Which of them the LRS has, it does not say (and it may have stored none of the
            // rest): one at a time, each either stored now or already there.
            for (const std::string& t : texts) {
                PostResult one = client.post("[" + t + "]");
                if (one.status == PostResult::Rejected || one.status == PostResult::Failed) return failed(one);
                ++r.sent;
                if (one.status == PostResult::AlreadyStored) ++r.already;
            }
        } else if (p.status == PostResult::Stored || p.status == PostResult::AlreadyStored) {
            r.sent += int64_t(texts.size());
            if (p.status == PostResult::AlreadyStored) ++r.already;
        } else {
            return failed(p);
        }
        ++r.batches;
        for (const auto& [device, seq] : last_seq) {
            int64_t& m = marks[device];
            m = std::max(m, seq);
        }
        write_sent_marks(store, config.url, marks);
        texts.clear();
        last_seq.clear();
        return true;
    };
    ExportCounts counts = builder.each(feed, before, [&](const EventView& e, std::vector<json>& statements) {
        // An event's statements go in one batch: its mark then means all of them were sent.
        if (!texts.empty() && texts.size() + statements.size() > limit && !flush()) return false;
        for (const json& st : statements) texts.push_back(st.dump(-1, ' ', false, json::error_handler_t::replace));
        if (!last_seq.empty() && last_seq.back().first == e.device) last_seq.back().second = e.seq;
        else last_seq.emplace_back(std::string(e.device), e.seq);
        return true;
    });
    if (r.status == PushReport::Ok) flush();
    r.skipped = counts.skipped;
    return r;
}

}  // namespace linli::xapi
