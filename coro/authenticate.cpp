// The MONGODB-AWS conversation over a connection: the I/O around the sans-I/O conversation.
#include "command_channel.hpp"
#include "deadline.hpp"

#include <mongo_aws/authenticate.hpp>
#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/conversation.hpp>
#include <mongo_aws/sasl_commands.hpp>

#include <openssl/crypto.h>

#include <string>
#include <utility>
#include <vector>

namespace mongo_aws {

namespace {

using detail::steady_clock;

void report(const step_log& log, const std::string& line) {
    if (log) {
        log(line);
    }
}

// Sends one SASL command (BSON bytes from make_sasl_start / make_sasl_continue) and reads its
// reply. The command bytes are wiped once sent.
asio::awaitable<result<sasl_reply>> exchange(byte_stream& stream, const char* name,
                                             result<std::vector<std::uint8_t>> command) {
    if (!command) {
        co_return std::move(command).error();
    }
    auto reply = co_await detail::run_command(stream, *command, sasl_database, name);
    OPENSSL_cleanse(command->data(), command->size());
    if (!reply) {
        co_return std::move(reply).error();
    }
    co_return parse_sasl_reply(reply->body().bytes(), name);
}

asio::awaitable<result<authentication_summary>> converse(byte_stream& stream,
                                                         const fetched_credentials& fetched,
                                                         const step_log& log, std::string& step) {
    conversation sasl;
    auto client_first = sasl.client_first();
    if (!client_first) {
        co_return std::move(client_first).error();
    }
    report(log, "saslStart: mechanism MONGODB-AWS on $external, client nonce (32 bytes)");
    step = "saslStart";
    auto first = co_await exchange(stream, "saslStart", make_sasl_start(*client_first));
    if (!first) {
        co_return std::move(first).error();
    }
    if (auto accepted = sasl.server_first(first->payload); !accepted) {
        co_return std::move(accepted).error();
    }
    report(log, "saslStart reply: server nonce accepted, STS host " + std::string(sasl.sts_host()) +
                    ", region " + std::string(sasl.region()));

    auto client_final = sasl.client_final(fetched.creds, std::chrono::system_clock::now());
    if (!client_final) {
        co_return std::move(client_final).error();
    }
    report(log, "saslContinue: GetCallerIdentity signed with SigV4 for " +
                    std::string(sasl.region()) + " with access key " +
                    redact_access_key_id(fetched.creds.access_key_id) +
                    (fetched.creds.session_token.empty() ? "" : " and a session token"));
    step = "saslContinue";
    auto final_reply = co_await exchange(stream, "saslContinue",
                                         make_sasl_continue(first->conversation_id, *client_final));
    OPENSSL_cleanse(client_final->data(), client_final->size());
    if (!final_reply) {
        co_return std::move(final_reply).error();
    }
    if (!final_reply->done) {
        co_return make_error(errc::reply_field_wrong_type,
                             "the server answered saslContinue with done: false; MONGODB-AWS "
                             "ends after one saslContinue (is this a MongoDB server?)");
    }
    report(log, "saslContinue reply: done, authenticated");

    authentication_summary summary;
    summary.source = fetched.source;
    summary.credentials_from_cache = fetched.from_cache;
    summary.access_key_id = redact_access_key_id(fetched.creds.access_key_id);
    summary.session_token = !fetched.creds.session_token.empty();
    summary.expiration = fetched.creds.expiration;
    summary.sts_host = std::string(sasl.sts_host());
    summary.region = std::string(sasl.region());
    co_return summary;
}

}  // namespace

asio::awaitable<result<authentication_summary>> authenticate(byte_stream& stream,
                                                             authenticate_options options,
                                                             credential_provider& provider) {
    const auto started = steady_clock::now();
    std::optional<fetched_credentials> fetched = std::move(options.prefetched);
    long long credentials_ms = 0;
    if (!fetched) {
        auto looked_up = co_await provider.get(options.until);
        credentials_ms = detail::elapsed_ms(started, steady_clock::now());
        if (!looked_up) {
            co_return std::move(looked_up).error();
        }
        fetched = std::move(*looked_up);
    }
    report(options.log, "credentials: " + std::string(to_string(fetched->source)) +
                            (fetched->from_cache ? " (cached)" : "") + ", access key " +
                            redact_access_key_id(fetched->creds.access_key_id));

    const auto conversation_started = steady_clock::now();
    std::string step = "saslStart";
    auto outcome = co_await detail::with_deadline(converse(stream, *fetched, options.log, step),
                                                  options.until, "MONGODB-AWS authentication");
    if (!outcome && outcome.error().code == errc::timeout) {
        co_return make_error(errc::timeout,
                             "MONGODB-AWS authentication timed out after " +
                                 std::to_string(detail::elapsed_ms(started, steady_clock::now())) +
                                 " ms awaiting the reply to " + step);
    }
    if (!outcome) {
        if (outcome.error().code == errc::command_failed) {
            // The server refused these credentials: the next attempt must not reuse them.
            provider.clear();
            report(options.log, "authentication refused: credential cache cleared");
        }
        co_return std::move(outcome).error();
    }
    outcome->credentials_ms = credentials_ms;
    outcome->conversation_ms = detail::elapsed_ms(conversation_started, steady_clock::now());
    co_return outcome;
}

}  // namespace mongo_aws
