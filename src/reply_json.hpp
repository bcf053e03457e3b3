// What the credential-reply parsers share: bounded, padded simdjson parsing whose buffers are
// wiped afterwards, and field lookups whose errors name the field's path but never its value.
#pragma once

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/timestamp.hpp>

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace mongo_aws::detail {

/// Where a reply came from, for messages.
struct reply_source {
    std::string_view name;    ///< e.g. "EC2 instance metadata role credentials reply"
    std::string_view advice;  ///< what to check when the reply has the wrong shape
};

/// One parsed JSON reply. simdjson reads up to SIMDJSON_PADDING bytes past the end of its input,
/// so the body is copied into a simdjson::padded_string (after the size check) rather than
/// parsed in place. That copy, and every string simdjson unescaped into its own buffer, may
/// hold a secret: the destructor wipes the copy always, and the strings when the parse
/// succeeded (after a failure simdjson does not say how much of its buffer it wrote, so that
/// buffer is freed as it is). Not copyable or movable (the elements it hands out point into it).
class json_reply {
public:
    explicit json_reply(const reply_source& source) noexcept : source_(source) {}
    json_reply(const json_reply&) = delete;
    json_reply& operator=(const json_reply&) = delete;
    ~json_reply();

    /// Parses `body`. Errors: errc::json_too_large (more than max_credential_reply_size),
    /// errc::json_malformed (empty, not JSON, or nested deeper than 64 levels). Throws
    /// std::bad_alloc when memory runs out, as the rest of the library does.
    [[nodiscard]] std::optional<error> parse(std::string_view body);

    /// The top-level value as an object; errc::json_wrong_type when it is anything else.
    [[nodiscard]] result<simdjson::dom::object> root_object() const;

    /// `key` of `object` when present, null included (keys are case-sensitive; a repeated key
    /// yields its first value). In the functions below, `parent` is the object's path.
    [[nodiscard]] std::optional<simdjson::dom::element> find(simdjson::dom::object object,
                                                             std::string_view key) const;

    /// A required string: errc::json_missing_field when absent, json_wrong_type when another
    /// type (null included).
    [[nodiscard]] result<std::string_view> required_string(simdjson::dom::object object,
                                                           std::string_view parent,
                                                           std::string_view key) const;

    /// An optional string: absent and null give nullopt; another type is json_wrong_type.
    [[nodiscard]] result<std::optional<std::string_view>> optional_string(
        simdjson::dom::object object, std::string_view parent, std::string_view key) const;

    /// A required object, as required_string.
    [[nodiscard]] result<simdjson::dom::object> required_object(simdjson::dom::object object,
                                                                std::string_view parent,
                                                                std::string_view key) const;

    /// An optional object, as optional_string.
    [[nodiscard]] result<std::optional<simdjson::dom::object>> optional_object(
        simdjson::dom::object object, std::string_view parent, std::string_view key) const;

    /// A required ISO-8601 string (see parse_iso8601); errc::timestamp_invalid names the field.
    [[nodiscard]] result<time_point> required_iso8601(simdjson::dom::object object,
                                                      std::string_view parent,
                                                      std::string_view key) const;

    /// `AccessKeyId`, `SecretAccessKey` and the session token named `token_key` of `object`:
    /// each required, a string and not empty (errc::credentials_incomplete when empty).
    [[nodiscard]] result<credentials> required_temporary_credentials(
        simdjson::dom::object object, std::string_view parent, std::string_view token_key) const;

    /// errc::json_missing_field naming `path`.
    [[nodiscard]] error missing_field(std::string_view path) const;

    /// errc::json_wrong_type naming `path`, the type found and the type expected.
    [[nodiscard]] error wrong_type(std::string_view path, simdjson::dom::element found,
                                   std::string_view expected) const;

private:
    reply_source source_;
    simdjson::padded_string copy_;
    simdjson::dom::parser parser_;
    simdjson::dom::element root_;
    bool parsed_ = false;
};

/// `parent.key`, or `key` at the top level.
[[nodiscard]] std::string field_path(std::string_view parent, std::string_view key);

/// "a string", "an object", "a number", ... for messages.
[[nodiscard]] std::string_view describe_json_type(simdjson::dom::element_type type) noexcept;

}  // namespace mongo_aws::detail
