#include "core/xapi.h"

#include <fmt/format.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <tuple>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/chunk_writer.h"
#include "core/export_files.h"
#include "core/latest_value.h"
#include "sync/ids.h"
#include "sync/keys.h"
#include "sync/payload.h"

namespace linli::xapi {
namespace {

using nlohmann::json;
namespace kind = event_kind;

// uuid5(NAMESPACE_URL, "https://linli.invalid/xapi/statement-ids"): fixed for good, or every
// statement would get a new id and an LRS would store it again.
constexpr unsigned char kNamespace[16] = {0x80, 0xb4, 0xbe, 0x2b, 0x76, 0x5a, 0x50, 0x9b,
                                          0x91, 0xde, 0x04, 0x1b, 0x31, 0x48, 0xf9, 0x80};
constexpr int64_t kDayMs = 86400000;
constexpr const char* kAdlVerbs = "http://adlnet.gov/expapi/verbs/";
constexpr const char* kAdlActivities = "http://adlnet.gov/expapi/activities/";

struct Verb {
    const char* name;  // its last IRI segment, and its part of the statement id
    const char* zh;
    const char* en;
};
constexpr Verb kExperienced{"experienced", "学习了", "experienced"};
constexpr Verb kAttempted{"attempted", "尝试了", "attempted"};
constexpr Verb kAnswered{"answered", "回答了", "answered"};
constexpr Verb kCompleted{"completed", "完成了", "completed"};
constexpr Verb kPassed{"passed", "通过了", "passed"};
constexpr Verb kFailed{"failed", "未通过", "failed"};
constexpr Verb kInitialized{"initialized", "开始了", "initialized"};
constexpr Verb kTerminated{"terminated", "结束了", "terminated"};

// A language map in Chinese and English; without an English text the Chinese stands for both.
// Chinese, and English where the library has it (a document's title_en): a language map does not
// claim Chinese text is English.
json lang_map(const std::string& zh, const std::string& en = {}) {
    json m{{"zh-CN", zh}};
    if (!en.empty()) m["en-US"] = en;
    return m;
}

// Compact JSON, text that is not UTF-8 replaced rather than thrown on (a damaged file's strings).
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json verb_json(const Verb& v) {
    return json{{"id", std::string(kAdlVerbs) + v.name}, {"display", json{{"zh-CN", v.zh}, {"en-US", v.en}}}};
}

// A verb's JSON, serialised once.
const std::string& verb_text(const Verb& v) {
    static std::unordered_map<const Verb*, std::string> texts;
    static std::mutex m;
    std::lock_guard lock(m);
    auto it = texts.find(&v);
    if (it == texts.end()) it = texts.emplace(&v, dump(verb_json(v))).first;
    return it->second;
}

using Latest = LatestValue;

struct Profile {
    Latest name, cohort;
};

// ASCII only, whatever the locale.
bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_alnum(char c) { return ascii_alpha(c) || (c >= '0' && c <= '9'); }

}  // namespace

bool is_absolute_iri(std::string_view s) {
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
    if (s.empty() || !ascii_alpha(s[0])) return false;
    for (size_t i = 1; i < s.size(); ++i) {
        char c = s[i];
        if (c == ':') return i + 1 < s.size();
        if (!ascii_alnum(c) && c != '+' && c != '-' && c != '.') return false;
    }
    return false;
}

std::string percent_encode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += c;
        else fmt::format_to(std::back_inserter(out), "%{:02X}", static_cast<unsigned char>(c));
    }
    return out;
}

std::string uuid_v5(const unsigned char (&ns)[16], std::string_view name) {
    std::string data(reinterpret_cast<const char*>(ns), 16);
    data += name;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha1(), nullptr) != 1 || len < 16)
        throw std::runtime_error("SHA-1 unavailable (OpenSSL)");
    md[6] = static_cast<unsigned char>((md[6] & 0x0f) | 0x50);  // version 5
    md[8] = static_cast<unsigned char>((md[8] & 0x3f) | 0x80);  // RFC 4122 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[md[i] >> 4];
        out += kHex[md[i] & 15];
    }
    return out;
}

std::string statement_id(std::string_view device, int64_t seq, std::string_view verb) {
    std::string name;
    name.reserve(device.size() + verb.size() + 24);
    ((name += device) += ':') += std::to_string(seq);
    (name += ':') += verb;
    return uuid_v5(kNamespace, name);
}

std::string as_uuid(std::string_view h) {
    if (!is_id(h)) return {};
    // Linli's ids are 128 random bits: as an RFC 4122 version-4 UUID, with its version nibble and
    // variant bits set (a strict LRS checks them), the same for the same id.
    std::string u = fmt::format("{}-{}-{}-{}-{}", h.substr(0, 8), h.substr(8, 4), h.substr(12, 4), h.substr(16, 4), h.substr(20));
    u[14] = '4';
    const char* hex = "0123456789abcdef";
    int v = u[19] >= 'a' ? u[19] - 'a' + 10 : u[19] >= 'A' ? u[19] - 'A' + 10 : u[19] - '0';
    u[19] = hex[(v & 0x3) | 0x8];
    return u;
}

std::string iso_timestamp(int64_t ms) {
    int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    int milli = int(ms - secs * 1000);
    std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                       tm.tm_min, tm.tm_sec, milli);
}

std::string iso_duration(int64_t ms) {
    int64_t cs = ms > 0 ? (ms + 5) / 10 : 0;  // hundredths: what an LRS keeps
    int64_t secs = cs / 100, frac = cs % 100;
    int64_t h = secs / 3600, m = secs % 3600 / 60, s = secs % 60;
    std::string out = "PT";
    if (h) out += fmt::format("{}H", h);
    if (m) out += fmt::format("{}M", m);
    if (s || frac || (!h && !m)) {
        out += std::to_string(s);
        if (frac) out += frac % 10 ? fmt::format(".{:02}", frac) : fmt::format(".{}", frac / 10);
        out += 'S';
    }
    return out;
}

int64_t event_time_ms(int64_t hlc, int64_t at) {
    int64_t ms = hlc::millis(hlc), wall = at * 1000;
    return ms > 0 && ms - wall <= kDayMs && wall - ms <= kDayMs ? ms : wall;
}

struct StatementBuilder::State {
    const Catalog& catalog;
    ExportOptions options;
    std::string base;  // without trailing slashes
    std::unordered_map<std::string, Profile> profiles;          // learner id -> profile
    std::unordered_map<std::string, int64_t> attempt_started;   // attempt id -> ms
    std::unordered_map<std::string, std::string> workshop_drill;  // workshop id -> drill id
    // Activities of the catalog as built once (bounded by the catalog, whatever the file holds):
    // whole the first time a run names one (its description, a node's choices), then by id, name
    // and type alone. An LRS keeps the definition it was given; a file reader meets it first.
    struct Known {
        json whole, slim;
        std::string whole_text, slim_text;  // the same, serialised once
        bool given = false;
    };
    mutable std::unordered_map<std::string, Known> activities;
    mutable derived::Payload payload;
    // The statement's object: an activity of the catalog (whole the first time), or one built for
    // this statement alone (an id the catalog does not have).
    struct Object {
        const json* value = nullptr;
        const std::string* text = nullptr;
        std::shared_ptr<Known> own;
    };

    State(const Catalog& c, ExportOptions o) : catalog(c), options(std::move(o)) {
        base = options.base;
        while (!base.empty() && base.back() == '/') base.pop_back();
    }

    std::string drill_iri(std::string_view drill) const { return base + "/xapi/activities/drill/" + percent_encode(drill); }

    Object cached(const std::string& iri, bool known, const std::function<json()>& make) const {
        if (!known) {
            auto k = std::make_shared<Known>();
            k->whole = make();
            k->whole_text = dump(k->whole);
            return {&k->whole, &k->whole_text, k};
        }
        auto it = activities.find(iri);
        if (it == activities.end()) {
            Known k{make(), {}, {}, {}, false};
            k.slim = k.whole;
            if (k.slim.contains("definition")) {
                k.slim["definition"].erase("description");
                k.slim["definition"].erase("choices");
            }
            k.whole_text = dump(k.whole);
            k.slim_text = dump(k.slim);
            it = activities.emplace(iri, std::move(k)).first;
        }
        Known& k = it->second;
        if (!k.given) {
            k.given = true;
            return {&k.whole, &k.whole_text, nullptr};
        }
        return {&k.slim, &k.slim_text, nullptr};
    }

    Object document(std::string_view id) const {
        std::string iri = base + "/xapi/activities/document/" + percent_encode(id);
        const Document* d = catalog.library.find(id);
        return cached(iri, d != nullptr, [&] {
            json a{{"objectType", "Activity"}, {"id", iri}};
            if (d) {
                a["definition"] = {{"name", lang_map(d->meta.title, d->meta.title_en)},
                                   {"type", std::string(kAdlActivities) + (d->meta.kind == DocKind::Drill ? "simulation" : "lesson")}};
                if (!d->meta.summary.empty()) a["definition"]["description"] = json{{"zh-CN", d->meta.summary}};
            }
            return a;
        });
    }

    Object drill(std::string_view id) const {
        std::string iri = drill_iri(id);
        const Drill* dr = catalog.drill(id);
        const Document* d = dr ? dr->doc : catalog.library.find(id);
        return cached(iri, d != nullptr, [&] {
            json def{{"type", std::string(kAdlActivities) + "simulation"}};
            if (d) {
                def["name"] = lang_map(d->meta.title, d->meta.title_en);
                if (!d->meta.summary.empty()) def["description"] = json{{"zh-CN", d->meta.summary}};
            }
            return json{{"objectType", "Activity"}, {"id", iri}, {"definition", def}};
        });
    }

    Object node(std::string_view drill_id, const std::string& node_id) const {
        std::string iri = drill_iri(drill_id) + "/node/" + percent_encode(node_id);
        const Drill* dr = catalog.drill(drill_id);
        int n = dr ? dr->find_node(node_id) : -1;
        return cached(iri, n >= 0, [&] {
            json def{{"type", std::string(kAdlActivities) + "cmi.interaction"}};
            if (n >= 0) {
                const DrillNode& dn = dr->nodes[size_t(n)];
                def["name"] = lang_map(dn.title);
                def["interactionType"] = "choice";
                json choices = json::array();
                for (size_t i = 0; i < dn.choices.size(); ++i)
                    choices.push_back({{"id", std::to_string(i)}, {"description", lang_map(dn.choices[i].text)}});
                def["choices"] = std::move(choices);
            }
            return json{{"objectType", "Activity"}, {"id", iri}, {"definition", def}};
        });
    }

    const Profile* profile(std::string_view learner) const {
        auto it = profiles.find(std::string(learner));
        return it == profiles.end() ? nullptr : &it->second;
    }

    // The last learner's actor and context parts, serialised: a device's events are one learner's.
    mutable std::string text_learner, actor_text, cohort_text;
    void learner_texts(std::string_view learner, const Profile* p) const {
        if (learner == text_learner && !actor_text.empty()) return;
        text_learner = learner;
        actor_text = dump(actor(learner, p));
        cohort_text = p && !p->cohort.value.empty() ? dump(json{{base + "/xapi/extensions/cohort", p->cohort.value}}) : "";
    }

    json actor(std::string_view learner, const Profile* p) const {
        json a{{"objectType", "Agent"},
               {"account", {{"homePage", base}, {"name", options.anonymous ? pseudonym(learner) : std::string(learner)}}}};
        if (!options.anonymous && p && !p->name.value.empty()) a["name"] = p->name.value;
        return a;
    }

    json context(const Profile* p, const std::string& registration, const json* parent) const {
        json c{{"language", "zh-CN"}, {"platform", "Linli"}};
        if (!registration.empty()) c["registration"] = registration;
        if (parent) c["contextActivities"] = {{"parent", json::array({*parent})}};
        if (p && !p->cohort.value.empty()) c["extensions"] = {{base + "/xapi/extensions/cohort", p->cohort.value}};
        return c;
    }
};

StatementBuilder::StatementBuilder(const Catalog& catalog, ExportOptions options)
    : s_(std::make_unique<State>(catalog, std::move(options))) {}
StatementBuilder::~StatementBuilder() = default;

const std::vector<std::string> StatementBuilder::kCollectKinds = {kind::kSetting, kind::kDrillStarted, kind::kWorkshopStarted};

void StatementBuilder::collect(const EventFeed& feed) {
    State& s = *s_;
    derived::Payload p;
    feed([&](const EventView& e) {
        if (e.kind == kind::kSetting) {
            bool name = e.subject == setting_key::kProfileName;
            if ((!name && e.subject != setting_key::kProfileCohort) || !p.parse(e.payload)) return true;
            Profile& pr = s.profiles[std::string(e.learner)];
            (name ? pr.name : pr.cohort).offer(p.str("value"), e.hlc, e.device);
        } else if (e.kind == kind::kDrillStarted) {
            s.attempt_started.emplace(std::string(e.subject), event_time_ms(e.hlc, e.at));
        } else if (e.kind == kind::kWorkshopStarted) {
            if (p.parse(e.payload) && !p.str("drill").empty()) s.workshop_drill.emplace(std::string(e.subject), p.str("drill"));
        }
        return true;
    });
}

// One statement before it is JSON: what both outputs make it from.
struct StatementBuilder::Part {
    const Verb* verb = nullptr;
    State::Object object;
    std::string registration, parent_iri;
    json result;           // null: none
    std::string response;  // an answer's choice: the whole result, {"response": …}
};

void StatementBuilder::parts(const EventView& e, std::vector<Part>& out) const {
    const State& s = *s_;
    const int64_t ms = event_time_ms(e.hlc, e.at);
    auto add = [&](const Verb& v, State::Object object, const std::string& registration = {}, std::string parent = {}) -> Part& {
        out.push_back({&v, std::move(object), registration, std::move(parent), nullptr, {}});
        return out.back();
    };
    if (e.kind == kind::kDocFinished) {
        if (!e.subject.empty()) add(kExperienced, s.document(e.subject));
        return;
    }
    // The payload as the feed read it when it checked the row, else read here.
    const derived::Payload* read = e.parsed && e.parsed->ok() ? e.parsed : s.payload.parse(e.payload) ? &s.payload : nullptr;
    if (!read) return;
    const derived::Payload& p = *read;
    const bool drill_event = e.kind == kind::kDrillStarted || e.kind == kind::kDrillChoice || e.kind == kind::kDrillFinished;
    if (drill_event) {
        std::string drill_id = p.str("drill");
        if (drill_id.empty()) return;
        const std::string attempt = as_uuid(e.subject);  // the attempt groups its statements
        if (e.kind == kind::kDrillStarted) {
            add(kAttempted, s.drill(drill_id), attempt);
        } else if (e.kind == kind::kDrillChoice) {
            std::string node_id = p.str("node");
            if (node_id.empty()) return;
            // The drill as the parent activity, by id: its definition comes with attempted.
            add(kAnswered, s.node(drill_id, node_id), attempt, s.drill_iri(drill_id)).response = std::to_string(p.integer("choice"));
        } else {
            json result{{"completion", true}};
            auto started = s.attempt_started.find(std::string(e.subject));
            if (started != s.attempt_started.end() && ms >= started->second) result["duration"] = iso_duration(ms - started->second);
            const std::string rating = p.str("rating"), ending = p.str("ending");
            json ext = json::object();
            if (!ending.empty()) ext[s.base + "/xapi/extensions/ending"] = ending;
            if (!rating.empty()) ext[s.base + "/xapi/extensions/rating"] = rating;
            if (!ext.empty()) result["extensions"] = ext;
            State::Object object = s.drill(drill_id);
            add(kCompleted, object, attempt).result = result;
            if (rating == "good" || rating == "fair" || rating == "bad") {
                const bool passed = rating != "bad";
                result["success"] = passed;
                add(passed ? kPassed : kFailed, s.drill(drill_id), attempt).result = std::move(result);
            }
        }
        return;
    }
    if (e.kind == kind::kWorkshopStarted || e.kind == kind::kWorkshopClosed) {
        const std::string registration = as_uuid(e.subject);
        if (registration.empty()) return;
        std::string drill_id;
        if (e.kind == kind::kWorkshopStarted) {
            drill_id = p.str("drill");
        } else if (auto it = s.workshop_drill.find(std::string(e.subject)); it != s.workshop_drill.end()) {
            drill_id = it->second;
        }
        if (drill_id.empty()) return;  // a close whose start is not in the file: nothing to name
        add(e.kind == kind::kWorkshopStarted ? kInitialized : kTerminated, s.drill(drill_id), registration);
    }
}

void StatementBuilder::statements(const EventView& e, std::vector<json>& out) const {
    const State& s = *s_;
    thread_local std::vector<Part> ps;
    ps.clear();
    parts(e, ps);
    if (ps.empty()) return;
    const Profile* prof = s.profile(e.learner);
    const std::string timestamp = iso_timestamp(event_time_ms(e.hlc, e.at));
    for (Part& p : ps) {
        json parent;
        if (!p.parent_iri.empty()) parent = {{"objectType", "Activity"}, {"id", p.parent_iri}};
        json st{{"id", statement_id(e.device, e.seq, p.verb->name)},
                {"actor", s.actor(e.learner, prof)},
                {"verb", verb_json(*p.verb)},
                {"object", *p.object.value},
                {"timestamp", timestamp},
                {"context", s.context(prof, p.registration, p.parent_iri.empty() ? nullptr : &parent)}};
        if (!p.response.empty()) st["result"] = {{"response", p.response}};
        else if (!p.result.is_null()) st["result"] = std::move(p.result);
        out.push_back(std::move(st));
    }
}

// The same statements as statements() gives (a unit test parses them and compares), written from
// parts serialised once (the actor per learner, the verb, the activity) into `out` itself: no
// document, and no string of its own, per statement.
int StatementBuilder::statements_text(const EventView& e, std::string& out) const {
    const State& s = *s_;
    thread_local std::vector<Part> ps;
    ps.clear();
    parts(e, ps);
    if (ps.empty()) return 0;
    if (e.learner != s.text_learner || s.actor_text.empty()) s.learner_texts(e.learner, s.profile(e.learner));
    const std::string timestamp = iso_timestamp(event_time_ms(e.hlc, e.at));
    bool first = true;
    for (Part& p : ps) {
        if (!first) out += ",\n";
        first = false;
        out += "{\"actor\":";
        out += s.actor_text;
        out += ",\"context\":{";
        if (!p.parent_iri.empty()) {
            out += "\"contextActivities\":{\"parent\":[{\"id\":";
            out += dump(p.parent_iri);
            out += ",\"objectType\":\"Activity\"}]},";
        }
        if (!s.cohort_text.empty()) {
            out += "\"extensions\":";
            out += s.cohort_text;
            out += ',';
        }
        out += "\"language\":\"zh-CN\",\"platform\":\"Linli\"";
        if (!p.registration.empty()) {
            out += ",\"registration\":\"";
            out += p.registration;
            out += '"';
        }
        out += "},\"id\":\"";
        out += statement_id(e.device, e.seq, p.verb->name);
        out += "\",\"object\":";
        out += *p.object.text;
        if (!p.response.empty()) {  // digits alone: nothing to escape
            out += ",\"result\":{\"response\":\"";
            out += p.response;
            out += "\"}";
        } else if (!p.result.is_null()) {
            out += ",\"result\":";
            out += dump(p.result);
        }
        out += ",\"timestamp\":\"";
        out += timestamp;
        out += "\",\"verb\":";
        out += verb_text(*p.verb);
        out += '}';
    }
    return int(ps.size());
}

ExportCounts StatementBuilder::each(const EventFeed& feed, const SentMarks& sent,
                                    const std::function<bool(const EventView&, std::vector<json>&)>& fn) const {
    ExportCounts c;
    std::vector<json> out;
    std::string device;
    int64_t mark = 0;
    feed([&](const EventView& e) {
        ++c.events;
        if (e.device != device || c.events == 1) {  // events come by device: one look-up each
            device = std::string(e.device);
            auto it = sent.find(e.device);
            mark = it == sent.end() ? 0 : it->second;
        }
        out.clear();
        statements(e, out);
        if (out.empty()) return true;
        if (e.seq <= mark) {
            c.skipped += int64_t(out.size());
            return true;
        }
        c.statements += int64_t(out.size());
        return fn(e, out);
    });
    return c;
}

ExportCounts write_statements_file(const EventFeed& feed, const Catalog& catalog, const ExportOptions& options,
                                   const std::filesystem::path& out, const EventFeed* first_pass) {
    StatementBuilder builder(catalog, options);
    builder.collect(first_pass ? *first_pass : feed);
    ExportCounts counts;
    write_file_atomically(out, [&](const std::filesystem::path& tmp, std::string& error) {
        int fd = ::open(tmp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        int err = fd < 0 ? errno : 0;
        if (fd >= 0) {
            constexpr size_t kChunk = 4 << 20;  // serialised while the chunk before is written
            ChunkWriter writer(fd);
            std::string chunk = "[";
            chunk.reserve(kChunk + (64 << 10));
            bool first = true;
            feed([&](const EventView& e) {
                ++counts.events;
                const size_t mark = chunk.size();
                chunk += first ? "\n" : ",\n";
                if (int n = builder.statements_text(e, chunk); n > 0) {
                    counts.statements += n;
                    first = false;
                } else {
                    chunk.resize(mark);
                }
                if (chunk.size() < kChunk) return true;
                writer.hand(chunk);
                return writer.error() == 0;
            });
            chunk += first ? "]\n" : "\n]\n";
            writer.hand(chunk);
            err = writer.finish();
            if (::close(fd) != 0 && err == 0) err = errno;
        }
        if (err != 0) {
            std::string why = std::strerror(err);
            error = "无法写入 " + out.string() + "（" + why + "）/ cannot write " + out.string() + ": " + why;
        }
        return err == 0;
    });
    return counts;
}

}  // namespace linli::xapi
