// libFuzzer target for the test server's parsers of client bytes: a session's answer to any
// message (and to a second one after it), the verifier on any payload, the Authorization-header
// parser and the users-file parser. Any bytes in, a step, a refusal or an error out, never a crash.
// Not built by CMake yet. By hand, from the repository root:
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize=function \
//     -Iinclude -Isrc -I/usr/include/libbson-1.0 fuzz/fuzz_test_server.cpp server/*.cpp \
//     src/*.cpp -lbson-1.0 -lcrypto -lsimdjson -o fuzz_test_server
//   ./fuzz_test_server -max_len=4096 -max_total_time=600
#include <mongo_aws/test_server/authorization_header.hpp>
#include <mongo_aws/test_server/session.hpp>
#include <mongo_aws/test_server/users.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

namespace {

std::shared_ptr<const mongo_aws::test_server::server_options> fuzz_options() {
    auto options = std::make_shared<mongo_aws::test_server::server_options>();
    (void)options->users.add({"AKIDEXAMPLE", mongo_aws::secret_string("secret"),
                              mongo_aws::secret_string("token"), "arn:aws:iam::1:user/a"});
    options->server_nonce = [](std::span<std::uint8_t> out) {
        for (auto& byte : out) {
            byte = 7;
        }
    };
    return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto options = fuzz_options();
    const std::span<const std::uint8_t> bytes(data, size);
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    mongo_aws::test_server::session server(options);
    (void)server.answer(bytes);
    (void)server.answer(bytes);

    mongo_aws::test_server::expectation expected;
    expected.sts_host = "sts.amazonaws.com";
    (void)mongo_aws::test_server::verify_client_final(bytes, expected, options->users);
    (void)mongo_aws::test_server::parse_authorization_header(text);
    (void)mongo_aws::test_server::parse_users(text);
    return 0;
}
