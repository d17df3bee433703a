// Bench-only stand-in for `microcred credentials verify FILE...` (the app wires the real
// subcommand to the same verify_files), so compare_node.sh can time it without the server.
#include <iostream>

#include "credentials/verify/cli.hpp"

int main(int argc, char** argv) {
    return mc::credentials::verify_files(std::vector<std::string>(argv + 1, argv + argc), std::cout);
}
