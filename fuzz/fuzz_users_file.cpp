// libFuzzer target: the test server's users file (test_server::parse_users), JSON from an
// operator's file. What it accepts must hold only users that user_table::add() accepts, each
// found by its access key id.
// Seeds: users files written from the example users of the server tests, recorded
// (tests/unit/test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/test_server/users.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    const auto table =
        test_server::parse_users(fuzz::as_text(std::span<const std::uint8_t>(data, size)));
    if (!table) {
        return 0;
    }
    for (const auto& entry : table->users()) {
        fuzz::require(table->find(entry.access_key_id) == &entry,
                      "a user is not found by its access key id");
        fuzz::require(entry.arn.starts_with("arn:"), "a user accepted with an ARN not an arn:");
        (void)test_server::mongodb_user_name(entry.arn);
    }
    return 0;
}
