#include "support/shared_data.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace mongo_aws::test {

std::filesystem::path shared_dir() {
    // The environment variable lets a run point elsewhere without reconfiguring.
    if (const char* overridden = std::getenv("MONGO_AWS_SHARED_DIR")) {
        return std::filesystem::path(overridden);
    }
    return std::filesystem::path(MONGO_AWS_SHARED_DIR);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

int skip_code_if_shared_missing(const std::filesystem::path& relative) {
    const auto wanted = shared_dir() / relative;
    std::error_code ec;
    if (std::filesystem::exists(wanted, ec)) {
        return 0;
    }
    std::cerr << "SKIPPED: reference data not found at " << wanted.string()
              << " (set MONGO_AWS_SHARED_DIR=<folder> in the environment or when configuring, or "
                 "place the shared "
                 "folder beside the source tree)\n";
    return 77;
}

}  // namespace mongo_aws::test
