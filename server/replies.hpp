// The reply documents of the commands the test server knows (internal to the test server).
#pragma once

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mongo_aws::test_server::internal {

/// MongoDB's error codes that the test server answers with (src/mongo/base/error_codes.yml).
inline constexpr std::int32_t code_internal_error = 1;
inline constexpr std::int32_t code_protocol_error = 17;
inline constexpr std::int32_t code_authentication_failed = 18;
inline constexpr std::int32_t code_command_not_found = 59;
inline constexpr std::int32_t code_mechanism_unavailable = 334;
inline constexpr std::int32_t code_unsupported_op_query_command = 352;

/// The wire versions announced: 0 to 17 (MongoDB 6.0), which every current driver speaks.
inline constexpr std::int32_t max_wire_version = 17;

/// `{ok: 0.0, errmsg, code, codeName}`.
[[nodiscard]] bson_ptr error_reply(std::int32_t code, std::string_view code_name,
                                   std::string_view errmsg);

/// `{ok: 1.0}`.
[[nodiscard]] bson_ptr ok_reply();

/// What a hello or isMaster asked for.
struct hello_request {
    bool legacy_name = false;  ///< isMaster/ismaster: answer `ismaster`, not isWritablePrimary
    bool hello_ok = false;     ///< the client sent `helloOk: true`
    bool sasl_supported_mechs = false;  ///< the client asked `saslSupportedMechs`
};

/// The reply to hello/isMaster: a writable standalone.
[[nodiscard]] bson_ptr hello_reply(const hello_request& request,
                                   std::chrono::system_clock::time_point now,
                                   std::int64_t connection_id);

/// The reply to buildInfo: version 6.0.0.
[[nodiscard]] bson_ptr build_info_reply();

/// The reply to connectionStatus.
[[nodiscard]] bson_ptr connection_status_reply(const std::optional<identity>& authenticated);

}  // namespace mongo_aws::test_server::internal
