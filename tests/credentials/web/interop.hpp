// Runs the independent verifier (../shared/tools/interop, installed by ./test; path in
// MICROCRED_INTEROP) on one file in its signature-only mode. The exit status comes back with
// the output: "no verified=true" means nothing unless node ran the script to its end, so
// callers assert `exit_status == 0` and look for the file's own verdict line.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace mc::testing {

struct InteropRun {
    int exit_status = -1; // the verifier's exit code; -1 when it could not be started or was killed
    std::string output;   // stdout and stderr together

    bool has(const std::string& line_part) const { return output.find(line_part) != std::string::npos; }
};

inline InteropRun run_interop(const char* verifier, const std::string& file) {
    std::string cmd = "SIG_ONLY=1 node '" + std::string(verifier) + "' '" + file + "' 2>&1";
    InteropRun run;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return run;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) run.output += buf;
    int status = pclose(p);
    if (status != -1 && WIFEXITED(status)) run.exit_status = WEXITSTATUS(status);
    return run;
}

} // namespace mc::testing
