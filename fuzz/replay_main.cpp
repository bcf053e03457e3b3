// A main for the fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput once on every file
// of the folders (or files) given, in name order, so that the corpora replay as ordinary tests
// in any build (ctest fuzz_replay.<name>, tests/CMakeLists.txt). A crash, a sanitizer report
// or a broken property (fuzz::require aborts) fails the test; so does a folder without files.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " <corpus folder or file>...\n";
        return 2;
    }
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path given(
            argv[i]);  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
        std::vector<std::filesystem::path> files;
        if (std::filesystem::is_directory(given)) {
            for (const auto& entry : std::filesystem::directory_iterator(given)) {
                if (entry.is_regular_file()) {
                    files.push_back(entry.path());
                }
            }
            std::sort(files.begin(), files.end());
        } else if (std::filesystem::is_regular_file(given)) {
            files.push_back(given);
        }
        if (files.empty()) {
            std::cerr << given.string() << ": no corpus files (record them: docs/fuzzing.md)\n";
            return 1;
        }
        for (const auto& file : files) {
            std::cout << "replaying " << file.filename().string() << std::endl;
            auto bytes = read_bytes(file);
            // An empty vector's data() may be null; libFuzzer never passes null.
            const std::uint8_t placeholder = 0;
            (void)LLVMFuzzerTestOneInput(bytes.empty() ? &placeholder : bytes.data(), bytes.size());
            ++replayed;
        }
    }
    std::cout << replayed << " inputs replayed without a finding\n";
    return 0;
}
