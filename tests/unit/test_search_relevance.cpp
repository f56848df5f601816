// Search relevance over the bundled library: the learner queries of tests/search/relevance.tsv
// (written by reading the documents, not the search results), each with its relevant documents.
// Prints hit@1, hit@5 and MRR@10 per kind of query and overall; fails below hit@5 0.85.
#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "content/search.h"
#include "content/text_fold.h"
#include "content/utf8.h"
#include "test_support.h"

using namespace linli;

namespace {

struct Query {
    std::string text, kind;
    std::vector<std::string> relevant;
};

std::vector<Query> read_queries(const std::filesystem::path& file) {
    std::vector<Query> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(line);
        Query q;
        std::string ids;
        std::getline(ls, q.text, '\t');
        std::getline(ls, q.kind, '\t');
        std::getline(ls, ids);
        std::istringstream is(ids);
        for (std::string id; std::getline(is, id, ',');)
            if (!id.empty()) q.relevant.push_back(id);
        out.push_back(std::move(q));
    }
    return out;
}

struct Score {
    double hit1 = 0, hit5 = 0, mrr = 0;
    int n = 0;
    void add(int rank) {  // 1-based rank of the first relevant hit, 0 if none in the top 10
        ++n;
        hit1 += rank == 1;
        hit5 += rank >= 1 && rank <= 5;
        mrr += rank >= 1 ? 1.0 / rank : 0;
    }
};

}  // namespace

TEST_CASE("learner queries find what they mean: hit@5 at least 0.85 over the relevance set") {
    auto queries = read_queries(test::source_dir() / "tests" / "search" / "relevance.tsv");
    REQUIRE(queries.size() >= 60);
    Library lib = Library::load({test::source_dir() / "content", test::source_dir() / "cases"});
    for (const auto& q : queries)
        for (const auto& id : q.relevant) {
            INFO(q.text << " names " << id);
            REQUIRE(lib.find(id) != nullptr);
        }
    auto index = SearchIndex::in_memory(lib);
    std::map<std::string, Score> by_kind;
    Score all;
    std::ostringstream misses;
    for (const auto& q : queries) {
        auto hits = index->search(q.text, 10);
        int rank = 0;
        for (size_t i = 0; i < hits.size() && !rank; ++i)
            if (std::find(q.relevant.begin(), q.relevant.end(), hits[i].id) != q.relevant.end()) rank = int(i) + 1;
        by_kind[q.kind].add(rank);
        all.add(rank);
        if (rank == 0 || rank > 5) {
            misses << "  miss: " << q.text << " (" << q.kind << ") wants " << q.relevant[0] << ", got";
            for (size_t i = 0; i < hits.size() && i < 3; ++i) misses << " " << hits[i].id;
            misses << "\n";
        }
    }
    auto line = [](const std::string& name, const Score& s) {
        std::printf("  %-12s n=%3d  hit@1 %.2f  hit@5 %.2f  MRR@10 %.2f\n", name.c_str(), s.n, s.hit1 / s.n, s.hit5 / s.n, s.mrr / s.n);
    };
    std::printf("search relevance (tests/search/relevance.tsv):\n");
    for (const auto& [kind, s] : by_kind) line(kind, s);
    line("all", all);
    std::printf("%s", misses.str().c_str());
    CHECK(all.hit5 / all.n >= 0.85);
}

// Ranking changed, recall did not: every document that holds a plain query as an exact substring
// is still found (OR over the query's terms can only add documents).
TEST_CASE("no recall lost: documents holding a plain query verbatim are all found") {
    Library lib = Library::load({test::source_dir() / "content", test::source_dir() / "cases"});
    auto index = SearchIndex::in_memory(lib);
    std::vector<std::string> queries;
    for (const auto& q : read_queries(test::source_dir() / "tests" / "search" / "relevance.tsv"))
        if (q.kind == "everyday" || q.kind == "wording" || q.kind == "short") queries.push_back(q.text);
    // And pieces of the documents' own text: each title's first two, three and four characters.
    for (const Document& d : lib.documents()) {
        std::u32string t = fold_for_search(d.meta.title);
        for (size_t n : {2u, 3u, 4u})
            if (t.size() >= n) {
                std::string s;
                for (char32_t c : t.substr(0, n)) utf8::append(s, c);
                queries.push_back(s);
            }
    }
    size_t checked = 0;
    for (const auto& q : queries) {
        std::u32string fq = fold_for_search(q);
        auto hits = index->search(q, 1000);
        for (const Document& d : lib.documents()) {
            std::string tags;
            for (const auto& t : d.meta.tags) tags += t + " ";
            std::u32string text = fold_for_search(d.meta.title + "\n" + d.searchable() + "\n" + tags);
            if (text.find(fq) == std::u32string::npos) continue;
            INFO(q << " is in " << d.meta.id);
            CHECK(std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.id == d.meta.id; }));
            ++checked;
        }
    }
    CHECK(checked > 100);
}
