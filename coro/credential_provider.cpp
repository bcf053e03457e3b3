#include "credential_cache.hpp"
#include "credential_race.hpp"
#include "deadline.hpp"

#include <mongo_aws/credential_provider.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <utility>

namespace mongo_aws {

namespace {

using detail::steady_clock;

std::string source_name(credential_source source) {
    return std::string(to_string(source));
}

// The report of a selection, before any source is asked.
std::vector<source_attempt> initial_attempts(const source_selection& selection) {
    std::vector<source_attempt> attempts;
    for (const auto& report : selection.reports) {
        const auto status = report.status == source_status::error ? attempt_status::failed
                                                                  : attempt_status::skipped;
        attempts.push_back({report.source, status, report.detail, 0});
    }
    return attempts;
}

source_attempt& attempt_for(std::vector<source_attempt>& attempts, credential_source source) {
    for (auto& attempt : attempts) {
        if (attempt.source == source) {
            return attempt;
        }
    }
    attempts.push_back({source, attempt_status::skipped, {}, 0});
    return attempts.back();
}

credentials environment_credentials(const environment& env) {
    credentials creds;
    creds.access_key_id = env.access_key_id.value_or("");
    if (env.secret_access_key) {
        creds.secret_access_key = *env.secret_access_key;
    }
    if (env.session_token) {
        creds.session_token = *env.session_token;
    }
    return creds;
}

// Credentials that need no I/O: explicit and environment.
std::optional<credentials> immediate_credentials(credential_source source,
                                                 const std::optional<credentials>& explicit_creds,
                                                 const environment& env) {
    if (source == credential_source::explicit_credentials && explicit_creds) {
        return *explicit_creds;
    }
    if (source == credential_source::environment) {
        return environment_credentials(env);
    }
    return std::nullopt;
}

// `message` without the `<source>: ` that ask() puts first (the report names the source).
std::string without_source_prefix(credential_source source, const std::string& message) {
    const auto prefix = source_name(source) + ": ";
    return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
}

asio::awaitable<result<credentials>> ready(credentials creds) {
    co_return creds;
}

// "no AWS credentials found" under the sdk_fallback policy: every source and why.
error none_found(const std::vector<source_attempt>& attempts) {
    std::string message = "no AWS credentials found";
    bool first = true;
    for (const auto& attempt : attempts) {
        message += (first ? ": " : "; ") + source_name(attempt.source) + ": " +
                   std::string(to_string(attempt.status)) + ": " + attempt.detail;
        first = false;
    }
    return make_error(errc::no_credentials_found, std::move(message));
}

}  // namespace

std::string_view to_string(attempt_status status) noexcept {
    switch (status) {
        case attempt_status::ok:
            return "ok";
        case attempt_status::failed:
            return "failed";
        case attempt_status::skipped:
            return "skipped";
        case attempt_status::cancelled:
            return "cancelled";
        case attempt_status::unused:
            return "unused";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& out, attempt_status status) {
    return out << to_string(status);
}

std::ostream& operator<<(std::ostream& out, const fetched_credentials& fetched) {
    for (const auto& attempt : fetched.attempts) {
        out << "  " << attempt.source << ": " << to_string(attempt.status) << " ("
            << attempt.elapsed_ms << " ms): " << attempt.detail << '\n';
    }
    return out;
}

credential_provider::credential_provider(asio::any_io_executor executor, provider_options options)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      cache_(std::make_unique<detail::credential_cache>(executor_, options_.clock)) {}

credential_provider::~credential_provider() = default;

void credential_provider::log_line(const std::string& line) const {
    if (options_.log) {
        options_.log(line);
    }
}

void credential_provider::clear() {
    cache_->clear();
}

asio::awaitable<result<credentials>> credential_provider::ask(credential_source source,
                                                              const environment& env,
                                                              deadline until) const {
    const credential_fetcher* fetcher = nullptr;
    switch (source) {
        case credential_source::web_identity:
            fetcher = &options_.fetchers.web_identity;
            break;
        case credential_source::ecs:
            fetcher = &options_.fetchers.ecs;
            break;
        case credential_source::ec2:
            fetcher = &options_.fetchers.ec2;
            break;
        default:
            break;
    }
    std::optional<result<credentials>> outcome;
    try {
        if (source == credential_source::custom) {
            std::string what = "the custom credential provider";
            auto operation = options_.custom_provider();
            outcome = co_await detail::with_deadline(std::move(operation), until, std::move(what));
        } else if (fetcher == nullptr || !*fetcher) {
            outcome = make_error(errc::credential_source_unavailable,
                                 "no fetcher is installed for " + source_name(source) +
                                     " credentials in this provider");
        } else {
            auto what = "fetching " + source_name(source) + " credentials";
            auto operation =
                (*fetcher)(fetch_context{env, options_.environment, until, options_.log});
            outcome = co_await detail::with_deadline(std::move(operation), until, std::move(what));
        }
    } catch (const std::exception& thrown) {
        outcome = make_error(errc::credential_source_threw,
                             source_name(source) + " threw: " + thrown.what());
    } catch (...) {
        outcome = make_error(errc::credential_source_threw,
                             source_name(source) + " threw something not a std::exception");
    }
    if (*outcome && !(*outcome)->complete()) {
        outcome = make_error(errc::credentials_incomplete,
                             "the answer lacks an access key id or a secret access key");
    }
    if (!*outcome) {
        auto err = std::move(*outcome).error();
        err.message = source_name(source) + ": " + err.message;
        co_return err;
    }
    co_return std::move(*outcome);
}

asio::awaitable<result<fetched_credentials>> credential_provider::fetch_one(
    credential_source source, std::vector<source_attempt> attempts, environment env,
    deadline until) const {
    const auto started = steady_clock::now();
    auto outcome = co_await ask(source, env, until);
    auto& attempt = attempt_for(attempts, source);
    attempt.elapsed_ms = detail::elapsed_ms(started, steady_clock::now());
    if (!outcome) {
        auto err = std::move(outcome).error();
        attempt.status = attempt_status::failed;
        attempt.detail = without_source_prefix(source, err.message);
        if (source == credential_source::ec2) {
            // EC2 is what the chain falls to when nothing else is configured: its failure
            // means no credentials anywhere, and the operator needs every source's line. The
            // code stays EC2's own (timeout, imds_token_refused...), which says why.
            err.message = none_found(attempts).message;
        }
        co_return err;
    }
    attempt.status = attempt_status::ok;
    co_return fetched_credentials{std::move(*outcome), source, false, std::move(attempts)};
}

asio::awaitable<result<fetched_credentials>> credential_provider::get(deadline until) {
    if (auto hit = cache_->lookup()) {
        log_line("credentials: from the cache (" + source_name(hit->source) + ")");
        co_return std::move(*hit);
    }
    auto env = read_environment(options_.environment);
    if (!env) {
        co_return std::move(env).error();
    }
    const auto& explicit_creds = options_.explicit_credentials;
    const auto selection =
        select_credential_source(explicit_creds ? &*explicit_creds : nullptr,
                                 static_cast<bool>(options_.custom_provider), *env);
    auto attempts = initial_attempts(selection);
    for (const auto& report : selection.reports) {
        log_line("credential source " + source_name(report.source) + ": " +
                 std::string(to_string(report.status)) +
                 (report.detail.empty() ? "" : ": " + report.detail));
    }

    if (options_.policy == credential_policy::spec) {
        if (!selection.chosen) {
            co_return selection.chosen.error();
        }
        const auto source = *selection.chosen;
        if (auto creds = immediate_credentials(source, explicit_creds, *env)) {
            attempt_for(attempts, source).status = attempt_status::ok;
            co_return fetched_credentials{std::move(*creds), source, false, std::move(attempts)};
        }
        // Named locals rather than temporaries in co_await expressions: GCC 12 destroyed a
        // temporary std::function made from a lambda twice here.
        const detail::credential_cache::fetch_function fetch = [this, source, attempts,
                                                                env = *env](deadline fetch_until) {
            return fetch_one(source, attempts, env, fetch_until);
        };
        auto what = "waiting for " + source_name(source) + " credentials";
        auto fetched = co_await cache_->get(fetch, until, std::move(what));
        co_return fetched;
    }

    const auto& candidates = selection.sdk_candidates;
    if (candidates.empty()) {
        co_return none_found(attempts);
    }
    if (auto creds = immediate_credentials(candidates.front(), explicit_creds, *env)) {
        attempt_for(attempts, candidates.front()).status = attempt_status::ok;
        co_return fetched_credentials{std::move(*creds), candidates.front(), false,
                                      std::move(attempts)};
    }
    const detail::credential_cache::fetch_function fetch = [this, candidates, attempts,
                                                            env = *env](deadline fetch_until) {
        return race(candidates, attempts, env, fetch_until);
    };
    auto fetched = co_await cache_->get(fetch, until, "waiting for credentials");
    co_return fetched;
}

asio::awaitable<result<fetched_credentials>> credential_provider::race(
    std::vector<credential_source> candidates, std::vector<source_attempt> attempts,
    environment env, deadline until) const {
    detail::source_asker asker = [this, &env, until](credential_source source) {
        return source == credential_source::environment ? ready(environment_credentials(env))
                                                        : ask(source, env, until);
    };
    auto outcome = co_await detail::race_by_priority(candidates, std::move(asker));
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        auto& attempt = attempt_for(attempts, candidates[i]);
        attempt.elapsed_ms = outcome.elapsed_ms[i];
        const auto& answer = outcome.answers[i];
        if (!answer) {
            attempt.status = attempt_status::cancelled;
            attempt.detail =
                outcome.winner
                    ? "cancelled: " + source_name(candidates[*outcome.winner]) + " answered first"
                    : std::string("cancelled");
        } else if (!*answer) {
            attempt.status = attempt_status::failed;
            attempt.detail = without_source_prefix(candidates[i], answer->error().message);
        } else if (outcome.winner == i) {
            attempt.status = attempt_status::ok;
        } else {
            attempt.status = attempt_status::unused;
            attempt.detail =
                "answered, but " + source_name(candidates[*outcome.winner]) + " comes first";
        }
    }
    if (outcome.winner) {
        const auto index = *outcome.winner;
        co_return fetched_credentials{**outcome.answers[index], candidates[index], false,
                                      std::move(attempts)};
    }
    for (const auto& answer : outcome.answers) {
        if (!answer) {
            co_return detail::cancelled_error("the credential lookup");
        }
    }
    co_return none_found(attempts);
}

asio::awaitable<std::optional<result<fetched_credentials>>> credential_provider::get_or_exception(
    deadline until) {
    co_return co_await get(until);
}

result<fetched_credentials> credential_provider::complete(
    const std::exception_ptr& thrown, std::optional<result<fetched_credentials>> outcome) {
    if (!thrown && outcome) {
        return std::move(*outcome);
    }
    try {
        if (thrown) {
            std::rethrow_exception(thrown);
        }
    } catch (const std::exception& exception) {
        return make_error(errc::credential_source_threw,
                          std::string("the credential lookup threw: ") + exception.what());
    } catch (...) {
    }
    return make_error(errc::credential_source_threw, "the credential lookup threw");
}

}  // namespace mongo_aws
