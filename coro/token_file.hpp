// Reading a token file (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE).
// Both rotate, so they are read afresh before every fetch.
#pragma once

#include <mongo_aws/result.hpp>
#include <mongo_aws/secret.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace mongo_aws::detail {

/// How much of a token file is read: well above every token's own limit (checked by the
/// parsers, whose messages give it), so that trailing whitespace never makes a valid token
/// "too large".
inline constexpr std::size_t max_token_file_size = std::size_t{64} * 1024;

/// The whole file `path` (named by the environment variable `variable`), read at once: the
/// files are small and local (a projected Kubernetes volume), so a blocking read costs
/// microseconds, and Asio has no portable asynchronous file read. At most `max_bytes` are kept;
/// a longer file is refused. The bytes read are wiped from every intermediate buffer.
/// Errors: errc::token_file_unreadable naming the variable, the path and the system's reason
/// ("No such file or directory", "Permission denied", a directory, too large); never the
/// contents.
[[nodiscard]] result<secret_string> read_token_file(const std::string& path,
                                                    std::string_view variable,
                                                    std::size_t max_bytes);

}  // namespace mongo_aws::detail
