// [SECTION] The synthetic library (deterministic generator)
// [SECTION] Measures: load, index build, search latency, index size, peak RSS
// [SECTION] main: sizes, queries, the table
// Content benchmark: generates synthetic Chinese Markdown libraries of N documents and measures
// loading + parsing, building the search index file, search latency by query length, the index
// size and the process's peak memory. Prints one Markdown table row per N.
//
//   linli_bench_content [--sizes 100,1000,10000] [--quick] [--queries 200] [--sections 2] [--keep]
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "content/library.h"
#include "content/library_cache.h"
#include "content/pinyin.h"
#include "content/search.h"

#include <opencc/opencc.h>
#include "content/utf8.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr uint64_t kSeed = 0x4c696e6c69ull;  // "Linli": the same libraries and queries every run
constexpr int kQueryLengths[] = {1, 2, 3, 4};
constexpr int kSearchLimit = 20;

// Common words of community work, whitespace separated. Includes 杭, 圳, 咖, 啡 and 屏, which are
// outside the most common few thousand characters a font subset might hold.
constexpr const char* kVocabulary = R"(
物业 居民 议事 业委会 社区 街道 协商 志愿者 活动室 居委会 开发商 业主 租户 老人 儿童 家长 青年 邻里
楼栋 小区 单元 门岗 保安 保洁 绿化 垃圾 分类 停车 车位 电梯 加装 维修 基金 公约 章程 会议 投票 表决
选举 候选人 代表 楼长 网格 网格员 社工 机构 项目 资金 预算 账目 公示 公开 透明 信任 沟通 倾听 调解
矛盾 纠纷 投诉 建议 意见 需求 调研 走访 入户 问卷 访谈 记录 档案 台账 报告 总结 复盘 评估 指标 成效
影响 参与 动员 组织 培育 孵化 自治 共治 共建 共享 治理 服务 资源 链接 合作 伙伴 政府 部门 民政 财政
购买 招标 合同 协议 验收 督导 培训 课程 讲座 工作坊 沙龙 游戏 故事 手工 读书会 茶话会 市集 义卖 集市
节日 春节 中秋 端午 重阳 元宵 庆典 演出 合唱 舞蹈 广场舞 太极 书法 绘画 摄影 花园 菜园 堆肥 苗圃 种子
花草 树木 长椅 凉亭 走廊 楼道 天台 地下室 车棚 空间 场地 场所 设施 器材 桌椅 白板 投影 屏幕 咖啡
咖啡馆 茶室 书屋 图书 借阅 食堂 助餐 配餐 送餐 养老 照护 陪伴 探访 独居 空巢 残障 困难 低保 救助 帮扶
慰问 关怀 心理 健康 义诊 体检 防疫 疫情 物资 团购 快递 外卖 骑手 商户 店铺 菜场 超市 便利店 理发 修鞋
裁缝 杭州 深圳 上海 北京 广州 成都 南京 武汉 城市 乡村 村庄 村民 村委 老街 胡同 弄堂 里弄 新村 公房
商品房 回迁 拆迁 改造 更新 微更新 规划 设计 方案 图纸 施工 工期 噪音 安全 消防 通道 隐患 巡查 值班 排班
轮值 分工 角色 责任 权力 权利 义务 规则 边界 底线 承诺 反馈 回应 感谢 鼓励 表扬 批评 冲突 争吵 妥协
共识 分歧 立场 利益 诉求 声音 话语权 少数 多数 弱势 强势 骨干 积极分子 领袖 发起人 召集人 主持人 记录员
观察员 协调员 联络人 负责人 经理 主任 书记 干部 领导 同事 团队 成员 新人 老手 经验 教训 案例 方法 工具
步骤 流程 阶段 节奏 目标 愿景 使命 价值 理念 初心 热情 耐心 坚持 放弃 倦怠 压力 情绪 感受 关系 熟人
陌生人 邻居 朋友 家庭 家人 孩子 学生 学校 老师 幼儿园 医院 医生 护士 药店 银行 邮局 公交 地铁 自行车
电动车 充电 漏水 停电 噪声 宠物 遛狗 流浪猫 喂养 清洁 卫生 环境 美化 墙绘 标识 海报 通知 公告 群聊
微信群 公众号 小程序 视频 直播 照片 文章 宣传 传播 口碑 品牌 筹款 众筹 捐赠 善款 基金会 企业 社会组织
社会企业 志愿服务 时间银行 积分 兑换 奖励 证书 荣誉 仪式 开幕 闭幕 揭牌 签约 启动 收尾 延续 传承 可持续
长期 短期 试点 推广 复制 模式 机制 制度 政策 文件 条例 法规 法律 律师 物权 产权 共有 公共 私人 个人
集体 大家 我们 他们 一起 互助 分享 交换 借用 归还 修补 旧物 回收 再生 低碳 节能 雨水 屋顶 阳台 窗台
屏风 展板 屏障 杭帮菜 圳口 早餐 晚饭 周末 晚上 上午 下午 每月 每周 年底 年初 去年 今年 明年 第一次
慢慢 认真 主动 被动 简单 复杂 真实 具体 清楚 模糊 重要 必要 合适 容易 困惑 担心 放心 满意 失望 期待
)";

// Connectives put between words so the text reads less like a word list.
constexpr const char* kLinks = "的 和 与 在 把 让 对 是 也 就 要 都 会 能 还 给 跟 从 向 为";

std::vector<std::string> split_words(const char* text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// splitmix64: small, fast and the same on every platform and standard library.
class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
    int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<size_t>(hi - lo + 1))); }
    bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }

private:
    uint64_t s_;
};

class TextGen {
public:
    explicit TextGen(uint64_t seed) : rng(seed), words_(split_words(kVocabulary)), links_(split_words(kLinks)) {}

    const std::string& word() { return words_[rng.below(words_.size())]; }

    std::string words(int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += word();
        return s;
    }

    // A clause: words, now and then joined by a connective or listed with 、.
    std::string clause() {
        std::string s;
        int n = rng.between(2, 6);
        for (int i = 0; i < n; ++i) {
            if (i > 0 && rng.chance(40)) s += links_[rng.below(links_.size())];
            s += word();
        }
        if (rng.chance(15)) s += word() + "、" + word() + "、" + word();
        return s;
    }

    std::string sentence(bool allow_strong = true) {
        std::string s;
        int n = rng.between(2, 4);
        for (int i = 0; i < n; ++i) {
            if (i > 0) s += "，";
            if (allow_strong && rng.chance(8)) s += "**" + clause() + "**";
            else s += clause();
        }
        return s + "。";
    }

    std::string paragraph() {
        std::string s;
        int n = rng.between(2, 4);
        for (int i = 0; i < n; ++i) s += sentence();
        return s;
    }

    Rng rng;

private:
    std::vector<std::string> words_, links_;
};

int g_sections = 2;  // --sections N: headings per document

std::string document_text(TextGen& g, int i, int n_docs) {
    std::string tag1 = g.word(), tag2 = g.word();
    while (tag2 == tag1) tag2 = g.word();
    std::string title = g.words(g.rng.between(6, 14));
    std::string out;
    out += "---\n";
    out += "id: doc-" + std::to_string(i) + "\n";
    out += "kind: guideline\n";
    out += "title: " + title + "\n";
    out += "summary: " + g.sentence(false) + "\n";
    out += "tags: [" + tag1 + ", " + tag2 + "]\n";
    out += "stakeholders: [居民]\n";
    out += "updated: 2026-11-23\n";
    out += "---\n\n";
    out += "# " + title + "\n\n";

    // Two paragraphs under each heading, a bullet list in one section and a link in another. Two
    // sections make a file of about 2 KB, the size issue 10's targets are set for (--sections N).
    const int kSections = g_sections;
    int list_at = g.rng.between(0, kSections - 1), link_at = g.rng.between(0, kSections * 2 - 1);
    int target = n_docs > 1 ? static_cast<int>(g.rng.below(static_cast<size_t>(n_docs - 1))) : i;
    if (n_docs > 1 && target >= i) ++target;  // another document, never itself
    int para = 0;
    for (int s = 0; s < kSections; ++s) {
        out += "## " + g.words(g.rng.between(2, 4)) + "\n\n";
        for (int p = 0; p < 2; ++p, ++para) {
            std::string text = g.paragraph();
            if (para == link_at)
                text += "详见[" + g.words(2) + "](linli:doc-" + std::to_string(target) + ")。";
            out += text + "\n\n";
        }
        if (s == list_at) {
            int items = g.rng.between(3, 4);
            for (int k = 0; k < items; ++k) out += "- " + g.clause() + "\n";
            out += "\n";
        }
    }
    return out;
}

bool g_keep = false;  // --keep: leave the generated files for a look

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/linli-bench-XXXXXX";
        if (!mkdtemp(tmpl)) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
        path = tmpl;
    }
    ~TempDir() {
        if (g_keep) {
            std::fprintf(stderr, "bench: kept %s\n", path.c_str());
            return;
        }
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// VmHWM (peak resident set) from /proc/self/status, in MB; -1 when unavailable.
double peak_rss_mb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    return -1;
}

// Resets VmHWM to the current RSS so each size reports its own peak (Linux ≥ 4.0).
bool reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

bool is_ascii_punct(char32_t c) { return c < 128 && std::ispunct(static_cast<int>(c)); }

struct Latency {
    double p50 = 0, p99 = 0;
    int hits = 0, total = 0;  // queries that found at least one document
};

Latency percentiles(std::vector<double> ms) {
    Latency l;
    if (ms.empty()) return l;
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(ms.size())));
        return ms[std::clamp<size_t>(rank, 1, ms.size()) - 1];
    };
    l.p50 = at(0.50);
    l.p99 = at(0.99);
    return l;
}

// `count` queries of k consecutive code points from the documents' plain text (no whitespace, no
// ASCII punctuation), so that nearly all of them match.
std::vector<std::string> make_queries(const linli::Library& lib, int k, int count, Rng& rng) {
    const auto& docs = lib.documents();
    std::vector<std::string> out;
    for (int attempts = 0; static_cast<int>(out.size()) < count && attempts < count * 1000; ++attempts) {
        const auto& d = docs[rng.below(docs.size())];
        std::vector<char32_t> cps = linli::utf8::decode(d.plain_text);
        if (cps.size() < static_cast<size_t>(k)) continue;
        size_t at = rng.below(cps.size() - static_cast<size_t>(k) + 1);
        bool ok = true;
        std::string q;
        for (size_t j = at; j < at + static_cast<size_t>(k); ++j) {
            if (linli::utf8::is_space(cps[j]) || is_ascii_punct(cps[j])) ok = false;
            linli::utf8::append(q, cps[j]);
        }
        if (ok) out.push_back(std::move(q));
    }
    return out;
}

// Queries of the other kinds a learner types, from the documents' titles and text: 8 characters,
// two words with a space, traditional characters (OpenCC s2t), full pinyin and initials of a
// title's first three characters.
std::vector<std::pair<std::string, std::vector<std::string>>> make_kind_queries(const linli::Library& lib, int count, Rng& rng) {
    std::vector<std::pair<std::string, std::vector<std::string>>> kinds;
    kinds.push_back({"8 chars", make_queries(lib, 8, count, rng)});
    std::vector<std::string> two, trad, pinyin, initials;
    auto a = make_queries(lib, 2, count, rng), b = make_queries(lib, 2, count, rng);
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) two.push_back(a[i] + " " + b[i]);
    opencc_t s2t = opencc_open(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD);
    for (const auto& q : make_queries(lib, 3, count, rng)) {
        if (s2t == reinterpret_cast<opencc_t>(-1)) break;
        char* t = opencc_convert_utf8(s2t, q.data(), q.size());
        trad.push_back(t);
        opencc_convert_utf8_free(t);
    }
    if (s2t != reinterpret_cast<opencc_t>(-1)) opencc_close(s2t);
    const auto& docs = lib.documents();
    for (int i = 0; i < count; ++i) {
        std::vector<char32_t> t = linli::utf8::decode(docs[rng.below(docs.size())].meta.title);
        std::string full, first;
        for (size_t k = 0; k < t.size() && k < 3; ++k) {
            auto r = linli::pinyin_readings(t[k]);
            if (r.empty()) continue;
            full += std::string(r[0]) + (k < 2 ? " " : "");
            first += r[0][0];
        }
        pinyin.push_back(full);
        initials.push_back(first);
    }
    kinds.push_back({"two words", two});
    kinds.push_back({"traditional", trad});
    kinds.push_back({"pinyin", pinyin});
    kinds.push_back({"initials", initials});
    return kinds;
}

struct Row {
    int docs = 0;
    double gen_ms = 0, load_ms = 0, warm_ms = 0, build_ms = 0, title_ms = 0, index_mb = 0, rss_mb = 0;
    double update_ms = 0, update_max_ms = 0, reload_ms = 0;  // one document edited: index update, library reload
    double avg_chars = 0;  // code points per file, front matter included
    size_t loaded = 0, problems = 0;
    Latency q[4];
    std::vector<std::pair<std::string, Latency>> kinds;  // the other kinds of query
    Latency all;                                         // every query of every kind
};

Row run_size(int n, int n_queries, bool rss_reset) {
    Row r;
    r.docs = n;
    if (rss_reset) reset_peak_rss();
    TempDir dir;
    fs::path docs_dir = dir.path / "docs";
    fs::create_directories(docs_dir);

    auto t0 = Clock::now();
    TextGen gen(kSeed);
    size_t chars = 0;
    for (int i = 0; i < n; ++i) {
        std::string text = document_text(gen, i, n);
        chars += linli::utf8::length(text);
        std::ofstream(docs_dir / ("d" + std::to_string(i) + ".md"), std::ios::binary) << text;
    }
    r.gen_ms = ms_since(t0);
    r.avg_chars = static_cast<double>(chars) / n;

    {
        t0 = Clock::now();
        linli::Library lib = linli::Library::load({docs_dir});
        r.load_ms = ms_since(t0);
        r.loaded = lib.documents().size();
        r.problems = lib.problems().size();
        // Warm: the library cache filled by one load, then a load that finds every file unchanged.
        {
            auto cache = linli::LibraryCache::open(dir.path / "cache");
            linli::Library::load({docs_dir}, cache.get());
            t0 = Clock::now();
            linli::Library warm = linli::Library::load({docs_dir}, cache.get());
            r.warm_ms = ms_since(t0);
            if (warm.documents().size() != lib.documents().size()) r.warm_ms = -1;
        }

        // The index as the window keeps it: built once into the cache, then updated in place.
        fs::path cache_dir = dir.path / "cache";
        fs::path index_path = linli::SearchIndex::cache_path(lib, cache_dir);
        t0 = Clock::now();
        linli::SearchIndex::cached(lib, cache_dir);
        r.build_ms = ms_since(t0);
        r.index_mb = static_cast<double>(fs::file_size(index_path)) / (1024.0 * 1024.0);
        // A cold start's search before the full index is in: the titles-only index the window builds first.
        t0 = Clock::now();
        auto quick = linli::SearchIndex::titles_only(lib);
        r.title_ms = ms_since(t0);

        auto index = linli::SearchIndex::open_file(index_path);
        index->prepare_pinyin();  // as the window does on its worker, before search is offered
        Rng qrng(kSeed ^ 0x5eed);
        std::vector<double> all_ms;
        for (int li = 0; li < 4; ++li) {
            std::vector<std::string> queries = make_queries(lib, kQueryLengths[li], n_queries, qrng);
            std::vector<double> ms;
            int hits = 0;
            for (const auto& q : queries) {
                auto q0 = Clock::now();
                auto found = index->search(q, kSearchLimit);
                ms.push_back(ms_since(q0));
                hits += !found.empty();
            }
            r.q[li] = percentiles(ms);
            r.q[li].hits = hits;
            r.q[li].total = static_cast<int>(queries.size());
            all_ms.insert(all_ms.end(), ms.begin(), ms.end());
        }
        for (auto& [kind, queries] : make_kind_queries(lib, n_queries, qrng)) {
            std::vector<double> ms;
            int hits = 0;
            for (const auto& q : queries) {
                auto q0 = Clock::now();
                hits += !index->search(q, kSearchLimit).empty();
                ms.push_back(ms_since(q0));
            }
            Latency l = percentiles(ms);
            l.hits = hits;
            l.total = int(queries.size());
            r.kinds.push_back({kind, l});
            all_ms.insert(all_ms.end(), ms.begin(), ms.end());
        }
        r.all = percentiles(all_ms);
        r.rss_mb = peak_rss_mb();

        // Five edits, one document each: the library reloaded from its cache (one file parsed
        // again), then the index brought up to it. An edit not found by search counts as -1.
        auto cache = linli::LibraryCache::open(cache_dir);
        linli::Library::load({docs_dir}, cache.get());
        std::vector<double> update_ms, reload_ms;
        for (int e = 0; e < 5; ++e) {
            int victim = (n / 5) * e + n / 10;
            fs::path file = docs_dir / ("d" + std::to_string(victim) + ".md");
            std::ofstream(file, std::ios::app | std::ios::binary) << "\n编辑后加的一段，带一个词 zzedit" << e << "。\n";
            t0 = Clock::now();
            linli::Library edited = linli::Library::load({docs_dir}, cache.get());
            reload_ms.push_back(ms_since(t0));
            t0 = Clock::now();
            auto updated = linli::SearchIndex::cached(edited, cache_dir);
            update_ms.push_back(ms_since(t0));
            auto hits = updated->search("zzedit" + std::to_string(e), 5);
            if (hits.empty() || hits[0].id != "doc-" + std::to_string(victim)) update_ms.back() = -1;
        }
        std::sort(update_ms.begin(), update_ms.end());
        std::sort(reload_ms.begin(), reload_ms.end());
        r.update_ms = update_ms.front() < 0 ? -1 : update_ms[2];
        r.update_max_ms = update_ms.back();
        r.reload_ms = reload_ms[2];
    }
    return r;
}

std::vector<int> parse_sizes(const std::string& s) {
    std::vector<int> out;
    std::stringstream in(s);
    for (std::string part; std::getline(in, part, ',');) {
        int v = std::atoi(part.c_str());
        if (v < 1) throw std::invalid_argument("bad size '" + part + "'");
        out.push_back(v);
    }
    return out;
}

void usage() {
    std::puts(
        "Usage: linli_bench_content [--sizes N,N,...] [--quick] [--queries N]\n"
        "  --sizes    library sizes to generate (default 100,1000,10000)\n"
        "  --quick    sizes 100,1000\n"
        "  --queries  queries per query length (default 200)\n"
        "  --sections headings per document, two paragraphs each (default 2: about 2 KB a file)\n"
        "  --keep     keep the generated documents and index (the temp folder is printed)");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> sizes = {100, 1000, 10000};
    int n_queries = 200;
    try {
        for (int i = 1; i < argc; ++i) {
            std::string a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
                return argv[++i];
            };
            if (a == "--sizes") sizes = parse_sizes(value());
            else if (a == "--quick") sizes = {100, 1000};
            else if (a == "--keep") g_keep = true;
            else if (a == "--sections") g_sections = std::max(1, std::atoi(value().c_str()));
            else if (a == "--queries") n_queries = std::max(1, std::atoi(value().c_str()));
            else if (a == "--help" || a == "-h") { usage(); return 0; }
            else throw std::invalid_argument("unknown option " + a);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "linli_bench_content: %s\n", e.what());
        usage();
        return 2;
    }

    bool rss_reset = reset_peak_rss();
    std::vector<Row> rows;
    try {
        for (int n : sizes) {
            std::fprintf(stderr, "bench: %d documents…\n", n);
            rows.push_back(run_size(n, n_queries, rss_reset));
            const Row& r = rows.back();
            std::fprintf(stderr, "bench: %d documents: generated in %.0f ms, %.0f characters per file, %zu loaded, %zu problems\n",
                         n, r.gen_ms, r.avg_chars, r.loaded, r.problems);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "linli_bench_content: %s\n", e.what());
        return 1;
    }

    std::printf("| docs | load+parse ms | index build ms | q1 p50/p99 | q2 p50/p99 | q3 p50/p99 | q4 p50/p99 | index MB | peak RSS MB | warm load ms (cache) | titles-only index ms | index update ms, one doc edited (median / max of 5) | library reload ms after the edit |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Row& r : rows) {
        std::printf("| %d | %.1f | %.1f |", r.docs, r.load_ms, r.build_ms);
        for (const Latency& l : r.q) std::printf(" %.3f / %.3f |", l.p50, l.p99);
        std::printf(" %.1f | %.1f | %.1f | %.1f | %.1f / %.1f | %.1f |\n", r.index_mb, r.rss_mb, r.warm_ms, r.title_ms, r.update_ms,
                    r.update_max_ms, r.reload_ms);
    }
    std::printf("\nSearch: latency in ms per query of 1-4 characters, limit %d, %d queries per length.\n", kSearchLimit,
                n_queries);
    for (const Row& r : rows) {
        std::printf("%d docs: %.0f characters per file on average; queries with hits:", r.docs, r.avg_chars);
        for (int li = 0; li < 4; ++li)
            std::printf(" q%d %d/%d%s", kQueryLengths[li], r.q[li].hits, r.q[li].total, li < 3 ? "," : "\n");
    }
    std::printf("\n| docs | query kind | p50 ms | p99 ms | with hits |\n|---:|---|---:|---:|---:|\n");
    for (const Row& r : rows) {
        for (const auto& [kind, l] : r.kinds) std::printf("| %d | %s | %.3f | %.3f | %d/%d |\n", r.docs, kind.c_str(), l.p50, l.p99, l.hits, l.total);
        std::printf("| %d | all kinds | %.3f | %.3f | |\n", r.docs, r.all.p50, r.all.p99);
    }
    std::printf("Peak RSS: %s.\n", rss_reset ? "VmHWM reset before each size, so per size"
                                              : "VmHWM could not be reset, so cumulative over the sizes so far");
    bool bad = false;
    for (const Row& r : rows)
        if (r.loaded != static_cast<size_t>(r.docs) || r.problems) {
            std::printf("WARNING: %d docs: %zu loaded, %zu problems\n", r.docs, r.loaded, r.problems);
            bad = true;
        }
    return bad ? 1 : 0;
}
