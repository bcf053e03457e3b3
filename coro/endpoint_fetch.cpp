#include "endpoint_fetch.hpp"

#include "deadline.hpp"
#include "quote_untrusted.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace mongo_aws::detail {

namespace {

// Failures that another attempt may cure: the endpoint was slow, unreachable for a moment, or
// said so with a 5xx.
bool worth_retrying(const result<http::response>& outcome) {
    if (outcome) {
        return outcome->status >= 500;
    }
    const auto& code = outcome.error().code;
    return code == errc::timeout || code == errc::connect_failed || code == errc::network_error ||
           code == errc::http_incomplete;
}

}  // namespace

attempt_rules metadata_attempt_rules(const environment& env) {
    return {std::chrono::duration_cast<std::chrono::milliseconds>(env.metadata_timeout),
            env.metadata_attempts};
}

void log_request(const step_log& log, std::string_view label, const result<http::response>& outcome,
                 long long elapsed_ms) {
    if (!log) {
        return;
    }
    std::string line(label);
    if (outcome) {
        line += ": HTTP " + std::to_string(outcome->status) + " in " + std::to_string(elapsed_ms) +
                " ms";
    } else {
        line += ": " + outcome.error().message;
    }
    log(line);
}

asio::awaitable<result<http::response>> fetch_with_attempts(const endpoint_request& request,
                                                            attempt_rules rules, deadline until,
                                                            http_fetch_options options,
                                                            const step_log& log,
                                                            std::string_view label) {
    const int attempts = std::max(rules.attempts, 1);
    for (int attempt = 1;; ++attempt) {
        const auto started = steady_clock::now();
        options.deadline = std::min(until, started + rules.per_attempt);
        auto outcome = co_await http_fetch(request, options);
        log_request(log, label.empty() ? std::string_view(request.method) : label, outcome,
                    elapsed_ms(started, steady_clock::now()));
        if (attempt >= attempts || steady_clock::now() >= until || !worth_retrying(outcome)) {
            if (!outcome && attempts > 1) {
                auto err = std::move(outcome).error();
                err.message += " (attempt " + std::to_string(attempt) + " of " +
                               std::to_string(attempts) + ")";
                co_return err;
            }
            co_return outcome;
        }
    }
}

error http_status_error(std::string_view what, const http::response& response,
                        std::string_view advice) {
    std::string message = std::string(what) + " answered HTTP " + std::to_string(response.status) +
                          " " + escape_untrusted(response.reason, 64);
    if (!response.body.empty()) {
        message += ": " + quote_untrusted(response.body, 200);
    }
    if (!advice.empty()) {
        message += "; " + std::string(advice);
    }
    auto err = make_error(errc::endpoint_http_error, std::move(message));
    err.server_code = std::to_string(response.status);
    return err;
}

}  // namespace mongo_aws::detail
