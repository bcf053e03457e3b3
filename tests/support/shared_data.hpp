// Locating ../shared, the reference data the conformance tests read in place.
#pragma once

#include <filesystem>
#include <string>

namespace mongo_aws::test {

/// The reference data folder: the environment variable MONGO_AWS_SHARED_DIR when set, else the
/// CMake cache variable of that name (default: ../shared beside the source tree).
std::filesystem::path shared_dir();

/// Reads a whole file as bytes; throws std::runtime_error naming the file when it cannot.
std::string read_file(const std::filesystem::path& path);

/// For a conformance test's main(): when `relative` (a path below shared_dir()) is missing,
/// prints why on stderr and returns the skip exit code (77); otherwise returns 0.
int skip_code_if_shared_missing(const std::filesystem::path& relative);

}  // namespace mongo_aws::test

/// Defines main() for a conformance test: reports "skipped" (exit 77, which ctest shows as
/// Skipped) when `relative_path` is missing below the shared folder, else runs Boost.Test.
/// The test file defines BOOST_TEST_NO_MAIN, and either BOOST_TEST_MODULE or its own
/// `bool init_unit_test()` (to register cases only once the data is known to be there).
#define MONGO_AWS_CONFORMANCE_MAIN(relative_path)                                       \
    int main(int argc, char* argv[]) {                                                  \
        if (int code = ::mongo_aws::test::skip_code_if_shared_missing(relative_path)) { \
            return code;                                                                \
        }                                                                               \
        return ::boost::unit_test::unit_test_main(&init_unit_test, argc, argv);         \
    }
