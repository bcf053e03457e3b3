// AWS credentials: what signing needs, with the secret parts kept as secret_string.
#pragma once

#include <mongo_aws/secret.hpp>

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace mongo_aws {

/// A set of AWS credentials. Temporary credentials carry a session token and an expiration.
/// Printing shows the access key id shortened (`AKIA…WXYZ`), never the secret or the token.
struct credentials {
    std::string access_key_id;
    secret_string secret_access_key;
    secret_string session_token;  ///< empty for long-term credentials
    std::optional<std::chrono::system_clock::time_point> expiration;

    /// True when both the access key id and the secret access key are present.
    [[nodiscard]] bool complete() const noexcept {
        return !access_key_id.empty() && !secret_access_key.empty();
    }

    /// True when an expiration is set and `now` is at or past it.
    [[nodiscard]] bool expired_at(std::chrono::system_clock::time_point now) const noexcept {
        return expiration.has_value() && now >= *expiration;
    }
};

/// The access key id as it may be shown: the first four and last four characters around an
/// ellipsis (`AKIA…WXYZ`); an id of 12 characters or fewer is shown as `…` plus its last two.
[[nodiscard]] std::string redact_access_key_id(std::string_view access_key_id);

/// Writes `credentials{access_key_id=AKIA…WXYZ, secret=<redacted>, session_token=<redacted>|none,
/// expiration=<ISO-8601>|none}`.
std::ostream& operator<<(std::ostream& out, const credentials& creds);

}  // namespace mongo_aws
