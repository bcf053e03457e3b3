// libFuzzer target: the wire decoders on any bytes, as a client (decode_reply, then the command
// reply's fields: parse_command_reply, check_ok, parse_sasl_reply) and as the test server
// (decode_request) receives them. A value or an error out, never a crash.
// Seeds: the test server's replies and the client's commands, recorded (tests/unit/
// test_fuzz_seeds.cpp). Build and run: docs/fuzzing.md.
#include "fuzz_support.hpp"

#include <mongo_aws/command_reply.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/wire.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    using namespace mongo_aws;

    if (const auto header = wire::decode_header(bytes)) {
        fuzz::require(header->message_length >= 16, "decode_header accepted a length below 16");
    }
    // Byte 8 (responseTo's lowest) picks whether responseTo is checked, so both paths run.
    const auto reply = wire::decode_reply(
        bytes, size > 8 && (data[8] & 1U) != 0 ? std::optional<std::int32_t>(0) : std::nullopt);
    if (reply) {
        const auto body = reply->body().bytes();
        (void)parse_sasl_reply(body, "saslStart");
        if (auto fields = parse_command_reply(reply->body())) {
            (void)check_ok(*fields, "hello");
        }
    }
    if (const auto request = wire::decode_request(bytes)) {
        fuzz::require(!request->database.empty(), "decode_request accepted an empty database");
        (void)request->command();
    }
    // A reply body alone, as parse_sasl_reply would receive a document from elsewhere.
    (void)parse_sasl_reply(bytes, "saslContinue");
    if (const auto document = bson_document::from_bytes(bytes)) {
        (void)parse_command_reply(*document);
    }
    return 0;
}
