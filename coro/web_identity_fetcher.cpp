// Web identity (EKS IAM roles for service accounts): STS AssumeRoleWithWebIdentity over HTTPS.
#include "deadline.hpp"
#include "endpoint_fetch.hpp"
#include "http_client.hpp"
#include "token_file.hpp"

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/credential_replies.hpp>
#include <mongo_aws/metadata_requests.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace mongo_aws {

namespace {

// Plain HTTP carries the web-identity token in clear: allowed only to this host (a local STS
// emulator, the test server), checked on the resolved addresses before connecting.
result<void> loopback_only(const url& target, const std::vector<asio::ip::tcp::endpoint>& found) {
    for (const auto& endpoint : found) {
        if (!endpoint.address().is_loopback()) {
            return make_error(errc::endpoint_url_invalid,
                              "AWS_ENDPOINT_URL_STS is plain http to " + target.endpoint() +
                                  ", which resolves to " + endpoint.address().to_string() +
                                  ", not a loopback address: the web identity token would "
                                  "cross the network unencrypted; use https");
        }
    }
    return {};
}

asio::awaitable<result<credentials>> fetch_from_sts(std::chrono::seconds sts_timeout,
                                                    fetch_context context) {
    const auto& env = context.env;
    if (!env.web_identity_token_file) {
        co_return make_error(errc::source_not_configured, "AWS_WEB_IDENTITY_TOKEN_FILE is not set");
    }
    // The file may end with a newline (CRLF at worst) that parse_web_identity_token trims.
    auto contents = detail::read_token_file(
        *env.web_identity_token_file, "AWS_WEB_IDENTITY_TOKEN_FILE", detail::max_token_file_size);
    if (!contents) {
        co_return std::move(contents).error();
    }
    auto token = parse_web_identity_token(contents->reveal());
    if (!token) {
        co_return std::move(token).error();
    }
    auto request = web_identity_request(env, *token);
    if (!request) {
        co_return std::move(request).error();
    }

    detail::http_fetch_options options;
    options.environment = context.lookup;
    options.deadline = std::min(context.until, detail::steady_clock::now() + sts_timeout);
    if (request->scheme == url_scheme::http) {
        options.check_addresses = loopback_only;
    }
    const std::string step = "STS AssumeRoleWithWebIdentity (POST " + request->url() + ", role " +
                             env.role_arn.value_or("") + ")";
    const auto started = detail::steady_clock::now();
    auto reply = co_await detail::http_fetch(*request, std::move(options));
    detail::log_request(context.log, step, reply,
                        detail::elapsed_ms(started, detail::steady_clock::now()));
    if (!reply) {
        auto err = std::move(reply).error();
        err.message = step + ": " + err.message;
        co_return err;
    }
    auto parsed = parse_web_identity_response(reply->status, reply->body);
    if (!parsed) {
        auto err = std::move(parsed).error();
        err.message = step + ": " + err.message;
        co_return err;
    }
    co_return std::move(parsed->creds);
}

}  // namespace

credential_fetcher web_identity_fetcher(std::chrono::seconds sts_timeout) {
    return [sts_timeout](fetch_context context) {
        return fetch_from_sts(sts_timeout, std::move(context));
    };
}

credential_fetchers default_credential_fetchers() {
    return {web_identity_fetcher(), container_fetcher(), imds_fetcher()};
}

}  // namespace mongo_aws
