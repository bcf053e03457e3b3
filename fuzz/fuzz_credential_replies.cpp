// libFuzzer target: the credential endpoints' replies. The input's first two bytes are the HTTP
// status (big-endian, any value), the rest the body, given to every parser: IMDS
// (parse_ec2_credentials), the container endpoint (parse_container_credentials), STS
// AssumeRoleWithWebIdentity (parse_web_identity_response with the status, and
// parse_web_identity_credentials), and STS error documents (parse_sts_error).
// Seeds: the stand-ins' canned replies (tests/support/fetch_runner.hpp and the fetcher tests),
// recorded with their status (tests/unit/test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/credential_replies.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    if (size < 2) {
        return 0;
    }
    const int status = (int{data[0]} << 8) | int{data[1]};
    const auto body = fuzz::as_text(std::span<const std::uint8_t>(data + 2, size - 2));

    if (const auto ec2 = parse_ec2_credentials(body)) {
        fuzz::require(ec2->complete() && !ec2->session_token.empty() && ec2->expiration,
                      "IMDS credentials accepted without a key, token or expiration");
    }
    if (const auto container = parse_container_credentials(body)) {
        fuzz::require(container->creds.complete() && container->creds.expiration,
                      "container credentials accepted without a key or expiration");
    }
    const auto web = parse_web_identity_response(status, body);
    if (web) {
        fuzz::require(status >= 200 && status <= 299,
                      "a web identity reply accepted with a non-2xx status");
        fuzz::require(web->creds.complete() && web->creds.expiration,
                      "web identity credentials accepted without a key or expiration");
    }
    (void)parse_web_identity_credentials(body);
    if (const auto sts_error = parse_sts_error(body)) {
        fuzz::require(!sts_error->code.empty(), "an STS error accepted without a code");
    }
    return 0;
}
