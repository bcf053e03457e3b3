// libFuzzer target: the incremental HTTP/1.1 request parser of the loopback stand-ins (IMDS,
// container endpoint, STS), fed in pieces whose sizes the input's first bytes choose
// (fuzz::piece_sizes); the same bytes in one piece must give the same outcome.
// Seeds: the requests this library's fetchers send to the stand-ins, recorded (tests/unit/
// test_fuzz_seeds.cpp), behind a zero byte (one piece).
#include "fuzz_http.hpp"

#include <mongo_aws/http_request.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    fuzz::check_split_invariance<http::request_parser>(
        std::span<const std::uint8_t>(data, size),
        [](const http::request& a, const http::request& b) {
            fuzz::require(a.minor_version == 0 || a.minor_version == 1, "HTTP/1.x with x > 1");
            return a.method == b.method && a.target == b.target &&
                   a.minor_version == b.minor_version && a.body == b.body &&
                   fuzz::same_headers(a.headers, b.headers);
        });
    return 0;
}
