// libFuzzer target: the incremental HTTP/1.1 response parser (what IMDS, the container endpoint
// and STS send), fed in pieces whose sizes the input's first bytes choose (fuzz::piece_sizes),
// then told of the peer's close. The same bytes in one piece must give the same outcome: an
// incremental parser may not depend on where the reads happened to split.
// Seeds: the loopback stand-ins' replies (each framing: Content-Length, chunked, until close),
// recorded over a socket (tests/unit/test_fuzz_seeds.cpp), behind a zero byte (one piece).
#include "fuzz_http.hpp"

#include <mongo_aws/http_response.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    fuzz::check_split_invariance<http::response_parser>(
        std::span<const std::uint8_t>(data, size),
        [](const http::response& a, const http::response& b) {
            fuzz::require(a.status >= 100 && a.status <= 599, "a status outside 100..599");
            return a.status == b.status && a.reason == b.reason &&
                   a.minor_version == b.minor_version && a.body == b.body &&
                   fuzz::same_headers(a.headers, b.headers);
        });
    return 0;
}
