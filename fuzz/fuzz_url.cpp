// libFuzzer target: parse_url, the URLs of the credential endpoints (AWS_EC2_METADATA_SERVICE_
// ENDPOINT, AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_ENDPOINT_URL_STS). What it accepts must
// print (url::to_string) as a URL that parses back to the same value.
// Seeds: the stand-ins' URLs and the endpoints the request builders choose, recorded
// (tests/unit/test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/url.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    const auto parsed = parse_url(fuzz::as_text(std::span<const std::uint8_t>(data, size)));
    if (!parsed) {
        return 0;
    }
    fuzz::require(!parsed->host.empty() && parsed->port != 0 && !parsed->target.empty() &&
                      parsed->target.front() == '/',
                  "a URL accepted without a host, a port or a target");
    (void)parsed->host_header();
    (void)parsed->endpoint();
    const auto again = parse_url(parsed->to_string());
    fuzz::require(again.has_value(), "url::to_string printed what parse_url refuses");
    fuzz::require(*again == *parsed, "a URL did not survive print and parse");
    return 0;
}
