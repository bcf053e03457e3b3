// Reading a command's reply document: `ok`, the error fields, and the SASL fields; and turning
// `ok: 0` into an error that says what to check. (A SASL reply as a whole: sasl_commands.hpp.)
#pragma once

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/error.hpp>
#include <mongo_aws/result.hpp>

#include <bson/bson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws {

/// The fields of a command reply this library reads. Only `ok` is required; each other field is
/// read when present and must then have one of the types listed.
struct command_reply {
    /// `ok` is true or a non-zero number (double, int32, int64 or bool, all accepted as drivers
    /// do); a NaN counts as not ok.
    bool ok = false;
    std::optional<std::string> errmsg;                 ///< `errmsg`: string
    std::optional<std::int32_t> code;                  ///< `code`: int32, int64 or double, integral
    std::optional<std::string> code_name;              ///< `codeName`: string
    std::optional<std::int64_t> conversation_id;       ///< `conversationId`: int32 or int64
    std::optional<bool> done;                          ///< `done`: bool
    std::optional<std::vector<std::uint8_t>> payload;  ///< `payload`: binary, any subtype
};

/// Reads the fields of `reply`. Errors: no `ok` → errc::reply_field_missing; a field of
/// another type (or a `code` outside int32 or not integral) → errc::reply_field_wrong_type,
/// the message naming the field and the type found.
[[nodiscard]] result<command_reply> parse_command_reply(const bson_t& reply);

/// parse_command_reply on a decoded document (e.g. wire::reply::body()).
[[nodiscard]] result<command_reply> parse_command_reply(const bson_document& reply);

/// Success when `reply.ok`; otherwise command_failure(reply, command_name).
[[nodiscard]] result<void> check_ok(const command_reply& reply, std::string_view command_name);

/// The error for an `ok: 0` reply to `command_name` (e.g. "saslContinue"): errc::command_failed;
/// server_code the numeric `code` as text (empty when absent); server_message `errmsg`, at most
/// 512 bytes with non-printable bytes escaped; message naming the command, the server's
/// codeName, and what to check (for 18 AuthenticationFailed: the credentials, the clock, the
/// region, the user in `$external` named after the IAM ARN or, for an assumed role, the role
/// ARN).
[[nodiscard]] error command_failure(const command_reply& reply, std::string_view command_name);

}  // namespace mongo_aws
