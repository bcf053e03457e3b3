#include "support/session_client.hpp"

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/sasl_commands.hpp>

#include <stdexcept>

namespace mongo_aws::test {

std::chrono::system_clock::time_point example_server_time() {
    using namespace std::chrono;
    return sys_days{year{2020} / February / 3} + hours{4} + minutes{5} + seconds{6};
}

credentials example_long_term_credentials() {
    credentials creds;
    creds.access_key_id = "AKIDEXAMPLE";
    creds.secret_access_key = secret_string("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    return creds;
}

credentials example_temporary_credentials() {
    credentials creds;
    creds.access_key_id = "ASIDEXAMPLE";
    creds.secret_access_key = secret_string("temporarySecretKeyEXAMPLE/0123456789abcd");
    creds.session_token = secret_string("FwoGZXIvYXdzEXAMPLETOKEN");
    return creds;
}

std::shared_ptr<test_server::server_options> example_server_options(test_server::fault_set faults) {
    auto options = std::make_shared<test_server::server_options>();
    const auto long_term = example_long_term_credentials();
    const auto temporary = example_temporary_credentials();
    options->users
        .add({long_term.access_key_id,
              long_term.secret_access_key,
              {},
              "arn:aws:iam::123456789012:user/alice"})
        .value();
    options->users
        .add({temporary.access_key_id, temporary.secret_access_key, temporary.session_token,
              "arn:aws:sts::123456789012:assumed-role/app/i-0abc"})
        .value();
    options->faults = faults;
    options->clock = [] { return example_server_time(); };
    options->server_nonce = [](std::span<std::uint8_t> out) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i] = static_cast<std::uint8_t>(200 + i);
        }
    };
    return options;
}

test_server::step session_client::command(const bson_t& command, std::string_view database) {
    const auto message = wire::encode_op_msg_command(++last_request_id_, command, database).value();
    return server_.answer(message);
}

test_server::step session_client::legacy_command(const bson_t& command, std::string_view database) {
    const auto message =
        wire::encode_op_query_command(++last_request_id_, command, database).value();
    return server_.answer(message);
}

bson_document session_client::reply_body(const test_server::step& step) const {
    if (step.what != test_server::step::action::reply) {
        throw std::runtime_error("the server did not reply: " + step.summary);
    }
    return wire::decode_reply(step.message, last_request_id_).value().body();
}

conversation_outcome session_client::authenticate(const credentials& creds,
                                                  std::chrono::system_clock::time_point signed_at) {
    conversation_outcome outcome{result<void>{}, {}};
    conversation client;
    const auto fail = [&](error err) {
        outcome.client = std::move(err);
        return std::move(outcome);
    };
    const auto send = [&](std::string_view name,
                          const result<std::vector<std::uint8_t>>& document) -> result<sasl_reply> {
        if (!document) {
            return document.error();
        }
        const auto body = bson_document::from_bytes(*document).value();
        const auto step = command(*body.view(), sasl_database);
        outcome.steps.push_back(step);
        if (step.what != test_server::step::action::reply) {
            return make_error(errc::network_error, "no reply: " + step.summary);
        }
        const auto reply = wire::decode_reply(step.message, last_request_id_);
        if (!reply) {
            return reply.error();
        }
        return parse_sasl_reply(reply->body().bytes(), name);
    };

    auto first = client.client_first();
    auto started = send("saslStart", first.has_value() ? make_sasl_start(*first) : first);
    if (!started) {
        return fail(started.error());
    }
    if (auto accepted = client.server_first(started->payload); !accepted) {
        return fail(accepted.error());
    }
    auto final_payload = client.client_final(creds, signed_at);
    if (!final_payload) {
        return fail(final_payload.error());
    }
    auto finished =
        send("saslContinue", make_sasl_continue(started->conversation_id, *final_payload));
    if (!finished) {
        return fail(finished.error());
    }
    if (!finished->done) {
        return fail(make_error(errc::conversation_out_of_order,
                               "the server did not say done after saslContinue"));
    }
    return outcome;
}

bool has_field(const bson_document& doc, const char* key) {
    const auto view = doc.view();
    return bson_has_field(view.get(), key);
}

}  // namespace mongo_aws::test
