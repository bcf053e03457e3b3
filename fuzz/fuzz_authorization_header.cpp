// libFuzzer target: the test server's SigV4 Authorization header parser
// (test_server::parse_authorization_header), the `a` of a client-final payload.
// Seeds: the `a` of this library's client-final payloads, recorded (tests/unit/
// test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/test_server/authorization_header.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    const auto parsed = test_server::parse_authorization_header(
        fuzz::as_text(std::span<const std::uint8_t>(data, size)));
    if (!parsed) {
        return 0;
    }
    fuzz::require(!parsed->access_key_id.empty() && parsed->date.size() == 8 &&
                      !parsed->region.empty() && !parsed->service.empty() &&
                      !parsed->signed_header_names.empty() && parsed->signature.size() == 64,
                  "an Authorization header accepted with a part missing");
    for (const auto& name : parsed->signed_header_names) {
        fuzz::require(!name.empty(), "an empty signed header name");
    }
    return 0;
}
