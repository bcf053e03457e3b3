// The HTTP(S) client against a scripted loopback server: what arrives, what comes back, and how
// each failure is reported, within one deadline.
#define BOOST_TEST_MODULE http_client
#include "connect.hpp"
#include "http_client.hpp"
#include "support/http_stand_in.hpp"
#include "support/test_certificates.hpp"

#include <mongo_aws/endpoint_request.hpp>
#include <mongo_aws/http.hpp>
#include <mongo_aws/metadata_requests.hpp>
#include <mongo_aws/url.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <string>

using namespace std::chrono_literals;
using mongo_aws::errc;
using mongo_aws::result;
using mongo_aws::detail::http_fetch;
using mongo_aws::detail::http_fetch_options;
using mongo_aws::test::http_stand_in;
using mongo_aws::test::shared_test_pki;
using steady_clock = std::chrono::steady_clock;
namespace http = mongo_aws::http;
namespace test = mongo_aws::test;

namespace {

struct outcome {
    std::optional<result<http::response>> value;
    steady_clock::duration elapsed{};        ///< from the call to its return
    steady_clock::duration past_deadline{};  ///< from the deadline to the return

    [[nodiscard]] const http::response& response() const {
        BOOST_REQUIRE(value.has_value());
        if (!value->has_value()) {
            BOOST_FAIL("expected a response, got: " << value->error());
        }
        return **value;
    }
    [[nodiscard]] const mongo_aws::error& error() const {
        BOOST_REQUIRE(value.has_value());
        BOOST_REQUIRE_MESSAGE(!value->has_value(), "expected an error, got a response");
        return value->error();
    }
    [[nodiscard]] std::error_code code() const { return error().code; }
    [[nodiscard]] bool says(const std::string& text) const {
        return error().message.find(text) != std::string::npos;
    }
};

http::request get() {
    return http::request{"GET", "/", 1, {}, {}};
}

// An environment in which AWS_CA_BUNDLE names the test CA.
mongo_aws::environment_lookup trusting_test_ca() {
    return [](std::string_view name) -> std::optional<std::string> {
        if (name == "AWS_CA_BUNDLE") {
            return shared_test_pki().trusted_ca_file().string();
        }
        return std::nullopt;
    };
}

http_fetch_options options_with(steady_clock::duration timeout) {
    http_fetch_options options;
    options.deadline = steady_clock::now() + timeout;
    options.environment = trusting_test_ca();
    return options;
}

// Runs one fetch on `io`, then stops `server` so that run() returns. `cancel_after`, when set,
// cancels the fetch from the caller's side.
outcome fetch(asio::io_context& io, http_stand_in& server, const std::string& url_text,
              http::request request, http_fetch_options options,
              std::optional<steady_clock::duration> cancel_after = std::nullopt) {
    outcome out;
    asio::cancellation_signal signal;
    asio::steady_timer canceller(io);
    const auto target = mongo_aws::parse_url(url_text);
    BOOST_REQUIRE(target.has_value());
    const auto started = steady_clock::now();
    const auto deadline = options.deadline;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            out.value = co_await http_fetch(*target, std::move(request), std::move(options));
            out.elapsed = steady_clock::now() - started;
            out.past_deadline = steady_clock::now() - deadline;
            canceller.cancel();
            server.stop();
        },
        asio::bind_cancellation_slot(signal.slot(), asio::detached));
    if (cancel_after) {
        canceller.expires_after(*cancel_after);
        canceller.async_wait([&](std::error_code ec) {
            if (!ec) {
                signal.emit(asio::cancellation_type::terminal);
            }
        });
    }
    io.run();
    io.restart();
    if (out.value && !out.value->has_value()) {
        BOOST_TEST_MESSAGE("the error a user would see: " << out.value->error());
    }
    return out;
}

outcome fetch(asio::io_context& io, http_stand_in& server, const std::string& path,
              steady_clock::duration timeout = 5s) {
    return fetch(io, server, server.base_url() + path, get(), options_with(timeout));
}

// A loopback port with nothing listening on it.
std::uint16_t closed_port(asio::io_context& io) {
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

// A loopback listener whose accept queue is full: the kernel drops further connection
// attempts, so a connect to it hangs as one to a silent address would.
struct full_listener {
    explicit full_listener(asio::io_context& io) : acceptor(io), filler(io) {
        const asio::ip::tcp::endpoint any{asio::ip::make_address("127.0.0.1"), 0};
        acceptor.open(any.protocol());
        acceptor.bind(any);
        acceptor.listen(0);  // room for one connection not yet accepted: the filler's
        filler.connect(acceptor.local_endpoint());
    }
    [[nodiscard]] asio::ip::tcp::endpoint endpoint() const { return acceptor.local_endpoint(); }

    asio::ip::tcp::acceptor acceptor;
    asio::ip::tcp::socket filler;
};

test::stand_in_options tls_with(const test::pem_identity& identity) {
    test::stand_in_options options;
    options.tls = identity;
    return options;
}

}  // namespace

BOOST_AUTO_TEST_CASE(get_over_http_returns_status_headers_and_body) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/latest/meta-data/iam/security-credentials/",
                 test::answer(200, "my-role", {{"X-Served-By", "stand-in"}}));
    const auto out = fetch(io, server, "/latest/meta-data/iam/security-credentials/");
    const auto& response = out.response();
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == "my-role");
    BOOST_TEST(response.find_header("x-served-by").value_or("") == "stand-in");
    BOOST_TEST(server.request_count("/latest/meta-data/iam/security-credentials/") == 1U);
}

BOOST_AUTO_TEST_CASE(get_over_https_trusting_the_ca_file_named_by_aws_ca_bundle) {
    asio::io_context io;
    http_stand_in server(io.get_executor(), tls_with(shared_test_pki().localhost()));
    server.route("/", test::answer(200, "secure"));
    const auto out = fetch(io, server, "https://localhost:" + std::to_string(server.port()) + "/",
                           get(), options_with(5s));
    BOOST_TEST(out.response().body == "secure");
    BOOST_TEST(server.request_count("/") == 1U);
}

BOOST_AUTO_TEST_CASE(https_to_an_ip_address_checks_the_address_in_the_certificate) {
    asio::io_context io;
    http_stand_in server(io.get_executor(), tls_with(shared_test_pki().localhost()));
    server.route("/", test::answer(200, "by address"));
    const auto out = fetch(io, server, "/");  // https://127.0.0.1:port/
    BOOST_TEST(out.response().body == "by address");
}

BOOST_AUTO_TEST_CASE(ssl_cert_file_is_trusted_when_aws_ca_bundle_is_unset) {
    asio::io_context io;
    http_stand_in server(io.get_executor(), tls_with(shared_test_pki().localhost()));
    server.route("/", test::answer(200, "ok"));
    auto options = options_with(5s);
    options.environment = [](std::string_view name) -> std::optional<std::string> {
        if (name == "SSL_CERT_FILE") {
            return shared_test_pki().trusted_ca_file().string();
        }
        return std::nullopt;
    };
    const auto out = fetch(io, server, server.base_url() + "/", get(), options);
    BOOST_TEST(out.response().status == 200);
}

BOOST_AUTO_TEST_CASE(a_ca_file_that_cannot_be_loaded_is_named_in_the_error) {
    asio::io_context io;
    http_stand_in server(io.get_executor(), tls_with(shared_test_pki().localhost()));
    auto options = options_with(5s);
    const std::string missing = (shared_test_pki().folder() / "no-such-ca.pem").string();
    options.environment = [missing](std::string_view name) -> std::optional<std::string> {
        return name == "AWS_CA_BUNDLE" ? std::optional<std::string>(missing) : std::nullopt;
    };
    const auto out = fetch(io, server, server.base_url() + "/", get(), options);
    BOOST_TEST(out.code() == std::error_code(errc::tls_ca_file_unusable));
    BOOST_TEST(out.says(missing));
    BOOST_TEST(out.says("AWS_CA_BUNDLE"));
    BOOST_TEST(server.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(request_arrives_as_sent_with_host_and_connection_close) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/latest/api/token", test::answer(200, "token"));
    http::request request{
        "PUT", "/ignored", 1, {{"X-aws-ec2-metadata-token-ttl-seconds", "30"}}, "payload"};
    const auto out =
        fetch(io, server, server.base_url() + "/latest/api/token?x=1", request, options_with(5s));
    BOOST_TEST(out.response().body == "token");
    BOOST_REQUIRE_EQUAL(server.requests().size(), 1U);
    const auto& received = server.requests().front().request;
    BOOST_TEST(received.method == "PUT");
    BOOST_TEST(received.target == "/latest/api/token?x=1");
    BOOST_TEST(received.find_header("X-aws-ec2-metadata-token-ttl-seconds").value_or("") == "30");
    BOOST_TEST(received.find_header("Host").value_or("") ==
               "127.0.0.1:" + std::to_string(server.port()));
    BOOST_TEST(received.find_header("Connection").value_or("") == "close");
    BOOST_TEST(received.find_header("Content-Length").value_or("") == "7");
    BOOST_TEST(received.body == "payload");
}

BOOST_AUTO_TEST_CASE(an_endpoint_request_of_the_credential_sources_is_sent_as_built) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/latest/api/token", test::answer(200, "AQAEAEXAMPLETOKEN"));
    const mongo_aws::endpoint_location imds{mongo_aws::url_scheme::http, "127.0.0.1", server.port(),
                                            "/"};
    const auto request = mongo_aws::imds_token_request(imds);
    std::optional<result<http::response>> out;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            out = co_await http_fetch(request, options_with(5s));
            server.stop();
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(out.has_value() && out->has_value());
    BOOST_TEST((*out)->body == "AQAEAEXAMPLETOKEN");
    BOOST_REQUIRE_EQUAL(server.requests().size(), 1U);
    const auto& received = server.requests().front().request;
    BOOST_TEST(received.method == request.method);
    BOOST_TEST(received.target == request.target);
    for (const auto& field : request.headers) {
        BOOST_TEST_INFO(field.name);
        BOOST_TEST(received.find_header(field.name).value_or("") == field.value.reveal());
    }
    BOOST_TEST(received.find_header("Host").value_or("") == request.host_header());
}

BOOST_AUTO_TEST_CASE(a_host_header_given_by_the_caller_is_kept) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::answer(200, ""));
    http::request request{
        "POST", "/", 1, {{"Host", "sts.amazonaws.com"}, {"Connection", "keep-alive"}}, "Action=x"};
    const auto out = fetch(io, server, server.base_url() + "/", request, options_with(5s));
    BOOST_TEST(out.response().status == 200);
    const auto& received = server.requests().at(0).request;
    BOOST_TEST(received.find_header("Host").value_or("") == "sts.amazonaws.com");
    BOOST_TEST(received.find_header("Connection").value_or("") == "close");
    std::size_t connection_headers = 0;
    for (const auto& field : received.headers) {
        connection_headers += field.name == "Connection" ? 1 : 0;
    }
    BOOST_TEST(connection_headers == 1U);
}

BOOST_AUTO_TEST_CASE(an_ipv6_loopback_server_is_reached_by_its_bracketed_address) {
    asio::io_context io;
    test::stand_in_options options;
    options.address = asio::ip::make_address("::1");
    http_stand_in server(io.get_executor(), options);
    server.route("/v1/credentials", test::answer(200, "v6"));
    BOOST_TEST(server.base_url().find("http://[::1]:") == 0U);
    const auto out = fetch(io, server, "/v1/credentials");
    BOOST_TEST(out.response().body == "v6");
}

BOOST_AUTO_TEST_CASE(connection_refused_is_reported_at_once_naming_host_and_port) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    const auto port = std::to_string(closed_port(io));
    const auto out =
        fetch(io, server, "http://127.0.0.1:" + port + "/secret-path", get(), options_with(5s));
    BOOST_TEST(out.code() == std::error_code(errc::connect_failed));
    BOOST_TEST(out.says("127.0.0.1:" + port));
    BOOST_TEST(out.says("refused"));
    BOOST_TEST(!out.says("secret-path"));
    BOOST_TEST(out.elapsed < 1s);  // far from the 5 s deadline
}

BOOST_AUTO_TEST_CASE(connect_tries_each_address_in_turn) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    const asio::ip::tcp::endpoint closed{asio::ip::make_address("127.0.0.1"), closed_port(io)};
    const asio::ip::tcp::endpoint open{asio::ip::make_address("127.0.0.1"), server.port()};
    std::optional<result<asio::ip::tcp::socket>> connected;
    const std::vector<asio::ip::tcp::endpoint> endpoints{closed, open};
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            connected =
                co_await mongo_aws::detail::connect(endpoints, steady_clock::now() + 5s, "test");
            server.stop();
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(connected.has_value());
    BOOST_REQUIRE(connected->has_value());
    BOOST_TEST((*connected)->remote_endpoint().port() == server.port());
}

BOOST_AUTO_TEST_CASE(connect_failing_on_every_address_names_each) {
    asio::io_context io;
    const std::uint16_t port = closed_port(io);
    std::optional<result<asio::ip::tcp::socket>> connected;
    const std::vector<asio::ip::tcp::endpoint> endpoints{
        {asio::ip::make_address("127.0.0.1"), port}, {asio::ip::make_address("::1"), port}};
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            connected = co_await mongo_aws::detail::connect(endpoints, steady_clock::now() + 5s,
                                                            "localhost:" + std::to_string(port));
        },
        asio::detached);
    io.run();
    BOOST_REQUIRE(connected.has_value() && !connected->has_value());
    const auto& message = connected->error().message;
    BOOST_TEST(connected->error().code == std::error_code(errc::connect_failed));
    BOOST_TEST(message.find("localhost:" + std::to_string(port)) != std::string::npos);
    BOOST_TEST(message.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
    BOOST_TEST(message.find("[::1]:" + std::to_string(port)) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_connection_that_is_never_accepted_times_out_while_connecting) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    const full_listener silent(io);
    const auto out =
        fetch(io, server, "http://127.0.0.1:" + std::to_string(silent.endpoint().port()) + "/",
              get(), options_with(300ms));
    BOOST_TEST(out.code() == std::error_code(errc::timeout));
    BOOST_TEST(out.says("while connecting"));
    BOOST_TEST(out.past_deadline >= 0ms);  // not a moment before the deadline
    BOOST_TEST(out.past_deadline < 700ms);
}

BOOST_AUTO_TEST_CASE(a_silent_address_leaves_the_next_one_its_share_of_the_time) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    const full_listener silent(io);
    const asio::ip::tcp::endpoint open{asio::ip::make_address("127.0.0.1"), server.port()};
    const std::vector<asio::ip::tcp::endpoint> endpoints{silent.endpoint(), open};
    std::optional<result<asio::ip::tcp::socket>> connected;
    const auto started = steady_clock::now();
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            connected =
                co_await mongo_aws::detail::connect(endpoints, steady_clock::now() + 600ms, "test");
            server.stop();
        },
        asio::detached);
    io.run();
    const auto elapsed = steady_clock::now() - started;
    BOOST_REQUIRE(connected.has_value());
    BOOST_REQUIRE(connected->has_value());
    BOOST_TEST((*connected)->remote_endpoint().port() == server.port());
    BOOST_TEST(elapsed >= 300ms);  // the silent address had half of the 600 ms
    BOOST_TEST(elapsed < 600ms);
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_times_out_at_the_deadline) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::never_answer());
    const auto out = fetch(io, server, "/", 300ms);
    BOOST_TEST(out.code() == std::error_code(errc::timeout));
    BOOST_TEST(out.says("127.0.0.1:" + std::to_string(server.port())));
    BOOST_TEST(out.says("waiting for the response"));
    BOOST_TEST(out.past_deadline >= 0ms);  // not a moment before the deadline
    BOOST_TEST(out.past_deadline < 700ms);
    BOOST_TEST(server.request_count("/") == 1U);
}

BOOST_AUTO_TEST_CASE(an_answer_later_than_the_deadline_times_out) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::answer_after(2s, 200, "too late"));
    const auto out = fetch(io, server, "/", 300ms);
    BOOST_TEST(out.code() == std::error_code(errc::timeout));
    BOOST_TEST(out.past_deadline >= 0ms);  // not a moment before the deadline
    BOOST_TEST(out.past_deadline < 700ms);
}

BOOST_AUTO_TEST_CASE(an_answer_just_before_the_deadline_arrives) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::answer_after(100ms, 200, "in time"));
    const auto out = fetch(io, server, "/", 2s);
    BOOST_TEST(out.response().body == "in time");
    BOOST_TEST(out.elapsed >= 100ms);
}

BOOST_AUTO_TEST_CASE(a_body_dripping_one_byte_per_100ms_still_ends_at_the_deadline) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::drip(std::string(100, 'a'), 100ms));
    const auto out = fetch(io, server, "/", 450ms);
    BOOST_TEST(out.code() == std::error_code(errc::timeout));
    BOOST_TEST(out.says("reading the response"));
    BOOST_TEST(out.past_deadline >= 0ms);  // not a moment before the deadline
    BOOST_TEST(out.past_deadline < 700ms);
}

BOOST_AUTO_TEST_CASE(a_dripping_body_over_tls_also_ends_at_the_deadline) {
    asio::io_context io;
    http_stand_in server(io.get_executor(), tls_with(shared_test_pki().localhost()));
    server.route("/", test::drip(std::string(100, 'a'), 100ms));
    const auto out = fetch(io, server, "/", 450ms);
    BOOST_TEST(out.code() == std::error_code(errc::timeout));
    BOOST_TEST(out.past_deadline < 700ms);
}

BOOST_AUTO_TEST_CASE(a_connection_closed_mid_body_is_an_incomplete_response) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::close_mid_body(std::string(1000, 'b'), 400));
    const auto out = fetch(io, server, "/");
    BOOST_TEST(out.code() == std::error_code(errc::http_incomplete));
    BOOST_TEST(out.says("127.0.0.1:" + std::to_string(server.port())));
}

BOOST_AUTO_TEST_CASE(a_connection_closed_mid_body_over_tls_is_an_incomplete_response) {
    asio::io_context io;
    http_stand_in server(io.get_executor(), tls_with(shared_test_pki().localhost()));
    server.route("/", test::close_mid_body(std::string(1000, 'b'), 400));
    const auto out = fetch(io, server, "/");
    BOOST_TEST(out.code() == std::error_code(errc::http_incomplete));
}

BOOST_AUTO_TEST_CASE(a_connection_closed_before_any_answer_is_an_incomplete_response) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::close_without_answer());
    const auto out = fetch(io, server, "/");
    BOOST_TEST(out.code() == std::error_code(errc::http_incomplete));
}

BOOST_AUTO_TEST_CASE(a_body_delimited_by_the_close_is_read_to_the_end) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::large_body(5000, test::body_framing::until_close));
    const auto out = fetch(io, server, "/");
    BOOST_TEST(out.response().body == std::string(5000, 'x'));
}

BOOST_AUTO_TEST_CASE(a_10_mb_body_is_refused_at_the_64_kib_cap_and_reading_stops) {
    constexpr std::size_t ten_mb = std::size_t{10} * 1024 * 1024;
    for (auto framing : {test::body_framing::content_length, test::body_framing::chunked,
                         test::body_framing::until_close}) {
        BOOST_TEST_INFO("framing " << static_cast<int>(framing));
        asio::io_context io;
        http_stand_in server(io.get_executor());
        server.route("/", test::large_body(ten_mb, framing));
        const auto out = fetch(io, server, "/");
        BOOST_TEST(out.code() == std::error_code(errc::http_body_too_large));
        BOOST_REQUIRE_EQUAL(server.requests().size(), 1U);
        BOOST_TEST(!server.requests().front().reply_complete);
        BOOST_TEST(server.requests().front().reply_bytes_sent < ten_mb);
        BOOST_TEST(out.elapsed < 2s);
    }
}

BOOST_AUTO_TEST_CASE(the_body_cap_can_be_raised) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::large_body(std::size_t{200} * 1024));
    auto options = options_with(5s);
    options.limits.max_body_bytes = std::size_t{256} * 1024;
    const auto out = fetch(io, server, server.base_url() + "/", get(), options);
    BOOST_TEST(out.response().body.size() == 200U * 1024U);
}

BOOST_AUTO_TEST_CASE(a_certificate_from_an_untrusted_ca_is_refused_naming_the_ca_file) {
    asio::io_context io;
    http_stand_in server(io.get_executor(), tls_with(shared_test_pki().localhost_untrusted()));
    server.route("/", test::answer(200, "must not be read"));
    const auto out = fetch(io, server, "https://localhost:" + std::to_string(server.port()) + "/",
                           get(), options_with(5s));
    BOOST_TEST(out.code() == std::error_code(errc::tls_failed));
    BOOST_TEST(out.says("certificate not trusted"));
    BOOST_TEST(out.says(shared_test_pki().trusted_ca_file().string()));
    BOOST_TEST(out.says("localhost:" + std::to_string(server.port())));
    BOOST_TEST(server.request_count("/") == 0U);
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_host_is_refused_as_a_host_name_mismatch) {
    asio::io_context io;
    http_stand_in server(io.get_executor(), tls_with(shared_test_pki().wrong_host()));
    server.route("/", test::answer(200, "must not be read"));
    const auto out = fetch(io, server, "https://localhost:" + std::to_string(server.port()) + "/",
                           get(), options_with(5s));
    BOOST_TEST(out.code() == std::error_code(errc::tls_failed));
    BOOST_TEST(out.says("host name mismatch"));
    BOOST_TEST(server.request_count("/") == 0U);
}

BOOST_AUTO_TEST_CASE(https_to_a_plain_http_server_fails_the_handshake) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::answer(200, "plain"));
    const auto out = fetch(io, server, "https://127.0.0.1:" + std::to_string(server.port()) + "/",
                           get(), options_with(5s));
    BOOST_TEST(out.code() == std::error_code(errc::tls_failed));
    BOOST_TEST(out.elapsed < 2s);
}

BOOST_AUTO_TEST_CASE(a_redirect_is_returned_not_followed) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/old", test::answer(302, "", {{"Location", "/new"}}));
    server.route("/new", test::answer(200, "followed"));
    const auto out = fetch(io, server, "/old");
    BOOST_TEST(out.response().status == 302);
    BOOST_TEST(out.response().find_header("Location").value_or("") == "/new");
    BOOST_TEST(server.request_count("/old") == 1U);
    BOOST_TEST(server.request_count("/new") == 0U);
}

BOOST_AUTO_TEST_CASE(cancellation_mid_request_returns_promptly) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::never_answer());
    const auto out = fetch(io, server, server.base_url() + "/", get(), options_with(10s), 100ms);
    BOOST_TEST(out.code() == std::error_code(errc::cancelled));
    BOOST_TEST(out.says("waiting for the response"));
    BOOST_TEST(out.elapsed >= 100ms);
    BOOST_TEST(out.elapsed < 1s);
}

BOOST_AUTO_TEST_CASE(requests_are_counted_per_route_and_scripts_play_in_order) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/token", std::vector<test::reply_script>{test::answer(401, ""),
                                                           test::answer(200, "second")});
    server.route("/other", test::answer(200, "other"));
    const auto base = server.base_url();
    std::vector<int> statuses;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            for (const char* path : {"/token", "/token", "/token", "/other"}) {
                auto response = co_await http_fetch(*mongo_aws::parse_url(base + path), get(),
                                                    options_with(5s));
                statuses.push_back(response ? response->status : -1);
            }
            server.stop();
        },
        asio::detached);
    io.run();
    BOOST_TEST(statuses == (std::vector<int>{401, 200, 200, 200}),
               boost::test_tools::per_element());
    BOOST_TEST(server.request_count("/token") == 3U);
    BOOST_TEST(server.request_count("/other") == 1U);
    BOOST_TEST(server.request_count("/never") == 0U);
}

BOOST_AUTO_TEST_CASE(the_address_check_sees_the_addresses_and_can_stop_the_request) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/", test::answer(200, "must not be fetched"));
    auto options = options_with(5s);
    std::vector<asio::ip::tcp::endpoint> seen;
    options.check_addresses =
        [&](const mongo_aws::url&,
            const std::vector<asio::ip::tcp::endpoint>& addresses) -> result<void> {
        seen = addresses;
        return mongo_aws::make_error(errc::connect_failed, "address not allowed by the check");
    };
    const auto out = fetch(io, server, server.base_url() + "/", get(), options);
    BOOST_TEST(out.error().message == "address not allowed by the check");
    BOOST_REQUIRE_EQUAL(seen.size(), 1U);
    BOOST_TEST(seen.front().address().to_string() == "127.0.0.1");
    BOOST_TEST(seen.front().port() == server.port());
    BOOST_TEST(server.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(messages_never_hold_header_values_or_the_path) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    server.route("/credentials/role-secret", test::never_answer());
    http::request request = get();
    request.headers.push_back({"X-aws-ec2-metadata-token", "TOKEN-SECRET-VALUE"});
    const auto out = fetch(io, server, server.base_url() + "/credentials/role-secret", request,
                           options_with(200ms));
    BOOST_TEST(out.code() == std::error_code(errc::timeout));
    BOOST_TEST(!out.says("TOKEN-SECRET-VALUE"));
    BOOST_TEST(!out.says("role-secret"));
}

BOOST_AUTO_TEST_CASE(a_request_that_cannot_be_serialized_is_refused_before_connecting) {
    asio::io_context io;
    http_stand_in server(io.get_executor());
    http::request request = get();
    request.headers.push_back({"Authorization", "a\r\nInjected: yes"});
    const auto out = fetch(io, server, server.base_url() + "/", request, options_with(5s));
    BOOST_TEST(out.code() == std::error_code(errc::http_invalid_request));
    BOOST_TEST(!out.says("Injected"));
    BOOST_TEST(server.connections() == 0U);
}
