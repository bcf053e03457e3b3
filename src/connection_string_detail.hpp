// The pieces of the connection-string parser (src/connection_string*.cpp), private to it.
#pragma once

#include <mongo_aws/connection_string.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/secret.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::uri_detail {

// --- Text (connection_string_text.cpp) ---

/// True when `a` and `b` are equal ignoring the case of ASCII letters.
bool iequals(std::string_view a, std::string_view b) noexcept;

/// True when `text` has a byte below 0x20 or DEL.
bool has_control_character(std::string_view text) noexcept;

/// `a, b, c`: a list of names for a message.
std::string joined(std::span<const std::string_view> names);

/// Decodes `%XX` escapes (`+` stays a plus sign). On a `%` not followed by two hex digits, the
/// error (errc::uri_invalid_percent_encoding) names `what` ("the password") and the offset but
/// never quotes the text, which may be a secret.
result<std::string> percent_decode(std::string_view encoded, std::string_view what);

/// The same, for a secret: the decoded bytes go straight into a secret_string and the
/// temporary buffer is wiped.
result<secret_string> percent_decode_secret(std::string_view encoded, std::string_view what);

// --- Host list (connection_string_hosts.cpp) ---

/// Parses `host1[:port1][,host2[:port2]...]`: host names, IPv4 addresses and bracketed IPv6
/// literals; the default port is 27017.
result<std::vector<host_address>> parse_host_list(std::string_view host_info);

// --- Options (connection_string_options.cpp) ---

/// The authentication options, kept for the credential step (connection_string_auth.cpp).
struct auth_options {
    std::optional<std::string> mechanism;  ///< authMechanism, decoded
    std::optional<std::string> source;     ///< authSource, decoded (never empty)
    /// authMechanismProperties as written: entries are split on `,` and `:` before decoding, so
    /// that an encoded `%2C` or `%3A` stays inside a value.
    std::optional<std::string_view> properties;
};

/// Everything the query part (after `?`) says.
struct parsed_options {
    auth_options auth;
    std::optional<bool> tls;  ///< after parsing: tls, or else ssl (they must agree)
    std::optional<bool> ssl;
    std::optional<std::string> tls_ca_file;
    std::optional<std::chrono::milliseconds> connect_timeout;
    std::optional<std::chrono::milliseconds> timeout;
    std::vector<uri_option> other;
    std::vector<std::string> warnings;
};

/// Parses `key=value&key=value...`. The result's `auth.properties` points into `query`.
result<parsed_options> parse_options(std::string_view query);

// --- authMechanismProperties (connection_string_properties.cpp) ---

/// One `KEY:value` entry, its name decoded, its value still percent-encoded: it is decoded only
/// once its property is known, so that a secret one (AWS_SESSION_TOKEN) goes straight into a
/// secret_string.
struct raw_property {
    std::string name;
    std::string_view raw_value;
};

/// Splits `KEY:value,KEY:value` on `,` and on the first `:` of each entry (a value may hold
/// more). An empty entry, an entry without `:` or without a name is refused, never quoted.
result<std::vector<raw_property>> split_properties(std::string_view raw);

/// Adds `properties` to `credential` under their canonical names from `known` (matched
/// without regard to case): AWS_SESSION_TOKEN into `aws_session_token`, the others into
/// `mechanism_properties`. Refuses a name `mechanism` does not know, a name given twice, and an
/// empty value or one with a control character.
result<void> take_properties(const std::vector<raw_property>& properties,
                             std::span<const std::string_view> known, auth_mechanism mechanism,
                             uri_credential& credential);

// --- Credential (connection_string_auth.cpp) ---

/// What the user information and the options say about authentication, decoded.
struct auth_inputs {
    bool has_userinfo = false;  ///< the connection string has an `@`
    std::optional<std::string> username;
    std::optional<secret_string> password;
    std::string_view database;  ///< decoded default database, the source of some mechanisms
};

/// Applies the auth specification: whether there is a credential, its mechanism's rules, its
/// source and properties.
result<std::optional<uri_credential>> build_credential(auth_inputs inputs,
                                                       const auth_options& options);

}  // namespace mongo_aws::uri_detail
