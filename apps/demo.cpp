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
void show(std::ostream& out, int step, const std::string& direction, std::size_t message_size,
          const bson_document& body) {
    out << "\n[" << step << "] " << direction << " (OP_MSG, " << message_size << " bytes)\n";
    out << "    document: " << bson_to_display_json(body.bytes()) << "\n";
    const auto payload = binary_field(body.bytes(), "payload");
    if (!payload.empty()) {
        out << "    payload:  " << bson_to_display_json(payload) << "\n";
    }
}

int fail(std::ostream& err, std::string_view step, const error& failure) {
    err << "mongo-aws demo: " << step << ": " << failure.to_string() << "\n";
    return 1;
}

// Both ends of the demo's wire: sends a SASL command as an OP_MSG on $external to the scripted
// server, shows both messages, and reads the server's SASL reply.
class demo_wire {
public:
    demo_wire(std::ostream& out, scripted_server& server) : out_(out), server_(server) {}

    result<sasl_reply> exchange(std::string_view command_name,
                                result<std::vector<std::uint8_t>> command,
                                std::string_view what_client_sends,
                                std::string_view what_server_answers) {
        if (!command) {
            return std::move(command).error();
        }
        auto document = bson_document::from_bytes(*command);
        if (!document) {
            return std::move(document).error();
        }
        const std::int32_t request_id = ++last_request_id_;
        auto message =
            wire::encode_op_msg_command(request_id, *document->view(), std::string(sasl_database));
        if (!message) {
            return std::move(message).error();
        }
        // Shown as the server receives it, `$db` included.
        auto as_received = wire::decode_request(*message);
        if (!as_received) {
            return std::move(as_received).error();
        }
        show(out_, ++step_, "client -> server: " + std::string(what_client_sends), message->size(),
             as_received->command());
        sent_.insert(sent_.end(), message->begin(), message->end());

        auto reply_message = server_.answer(*message);
        if (!reply_message) {
            return std::move(reply_message).error();
        }
        auto reply = wire::decode_reply(*reply_message, request_id);
        if (!reply) {
            return std::move(reply).error();
        }
        show(out_, ++step_, "server -> client: " + std::string(what_server_answers),
             reply_message->size(), reply->body());
        return parse_sasl_reply(reply->body().bytes(), command_name);
    }

    /// Every byte the client sent.
    [[nodiscard]] std::span<const std::uint8_t> sent() const noexcept { return sent_; }

private:
    std::ostream& out_;
    scripted_server& server_;
    std::vector<std::uint8_t> sent_;
    int step_ = 0;
    std::int32_t last_request_id_ = 0;
};

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
    demo_wire wire_to_server(out, server);
    conversation client;

    auto client_first = client.client_first();
    if (!client_first) {
        return fail(err, "client_first", client_first.error());
    }
    auto first_reply = wire_to_server.exchange("saslStart", make_sasl_start(*client_first),
                                               "saslStart on $external", "nonce and STS host");
    if (!first_reply) {
        return fail(err, "saslStart", first_reply.error());
    }
    if (auto checked = client.server_first(first_reply->payload); !checked) {
        return fail(err, "server_first", checked.error());
    }
    out << "    client checked: the server nonce is 64 bytes and starts with ours; host "
        << client.sts_host() << " is valid; region " << client.region() << "\n";

    auto client_final = client.client_final(creds, std::chrono::system_clock::now());
    if (!client_final) {
        return fail(err, "client_final", client_final.error());
    }
    auto final_reply = wire_to_server.exchange(
        "saslContinue", make_sasl_continue(first_reply->conversation_id, *client_final),
        "saslContinue with the signed STS request", "outcome");
    if (!final_reply) {
        return fail(err, "saslContinue", final_reply.error());
    }

    const bool secret_sent = contains(wire_to_server.sent(), demo_secret_access_key);
    out << "\nsecret access key in the bytes sent: " << (secret_sent ? "YES (bug)" : "no") << "\n";
    if (!final_reply->done || !server.authenticated() || secret_sent) {
        err << "mongo-aws demo: the server did not accept the conversation\n";
        return 1;
    }
    out << "authenticated: the server verified the SigV4 signature (done: true)\n";
    return 0;
}

}  // namespace mongo_aws::cli
