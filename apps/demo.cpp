#include "demo.hpp"

#include "bson_print.hpp"
#include "scripted_server.hpp"

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/conversation.hpp>
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/wire.hpp>

#include <algorithm>
#include <chrono>
#include <ostream>
#include <string_view>

namespace mongo_aws::cli {
namespace {

// AWS's documentation example credentials: not real, safe to show in a demo (redacted anyway).
constexpr std::string_view demo_access_key_id = "AKIAIOSFODNN7EXAMPLE";
constexpr std::string_view demo_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr std::string_view demo_session_token = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";
constexpr std::string_view demo_sts_host = "sts.amazonaws.com";

bool contains(std::span<const std::uint8_t> haystack, std::string_view needle) {
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
           haystack.end();
}

// Prints one message: its direction, size, command or reply document, and the SASL payload
// inside it, each as Extended JSON.
void show(std::ostream& out, int step, std::string_view direction,
          std::span<const std::uint8_t> message) {
    out << "\n[" << step << "] " << direction << " (OP_MSG, " << message.size() << " bytes)\n";
    auto decoded = wire::decode_reply(message);  // a request decodes as a reply here too
    auto request = wire::decode_request(message);
    const bson_document* body = nullptr;
    if (request) {
        body = &request->command();
    } else if (decoded) {
        body = &decoded->body();
    }
    if (body == nullptr) {
        out << "    (undecodable)\n";
        return;
    }
    out << "    document: " << bson_to_display_json(body->bytes()) << "\n";
    const auto payload = binary_field(body->bytes(), "payload");
    if (!payload.empty()) {
        out << "    payload:  " << bson_to_display_json(payload) << "\n";
    }
}

int fail(std::ostream& err, std::string_view step, const error& failure) {
    err << "mongo-aws demo: " << step << ": " << failure.to_string() << "\n";
    return 1;
}

}  // namespace

int run_demo(std::ostream& out, std::ostream& err) {
    credentials creds;
    creds.access_key_id = std::string(demo_access_key_id);
    creds.secret_access_key = secret_string(demo_secret_access_key);
    creds.session_token = secret_string(demo_session_token);

    out << "mongo-aws demo: one MONGODB-AWS conversation against a scripted server, in memory\n"
        << "client credentials: " << creds << "\n";

    scripted_server server(creds.access_key_id, creds.secret_access_key,
                           std::string(demo_sts_host));
    conversation client;
    std::vector<std::uint8_t> sent;  // every byte the client sent, to look for the secret

    // saslStart
    auto client_first = client.client_first();
    if (!client_first) {
        return fail(err, "client_first", client_first.error());
    }
    auto start_command = make_sasl_start(*client_first);
    if (!start_command) {
        return fail(err, "saslStart", start_command.error());
    }
    auto start_document = bson_document::from_bytes(*start_command);
    auto start_message =
        wire::encode_op_msg_command(1, *start_document->view(), std::string(sasl_database));
    if (!start_message) {
        return fail(err, "encoding saslStart", start_message.error());
    }
    show(out, 1, "client -> server: saslStart on $external", *start_message);
    sent.insert(sent.end(), start_message->begin(), start_message->end());

    auto first_reply_message = server.answer(*start_message);
    if (!first_reply_message) {
        return fail(err, "server", first_reply_message.error());
    }
    show(out, 2, "server -> client: nonce and STS host", *first_reply_message);
    auto first_reply = wire::decode_reply(*first_reply_message, 1);
    if (!first_reply) {
        return fail(err, "decoding the saslStart reply", first_reply.error());
    }
    auto first_sasl = parse_sasl_reply(first_reply->body().bytes(), "saslStart");
    if (!first_sasl) {
        return fail(err, "saslStart reply", first_sasl.error());
    }
    if (auto checked = client.server_first(first_sasl->payload); !checked) {
        return fail(err, "server_first", checked.error());
    }
    out << "    client checked: the server nonce is 64 bytes and starts with ours; host "
        << client.sts_host() << " is valid; region " << client.region() << "\n";

    // saslContinue
    auto client_final = client.client_final(creds, std::chrono::system_clock::now());
    if (!client_final) {
        return fail(err, "client_final", client_final.error());
    }
    auto continue_command = make_sasl_continue(first_sasl->conversation_id, *client_final);
    if (!continue_command) {
        return fail(err, "saslContinue", continue_command.error());
    }
    auto continue_document = bson_document::from_bytes(*continue_command);
    auto continue_message =
        wire::encode_op_msg_command(2, *continue_document->view(), std::string(sasl_database));
    if (!continue_message) {
        return fail(err, "encoding saslContinue", continue_message.error());
    }
    show(out, 3, "client -> server: saslContinue with the signed STS request", *continue_message);
    sent.insert(sent.end(), continue_message->begin(), continue_message->end());

    auto final_reply_message = server.answer(*continue_message);
    if (!final_reply_message) {
        return fail(err, "server", final_reply_message.error());
    }
    show(out, 4, "server -> client: outcome", *final_reply_message);
    auto final_reply = wire::decode_reply(*final_reply_message, 2);
    if (!final_reply) {
        return fail(err, "decoding the saslContinue reply", final_reply.error());
    }
    auto final_sasl = parse_sasl_reply(final_reply->body().bytes(), "saslContinue");
    if (!final_sasl) {
        return fail(err, "saslContinue reply", final_sasl.error());
    }

    const bool secret_sent = contains(sent, demo_secret_access_key);
    out << "\nsecret access key in the bytes sent: " << (secret_sent ? "YES (bug)" : "no") << "\n";
    if (!final_sasl->done || !server.authenticated() || secret_sent) {
        err << "mongo-aws demo: the server did not accept the conversation\n";
        return 1;
    }
    out << "authenticated: the server verified the SigV4 signature (done: true)\n";
    return 0;
}

}  // namespace mongo_aws::cli
