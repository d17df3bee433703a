// Runs the independent verifier (../shared/tools/interop, installed by ./test; path in
// MICROCRED_INTEROP) on one file in its signature-only mode and returns what it printed.
#pragma once

#include <cstdio>
#include <string>

namespace mc::testing {

inline std::string run_interop(const char* verifier, const std::string& file) {
    std::string cmd = "SIG_ONLY=1 node '" + std::string(verifier) + "' '" + file + "' 2>&1";
    std::string output;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[512];
    while (p && fgets(buf, sizeof buf, p)) output += buf;
    if (p) pclose(p);
    return output;
}

} // namespace mc::testing
