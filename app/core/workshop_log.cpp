#include "core/workshop_log.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace linli {

using nlohmann::json;

std::string setup_payload(const WorkshopSetup& s) {
    return json{{"drill", s.drill}, {"groups", s.groups}, {"minutes", s.minutes}, {"mode", s.exam ? "exam" : "practice"}}.dump();
}

std::string action_payload(const WorkshopAction& a, size_t n) {
    json j{{"n", n}, {"a", action_name(a.kind)}};
    if (a.track >= 0) j["t"] = a.track;
    if (a.group >= 0) j["g"] = a.group;
    if (a.value != 0) j["v"] = a.value;
    if (!a.text.empty()) j["text"] = a.text;
    return j.dump();
}

namespace {

bool read_setup(const Event& e, WorkshopSetup& out) {
    json j = json::parse(e.payload, nullptr, false);
    if (!j.is_object() || !j.contains("drill") || !j["drill"].is_string() || !j.contains("groups") || !j["groups"].is_array())
        return false;
    out.id = e.subject;
    out.drill = j["drill"].get<std::string>();
    for (const json& g : j["groups"]) {
        if (!g.is_string()) return false;
        out.groups.push_back(g.get<std::string>());
    }
    if (j.contains("minutes") && j["minutes"].is_number_integer()) out.minutes = std::clamp(j["minutes"].get<int>(), 1, 60);
    out.exam = j.value("mode", std::string()) == "exam";
    out.started = e.at;
    return true;
}

bool read_action(const Event& e, size_t& n, WorkshopAction& out) {
    json j = json::parse(e.payload, nullptr, false);
    if (!j.is_object() || !j.contains("n") || !j["n"].is_number_unsigned() || !j.contains("a") || !j["a"].is_string()) return false;
    if (!action_kind(j["a"].get<std::string>(), out.kind)) return false;
    auto number = [&](const char* key, int fallback) {
        return j.contains(key) && j[key].is_number_integer() ? j[key].get<int>() : fallback;
    };
    n = j["n"].get<size_t>();
    out.track = number("t", -1);
    out.group = number("g", -1);
    out.value = number("v", 0);
    if (j.contains("text") && j["text"].is_string()) out.text = j["text"].get<std::string>();
    out.at = e.at;
    return true;
}

}  // namespace

std::optional<SavedWorkshop> read_saved(const std::vector<Event>& events) {
    SavedWorkshop saved;
    bool have_setup = false;
    std::vector<std::pair<size_t, WorkshopAction>> numbered;
    for (const Event& e : events) {
        if (e.kind == event_kind::kWorkshopStarted && !have_setup) {
            have_setup = read_setup(e, saved.setup);
        } else if (e.kind == event_kind::kWorkshopAction) {
            size_t n = 0;
            WorkshopAction a;
            if (read_action(e, n, a)) numbered.emplace_back(n, std::move(a));
        } else if (e.kind == event_kind::kWorkshopClosed) {
            saved.closed = true;
        }
    }
    if (!have_setup) return std::nullopt;
    try {  // groups a workshop could not have been started with mark a damaged or hostile event
        Workshop::check_groups(saved.setup.groups);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
    std::stable_sort(numbered.begin(), numbered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // The actions run from 0 without a gap: a missing one (not synced yet) ends what can be replayed.
    // A number recorded twice keeps its later action: after a resume that could not replay the
    // rest (the drill was edited), the log goes on from the last action that fit.
    for (size_t i = 0; i < numbered.size(); ++i) {
        size_t n = numbered[i].first;
        if (n < saved.actions.size()) saved.actions[n] = std::move(numbered[i].second);
        else if (n == saved.actions.size()) saved.actions.push_back(std::move(numbered[i].second));
        else break;
    }
    return saved;
}

std::unique_ptr<Workshop> resume(const Drill& drill, const SavedWorkshop& saved, size_t* applied) {
    auto w = std::make_unique<Workshop>(drill, saved.setup.groups, saved.setup.started);
    size_t done = 0;
    for (const WorkshopAction& a : saved.actions) {
        try {
            w->apply(a);
        } catch (const std::exception&) {
            break;
        }
        ++done;
    }
    if (applied) *applied = done;
    return w;
}

void WorkshopLog::started() { sink_(event_kind::kWorkshopStarted, setup_.id, setup_payload(setup_), setup_.started); }

void WorkshopLog::flush(const Workshop& w) {
    const auto& actions = w.actions();
    for (; logged_ < actions.size(); ++logged_)
        sink_(event_kind::kWorkshopAction, setup_.id, action_payload(actions[logged_], logged_), actions[logged_].at);
}

void WorkshopLog::closed(int64_t now) { sink_(event_kind::kWorkshopClosed, setup_.id, "{}", now); }

}  // namespace linli
