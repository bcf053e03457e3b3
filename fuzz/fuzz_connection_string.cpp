// libFuzzer target: parse_connection_string on any bytes, and print what it accepts.
// Not part of the CMake build yet. Built from the repository root with clang++-14 -std=c++20
// -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize=function -Iinclude, this file,
// src/connection_string*.cpp, src/secret.cpp, src/error.cpp, src/credentials.cpp,
// src/timestamp.cpp and -lcrypto. Seeds: the URIs of ../shared/spec-tests/connection-string.json.
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
