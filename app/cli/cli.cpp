#include "cli.h"

#include <cstdio>

namespace linli::cli {

void print_help() {
    std::puts(
        "邻里 Linli — 社区实务训练 / community-practice trainer\n"
        "\n"
        "Usage:\n"
        "  linli [OPTIONS]                      open the window\n"
        "  linli lint [PATH...]                 check documents; exit 1 on any error\n"
        "  linli list [--kind K] [--json]       list documents (K: guideline, case, drill)\n"
        "  linli search QUERY [--limit N] [--json]\n"
        "                                       search titles, text and tags\n"
        "  linli drill list [--json]            the scenario drills\n"
        "  linli drill play ID [--choices 2,1,3] [--json] [--new]\n"
        "                                       play a drill (interactive without --choices);\n"
        "                                       numbers are the choices as shown; --new ignores an unfinished attempt\n"
        "  linli drill paths ID [--max-steps N] [--json]\n"
        "                                       every path up to a bound: endings reached and how often\n"
        "  linli profile [--name N] [--cohort C] [--learner ID] [--json]\n"
        "                                       who is learning on this device (--learner: continue as an\n"
        "                                       existing learner from another device)\n"
        "  linli sync --shared PATH [--restore] [--check] [--json]\n"
        "                                       merge progress with the shared file (exit codes: README)\n"
        "  linli status [--json]                learner, device, last sync, events per learner\n"
        "\n"
        "Options:\n"
        "  --data-dir DIR            keep progress, settings and caches in DIR\n"
        "  --library DIR             also load the documents in DIR (repeatable)\n"
        "  --screenshot FILE         window: write a PNG of the last frame when it closes (or on F12)\n"
        "  --exit-after-first-frame  window: print the time to the first frame in ms and exit\n"
        "  --open ID                 window: start in the reader on document ID\n"
        "  --frame-stats N           window: draw N frames without idling, print CPU time per frame, exit\n"
        "  --version, --help");
}

int run(const Options& opts) {
    if (opts.version) {
        std::printf("linli %s\n", LINLI_VERSION);
        return kOk;
    }
    if (opts.help || opts.args.empty()) {
        print_help();
        return kOk;
    }
    const std::string& cmd = opts.args[0];
    if (cmd == "lint") return cmd_lint(opts);
    if (cmd == "list") return cmd_list(opts);
    if (cmd == "search") return cmd_search(opts);
    if (cmd == "drill") return cmd_drill(opts);
    if (cmd == "sync") return cmd_sync(opts);
    if (cmd == "profile") return cmd_profile(opts);
    if (cmd == "status") return cmd_status(opts);
    if (cmd == "help") { print_help(); return kOk; }
    std::fprintf(stderr, "linli: unknown command '%s' (see linli --help)\n", cmd.c_str());
    return kUsage;
}

}  // namespace linli::cli
