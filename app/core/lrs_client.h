// Sending xAPI statements to a learning-record store (libcurl): POST URL/statements in batches,
// with the xAPI version header and HTTP Basic auth. Network errors and 5xx replies are tried again
// (5 tries a batch, waiting 1 s, 2 s, 4 s, 8 s); a 4xx stops the push. A 409 means the LRS has
// (some of) the batch already: its statements are then sent one at a time, each 409 counting as
// stored, so a batch mixing new and stored statements loses none. After each batch the progress
// store remembers, per LRS, the last event sent of each device: the next push starts after it.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/xapi.h"

namespace linli {
class ProgressStore;
}

namespace linli::xapi {

struct LrsConfig {
    std::string url;  // the LRS's xAPI endpoint: statements go to URL/statements
    std::string user, password;
    size_t batch = 500;  // statements a POST
    int tries = 5;       // per batch
    std::chrono::milliseconds first_delay{1000};  // before the second try; doubles after
    long timeout_seconds = 120;                   // per request
};

// The endpoint as pushes remember it: scheme and host in lower case, no trailing slashes, no
// trailing "/statements". "" unless it is an http:// or https:// URL with a host.
std::string normalise_lrs_url(std::string_view url);
// The progress store's meta key of an LRS's marks: "xapi.sent." + FNV-1a 64 of the normalised URL.
std::string sent_meta_key(std::string_view normalised_url);
SentMarks read_sent_marks(ProgressStore& store, std::string_view normalised_url);
void write_sent_marks(ProgressStore& store, std::string_view normalised_url, const SentMarks& marks);

struct PostResult {
    enum Status { Stored, AlreadyStored, Rejected, Failed };
    Status status = Failed;
    long http = 0;       // the last reply's status; 0: none (a network error)
    std::string detail;  // the network error, or the first 300 bytes of the reply's body
    int tries = 0;
};

class LrsClient {
public:
    explicit LrsClient(LrsConfig config);  // config.url normalised
    ~LrsClient();
    LrsClient(const LrsClient&) = delete;
    LrsClient& operator=(const LrsClient&) = delete;
    // POSTs a JSON array of statements, trying again as the header says.
    PostResult post(const std::string& statements_json);

private:
    PostResult once(const std::string& body);
    LrsConfig config_;
    std::string endpoint_;
    void* curl_ = nullptr;     // CURL*
    void* headers_ = nullptr;  // curl_slist*
};

struct PushReport {
    enum Status { Ok, Rejected, Failed };
    Status status = Ok;
    int64_t sent = 0;     // statements the LRS took now (already_stored included)
    int64_t already = 0;  // of them, ones it had before (409)
    int64_t skipped = 0;  // statements of events sent before (the marks)
    int64_t batches = 0;
    long http = 0;
    std::string detail;
    int tries = 0;
};

// Both passes of `builder` (collect() is called here), pushing batch by batch and keeping the
// marks in `store` after each. `config.url` must be normalised.
// `first_pass`: as for write_statements_file.
PushReport push_statements(StatementBuilder& builder, const EventFeed& feed, ProgressStore& store, const LrsConfig& config,
                           const EventFeed* first_pass = nullptr);

}  // namespace linli::xapi
