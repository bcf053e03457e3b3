// The fuzz targets' seed corpora, recorded from the real code paths rather than written by hand:
// the client's commands and the test server's replies (a real conversation against a real
// test_server::session, well-behaved and with each fault), the requests this library's
// fetchers send and the replies the loopback HTTP stand-ins send (captured on the socket by a
// recording relay between them), and the URIs of MongoDB's connection-string spec tests.
//
// Every test records in memory and checks that the recording is what the target needs to go
// deep (the replies decode, the signature verifies, the HTTP messages parse...). With
// MONGO_AWS_RECORD_CORPUS=<folder> (normally fuzz/corpus) it also writes each seed to
// <folder>/<target>/seed-<name>, replacing the seed of that name (docs/fuzzing.md):
//   MONGO_AWS_RECORD_CORPUS=$PWD/fuzz/corpus build/gcc/tests/test_fuzz_seeds
#define BOOST_TEST_MODULE fuzz_seeds
#include "../../fuzz/fuzz_support.hpp"
#include "support/fetch_runner.hpp"
#include "support/http_stand_in.hpp"
#include "support/injected_environment.hpp"
#include "support/session_client.hpp"
#include "support/shared_data.hpp"

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/conversation.hpp>
#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/http.hpp>
#include <mongo_aws/metadata_requests.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/test_server/authorization_header.hpp>
#include <mongo_aws/test_server/session.hpp>
#include <mongo_aws/test_server/users.hpp>
#include <mongo_aws/test_server/verifier.hpp>
#include <mongo_aws/timestamp.hpp>
#include <mongo_aws/url.hpp>
#include <mongo_aws/wire.hpp>

#include <asio/buffer.hpp>
#include <asio/co_spawn.hpp>
#include <asio/connect.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <boost/test/unit_test.hpp>
#include <bson/bson.h>
#include <simdjson.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace mongo_aws;
using byte_string = std::vector<std::uint8_t>;
namespace fuzz = mongo_aws::fuzz;
namespace ts = mongo_aws::test_server;

byte_string to_bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

byte_string concat(std::initializer_list<std::span<const std::uint8_t>> parts) {
    byte_string out;
    for (const auto part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

// Seeds for one target: kept in memory, and written out when MONGO_AWS_RECORD_CORPUS is set.
class corpus {
public:
    explicit corpus(std::string target) : target_(std::move(target)) {}
    corpus(const corpus&) = delete;
    corpus& operator=(const corpus&) = delete;

    ~corpus() {
        const char* folder =
            std::getenv("MONGO_AWS_RECORD_CORPUS");  // NOLINT(concurrency-mt-unsafe)
        if (folder == nullptr || *folder == '\0') {
            return;
        }
        const auto dir = std::filesystem::path(folder) / target_;
        std::filesystem::create_directories(dir);
        for (const auto& [name, seed] : seeds_) {
            std::ofstream out(dir / ("seed-" + name), std::ios::binary | std::ios::trunc);
            out.write(reinterpret_cast<const char*>(seed.data()),  // NOLINT
                      static_cast<std::streamsize>(seed.size()));
        }
    }

    // Adds a seed; an identical one already kept is not added twice.
    void add(const std::string& name, byte_string seed) {
        if (contents_.insert(seed).second) {
            seeds_[name] = std::move(seed);
        }
    }

    [[nodiscard]] std::size_t size() const { return seeds_.size(); }

private:
    std::string target_;
    std::map<std::string, byte_string> seeds_;
    std::set<byte_string> contents_;
};

// ------------------------------------------------------------------------------------------
// Conversations with the test server.

// What one client run against a session produced.
struct recorded_run {
    std::vector<byte_string> requests;  // every message the client sent, in order
    std::vector<byte_string> replies;   // every reply the session wrote, in order
    byte_string start_reply;            // the saslStart reply message (empty if none)
    byte_string continue_reply;         // the saslContinue reply message (empty if none)
    byte_string server_first;           // the server-first payload (empty if none)
    byte_string client_final;           // the client-final payload (empty if none)
    result<void> outcome;               // the client's first error
};

// Sends one message; keeps it and the reply.
std::optional<byte_string> exchange(ts::session& server, recorded_run& run, byte_string message) {
    const auto step = server.answer(message);
    run.requests.push_back(std::move(message));
    if (step.what != ts::step::action::reply) {
        return std::nullopt;
    }
    run.replies.push_back(step.message);
    return step.message;
}

byte_string op_msg(std::int32_t id, const bson_t& command, std::string_view db) {
    return wire::encode_op_msg_command(id, command, db).value();
}

// saslStart (request id 1) and saslContinue (2), as the client of fuzz_conversation reads them,
// with the fixed client nonce, signing at the server's time; then connectionStatus (3).
recorded_run authenticate(const ts::fault_set& faults, const credentials& creds) {
    ts::session server(test::example_server_options(faults));
    recorded_run run{{}, {}, {}, {}, {}, {}, {}};
    conversation client(fuzz::fixed_client_nonce());
    const auto fail = [&](error err) {
        run.outcome = std::move(err);
        return std::move(run);
    };

    const auto start = make_sasl_start(client.client_first().value()).value();
    const auto start_doc = bson_document::from_bytes(start).value();
    const auto start_reply = exchange(server, run, op_msg(1, *start_doc.view(), sasl_database));
    if (!start_reply) {
        return fail(make_error(errc::network_error, "no saslStart reply"));
    }
    run.start_reply = *start_reply;
    const auto start_body = wire::decode_reply(*start_reply, 1).value().body();
    auto started = parse_sasl_reply(start_body.bytes(), "saslStart");
    if (!started) {
        return fail(started.error());
    }
    run.server_first = started->payload;
    if (auto accepted = client.server_first(started->payload); !accepted) {
        return fail(accepted.error());
    }
    run.client_final = client.client_final(creds, test::example_server_time()).value();
    const auto next = make_sasl_continue(started->conversation_id, run.client_final).value();
    const auto next_doc = bson_document::from_bytes(next).value();
    const auto continue_reply = exchange(server, run, op_msg(2, *next_doc.view(), sasl_database));
    if (!continue_reply) {
        return fail(make_error(errc::network_error, "no saslContinue reply"));
    }
    run.continue_reply = *continue_reply;
    const auto finished = parse_sasl_reply(
        wire::decode_reply(*continue_reply, 2).value().body().bytes(), "saslContinue");
    if (!finished) {
        return fail(finished.error());
    }
    bson_t status = BSON_INITIALIZER;
    BSON_APPEND_INT32(&status, "connectionStatus", 1);
    (void)exchange(server, run, op_msg(3, status, "admin"));
    bson_destroy(&status);
    return run;
}

// What a driver sends before authenticating, and a few other commands the session knows.
recorded_run handshake() {
    ts::session server(test::example_server_options());
    recorded_run run{{}, {}, {}, {}, {}, {}, {}};
    std::int32_t id = 0;
    const auto send = [&](const char* json, std::string_view db, bool legacy) {
        bson_error_t error;
        bson_t* command =
            bson_new_from_json(reinterpret_cast<const std::uint8_t*>(json), -1, &error);  // NOLINT
        BOOST_TEST_REQUIRE(command != nullptr, json);
        auto message = legacy ? wire::encode_op_query_command(++id, *command, db).value()
                              : op_msg(++id, *command, db);
        bson_destroy(command);
        (void)exchange(server, run, std::move(message));
    };
    send(R"({"isMaster": 1, "helloOk": true, "client": {"driver": {"name": "mongo-aws"}}})",
         "admin", true);
    send(R"({"hello": 1})", "admin", false);
    send(R"({"buildInfo": 1})", "admin", false);
    send(R"({"ping": 1})", "admin", false);
    send(R"({"connectionStatus": 1})", "admin", false);
    send(
        R"({"saslContinue": 1, "conversationId": 1, "payload": {"$binary": {"base64": "", "subType": "00"}}})",
        "$external", false);
    send(R"({"find": "users"})", "test", false);
    send(R"({"endSessions": [{"id": 1}]})", "admin", false);
    return run;
}

// The faults that change what the client receives (not delays, hangs or closes).
std::vector<std::pair<std::string, ts::fault_set>> reply_faults() {
    std::vector<std::pair<std::string, ts::fault_set>> out{{"well-behaved", {}}};
    for (const auto& description : ts::all_faults()) {
        if (description.client_error || description.value == ts::fault::continue_reply_not_done) {
            out.emplace_back(std::string(description.name), ts::fault_set{description.value});
        }
    }
    return out;
}

ts::expectation fixed_expectation() {
    ts::expectation expected;
    fuzz::fixed_client_nonce()(std::span<std::uint8_t>(expected.server_nonce).first(32));
    fuzz::fixed_server_nonce()(std::span<std::uint8_t>(expected.server_nonce).subspan(32));
    expected.sts_host = "sts.amazonaws.com";
    expected.now = fuzz::fixed_time();
    return expected;
}

// The string `key` of a BSON document.
std::string bson_string(std::span<const std::uint8_t> document, const char* key) {
    const auto doc = bson_document::from_bytes(document).value();
    bson_iter_t iter;
    BOOST_TEST_REQUIRE(bson_iter_init_find(&iter, doc.view().get(), key));
    std::uint32_t length = 0;
    const char* text = bson_iter_utf8(&iter, &length);
    return {text, length};
}

// ------------------------------------------------------------------------------------------
// HTTP: a relay between this library's fetchers and the stand-ins that keeps the bytes.

using tcp = asio::ip::tcp;
constexpr auto as_tuple = asio::experimental::as_tuple(asio::use_awaitable);

struct recorded_exchange {
    std::string request;
    std::string response;
};

// Accepts on 127.0.0.1, reads one whole request (http::request_parser says when), sends it to
// `upstream`, relays the reply until the stand-in closes, and keeps both byte for byte.
class recording_relay {
public:
    recording_relay(asio::io_context& io, std::uint16_t upstream)
        : acceptor_(io, {asio::ip::make_address("127.0.0.1"), 0}), upstream_(upstream) {
        asio::co_spawn(io, accept(), asio::detached);
    }

    [[nodiscard]] std::string base_url() const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
    }
    [[nodiscard]] const std::vector<recorded_exchange>& exchanges() const { return exchanges_; }
    void stop() {
        std::error_code ignored;
        acceptor_.close(ignored);
    }

private:
    asio::awaitable<void> accept() {
        while (true) {
            auto [ec, client] = co_await acceptor_.async_accept(as_tuple);
            if (ec) {
                co_return;
            }
            co_await relay(std::move(client));
        }
    }

    asio::awaitable<void> relay(tcp::socket client) {
        recorded_exchange kept;
        http::request_parser parser;
        std::array<char, 4096> buffer{};
        while (!parser.complete()) {
            auto [ec, n] = co_await client.async_read_some(asio::buffer(buffer), as_tuple);
            if (ec) {
                co_return;
            }
            kept.request.append(buffer.data(), n);
            if (!parser.feed({buffer.data(), n})) {
                co_return;
            }
        }
        tcp::socket server(client.get_executor());
        auto [connect_error] = co_await server.async_connect(
            {asio::ip::make_address("127.0.0.1"), upstream_}, as_tuple);
        if (connect_error) {
            co_return;
        }
        (void)co_await asio::async_write(server, asio::buffer(kept.request), as_tuple);
        while (true) {
            auto [ec, n] = co_await server.async_read_some(asio::buffer(buffer), as_tuple);
            if (n > 0) {
                kept.response.append(buffer.data(), n);
                (void)co_await asio::async_write(client, asio::buffer(buffer.data(), n), as_tuple);
            }
            if (ec) {
                break;
            }
        }
        exchanges_.push_back(std::move(kept));
    }

    tcp::acceptor acceptor_;
    std::uint16_t upstream_;
    std::vector<recorded_exchange> exchanges_;
};

// One fetch of `fetcher` through a relay to a stand-in with `routes`; the exchanges it made.
std::vector<recorded_exchange> record_fetch(
    const credential_fetcher& fetcher, const std::map<std::string, test::reply_script>& routes,
    const std::function<test::variables(const std::string& base_url)>& variables) {
    asio::io_context io;
    test::http_stand_in stand_in(io.get_executor());
    for (const auto& [path, script] : routes) {
        stand_in.route(path, script);
    }
    recording_relay relay(io, stand_in.port());
    (void)test::run_fetch(io, fetcher, variables(relay.base_url()), std::chrono::seconds(5));
    relay.stop();
    stand_in.stop();
    io.run();
    return relay.exchanges();
}

std::string expiration_in_an_hour() {
    return format_iso8601(std::chrono::system_clock::now() + std::chrono::hours(1));
}

test::reply_script framed(test::reply_script script, test::body_framing framing) {
    script.framing = framing;
    return script;
}

// Every exchange of the three fetchers, each fetcher against well-behaved and failing stand-ins.
std::vector<std::pair<std::string, recorded_exchange>> record_http() {
    using test::answer;
    using test::body_framing;
    std::vector<std::pair<std::string, recorded_exchange>> out;
    const auto keep = [&](const std::string& name, const std::vector<recorded_exchange>& made) {
        for (std::size_t i = 0; i < made.size(); ++i) {
            out.emplace_back(name + "-" + std::to_string(i), made[i]);
        }
    };
    const std::string role_path(test::imds_role_path);
    const std::string token_path(test::imds_token_path);
    const auto imds_vars = [](const std::string& base) {
        return test::variables{{"AWS_EC2_METADATA_SERVICE_ENDPOINT", base}};
    };
    const auto imds = [&](test::reply_script credentials_reply, body_framing framing) {
        return std::map<std::string, test::reply_script>{
            {token_path, framed(answer(200, "AQAEAxyzImdsSessionToken-0123456789=="), framing)},
            {role_path, framed(answer(200, "test-role\n"), framing)},
            {role_path + "test-role", framed(std::move(credentials_reply), framing)}};
    };
    const auto imds_json =
        test::imds_credentials_json("AKIDIMDSSTANDIN00001", expiration_in_an_hour());
    keep("imds",
         record_fetch(imds_fetcher(), imds(answer(200, imds_json), body_framing::content_length),
                      imds_vars));
    keep("imds-chunked",
         record_fetch(imds_fetcher(), imds(answer(200, imds_json), body_framing::chunked),
                      imds_vars));
    keep("imds-until-close",
         record_fetch(imds_fetcher(), imds(answer(200, imds_json), body_framing::until_close),
                      imds_vars));
    keep(
        "imds-code-not-success",
        record_fetch(
            imds_fetcher(),
            imds(
                answer(
                    200,
                    R"({"Code":"AssumeRoleUnauthorizedAccess","Message":"EC2 cannot assume the role","LastUpdated":"2026-11-29T20:00:00Z"})"),
                body_framing::content_length),
            imds_vars));
    keep("imds-500", record_fetch(imds_fetcher(),
                                  imds(answer(500, "internal error"), body_framing::content_length),
                                  imds_vars));

    const std::string container_path = "/v2/credentials/task-1234";
    const auto container_vars = [&](const std::string& base) {
        return test::variables{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", base + container_path},
                               {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth-token-0123"}};
    };
    const auto container = [&](test::reply_script reply) {
        return std::map<std::string, test::reply_script>{{container_path, std::move(reply)}};
    };
    keep("container",
         record_fetch(container_fetcher(),
                      container(answer(200, test::container_credentials_json(
                                                "AKIDECSSTANDIN000001", expiration_in_an_hour()))),
                      container_vars));
    keep("container-chunked",
         record_fetch(
             container_fetcher(),
             container(framed(answer(200, test::container_credentials_json(
                                              "AKIDECSSTANDIN000001", expiration_in_an_hour())),
                              body_framing::chunked)),
             container_vars));
    keep("container-error",
         record_fetch(
             container_fetcher(),
             container(answer(
                 400, R"({"code":"InvalidIdQueryParameter","message":"Credentials not found"})")),
             container_vars));

    const test::temporary_file token_file(
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXBwIn0.c2lnbmF0dXJl\n");
    const auto sts_vars = [&](const std::string& base) {
        return test::variables{{"AWS_ENDPOINT_URL_STS", base},
                               {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web"},
                               {"AWS_ROLE_SESSION_NAME", "fuzz-seed"},
                               {"AWS_WEB_IDENTITY_TOKEN_FILE", token_file.path()}};
    };
    const auto sts = [&](test::reply_script reply) {
        return std::map<std::string, test::reply_script>{{"/", std::move(reply)}};
    };
    const long long in_an_hour =
        std::chrono::duration_cast<std::chrono::seconds>(
            (std::chrono::system_clock::now() + std::chrono::hours(1)).time_since_epoch())
            .count();
    keep("sts",
         record_fetch(web_identity_fetcher(),
                      sts(answer(200, test::web_identity_json("ASIASTSSTANDIN000001", in_an_hour))),
                      sts_vars));
    keep(
        "sts-error",
        record_fetch(
            web_identity_fetcher(),
            sts(answer(
                400,
                R"({"Error":{"Type":"Sender","Code":"InvalidIdentityToken","Message":"No OpenIDConnect provider found in your account for https://oidc.example"},"RequestId":"6f0a2c1e-0000-4000-8000-000000000001"})")),
            sts_vars));
    keep(
        "sts-json-protocol-error",
        record_fetch(
            web_identity_fetcher(),
            sts(answer(
                403,
                R"({"__type":"com.amazonaws.sts#ExpiredTokenException","message":"Token expired: current date/time 1700000000 must be before the expiration date/time 1690000000"})")),
            sts_vars));
    return out;
}

// The status and body of a recorded response (which must parse).
http::response parsed_response(const std::string& message) {
    http::response_parser parser;
    auto fed = parser.feed(message);
    BOOST_TEST_REQUIRE(fed.has_value());
    if (*fed != http::parse_status::complete) {
        fed = parser.finish_on_eof();
        BOOST_TEST_REQUIRE(fed.has_value());
    }
    return parser.release();
}

byte_string with_prefix(std::uint8_t first, std::string_view rest) {
    // Sized first: g++ 12 -O2 warns (array-bounds, wrongly) on an insert after `{first}`.
    byte_string out(rest.size() + 1);
    out[0] = first;
    std::copy(rest.begin(), rest.end(), out.begin() + 1);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(conversation_seeds_replay_a_whole_conversation_and_every_reply_fault) {
    corpus wire_decode("wire_decode");
    corpus server_first("server_first");
    corpus conversation_seeds("conversation");
    corpus session_seeds("test_server");
    corpus client_final("client_final");
    corpus authorization("authorization_header");

    for (const auto& [name, faults] : reply_faults()) {
        for (const bool temporary : {false, true}) {
            const auto creds = temporary ? test::example_temporary_credentials()
                                         : test::example_long_term_credentials();
            const std::string label = name + (temporary ? "-temporary" : "-long-term");
            const auto run = authenticate(faults, creds);
            if (faults.empty()) {
                // The well-behaved run must authenticate: then the seeds reach every check.
                BOOST_TEST_REQUIRE(run.outcome.has_value(), label);
                const auto verified = ts::verify_client_final(
                    run.client_final, fixed_expectation(), test::example_server_options()->users);
                BOOST_TEST(verified.ok(), label << ": the recorded payload verifies");
                session_seeds.add("conversation-" + label,
                                  concat({run.requests[0], run.requests[1], run.requests[2]}));
                client_final.add(label, run.client_final);
                const auto a = bson_string(run.client_final, "a");
                BOOST_TEST_REQUIRE(ts::parse_authorization_header(a).has_value());
                authorization.add(label, to_bytes(a));
            }
            if (!run.server_first.empty()) {
                server_first.add(name, run.server_first);
            }
            if (!run.start_reply.empty()) {
                conversation_seeds.add(label, concat({run.start_reply, run.continue_reply}));
            }
            for (std::size_t i = 0; i < run.replies.size(); ++i) {
                wire_decode.add("reply-" + label + "-" + std::to_string(i), run.replies[i]);
            }
            for (std::size_t i = 0; i < run.requests.size(); ++i) {
                wire_decode.add("request-" + label + "-" + std::to_string(i), run.requests[i]);
            }
        }
    }
    // A client signing 20 minutes late (refused for clock skew) and with another secret
    // (refused for its signature): the verifier's last checks, from real payloads.
    auto wrong_secret = test::example_long_term_credentials();
    wrong_secret.secret_access_key = secret_string("another-secret-key-0000000000000000000000");
    const auto refused = authenticate({}, wrong_secret);
    BOOST_TEST(!refused.outcome.has_value());
    BOOST_TEST_REQUIRE(!refused.client_final.empty());
    client_final.add("signature-mismatch", refused.client_final);
    session_seeds.add("conversation-signature-mismatch",
                      concat({refused.requests[0], refused.requests[1]}));

    const auto greeted = handshake();
    BOOST_TEST(greeted.replies.size() == greeted.requests.size());
    byte_string all;
    for (std::size_t i = 0; i < greeted.requests.size(); ++i) {
        wire_decode.add("handshake-request-" + std::to_string(i), greeted.requests[i]);
        wire_decode.add("handshake-reply-" + std::to_string(i), greeted.replies[i]);
        all.insert(all.end(), greeted.requests[i].begin(), greeted.requests[i].end());
    }
    session_seeds.add("handshake", all);

    BOOST_TEST(server_first.size() >= 10);
    BOOST_TEST(conversation_seeds.size() >= 10);
}

BOOST_AUTO_TEST_CASE(http_seeds_are_the_bytes_fetchers_and_stand_ins_exchange) {
    corpus responses("http_response");
    corpus requests("http_request");
    corpus replies("credential_replies");
    corpus tokens("metadata_tokens");
    corpus timestamps("timestamp");
    corpus urls("url");

    const auto exchanges = record_http();
    BOOST_TEST_REQUIRE(exchanges.size() >= 12);
    for (const auto& [name, made] : exchanges) {
        // Byte 0 is fuzz::piece_sizes' count: 0, the whole message in one piece.
        responses.add(name, with_prefix(0, made.response));
        requests.add(name, with_prefix(0, made.request));
        const auto response = parsed_response(made.response);
        if (response.body.starts_with("{")) {
            byte_string seed{static_cast<std::uint8_t>(response.status >> 8),
                             static_cast<std::uint8_t>(response.status & 0xff)};
            seed.insert(seed.end(), response.body.begin(), response.body.end());
            replies.add(name, std::move(seed));
            simdjson::dom::parser json;
            const auto document = json.parse(response.body);
            for (const char* pointer : {"/Expiration",
                                        "/AssumeRoleWithWebIdentityResponse/"
                                        "AssumeRoleWithWebIdentityResult/Credentials/Expiration"}) {
                const auto value = document.at_pointer(pointer);
                if (!value.error() && value.is_string()) {
                    timestamps.add(name, to_bytes(std::string_view(value.get_string().value())));
                }
            }
        } else if (!response.body.empty() && response.status == 200) {
            tokens.add(name, to_bytes(response.body));
        }
    }
    timestamps.add("printed", to_bytes(format_iso8601(test::example_server_time())));
    BOOST_TEST(replies.size() >= 7);
    BOOST_TEST(tokens.size() >= 2);
    BOOST_TEST(timestamps.size() >= 2);

    // The token files the fetchers read (as their tests write them).
    tokens.add(
        "web-identity-token-file",
        to_bytes(
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXBwIn0.c2lnbmF0dXJl\n"));
    BOOST_TEST(
        parse_web_identity_token(
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXBwIn0.c2lnbmF0dXJl\n")
            .has_value());

    // URLs: the stand-ins' own, and where the request builders send their requests.
    asio::io_context io;
    test::http_stand_in v4(io.get_executor());
    test::stand_in_options v6_options;
    v6_options.address = asio::ip::make_address("::1");
    test::http_stand_in v6(io.get_executor(), v6_options);
    const auto from_env = [](test::variables vars) { return test::env_of(std::move(vars)); };
    std::vector<std::string> addresses{v4.base_url(), v6.base_url() + "/latest/api/token"};
    const auto no_env = from_env({});
    addresses.push_back(imds_token_request(imds_endpoint(no_env).value()).url());
    const auto regional = from_env({{"AWS_STS_REGIONAL_ENDPOINTS", "regional"},
                                    {"AWS_REGION", "eu-west-1"},
                                    {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web"}});
    addresses.push_back(web_identity_request(regional, secret_string("token")).value().url());
    const auto container =
        from_env({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task-1234?id=1"}});
    addresses.push_back(container_credentials_request(container).value().request.url());
    const auto pod_identity =
        from_env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://[fd00:ec2::23]/v1/credentials"}});
    addresses.push_back(container_credentials_request(pod_identity).value().request.url());
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        BOOST_TEST(parse_url(addresses[i]).has_value(), addresses[i]);
        urls.add(std::to_string(i), to_bytes(addresses[i]));
    }
    v4.stop();
    v6.stop();
    io.run();
}

BOOST_AUTO_TEST_CASE(users_file_seed_reads_back_as_the_example_users) {
    corpus users("users_file");
    const auto options = test::example_server_options();
    std::string json = "{\n  \"users\": [";
    for (std::size_t i = 0; i < options->users.size(); ++i) {
        const auto& entry = options->users.users()[i];
        json += std::string(i == 0 ? "\n" : ",\n") + R"(    {"access_key_id": ")" +
                entry.access_key_id + R"(", "secret_access_key": ")" +
                std::string(entry.secret_access_key.reveal()) + '"';
        if (!entry.session_token.empty()) {
            json += R"(, "session_token": ")" + std::string(entry.session_token.reveal()) + '"';
        }
        json += R"(, "arn": ")" + entry.arn + "\"}";
    }
    json += "\n  ]\n}\n";
    const auto table = ts::parse_users(json);
    BOOST_TEST_REQUIRE(table.has_value());
    BOOST_TEST(table->size() == options->users.size());
    users.add("example-users", to_bytes(json));
}

BOOST_AUTO_TEST_CASE(connection_string_seeds_are_the_spec_tests_uris) {
    const auto path = test::shared_dir() / "spec-tests/connection-string.json";
    if (!std::filesystem::exists(path)) {
        BOOST_TEST_MESSAGE("skipped: " << path << " is missing");
        return;
    }
    corpus uris("connection_string");
    simdjson::dom::parser json;
    const auto document = json.load(path.string());
    std::size_t i = 0;
    for (const auto spec_case : document["tests"].get_array()) {
        const std::string_view uri = spec_case["uri"].get_string().value();
        uris.add(std::to_string(i++), to_bytes(uri));
    }
    BOOST_TEST(uris.size() >= 10);
}
