// The cohort generator (cohort_gen.h): learners' events made as the app records them (the payload
// shapes of sync/src/progress_store.cpp and core/drill_recorder.cpp), drills played with the drill
// engine, everything drawn from splitmix64 streams of the seed.
#include "cohort_gen.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "cases/drill_engine.h"
#include "sync/event.h"
#include "sync/ids.h"
#include "sync/keys.h"
#include "sync/progress_store.h"
#include "sync/shared_file.h"

namespace fs = std::filesystem;

namespace linli {
namespace {

using nlohmann::json;
namespace kind = event_kind;

constexpr int64_t kDay = 86400;
constexpr size_t kBatch = 20000;  // events per add_events transaction

uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// splitmix64: small, fast, and the same on every platform (std:: distributions are not).
struct Rng {
    uint64_t s;
    uint64_t next() { return mix(s += 0x9E3779B97F4A7C15ull); }
    uint64_t below(uint64_t n) { return n ? next() % n : 0; }
    double unit() { return double(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    std::string id() {
        static const char* hex = "0123456789abcdef";
        std::string out(32, '0');
        for (int half = 0; half < 2; ++half) {
            uint64_t v = next();
            for (int i = 0; i < 16; ++i) out[size_t(half * 16 + i)] = hex[(v >> (60 - 4 * i)) & 15];
        }
        return out;
    }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }
};

Rng stream(uint32_t seed, uint64_t n) { return Rng{mix(mix(uint64_t(seed) + 0x5EEDull) + n)}; }

const char* const kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余",
    "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "姚", "卢", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖",
    "石", "金", "贾", "夏", "方", "邹", "熊", "白", "孟", "秦", "邱", "侯", "江", "尹", "薛", "段", "雷", "龙", "黎", "史",
    "陶", "贺", "毛", "郝", "顾", "龚", "邵", "万", "钱", "戴", "严", "欧阳", "司马"};
const char* const kGiven[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚",
    "桂英", "秀英", "建华", "志强", "海燕", "晓明", "玉兰", "子涵", "雨萱", "浩然", "俊杰", "欣怡", "文静", "建国", "春梅",
    "丽娟", "国庆", "红梅", "晓燕", "思远", "婷婷", "雪梅", "宇航", "佳怡", "梓轩", "一鸣", "淑珍", "美玲", "德明", "海波",
    "立新", "晨曦", "若曦", "嘉怡", "家豪", "振华", "秋菊", "慧敏", "亚楠", "文博"};

// As core/drill_recorder.cpp describes a final state (this library does not link the app's core).
std::string describe_state(const Drill& d, const DrillState& s) {
    std::string out;
    for (size_t i = 0; i < d.vars.size(); ++i) out += (out.empty() ? "" : ";") + d.vars[i].name + "=" + std::to_string(s.values[i]);
    for (size_t i = 0; i < d.flags.size() && i < 64; ++i)
        if (s.flags >> i & 1) out += (out.empty() ? "" : ";") + d.flags[i];
    return out;
}

// A playable drill and how good each of its choices is: +1 per guideline it 运用, -2 per one it 违背.
struct PlayDrill {
    const Drill* drill;
    std::string id;
    std::vector<std::vector<double>> score;  // per node, per choice
};

std::vector<PlayDrill> playable(const Catalog& catalog) {
    std::vector<PlayDrill> out;
    for (const Drill& d : catalog.drills) {
        if (!d.doc || d.nodes.empty() || d.nodes[0].is_ending()) continue;
        PlayDrill p{&d, d.doc->meta.id, {}};
        for (const DrillNode& n : d.nodes) {
            std::vector<double> s;
            for (const Choice& c : n.choices) s.push_back(double(c.applies.size()) - 2.0 * double(c.violates.size()));
            p.score.push_back(std::move(s));
        }
        out.push_back(std::move(p));
    }
    return out;
}

struct Device {
    std::string id;
    int64_t seq = 0, hlc = 0;
};

// A learner's identity and character: drawn first from the learner's stream.
struct Learner {
    Rng rng;
    std::string id;
    std::vector<Device> devices;
    std::string name, cohort;
    bool quiet = false;
    double skill = 0;       // 0..1 at the first attempt
    double learning = 0;    // skill gained per attempt
    double first_bias = 0;  // extra weight of the first choice shown (0: none)
};

Learner make_learner(const CohortSpec& spec, int index) {
    Learner l{stream(spec.seed, uint64_t(index) + 1), {}, {}, {}, {}, false, 0, 0, 0};
    Rng& r = l.rng;
    l.id = r.id();
    l.devices.push_back({r.id()});
    if (r.chance(0.3)) l.devices.push_back({r.id()});  // the office computer and one at home
    l.name = std::string(kSurnames[r.below(std::size(kSurnames))]) + kGiven[r.below(std::size(kGiven))];
    if (!spec.cohorts.empty()) l.cohort = spec.cohorts[r.below(spec.cohorts.size())];
    l.quiet = r.chance(spec.quiet_share);
    l.skill = 0.1 + 0.6 * r.unit();
    l.learning = 0.002 + 0.008 * r.unit();
    if (r.chance(0.3)) l.first_bias = 1.5 + 2.5 * r.unit();
    return l;
}

class Writer {
public:
    explicit Writer(ProgressStore& store) : store_(store) { batch_.reserve(kBatch + 4096); }
    void push(const std::string& learner, Device& d, Rng& r, const char* k, const std::string& subject, std::string payload,
              int64_t at) {
        Event& e = batch_.emplace_back();
        e.device = d.id;
        e.seq = ++d.seq;
        e.learner = learner;
        d.hlc = hlc::tick(d.hlc, at * 1000 + int64_t(r.below(1000)));  // recorded within that second
        e.hlc = d.hlc;
        e.kind = k;
        e.subject = subject;
        e.payload = std::move(payload);
        e.at = at;
    }
    void flush(bool all) {
        if (batch_.empty() || (!all && batch_.size() < kBatch)) return;
        store_.add_events(batch_);
        batch_.clear();
    }

private:
    ProgressStore& store_;
    std::vector<Event> batch_;
};

struct Task {
    bool doc = false;
    double key = 0;
};

// One learner's events, oldest first. Returns the attempts started.
int emit_learner(Learner& l, const CohortSpec& spec, const std::vector<std::string>& docs, const std::vector<PlayDrill>& drills,
                 Writer& w) {
    Rng& r = l.rng;
    const int days = std::max(1, spec.days);
    // The days this learner is active on: from a first day in the first three fifths of the range
    // to the last week (quiet learners: a day 21–60 days before the end, so their last event is
    // 20–60 days before it).
    int last = l.quiet ? days - 21 - int(r.below(40)) : days - 1 - int(r.below(uint64_t(std::min(7, days))));
    last = std::clamp(last, 0, days - 1);
    int first = std::min(last, int(r.below(uint64_t(std::max(1, days * 3 / 5)))));
    const int span = last - first + 1;
    const int n_docs = docs.empty() ? 0 : std::max(0, spec.docs_per_learner);
    const int n_attempts = drills.empty() ? 0 : std::max(0, spec.attempts_per_learner);
    const int n_tasks = n_docs + n_attempts;
    const int n_days = std::clamp(2 + n_tasks / 4 + int(r.below(5)), 1, span);
    std::set<int> active{first, last};
    while (int(active.size()) < n_days) active.insert(first + int(r.below(uint64_t(span))));

    // Reading comes a little before the drills, on average.
    std::vector<Task> tasks;
    for (int i = 0; i < n_docs; ++i) tasks.push_back({true, r.unit() * 0.8});
    for (int i = 0; i < n_attempts; ++i) tasks.push_back({false, 0.2 + r.unit() * 0.8});
    std::stable_sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) { return a.key < b.key; });

    std::vector<size_t> doc_order(docs.size()), drill_order(drills.size());
    for (size_t i = 0; i < doc_order.size(); ++i) doc_order[i] = i;
    for (size_t i = 0; i < drill_order.size(); ++i) drill_order[i] = i;
    r.shuffle(doc_order);
    r.shuffle(drill_order);
    size_t next_doc = 0, next_drill = 0;
    std::vector<int> tried(drills.size(), 0);
    int attempts = 0, prev_drill = -1;
    std::string prev_rating = "good";

    int64_t t = 0;
    size_t task = 0;
    int day_no = 0;
    for (int day : active) {
        // Local daytime in China (UTC+8): 09:00–20:00 is 01:00–12:00 UTC.
        t = std::max(t + 600, spec.start + int64_t(day) * kDay + 3600 + int64_t(r.below(11 * 3600)));
        Device& dev = l.devices[day_no == 0 || l.devices.size() == 1 || r.chance(0.6) ? 0 : 1];
        if (day_no == 0) {
            w.push(l.id, dev, r, kind::kSetting, setting_key::kProfileName, json{{"value", l.name}}.dump(), t);
            if (!l.cohort.empty()) w.push(l.id, dev, r, kind::kSetting, setting_key::kProfileCohort, json{{"value", l.cohort}}.dump(), t);
            t += 30 + int64_t(r.below(120));
        }
        const size_t end = size_t(int64_t(day_no + 1) * n_tasks / int64_t(active.size()));
        for (; task < end; ++task) {
            if (tasks[task].doc) {
                // More documents than the library has: the first ones again (read, not finished again).
                const bool again = next_doc >= doc_order.size();
                const std::string& doc = docs[doc_order[next_doc++ % doc_order.size()]];
                w.push(l.id, dev, r, kind::kDocOpened, doc, "{}", t);
                const bool finished = r.chance(0.8) && !again;
                const int positions = finished ? int(r.below(3)) : 1 + int(r.below(2));
                const int64_t minutes = 3 + int64_t(r.below(15));
                double pos = 0;
                for (int p = 0; p < positions; ++p) {
                    double step = (finished ? 0.9 : 0.6) / positions;
                    pos = std::min(0.95, pos + step * (0.5 + r.unit()));
                    t += minutes * 60 / (positions + 1) + int64_t(r.below(30));
                    w.push(l.id, dev, r, kind::kDocPosition, doc, json{{"pos", std::round(pos * 100) / 100}}.dump(), t);
                }
                if (finished) {
                    t += minutes * 60 / (positions + 1) + int64_t(r.below(30));
                    w.push(l.id, dev, r, kind::kDocFinished, doc, "{}", t);
                }
            } else {
                // Another go at the drill just played when it went badly (or was left), else the next one.
                int di;
                if (prev_drill >= 0 && prev_rating != "good" && r.chance(0.4)) di = prev_drill;
                else di = int(drill_order[next_drill++ % drill_order.size()]);
                const PlayDrill& pd = drills[size_t(di)];
                const Drill& d = *pd.drill;
                const std::string attempt = r.id();
                w.push(l.id, dev, r, kind::kDrillStarted, attempt, json{{"drill", pd.id}}.dump(), t);
                ++attempts;

                // Skill grows with every attempt, more with each one at this drill; a low skill is
                // drawn to the tempting (violating) choices, a high one to the sound ones.
                const double skill = std::min(0.95, l.skill + l.learning * attempts + 0.1 * tried[size_t(di)]);
                const double beta = -0.8 + 3.0 * skill;
                DrillSession s(d);
                struct Step { std::string node; int choice; int64_t at; };
                std::vector<Step> steps;
                bool stuck = false;
                int64_t at = t;
                for (int guard = 0; !s.finished() && guard < 500; ++guard) {
                    std::vector<int> shown = s.available();
                    if (shown.empty()) {
                        stuck = true;
                        break;
                    }
                    std::vector<double> weight;
                    double total = 0;
                    for (size_t k = 0; k < shown.size(); ++k) {
                        double wgt = std::exp(beta * pd.score[size_t(s.state().node)][size_t(shown[k])]);
                        if (k == 0) wgt *= 1 + l.first_bias;
                        weight.push_back(wgt);
                        total += wgt;
                    }
                    double pick = r.unit() * total;
                    size_t k = 0;
                    while (k + 1 < shown.size() && pick >= weight[k]) pick -= weight[k++];
                    at += 40 + int64_t(r.below(200));  // reading the scene and thinking
                    steps.push_back({s.node().id, shown[k], at});
                    s.choose(shown[k], at);
                }
                const bool ended = s.finished() && !stuck;
                const bool abandoned = !ended || r.chance(0.1);
                const size_t kept = abandoned && ended ? size_t(r.below(steps.size())) : steps.size();
                for (size_t k = 0; k < kept; ++k)
                    w.push(l.id, dev, r, kind::kDrillChoice, attempt,
                           json{{"drill", pd.id}, {"step", int(k)}, {"node", steps[k].node}, {"choice", steps[k].choice}}.dump(),
                           steps[k].at);
                if (!abandoned)
                    w.push(l.id, dev, r, kind::kDrillFinished, attempt,
                           json{{"drill", pd.id}, {"ending", s.node().id}, {"rating", rating_key(s.rating())},
                                {"state", describe_state(d, s.state())}}.dump(),
                           at);
                t = kept ? steps[kept - 1].at : t;
                ++tried[size_t(di)];
                prev_drill = di;
                prev_rating = abandoned ? "" : rating_key(s.rating());
            }
            t += 60 * (1 + int64_t(r.below(15)));
        }
        ++day_no;
    }
    return attempts;
}

void remove_store(const fs::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(fs::path(file.string() + suffix), ec);
}

}  // namespace

CohortStats generate_cohort(const Catalog& catalog, const CohortSpec& spec, const fs::path& out, const fs::path& scratch_dir) {
    std::vector<std::string> docs;
    for (const Document& d : catalog.library.documents())
        if (d.meta.kind == DocKind::Guideline || d.meta.kind == DocKind::Case) docs.push_back(d.meta.id);
    const std::vector<PlayDrill> drills = playable(catalog);

    fs::create_directories(scratch_dir);
    if (out.has_parent_path()) fs::create_directories(out.parent_path());
    const fs::path scratch = scratch_dir / ("cohort-gen-" + std::to_string(::getpid()) + "-" + random_id().substr(0, 8) + ".sqlite");
    struct Cleanup {
        fs::path file;
        ~Cleanup() { remove_store(file); }
    } cleanup{scratch};

    // The scratch store is the first learner's first device (another identity would leave an
    // empty learner and device in the file), and so is the same for the same seed.
    Rng file_rng = stream(spec.seed, 0);
    const std::string file_id = file_rng.id();
    std::string own_learner = file_rng.id(), own_device = file_rng.id();
    if (spec.learners > 0) {
        Learner first = make_learner(spec, 0);
        own_learner = first.id;
        own_device = first.devices[0].id;
    }
    const int64_t clock_ms = spec.start * 1000;
    auto clock = [clock_ms] { return clock_ms; };
    {
        ProgressStore fresh(scratch, clock);  // made with random ids: replaced before any event
        fresh.set_meta(meta_key::kLearnerId, own_learner);
        fresh.set_meta(meta_key::kDeviceId, own_device);
        fresh.db().exec("DELETE FROM learners; DELETE FROM devices;");
    }

    CohortStats stats;
    {
        ProgressStore store(scratch, clock);
        Writer w(store);
        for (int i = 0; i < spec.learners; ++i) {
            Learner l = make_learner(spec, i);
            stats.attempts += emit_learner(l, spec, docs, drills, w);
            ++stats.learners;
            w.flush(false);
        }
        w.flush(true);

        // Beside `out`, then renamed over it: a reader never sees a half-written file.
        fs::path tmp = out;
        tmp += ".gen-" + random_id().substr(0, 8);
        try {
            stats.events = write_shared_image(store, tmp, file_id);
            fs::rename(tmp, out);
        } catch (...) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw;
        }
    }
    return stats;
}

}  // namespace linli
