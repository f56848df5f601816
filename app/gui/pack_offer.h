// Packs handed out through the cohort's shared folder: after a sync, every *.linlipack beside the
// shared file that this device has not been offered yet is checked on a worker (core/pack.h: the
// whole pack, linted against this library), and Home offers what it adds ("培训师发来 2 篇新资料").
// It is imported only when the learner accepts, and never offered twice (the ledger in the data
// folder remembers it, accepted or declined).
#pragma once
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "core/pack.h"

namespace linli::gui {

struct App;

class PackOffer {
public:
    // After a sync that worked: looks for new packs beside `shared_file` (on a worker).
    void look(App& app, const std::filesystem::path& shared_file);
    // The library is about to be replaced: the worker reading it finishes first.
    void stop();
    // Home's banner, when there is something to offer or to report.
    void draw(App& app);

private:
    struct Offer {
        std::filesystem::path file;
        PackPlan plan;
    };
    void take(App& app);
    void answer(App& app, bool accept);

    std::future<std::vector<Offer>> looking_;
    std::vector<Offer> offers_;
    std::string done_;  // what the last answer did, shown until the next offer
};

}  // namespace linli::gui
