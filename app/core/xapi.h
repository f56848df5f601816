// xAPI 1.0.3 statements from a cohort's events (`linli export xapi`), for an organisation's
// learning-record store (LRS). Streaming: a first cheap pass keeps only what later events need
// (each learner's profile, when each attempt started, which drill each workshop ran), the second
// hands over each event's statements as it is read — never all events in memory.
//
// Verbs (ADL): doc.finished → experienced; drill.started → attempted; drill.choice → answered (the
// node as a "choice" interaction); drill.finished → completed, and passed (good, fair) or failed
// (bad); workshop.started → initialized, workshop.closed → terminated. Other kinds give none.
// Activity IRIs: BASE/xapi/activities/document/<id>, …/drill/<id>, …/drill/<id>/node/<node id>.
// Statement ids are name-based UUIDs (version 5) of "<device>:<seq>:<verb>": exporting again gives
// the same ids, so an LRS never stores a statement twice.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/cohort.h"

namespace linli::xapi {

// A placeholder under a reserved top-level domain: an organisation sets its own with --base.
inline constexpr const char* kDefaultBase = "https://linli.invalid";

struct ExportOptions {
    std::string base = kDefaultBase;  // trailing slashes are dropped
    bool anonymous = false;           // learner ids as pseudonym(), no names
};

// The verbs' short names, as they go into statement ids.
inline constexpr const char* kVerbs[] = {"experienced", "attempted", "answered", "completed",
                                         "passed",      "failed",    "initialized", "terminated"};

// Whether `s` starts with a URI scheme ("https:"): what xAPI calls an absolute IRI.
bool is_absolute_iri(std::string_view s);
// Every byte that is not unreserved (RFC 3986: letters, digits, - . _ ~) as %XX.
std::string percent_encode(std::string_view s);
// RFC 4122 name-based UUID, version 5 (SHA-1), in its 8-4-4-4-12 lowercase form.
std::string uuid_v5(const unsigned char (&ns)[16], std::string_view name);
// The statement id of an event's statement with `verb`: uuid_v5 of "<device>:<seq>:<verb>" in
// Linli's namespace (80b4be2b-765a-509b-91de-041b3148f980).
std::string statement_id(std::string_view device, int64_t seq, std::string_view verb);
// 32 hex digits (a random Linli id) as a version-4 UUID, 8-4-4-4-12 with its version and variant
// bits set; "" unless `hex32` is such an id.
std::string as_uuid(std::string_view hex32);
// ISO 8601 in UTC with milliseconds: 2026-11-03T06:05:09.123Z.
std::string iso_timestamp(int64_t unix_ms);
// ISO 8601 duration: PT5M3S, PT0.25S, PT26H1S (hundredths at most; negative counts as 0).
std::string iso_duration(int64_t ms);
// When an event happened, in ms: its hybrid clock's milliseconds when within a day of its
// wall-clock `at` (seconds), else `at`.
int64_t event_time_ms(int64_t hlc, int64_t at);

// Per device, the seq of the last event whose statements an LRS has (events up to it are skipped).
using SentMarks = std::map<std::string, int64_t, std::less<>>;

struct ExportCounts {
    int64_t events = 0;      // read in the second pass
    int64_t statements = 0;  // handed over
    int64_t skipped = 0;     // statements of events at or below their device's mark
};

// Not thread-safe (it keeps a payload reader and the catalog's activities as built): one per thread.
class StatementBuilder {
public:
    StatementBuilder(const Catalog& catalog, ExportOptions options);
    ~StatementBuilder();
    StatementBuilder(const StatementBuilder&) = delete;
    StatementBuilder& operator=(const StatementBuilder&) = delete;

    // Pass one: profiles (the latest by hlc, then device), attempt starts, workshops' drills. It
    // reads only events of kCollectKinds: a feed may hold those alone.
    void collect(const EventFeed& feed);
    static const std::vector<std::string> kCollectKinds;
    // The statements of one event, appended to `out` (none for kinds without a verb).
    void statements(const EventView& e, std::vector<nlohmann::json>& out) const;
    // The same, serialised (compact JSON), appended to `out` with ",\n" between them: what a file
    // of 500,000 events is written with, without a document per statement. How many there were.
    int statements_text(const EventView& e, std::string& out) const;
    // Pass two: `fn` gets each event that has statements, with them (it may move them away);
    // events at or below `sent[device]` are counted as skipped. Returning false stops.
    ExportCounts each(const EventFeed& feed, const SentMarks& sent,
                      const std::function<bool(const EventView&, std::vector<nlohmann::json>&)>& fn) const;

private:
    struct State;
    struct Part;
    void parts(const EventView& e, std::vector<Part>& out) const;
    std::unique_ptr<State> s_;
};

// `--out`: both passes, every statement into one JSON array (a statement a line), written to a
// temporary file renamed over `out`. Throws std::runtime_error when it cannot be written.
// `first_pass`: the feed of pass one (its kinds alone); default `feed`.
ExportCounts write_statements_file(const EventFeed& feed, const Catalog& catalog, const ExportOptions& options,
                                   const std::filesystem::path& out, const EventFeed* first_pass = nullptr);

}  // namespace linli::xapi
