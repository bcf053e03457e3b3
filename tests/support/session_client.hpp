// Driving a test_server::session from a test as a client would: commands encoded with the
// core's wire codec, replies decoded with it, and a whole MONGODB-AWS conversation run with the
// client's real conversation code.
#pragma once

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/test_server/session.hpp>
#include <mongo_aws/wire.hpp>

#include <bson/bson.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace mongo_aws::test {

/// The test server's clock in these tests: 2020-02-03T04:05:06Z.
std::chrono::system_clock::time_point example_server_time();

/// Long-term credentials of the user `arn:aws:iam::123456789012:user/alice`.
credentials example_long_term_credentials();

/// Temporary credentials (with a session token) of the assumed role
/// `arn:aws:sts::123456789012:assumed-role/app/i-0abc`.
credentials example_temporary_credentials();

/// Options for a server that knows both example users, whose clock is example_server_time()
/// and whose 32 nonce bytes count up from 200, with `faults`.
std::shared_ptr<test_server::server_options> example_server_options(
    test_server::fault_set faults = {});

/// What a client run ends with.
struct conversation_outcome {
    result<void> client;                   ///< the first client-side error, if any
    std::vector<test_server::step> steps;  ///< every step the server took, in order
};

/// A client of one session.
class session_client {
public:
    explicit session_client(test_server::session& server) : server_(server) {}

    /// Sends `command` as an OP_MSG on `database`.
    test_server::step command(const bson_t& command, std::string_view database = "admin");

    /// Sends `command` as a legacy OP_QUERY on `<database>.$cmd`.
    test_server::step legacy_command(const bson_t& command, std::string_view database = "admin");

    /// The reply document of a step that must be a reply to the last request (decode_reply
    /// checks responseTo); throws when it does not decode.
    [[nodiscard]] bson_document reply_body(const test_server::step& step) const;

    /// Runs saslStart and saslContinue as this library's client does (conversation.hpp,
    /// sasl_commands.hpp) with `creds`, signing at `signed_at`, stopping at the first error.
    conversation_outcome authenticate(const credentials& creds,
                                      std::chrono::system_clock::time_point signed_at);

private:
    test_server::session& server_;
    std::int32_t last_request_id_ = 0;
};

/// `true` when the document's field `key` is present (any type).
bool has_field(const bson_document& doc, const char* key);

}  // namespace mongo_aws::test
