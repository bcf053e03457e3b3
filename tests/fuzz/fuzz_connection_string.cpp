// libFuzzer target: parse_connection_string on any bytes, and print what it accepts.
// Build (not part of the CMake build yet):
//   clang++-14 -std=c++20 -g -fsanitize=fuzzer,address,undefined -Iinclude \
//     tests/fuzz/fuzz_connection_string.cpp src/*.cpp -lcrypto -lbson-1.0 -lsimdjson
#include <mongo_aws/connection_string.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view uri(reinterpret_cast<const char*>(data), size);  // NOLINT
    const auto parsed = mongo_aws::parse_connection_string(uri);
    std::ostringstream out;
    if (parsed) {
        out << *parsed;
    } else {
        out << parsed.error();
    }
    return 0;
}
