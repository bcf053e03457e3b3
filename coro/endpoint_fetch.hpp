// Sending a credential endpoint's request with the AWS SDKs' attempt rules
// (AWS_METADATA_SERVICE_TIMEOUT per attempt, AWS_METADATA_SERVICE_NUM_ATTEMPTS attempts), and
// turning an HTTP error status into an error an operator can act on.
#pragma once

#include "http_client.hpp"

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/endpoint_request.hpp>
#include <mongo_aws/http.hpp>
#include <mongo_aws/result.hpp>

#include <asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace mongo_aws::detail {

/// How many times a request is sent and how long each attempt may last.
struct attempt_rules {
    std::chrono::milliseconds per_attempt{1000};
    int attempts = 1;
};

/// The rules of AWS_METADATA_SERVICE_TIMEOUT and AWS_METADATA_SERVICE_NUM_ATTEMPTS.
[[nodiscard]] attempt_rules metadata_attempt_rules(const environment& env);

/// Sends `request`; each attempt ends by `per_attempt` from its start or `until`, whichever is
/// first. An attempt that timed out (before `until`), could not connect, lost its connection, or
/// got a 5xx status is made again while attempts remain and `until` has not passed; the last
/// outcome is returned (a 5xx as a response). `options.deadline` is set here.
/// Each attempt is reported to `log` as `<label>: HTTP 200 in 3 ms` (or its error).
asio::awaitable<result<http::response>> fetch_with_attempts(const endpoint_request& request,
                                                            attempt_rules rules, deadline until,
                                                            http_fetch_options options,
                                                            const step_log& log = {},
                                                            std::string_view label = {});

/// Reports one request's outcome to `log` (when set): `<label>: HTTP 200 in 3 ms`, or the
/// error's message.
void log_request(const step_log& log, std::string_view label, const result<http::response>& outcome,
                 long long elapsed_ms);

/// errc::endpoint_http_error: "<what> answered HTTP <status> <reason>", then the start of the
/// body (escaped, at most 200 bytes; error bodies carry no credentials), then `advice` when not
/// empty. server_code is the status.
[[nodiscard]] error http_status_error(std::string_view what, const http::response& response,
                                      std::string_view advice = {});

}  // namespace mongo_aws::detail
