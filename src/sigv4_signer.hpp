// The steps header signing and presigning share: checks, dates, scope, key, signature.
#pragma once

#include <mongo_aws/result.hpp>
#include <mongo_aws/sigv4.hpp>

#include <string>

namespace mongo_aws::sigv4::detail {

/// What both forms of signing know once the inputs are checked.
struct signing_context {
    std::string amz_date;  ///< `YYYYMMDD'T'HHMMSS'Z'`
    std::string scope;     ///< `YYYYMMDD/region/service/aws4_request`
    signing_key key;       ///< the caller's key when it fits the scope, else a derived one
};

/// Checks credentials, scope and request, then fixes the date, the scope and the key.
[[nodiscard]] result<signing_context> prepare_signing(const request& req, const credentials& creds,
                                                      const options& opts,
                                                      const signing_key* cached_key);

/// The lowercase hex HMAC-SHA256 of `string_to_sign` under `key`.
[[nodiscard]] std::string signature_of(const signing_key& key, std::string_view string_to_sign);

}  // namespace mongo_aws::sigv4::detail
