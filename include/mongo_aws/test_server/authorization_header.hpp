// Reading a SigV4 Authorization header, as a MONGODB-AWS client sends it in `a`:
// `AWS4-HMAC-SHA256 Credential=<key id>/<YYYYMMDD>/<region>/<service>/aws4_request,
// SignedHeaders=<name>;<name>..., Signature=<64 lowercase hex digits>`.
#pragma once

#include <mongo_aws/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::test_server {

/// The parts of an Authorization header, as sent (nothing here is checked against a request).
struct authorization_header {
    std::string access_key_id;                     ///< the credential scope's first part
    std::string date;                              ///< `YYYYMMDD`, the scope's day
    std::string region;                            ///< e.g. `us-east-1`
    std::string service;                           ///< e.g. `sts`
    std::string signed_headers;                    ///< the SignedHeaders value, as sent
    std::vector<std::string> signed_header_names;  ///< signed_headers split at `;`, in order
    std::string signature;                         ///< 64 lowercase hex digits
};

/// The longest Authorization header parsed: 16 KiB (a real one is about 300 bytes; the bound
/// keeps a hostile header from costing more than its own size).
inline constexpr std::size_t max_authorization_header_size = std::size_t{16} * 1024;

/// Parses `value`: the algorithm `AWS4-HMAC-SHA256`, one or more spaces, then the components
/// `Credential=`, `SignedHeaders=` and `Signature=`, each exactly once, in any order, separated by
/// `,` with optional spaces around it (as AWS accepts them). The credential has five
/// `/`-separated parts, none empty: key id, an 8-digit date, region, service, `aws4_request`.
/// SignedHeaders is one or more non-empty names separated by `;`. Error:
/// errc::authorization_header_malformed (also for a value longer than
/// max_authorization_header_size), the message saying which rule is broken (quoting at
/// most 64 bytes of the value, escaped).
result<authorization_header> parse_authorization_header(std::string_view value);

}  // namespace mongo_aws::test_server
