// The identities the loopback test server accepts: access key id → secret, optional session
// token, and the ARN STS would name. Read from a users file (JSON) or built in code.
#pragma once

#include <mongo_aws/result.hpp>
#include <mongo_aws/secret.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::test_server {

/// One identity: what `sts:GetCallerIdentity` would answer for these credentials.
struct user {
    /// As in the Authorization header's credential scope: printable ASCII, no space, `/` or `,`.
    std::string access_key_id;
    /// The secret the signature is checked with. Never printed.
    secret_string secret_access_key;
    /// Empty for long-term credentials. When set, the client must send exactly this token (`t`
    /// and a signed X-Amz-Security-Token); when empty, the client must send none.
    secret_string session_token;
    /// The caller's ARN as STS returns it, e.g. `arn:aws:iam::123456789012:user/alice` or
    /// `arn:aws:sts::123456789012:assumed-role/app/i-0abc`. Must start with `arn:`.
    std::string arn;
};

/// The name MongoDB gives the authenticated user in `$external` (and connectionStatus reports):
/// the ARN itself, except that an assumed-role session
/// `arn:<partition>:sts::<account>:assumed-role/<role>/<session>` becomes
/// `arn:<partition>:sts::<account>:assumed-role/<role>/*`, so that one `$external` user covers
/// every session of the role (as MongoDB's own MONGODB-AWS tests expect).
[[nodiscard]] std::string mongodb_user_name(std::string_view arn);

/// The users a server knows, looked up by access key id.
class user_table {
public:
    /// No users: every authentication fails with an unknown access key id.
    user_table() = default;

    /// Adds `entry` after checking it. Errors: errc::users_file_invalid_entry (an empty or
    /// malformed access key id, an empty secret, a session token with a control byte, an ARN
    /// not starting with `arn:` or with a control byte); errc::users_file_duplicate_access_key_id.
    /// Messages name the access key id redacted (`AKIA…WXYZ`), never a secret.
    result<void> add(user entry);

    /// The user with this access key id (compared exactly), or null. The pointer stays valid
    /// until the next add() or the table's destruction.
    [[nodiscard]] const user* find(std::string_view access_key_id) const noexcept;

    /// How many users there are.
    [[nodiscard]] std::size_t size() const noexcept { return users_.size(); }

    /// True when there are no users.
    [[nodiscard]] bool empty() const noexcept { return users_.empty(); }

    /// The users, in the order added.
    [[nodiscard]] const std::vector<user>& users() const noexcept { return users_; }

private:
    std::vector<user> users_;
};

/// The largest users file accepted (1 MiB: thousands of users).
inline constexpr std::size_t max_users_file_size = std::size_t{1024} * 1024;

/// Parses a users file:
///
///     {
///       "users": [
///         {"access_key_id": "AKIAIOSFODNN7EXAMPLE",
///          "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
///          "arn": "arn:aws:iam::123456789012:user/alice"},
///         {"access_key_id": "ASIAIOSFODNN7EXAMPLE",
///          "secret_access_key": "...", "session_token": "...",
///          "arn": "arn:aws:sts::123456789012:assumed-role/app/i-0abc"}
///       ]
///     }
///
/// Each user is an object with the string members `access_key_id`, `secret_access_key`, `arn`
/// and optionally `session_token`; any other member is refused (a typo must not silently drop a
/// token). Errors: errc::users_file_malformed (not JSON, larger than max_users_file_size, not an
/// object with a `users` array, or other top-level members); errc::users_file_invalid_entry (a
/// user that is not an object, lacks a member, has one that is not a string, an unknown one,
/// or a value user_table::add() refuses); errc::users_file_duplicate_access_key_id. Messages name
/// the user by position (`users[2]`, counting from 0) and access key id (redacted), and the
/// member at fault; never a secret.
result<user_table> parse_users(std::string_view json);

/// Reads `path` (at most max_users_file_size bytes) and parses it with parse_users(); messages
/// start with the path. Errors: errc::users_file_unreadable, and those of parse_users().
result<user_table> load_users_file(const std::filesystem::path& path);

}  // namespace mongo_aws::test_server
