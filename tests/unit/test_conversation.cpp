// The MONGODB-AWS conversation, first steps: the client nonce out, the server's answer checked
// (auth spec: `s` is 64 bytes and extends `r`; `h` is a host we are willing to sign for).
#define BOOST_TEST_MODULE conversation
#include "support/nested_bson.hpp"
#include "support/sasl_payloads.hpp"

#include <mongo_aws/conversation.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <system_error>

using mongo_aws::conversation;
using mongo_aws::errc;
namespace test = mongo_aws::test;

namespace {
using bytes = std::vector<std::uint8_t>;

const auto client_nonce = test::fixed_client_nonce(1);

mongo_aws::nonce_source fixed_nonce() {
    return [](std::span<std::uint8_t> out) {
        BOOST_REQUIRE(out.size() == client_nonce.size());
        std::copy(client_nonce.begin(), client_nonce.end(), out.begin());
    };
}

// A conversation that has sent its client-first payload.
conversation started() {
    conversation conv(fixed_nonce());
    BOOST_REQUIRE(conv.client_first().has_value());
    return conv;
}

bytes valid_s() {
    return test::server_nonce_for(client_nonce);
}

std::error_code server_first_code(const bytes& payload) {
    auto conv = started();
    auto accepted = conv.server_first(payload);
    return accepted ? std::error_code{} : accepted.error().code;
}

std::error_code code_for_host(std::string_view host) {
    return server_first_code(test::server_first_payload(valid_s(), host));
}

// {s: BinData(64), h: <value appended by `add_h`>}
template <class AddHost>
bytes payload_with(const bytes& s, AddHost add_h) {
    bson_t doc;
    bson_init(&doc);
    bson_append_binary(&doc, "s", -1, BSON_SUBTYPE_BINARY, s.data(),
                       static_cast<std::uint32_t>(s.size()));
    add_h(&doc);
    auto out = test::bytes_of(&doc);
    bson_destroy(&doc);
    return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(client_first_is_bson_r_and_p) {
    conversation conv(fixed_nonce());
    const auto payload = conv.client_first();
    BOOST_REQUIRE(payload.has_value());

    bson_t expected;
    bson_init(&expected);
    bson_append_binary(&expected, "r", -1, BSON_SUBTYPE_BINARY, client_nonce.data(), 32);
    bson_append_int32(&expected, "p", -1, 110);
    const auto expected_bytes = test::bytes_of(&expected);
    bson_destroy(&expected);

    BOOST_TEST(payload->size() == 52U);
    BOOST_TEST(*payload == expected_bytes, boost::test_tools::per_element());
    BOOST_TEST((conv.current_state() == conversation::state::client_first_sent));
}

BOOST_AUTO_TEST_CASE(client_first_layout_follows_the_bson_spec) {
    conversation conv(fixed_nonce());
    const auto payload = conv.client_first().value();
    BOOST_REQUIRE(payload.size() == 52U);
    // int32 total length, little-endian.
    BOOST_TEST((payload[0] == 52 && payload[1] == 0 && payload[2] == 0 && payload[3] == 0));
    // 0x05 "r" \0, int32 32, subtype 0, the nonce.
    BOOST_TEST((payload[4] == 0x05 && payload[5] == 'r' && payload[6] == 0));
    BOOST_TEST((payload[7] == 32 && payload[8] == 0 && payload[9] == 0 && payload[10] == 0));
    BOOST_TEST(payload[11] == 0x00);
    BOOST_TEST(std::equal(client_nonce.begin(), client_nonce.end(), payload.begin() + 12));
    // 0x10 "p" \0, int32 110 ('n').
    BOOST_TEST((payload[44] == 0x10 && payload[45] == 'p' && payload[46] == 0));
    BOOST_TEST((payload[47] == 110 && payload[48] == 0 && payload[49] == 0 && payload[50] == 0));
    BOOST_TEST(payload[51] == 0x00);
}

BOOST_AUTO_TEST_CASE(default_nonce_is_random) {
    conversation first;
    conversation second;
    const auto a = first.client_first().value();
    const auto b = second.client_first().value();
    BOOST_REQUIRE(a.size() == 52U);
    BOOST_REQUIRE(b.size() == 52U);
    const bytes nonce_a(a.begin() + 12, a.begin() + 44);
    const bytes nonce_b(b.begin() + 12, b.begin() + 44);
    BOOST_TEST(nonce_a != nonce_b);
    BOOST_TEST(nonce_a != bytes(32, 0));
}

BOOST_AUTO_TEST_CASE(valid_server_first_is_accepted) {
    auto conv = started();
    const auto accepted =
        conv.server_first(test::server_first_payload(valid_s(), "sts.us-west-2.amazonaws.com"));
    BOOST_TEST(accepted.has_value());
    BOOST_TEST((conv.current_state() == conversation::state::server_first_accepted));
    BOOST_TEST(conv.sts_host() == "sts.us-west-2.amazonaws.com");
    BOOST_TEST(conv.region() == "us-west-2");
}

BOOST_AUTO_TEST_CASE(unknown_server_fields_are_ignored) {
    const auto payload = payload_with(valid_s(), [](bson_t* doc) {
        bson_append_utf8(doc, "h", -1, "sts.amazonaws.com", -1);
        bson_append_int32(doc, "future", -1, 7);
    });
    BOOST_TEST(server_first_code(payload) == std::error_code{});
}

BOOST_AUTO_TEST_CASE(server_nonce_shorter_than_64_bytes_is_rejected) {
    auto s = valid_s();
    s.pop_back();
    BOOST_TEST(server_first_code(test::server_first_payload(s, "sts.amazonaws.com")) ==
               errc::server_nonce_wrong_length);
    BOOST_TEST(server_first_code(test::server_first_payload(
                   bytes(client_nonce.begin(), client_nonce.end()), "sts.amazonaws.com")) ==
               errc::server_nonce_wrong_length);
    BOOST_TEST(server_first_code(test::server_first_payload({}, "sts.amazonaws.com")) ==
               errc::server_nonce_wrong_length);
}

BOOST_AUTO_TEST_CASE(server_nonce_longer_than_64_bytes_is_rejected) {
    auto s = valid_s();
    s.push_back(0);
    BOOST_TEST(server_first_code(test::server_first_payload(s, "sts.amazonaws.com")) ==
               errc::server_nonce_wrong_length);
}

BOOST_AUTO_TEST_CASE(server_nonce_must_start_with_the_client_nonce) {
    for (const std::size_t position : {std::size_t{0}, std::size_t{17}, std::size_t{31}}) {
        auto s = valid_s();
        s[position] ^= 0x01U;
        BOOST_TEST_INFO("byte " << position << " changed");
        BOOST_TEST(server_first_code(test::server_first_payload(s, "sts.amazonaws.com")) ==
                   errc::server_nonce_mismatch);
    }
    // The server's own half may be anything.
    auto s = valid_s();
    s[32] ^= 0xffU;
    BOOST_TEST(server_first_code(test::server_first_payload(s, "sts.amazonaws.com")) ==
               std::error_code{});
}

BOOST_AUTO_TEST_CASE(missing_s_is_rejected) {
    bson_t doc;
    bson_init(&doc);
    bson_append_utf8(&doc, "h", -1, "sts.amazonaws.com", -1);
    const auto payload = test::bytes_of(&doc);
    bson_destroy(&doc);
    BOOST_TEST(server_first_code(payload) == errc::server_payload_missing_field);
}

BOOST_AUTO_TEST_CASE(missing_h_is_rejected) {
    const auto payload = payload_with(valid_s(), [](bson_t*) {});
    BOOST_TEST(server_first_code(payload) == errc::server_payload_missing_field);
}

BOOST_AUTO_TEST_CASE(s_that_is_not_binary_is_rejected) {
    bson_t doc;
    bson_init(&doc);
    const auto s = valid_s();
    bson_append_utf8(&doc, "s", -1, reinterpret_cast<const char*>(s.data()), 64);
    bson_append_utf8(&doc, "h", -1, "sts.amazonaws.com", -1);
    const auto payload = test::bytes_of(&doc);
    bson_destroy(&doc);
    BOOST_TEST(server_first_code(payload) == errc::server_payload_wrong_type);
}

BOOST_AUTO_TEST_CASE(h_that_is_not_a_string_is_rejected) {
    const auto as_int =
        payload_with(valid_s(), [](bson_t* doc) { bson_append_int32(doc, "h", -1, 1); });
    BOOST_TEST(server_first_code(as_int) == errc::server_payload_wrong_type);
    const auto as_binary = payload_with(valid_s(), [](bson_t* doc) {
        const std::uint8_t host[] = {'s', 't', 's'};
        bson_append_binary(doc, "h", -1, BSON_SUBTYPE_BINARY, host, 3);
    });
    BOOST_TEST(server_first_code(as_binary) == errc::server_payload_wrong_type);
}

BOOST_AUTO_TEST_CASE(field_given_twice_is_rejected) {
    const auto twice = payload_with(valid_s(), [](bson_t* doc) {
        bson_append_utf8(doc, "h", -1, "sts.amazonaws.com", -1);
        bson_append_utf8(doc, "h", -1, "evil.example.com", -1);
    });
    BOOST_TEST(server_first_code(twice) == errc::server_payload_malformed);
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_bson_are_rejected) {
    const auto good = test::server_first_payload(valid_s(), "sts.amazonaws.com");
    BOOST_TEST(server_first_code({}) == errc::server_payload_malformed);
    BOOST_TEST(server_first_code({5, 0, 0}) == errc::server_payload_malformed);
    BOOST_TEST(server_first_code(bytes(good.begin(), good.end() - 1)) ==
               errc::server_payload_malformed);
    auto longer = good;
    longer.push_back(0);
    BOOST_TEST(server_first_code(longer) == errc::server_payload_malformed);
    auto no_terminator = good;
    no_terminator.back() = 1;
    BOOST_TEST(server_first_code(no_terminator) == errc::server_payload_malformed);
    // The binary's declared length runs past the document.
    auto overlong_binary = good;
    overlong_binary[7] = 0xff;
    BOOST_TEST(server_first_code(overlong_binary) == errc::server_payload_malformed);
    // Text, not BSON.
    const std::string text = "{\"s\": 1, \"h\": \"sts.amazonaws.com\"}";
    BOOST_TEST(server_first_code(bytes(text.begin(), text.end())) ==
               errc::server_payload_malformed);
}

BOOST_AUTO_TEST_CASE(payload_nested_a_million_levels_deep_is_malformed_not_a_crash) {
    // 7 MB of `{"": {"": ...}}`: libbson 1.23's bson_validate alone recurses once per level and
    // overflows the stack; the payload must meet the same depth bound as wire documents.
    auto conv = started();
    const auto accepted = conv.server_first(test::nested_documents(1'000'000));
    BOOST_TEST_REQUIRE(!accepted.has_value());
    BOOST_TEST(accepted.error().code == errc::server_payload_malformed);
    BOOST_TEST(accepted.error().message.find("nested deeper than") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_hosts_are_rejected_before_signing) {
    BOOST_TEST(code_for_host("") == errc::sts_host_empty);
    BOOST_TEST(code_for_host(std::string(256, 'a')) == errc::sts_host_too_long);
    BOOST_TEST(code_for_host("a..b") == errc::sts_host_empty_label);
    BOOST_TEST(code_for_host(".a") == errc::sts_host_leading_dot);
    BOOST_TEST(code_for_host("a.") == errc::sts_host_trailing_dot);
    BOOST_TEST(code_for_host("sts.amazonaws.com\r\nX-Evil: 1") == errc::sts_host_invalid_character);
    BOOST_TEST(code_for_host(std::string("sts\0evil", 8)) == errc::sts_host_invalid_character);
}

BOOST_AUTO_TEST_CASE(server_first_before_client_first_is_out_of_order) {
    conversation conv(fixed_nonce());
    const auto accepted =
        conv.server_first(test::server_first_payload(valid_s(), "sts.amazonaws.com"));
    BOOST_REQUIRE(!accepted.has_value());
    BOOST_TEST(accepted.error().code == errc::conversation_out_of_order);
    BOOST_TEST((conv.current_state() == conversation::state::initial));
}

BOOST_AUTO_TEST_CASE(client_first_twice_is_out_of_order) {
    auto conv = started();
    const auto again = conv.client_first();
    BOOST_REQUIRE(!again.has_value());
    BOOST_TEST(again.error().code == errc::conversation_out_of_order);
    BOOST_TEST((conv.current_state() == conversation::state::client_first_sent));
}

BOOST_AUTO_TEST_CASE(server_first_twice_is_out_of_order) {
    auto conv = started();
    const auto payload = test::server_first_payload(valid_s(), "sts.amazonaws.com");
    BOOST_REQUIRE(conv.server_first(payload).has_value());
    const auto again = conv.server_first(payload);
    BOOST_REQUIRE(!again.has_value());
    BOOST_TEST(again.error().code == errc::conversation_out_of_order);
}

BOOST_AUTO_TEST_CASE(a_rejected_server_first_ends_the_conversation) {
    auto conv = started();
    auto s = valid_s();
    s[0] ^= 1U;
    BOOST_REQUIRE(!conv.server_first(test::server_first_payload(s, "sts.amazonaws.com")));
    BOOST_TEST((conv.current_state() == conversation::state::failed));
    // Even a valid payload afterwards is refused: the attempt is over.
    const auto retry =
        conv.server_first(test::server_first_payload(valid_s(), "sts.amazonaws.com"));
    BOOST_REQUIRE(!retry.has_value());
    BOOST_TEST(retry.error().code == errc::conversation_out_of_order);
    BOOST_TEST(retry.error().message.find("start a new conversation") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rejection_messages_say_what_was_wrong) {
    auto conv = started();
    auto s = valid_s();
    s.resize(40);
    const auto short_s = conv.server_first(test::server_first_payload(s, "sts.amazonaws.com"));
    BOOST_REQUIRE(!short_s.has_value());
    BOOST_TEST(short_s.error().message.find("40 bytes") != std::string::npos);

    auto conv2 = started();
    const auto bad_host = conv2.server_first(test::server_first_payload(valid_s(), "evil host"));
    BOOST_REQUIRE(!bad_host.has_value());
    BOOST_TEST(bad_host.error().message.find("\"evil host\"") != std::string::npos);
}

// Outside bytes: every mutation of a valid payload is either accepted or refused with a
// server-first code, never a crash (the ASan/UBSan build runs this too).
BOOST_AUTO_TEST_CASE(any_server_first_bytes_are_handled_safely) {
    const auto good = test::server_first_payload(valid_s(), "sts.amazonaws.com");
    std::mt19937 random(20240229);  // fixed seed: reproducible
    for (int round = 0; round < 20000; ++round) {
        auto payload = good;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int edit = 0; edit < edits; ++edit) {
            const auto at = random() % payload.size();
            switch (random() % 3) {
                case 0:
                    payload[at] = static_cast<std::uint8_t>(random());
                    break;
                case 1:
                    payload.resize(at);
                    break;
                default:
                    payload.insert(payload.begin() + static_cast<std::ptrdiff_t>(at),
                                   static_cast<std::uint8_t>(random()));
                    break;
            }
            if (payload.empty()) {
                break;
            }
        }
        auto conv = started();
        const auto accepted = conv.server_first(payload);
        if (!accepted) {
            BOOST_TEST((accepted.error().code.category() == mongo_aws::category()));
            BOOST_TEST(accepted.error().code != errc::conversation_out_of_order);
        }
    }
}
