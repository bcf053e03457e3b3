// The container credentials endpoint (ECS task roles, EKS Pod Identity).
#include "endpoint_fetch.hpp"
#include "token_file.hpp"

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/credential_replies.hpp>
#include <mongo_aws/metadata_requests.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mongo_aws {

namespace {

// The ECS rule for a plain-HTTP full URI, applied to the addresses its host resolved to.
detail::address_check container_address_check() {
    return [](const url& target, const std::vector<asio::ip::tcp::endpoint>& endpoints) {
        std::vector<std::string> addresses;
        addresses.reserve(endpoints.size());
        for (const auto& endpoint : endpoints) {
            addresses.push_back(endpoint.address().to_string());
        }
        return check_container_addresses(addresses, target.host);
    };
}

asio::awaitable<result<credentials>> fetch_from_container(fetch_context context) {
    const auto& env = context.env;
    std::optional<secret_string> token_from_file;
    if (env.container_authorization_token_file) {
        auto contents = detail::read_token_file(*env.container_authorization_token_file,
                                                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                                                detail::max_token_file_size);
        if (!contents) {
            co_return std::move(contents).error();
        }
        auto token = parse_container_authorization_token(contents->reveal());
        if (!token) {
            co_return std::move(token).error();
        }
        token_from_file = std::move(*token);
    }
    auto built = container_credentials_request(env, token_from_file ? &*token_from_file : nullptr);
    if (!built) {
        co_return std::move(built).error();
    }

    detail::http_fetch_options options;
    options.environment = context.lookup;
    if (built->check_resolved_addresses) {
        options.check_addresses = container_address_check();
    }
    // The path is left out: it may carry a secret (an ECS credentials id, a query token).
    const std::string step =
        "the container endpoint (GET " +
        std::string(built->request.scheme == url_scheme::https ? "https" : "http") + "://" +
        built->request.host_header() + ", from " +
        (env.container_relative_uri ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
                                    : "AWS_CONTAINER_CREDENTIALS_FULL_URI") +
        ")";
    auto reply =
        co_await detail::fetch_with_attempts(built->request, detail::metadata_attempt_rules(env),
                                             context.until, std::move(options), context.log, step);
    if (!reply) {
        auto err = std::move(reply).error();
        err.message = step + ": " + err.message;
        co_return err;
    }
    if (reply->status != 200) {
        co_return detail::http_status_error(
            step, *reply,
            reply->status == 401 || reply->status == 403
                ? "check the authorization token (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or "
                  "AWS_CONTAINER_AUTHORIZATION_TOKEN)"
                : "");
    }
    auto parsed = parse_container_credentials(reply->body);
    if (!parsed) {
        auto err = std::move(parsed).error();
        err.message = step + ": " + err.message;
        co_return err;
    }
    co_return std::move(parsed->creds);
}

}  // namespace

credential_fetcher container_fetcher() {
    return [](fetch_context context) { return fetch_from_container(std::move(context)); };
}

}  // namespace mongo_aws
