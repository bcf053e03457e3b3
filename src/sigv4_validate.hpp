// What the signer refuses to sign, each refusal with its own code and an actionable message.
#pragma once

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/sigv4.hpp>

namespace mongo_aws::sigv4::detail {

/// Access key id present and usable in a credential scope; secret present; session token
/// without control bytes (it travels in a header or the query).
[[nodiscard]] result<void> validate_credentials(const credentials& creds);

/// Region and service present and made of `[A-Za-z0-9._-]`.
[[nodiscard]] result<void> validate_scope(const options& opts);

/// Method, path, headers (names, values, Host present, none the signer adds) and query (no
/// `X-Amz-` signing parameter).
[[nodiscard]] result<void> validate_request(const request& req);

/// X-Amz-Expires within 1..604800 seconds.
[[nodiscard]] result<void> validate_expires(const options& opts);

}  // namespace mongo_aws::sigv4::detail
