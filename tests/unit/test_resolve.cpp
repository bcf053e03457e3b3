// resolve: literals without a lookup, the hosts file honoured, failures named.
#define BOOST_TEST_MODULE resolve
#include "resolve.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>

using namespace std::chrono_literals;
using mongo_aws::errc;
using mongo_aws::result;
using endpoints = std::vector<asio::ip::tcp::endpoint>;

namespace {
std::optional<result<endpoints>> resolve_now(const std::string& host, std::uint16_t port) {
    asio::io_context io;
    std::optional<result<endpoints>> out;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            out = co_await mongo_aws::detail::resolve(host, port,
                                                      std::chrono::steady_clock::now() + 5s);
        },
        asio::detached);
    io.run();
    return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(ipv4_literal_is_returned_as_is) {
    const auto out = resolve_now("169.254.169.254", 80);
    BOOST_REQUIRE(out && out->has_value());
    BOOST_REQUIRE_EQUAL((*out)->size(), 1U);
    BOOST_TEST((*out)->front().address().to_string() == "169.254.169.254");
    BOOST_TEST((*out)->front().port() == 80);
}

BOOST_AUTO_TEST_CASE(bracketed_ipv6_literal_is_returned_as_is) {
    const auto out = resolve_now("[fd00:ec2::23]", 80);
    BOOST_REQUIRE(out && out->has_value());
    BOOST_TEST((*out)->front().address().to_string() == "fd00:ec2::23");
}

BOOST_AUTO_TEST_CASE(localhost_resolves_to_loopback_through_the_hosts_file) {
    const auto out = resolve_now("localhost", 27017);
    BOOST_REQUIRE(out && out->has_value());
    BOOST_REQUIRE(!(*out)->empty());
    for (const auto& endpoint : **out) {
        BOOST_TEST(endpoint.address().is_loopback());
        BOOST_TEST(endpoint.port() == 27017);
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_name_is_a_resolve_error_naming_the_host) {
    // RFC 2606 reserves .invalid: it never resolves.
    const auto out = resolve_now("no-such-host.invalid", 443);
    BOOST_REQUIRE(out && !out->has_value());
    const auto& error = out->error();
    if (error.code == std::error_code(errc::timeout)) {
        BOOST_TEST_MESSAGE("the system resolver did not answer within 5 s here");
    } else {
        BOOST_TEST(error.code == std::error_code(errc::resolve_failed));
        BOOST_TEST(error.message.find("no-such-host.invalid") != std::string::npos);
    }
}
