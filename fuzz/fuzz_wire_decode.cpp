// libFuzzer target for the wire decoders: any bytes in, a value or an error out, never a crash.
// Not built by CMake yet. By hand, from the repository root (after a build of build/clang):
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
//     -I/usr/include/libbson-1.0 fuzz/fuzz_wire_decode.cpp src/bson_*.cpp src/wire_*.cpp \
//     src/command_*.cpp src/sasl_commands.cpp src/quote_untrusted.cpp src/secret.cpp \
//     src/error.cpp -lbson-1.0 -lcrypto -o fuzz_wire_decode
//   ./fuzz_wire_decode -max_len=4096 -max_total_time=600
#include <mongo_aws/command_reply.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/wire.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    (void)mongo_aws::wire::decode_header(bytes);
    // The first byte picks the expected responseTo check, so both paths are explored.
    const auto reply = mongo_aws::wire::decode_reply(
        bytes, size > 8 && (data[8] & 1U) != 0 ? std::optional<std::int32_t>(0) : std::nullopt);
    if (reply) {
        (void)mongo_aws::parse_sasl_reply(reply->body().bytes(), "fuzz");
        if (auto fields = mongo_aws::parse_command_reply(reply->body())) {
            (void)mongo_aws::check_ok(*fields, "fuzz");
        }
    }
    (void)mongo_aws::wire::decode_request(bytes);
    (void)mongo_aws::bson_document::from_bytes(bytes);
    return 0;
}
