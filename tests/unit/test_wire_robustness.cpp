// Any bytes: the decoders must return a value or one of this library's errors, never crash,
// read out of bounds or overflow (run under ASan and UBSan, these cases would abort).
// A deterministic sweep; the libFuzzer target in tests/fuzz explores further.
#define BOOST_TEST_MODULE wire_robustness
#include "support/wire_builder.hpp"

#include <mongo_aws/command_reply.hpp>
#include <mongo_aws/wire.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <random>
#include <vector>

using mongo_aws::test::json;
using mongo_aws::test::wire_builder;
namespace wire = mongo_aws::wire;

namespace {
// Every result must be a value or an error in this library's category, with a message.
template <class T>
bool well_formed(const mongo_aws::result<T>& decoded) {
    return decoded.has_value() || (decoded.error().code.category() == mongo_aws::category() &&
                                   !decoded.error().message.empty());
}

bool decodes_safely(const std::vector<std::uint8_t>& message) {
    const auto reply = wire::decode_reply(message, 1);
    const auto request = wire::decode_request(message);
    if (reply.has_value()) {
        (void)mongo_aws::parse_command_reply(reply->body());
    }
    return well_formed(reply) && well_formed(request);
}

std::vector<std::vector<std::uint8_t>> sample_messages() {
    const auto body = json(R"({"ok": 1.0, "conversationId": 1, "done": false,
        "payload": {"$binary": {"base64": "AAECAwQ=", "subType": "00"}},
        "nested": {"array": [1, "two", {"three": 3.0}]}})");
    const auto doc = json(R"({"_id": 1})");
    std::vector<std::vector<std::uint8_t>> out;
    out.push_back(*wire::encode_op_msg_reply(2, 1, *body));
    out.push_back(*wire::encode_op_msg_command(1, *body, "admin"));
    out.push_back(*wire::encode_op_query_command(1, *body));
    out.push_back(*wire::encode_op_reply(2, 1, *body));
    out.push_back(wire_builder::header(2, 1, wire::opcode_msg)
                      .uint32(wire::flag_checksum_present)
                      .uint8(1)
                      .int32(4 + 10 + static_cast<std::int32_t>(doc->len))
                      .cstring("documents")
                      .document(*doc)
                      .uint8(0)
                      .document(*body)
                      .uint32(0)
                      .message());
    return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_truncation_with_a_consistent_length_is_an_error) {
    // Each sample ends with a document, so no shorter prefix is a whole message.
    for (const auto& message : sample_messages()) {
        for (std::size_t size = 16; size < message.size(); ++size) {
            auto prefix = std::vector<std::uint8_t>(message.begin(),
                                                    message.begin() + static_cast<long>(size));
            wire_builder::set_length(prefix, static_cast<std::int32_t>(size));
            BOOST_TEST_INFO("prefix of " << size << " bytes");
            BOOST_TEST(!wire::decode_reply(prefix).has_value());
            BOOST_TEST(!wire::decode_request(prefix).has_value());
            BOOST_TEST(decodes_safely(prefix));
        }
    }
}

BOOST_AUTO_TEST_CASE(every_single_byte_change_decodes_safely) {
    for (const auto& message : sample_messages()) {
        for (std::size_t at = 0; at < message.size(); ++at) {
            for (const std::uint8_t value : {0x00, 0x01, 0x04, 0x05, 0x7F, 0x80, 0xFE, 0xFF}) {
                auto changed = message;
                changed[at] = value;
                BOOST_TEST_INFO("byte " << at << " set to " << int{value});
                BOOST_TEST(decodes_safely(changed));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(random_bodies_behind_a_valid_header_decode_safely) {
    std::mt19937 random(20240601);  // fixed: a failure must reproduce
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 96);
    constexpr std::array op_codes = {wire::opcode_msg, wire::opcode_reply, wire::opcode_query};
    for (int round = 0; round < 5000; ++round) {
        auto builder = wire_builder::header(round, 1, op_codes.at(round % op_codes.size()));
        const auto size = length(random);
        for (std::size_t i = 0; i < size; ++i) {
            builder.uint8(static_cast<std::uint8_t>(byte(random)));
        }
        BOOST_TEST_INFO("round " << round);
        BOOST_TEST(decodes_safely(builder.message()));
    }
}

BOOST_AUTO_TEST_CASE(several_random_byte_changes_decode_safely) {
    std::mt19937 random(20240602);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> changes(2, 6);
    const auto samples = sample_messages();
    for (int round = 0; round < 5000; ++round) {
        auto message = samples.at(static_cast<std::size_t>(round) % samples.size());
        std::uniform_int_distribution<std::size_t> position(16, message.size() - 1);
        for (int change = changes(random); change > 0; --change) {
            message[position(random)] = static_cast<std::uint8_t>(byte(random));
        }
        BOOST_TEST_INFO("round " << round);
        BOOST_TEST(decodes_safely(message));
    }
}
