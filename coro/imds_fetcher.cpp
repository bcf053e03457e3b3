// EC2 instance metadata, IMDSv2: token, role name, role credentials. The token is kept for its
// TTL and shared by every fetch, so a refresh costs two GETs, not three requests.
#include "deadline.hpp"
#include "endpoint_fetch.hpp"

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/credential_replies.hpp>
#include <mongo_aws/metadata_requests.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace mongo_aws {

namespace {

using detail::steady_clock;

// A token is dropped a minute before IMDS would stop honouring it.
constexpr auto token_margin = std::chrono::seconds(60);

std::string endpoint_key(const endpoint_location& endpoint) {
    return std::to_string(static_cast<int>(endpoint.scheme)) + "|" + endpoint.host + "|" +
           std::to_string(endpoint.port) + "|" + endpoint.target;
}

// The IMDSv2 token of one fetcher and its copies. Held under the mutex only between
// suspensions, never across one.
class token_cache {
public:
    std::optional<secret_string> find(const std::string& key) {
        const std::lock_guard lock(mutex_);
        if (token_ && key == key_ && steady_clock::now() < expires_) {
            return token_;
        }
        return std::nullopt;
    }

    void store(const std::string& key, const secret_string& token) {
        const std::lock_guard lock(mutex_);
        key_ = key;
        token_ = token;
        expires_ = steady_clock::now() + imds_token_ttl - token_margin;
    }

    void drop(const secret_string& token) {
        const std::lock_guard lock(mutex_);
        if (token_ && *token_ == token) {
            token_.reset();
        }
    }

private:
    std::mutex mutex_;
    std::string key_;
    std::optional<secret_string> token_;
    steady_clock::time_point expires_;
};

error with_step(std::string_view step, error err) {
    err.message = std::string(step) + ": " + err.message;
    return err;
}

constexpr std::string_view token_step = "the IMDSv2 token request (PUT /latest/api/token)";
constexpr std::string_view role_step =
    "the IMDS role name request (GET /latest/meta-data/iam/security-credentials/)";

// Why a token request got no answer, and what to do about it.
error token_unreachable(error err) {
    std::string advice;
    if (err.code == errc::timeout) {
        advice =
            ". Likely causes: this host is not an EC2 instance (set "
            "AWS_EC2_METADATA_DISABLED=true, or configure another credential source), or this "
            "runs in a container on an EC2 instance whose metadata hop limit is 1, so the "
            "token's reply never reaches it (raise it: aws ec2 modify-instance-metadata-options "
            "--http-put-response-hop-limit 2); AWS_METADATA_SERVICE_TIMEOUT sets the wait";
    } else if (err.code == errc::connect_failed || err.code == errc::resolve_failed) {
        advice =
            ". This host does not look like an EC2 instance: set AWS_EC2_METADATA_DISABLED=true "
            "or configure another credential source (or check AWS_EC2_METADATA_SERVICE_ENDPOINT)";
    }
    err.message = std::string(token_step) + " failed: " + err.message + advice;
    return err;
}

// One fetch: the endpoint, the rules, and the token in use.
class imds_exchange {
public:
    imds_exchange(std::shared_ptr<token_cache> cache, fetch_context context,
                  endpoint_location endpoint)
        : cache_(std::move(cache)),
          context_(std::move(context)),
          endpoint_(std::move(endpoint)),
          key_(endpoint_key(endpoint_)),
          rules_(detail::metadata_attempt_rules(context_.env)) {
        options_.environment = context_.lookup;
    }

    asio::awaitable<result<credentials>> run() {
        if (auto status = co_await ensure_token(); !status) {
            co_return std::move(status).error();
        }
        auto role_reply = co_await get_with_token(
            [this] { return imds_role_name_request(endpoint_, *token_); }, role_step);
        if (!role_reply) {
            co_return std::move(role_reply).error();
        }
        if (role_reply->status == 404) {
            co_return detail::http_status_error(
                role_step, *role_reply,
                "no IAM role is attached to this instance: attach an instance profile");
        }
        if (role_reply->status != 200) {
            co_return detail::http_status_error(role_step, *role_reply);
        }
        auto role = parse_imds_role_name(role_reply->body);
        if (!role) {
            co_return with_step(role_step, std::move(role).error());
        }

        const std::string credentials_step = "the IMDS credentials request for role " + *role +
                                             " (GET /latest/meta-data/iam/security-credentials/" +
                                             *role + ")";
        auto reply = co_await get_with_token(
            [this, &role] { return imds_credentials_request(endpoint_, *token_, *role); },
            credentials_step);
        if (!reply) {
            co_return std::move(reply).error();
        }
        if (reply->status != 200) {
            co_return detail::http_status_error(credentials_step, *reply);
        }
        auto creds = parse_ec2_credentials(reply->body);
        if (!creds) {
            co_return with_step(credentials_step, std::move(creds).error());
        }
        co_return std::move(*creds);
    }

private:
    // Uses the cached token, or fetches one.
    asio::awaitable<result<void>> ensure_token() {
        if (auto cached = cache_->find(key_)) {
            token_ = std::move(*cached);
            fresh_token_ = false;
            co_return result<void>{};
        }
        co_return co_await fetch_token();
    }

    asio::awaitable<result<void>> fetch_token() {
        auto reply = co_await detail::fetch_with_attempts(imds_token_request(endpoint_), rules_,
                                                          context_.until, options_, context_.log,
                                                          token_step);
        if (!reply) {
            co_return token_unreachable(std::move(reply).error());
        }
        const int status = reply->status;
        if (status == 403 || status == 404 || status == 405) {
            auto err = detail::http_status_error(
                token_step, *reply,
                "IMDS is disabled on this instance, or serves IMDSv1 only; this library "
                "requires IMDSv2 (no IMDSv1 fallback): enable it with aws ec2 "
                "modify-instance-metadata-options --http-endpoint enabled --http-tokens "
                "required");
            err.code = errc::imds_token_refused;
            co_return err;
        }
        if (status != 200) {
            co_return detail::http_status_error(token_step, *reply);
        }
        auto token = parse_imds_token(reply->body);
        if (!token) {
            co_return with_step(token_step, std::move(token).error());
        }
        token_ = std::move(*token);
        fresh_token_ = true;
        cache_->store(key_, *token_);
        co_return result<void>{};
    }

    // GETs what `make_request` builds; on a 401 with a reused token, fetches a new token once
    // and asks again (IMDS refuses a token that expired or that it no longer knows).
    template <class MakeRequest>
    asio::awaitable<result<http::response>> get_with_token(MakeRequest make_request,
                                                           std::string_view step) {
        while (true) {
            auto request = make_request();
            if (!request) {
                co_return with_step(step, std::move(request).error());
            }
            auto reply = co_await detail::fetch_with_attempts(*request, rules_, context_.until,
                                                              options_, context_.log, step);
            if (!reply) {
                co_return with_step(step, std::move(reply).error());
            }
            if (reply->status != 401 || fresh_token_) {
                co_return reply;
            }
            cache_->drop(*token_);
            if (auto status = co_await fetch_token(); !status) {
                co_return std::move(status).error();
            }
        }
    }

    std::shared_ptr<token_cache> cache_;
    fetch_context context_;
    endpoint_location endpoint_;
    std::string key_;
    detail::attempt_rules rules_;
    detail::http_fetch_options options_;
    std::optional<secret_string> token_;
    bool fresh_token_ = false;
};

asio::awaitable<result<credentials>> fetch_from_imds(std::shared_ptr<token_cache> cache,
                                                     fetch_context context) {
    auto endpoint = imds_endpoint(context.env);
    if (!endpoint) {
        co_return std::move(endpoint).error();
    }
    imds_exchange exchange(std::move(cache), std::move(context), std::move(*endpoint));
    co_return co_await exchange.run();
}

}  // namespace

credential_fetcher imds_fetcher() {
    auto cache = std::make_shared<token_cache>();
    return [cache](fetch_context context) { return fetch_from_imds(cache, std::move(context)); };
}

}  // namespace mongo_aws
