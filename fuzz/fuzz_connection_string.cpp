// libFuzzer target: parse_connection_string on any bytes, and printing what it accepts (the
// printer must hide the password and the session token whatever they hold).
// Seeds: the URIs of MongoDB's connection-string spec tests (../shared/spec-tests/
// connection-string.json), recorded (tests/unit/test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/connection_string.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    const auto parsed =
        parse_connection_string(fuzz::as_text(std::span<const std::uint8_t>(data, size)));
    std::ostringstream out;
    if (parsed) {
        fuzz::require(!parsed->hosts.empty(), "a connection string accepted without a host");
        for (const auto& host : parsed->hosts) {
            fuzz::require(host.port != 0, "a host with port 0");
        }
        out << *parsed;
    } else {
        out << parsed.error();
    }
    return 0;
}
