// Errors: one std::error_code category for the whole library, and an `error` value that keeps
// what this library says apart from what a server (MongoDB, STS, a metadata endpoint) said.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <system_error>

namespace mongo_aws {

/// Every failure this library reports. Each rejection has its own code, so that programs can
/// branch on it; the accompanying message (see `error`) says what was wrong and what to check.
enum class errc {
    // (tests/unit/test_error.cpp checks every code up to the last one: keep its bound current)
    // --- The SASL conversation (server-first payload and the order of steps) ---
    server_payload_malformed = 1,  ///< the server-first payload is not a valid BSON document
    server_payload_missing_field,  ///< `s` or `h` is absent from the server-first payload
    server_payload_wrong_type,     ///< `s` is not binary or `h` is not a string
    server_nonce_wrong_length,     ///< `s` is not exactly 64 bytes
    server_nonce_mismatch,         ///< the first 32 bytes of `s` differ from the client nonce
    sts_host_empty,                ///< `h` is empty
    sts_host_too_long,             ///< `h` is longer than 255 bytes
    sts_host_empty_label,          ///< `h` has an empty label (`a..b`)
    sts_host_leading_dot,          ///< `h` starts with `.`
    sts_host_trailing_dot,         ///< `h` ends with `.`
    sts_host_invalid_character,    ///< `h` has a byte that cannot appear in a host name
    conversation_out_of_order,     ///< a conversation step was called before the one it follows
    credentials_incomplete,        ///< access key id or secret access key is empty
    random_bytes_failed,           ///< the CSPRNG could not produce the client nonce
    sasl_payload_too_large,        ///< a SASL payload or command would exceed 16 MiB

    // --- SigV4 ---
    sigv4_invalid_request,           ///< the method or path to sign is malformed
    sigv4_invalid_header_name,       ///< a header name is empty or has a byte outside the token set
    sigv4_invalid_header_value,      ///< a header value has CR, LF or NUL
    sigv4_reserved_header,           ///< the request already has a header the signer adds
    sigv4_missing_host,              ///< the request to sign has no Host header
    sigv4_reserved_query_parameter,  ///< the query already has an X-Amz- signing parameter
    sigv4_invalid_scope,             ///< region or service empty or not `[A-Za-z0-9._-]`
    sigv4_invalid_expires,           ///< X-Amz-Expires outside 1..604800 seconds
    sigv4_invalid_credentials,       ///< access key id or session token unusable in a request

    // --- Wire protocol (OP_MSG, OP_REPLY) and command replies ---
    message_too_short,             ///< fewer bytes than a message header (16) or its fixed fields
    message_length_negative,       ///< the header's messageLength is negative
    message_too_large,             ///< messageLength exceeds maxMessageSizeBytes
    message_length_mismatch,       ///< messageLength differs from the bytes given
    message_unknown_opcode,        ///< an opcode other than OP_MSG or OP_REPLY
    message_response_to_mismatch,  ///< the reply answers another request id
    op_msg_unknown_required_flag,  ///< an OP_MSG flag bit 0-15 this library does not know
    op_msg_unknown_section_kind,   ///< an OP_MSG section kind other than 0 or 1
    op_msg_missing_body,           ///< an OP_MSG without a kind-0 section
    op_msg_duplicate_body,         ///< an OP_MSG with more than one kind-0 section
    op_msg_section_truncated,      ///< a section runs past the end of the message
    op_reply_no_document,          ///< an OP_REPLY with numberReturned == 0
    op_reply_query_failure,        ///< an OP_REPLY with the QueryFailure flag
    bson_length_invalid,           ///< a BSON document's length is < 5 or past the message end
    bson_invalid,                  ///< a BSON document fails validation
    reply_field_missing,           ///< a required command-reply field is absent
    reply_field_wrong_type,        ///< a command-reply field has an unexpected BSON type
    command_failed,                ///< the server answered `ok: 0` (see server code and message)
    message_trailing_bytes,        ///< bytes after the last document an OP_REPLY/OP_QUERY holds
    op_msg_section_malformed,      ///< a kind-1 section too small for, or without, its identifier
    op_msg_missing_database,       ///< a request OP_MSG whose body has no non-empty string `$db`
    op_query_malformed_namespace,  ///< OP_QUERY fullCollectionName unterminated or not `db.coll`
    command_document_invalid,      ///< a command to encode is empty, has `$db`, or a bad database

    // --- Connection string ---
    uri_invalid_scheme,                     ///< not `mongodb://`
    uri_missing_host,                       ///< no host
    uri_invalid_host,                       ///< a malformed host (or IPv6 literal)
    uri_invalid_port,                       ///< a port that is not 1..65535
    uri_invalid_percent_encoding,           ///< `%` not followed by two hex digits
    uri_invalid_userinfo,                   ///< an unescaped reserved character in user or password
    uri_invalid_option,                     ///< an option without `=` or with an invalid value
    uri_username_without_password,          ///< a user name but no password (AWS, SCRAM, PLAIN)
    uri_password_without_username,          ///< a password but no user name
    uri_session_token_without_credentials,  ///< AWS_SESSION_TOKEN without user and password
    uri_invalid_auth_source,              ///< authSource empty, or not `$external` for MONGODB-AWS
    uri_invalid_auth_mechanism,           ///< an unknown mechanism or a rule of one broken
    uri_invalid_auth_mechanism_property,  ///< a malformed or unsupported property
    uri_invalid_character,                ///< a space or control character (a stray newline?)
    uri_invalid_database,                 ///< a database name with a forbidden character

    // --- Credential replies (IMDS, ECS, STS) and timestamps ---
    json_malformed,        ///< not valid JSON
    json_missing_field,    ///< a required field is absent
    json_wrong_type,       ///< a field has an unexpected JSON type
    ec2_code_not_success,  ///< IMDS answered with a `Code` other than `Success`
    sts_error_response,    ///< STS answered with an error document (see server code/message)
    timestamp_invalid,     ///< not an ISO-8601 date-time this library understands
    json_too_large,        ///< a reply body exceeds the size the JSON parsers accept (1 MiB)

    // --- HTTP/1.1 responses ---
    http_malformed_status_line,   ///< the status line is not `HTTP/1.x NNN reason`
    http_malformed_request_line,  ///< the request line is not `METHOD target HTTP/1.x`
    http_malformed_header,        ///< a header line without a name, colon or with bad bytes
    http_headers_too_large,       ///< the status line and headers exceed their cap
    http_invalid_content_length,  ///< Content-Length is not a number, or two disagree
    http_invalid_chunk,           ///< a malformed chunk size or chunk terminator
    http_body_too_large,          ///< the body exceeds its cap
    http_unsupported_encoding,    ///< a Transfer-Encoding other than chunked
    http_incomplete,              ///< the connection closed before the message ended
    http_invalid_request,         ///< a request to serialize carries CR, LF or NUL in a field

    // --- The coroutine layer: deadlines, cancellation, the network ---
    timeout,         ///< the step did not finish before its deadline
    cancelled,       ///< the caller cancelled the operation
    resolve_failed,  ///< the host name could not be resolved
    connect_failed,  ///< no TCP connection could be made
    tls_failed,      ///< the TLS handshake failed (untrusted certificate, wrong host, ...)
    network_error,   ///< reading or writing failed, or the peer closed the connection

    // --- Credential sources: the environment, source selection, metadata requests ---
    env_invalid_number,  ///< a numeric variable (AWS_METADATA_SERVICE_TIMEOUT...) is not usable
    env_invalid_value,   ///< a variable has a value outside its set (true/false, legacy/regional)
    environment_credentials_incomplete,  ///< AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY missing
    no_credentials_found,                ///< no credential source is configured
    source_not_configured,  ///< a request was built for a source the environment does not set
    endpoint_url_invalid,   ///< a URL variable (endpoint override, full URI) is malformed
    region_invalid,         ///< AWS_REGION / AWS_DEFAULT_REGION is not a region name
    container_relative_uri_invalid,         ///< the relative URI has bytes a path cannot hold
    container_address_not_allowed,          ///< a plain-HTTP full URI reaches a foreign address
    container_authorization_token_invalid,  ///< the container token is empty or has control bytes
    imds_token_invalid,          ///< the IMDSv2 token reply is empty or has control bytes
    imds_role_name_invalid,      ///< the IMDS role name is empty, `/`, `..` or control bytes
    web_identity_token_invalid,  ///< the web-identity token file is empty or not text

    // --- The credential provider (coroutine layer) ---
    credentials_expired,            ///< a source answered with credentials already expired
    credential_source_unavailable,  ///< the chosen source has no fetcher in this build
    credential_source_threw,        ///< a fetcher or custom provider threw instead of returning

    // --- URLs of credential endpoints; TLS trust of the HTTP client ---
    url_invalid_scheme,        ///< not `http://` or `https://`
    url_missing_host,          ///< no host after the scheme
    url_invalid_host,          ///< a malformed host name, IPv4 or IPv6 address
    url_invalid_port,          ///< a port that is empty, not a number or not 1..65535
    url_userinfo_not_allowed,  ///< `user@` or `user:password@` before the host
    url_fragment_not_allowed,  ///< a `#fragment`
    url_invalid_target,        ///< a byte that cannot appear in a path or query, or a bad `%XX`
    tls_ca_file_unusable,      ///< the CA file (AWS_CA_BUNDLE, SSL_CERT_FILE) cannot be loaded

    // --- Credential fetchers: token files, endpoint answers ---
    token_file_unreadable,  ///< a token file (web identity, container) cannot be read
    endpoint_http_error,    ///< IMDS, the container endpoint or STS answered an HTTP error status
    imds_token_refused,     ///< IMDS refused the IMDSv2 token request (IMDSv1 only, or disabled)

    // --- connect() ---
    server_too_old,  ///< the server's maxWireVersion is below 9 (MongoDB 4.4, MONGODB-AWS)

    // --- The loopback test server (server/): its users file, the Authorization header ---
    users_file_unreadable,               ///< the users file cannot be opened or read
    users_file_malformed,                ///< not JSON of the documented shape, or too large
    users_file_invalid_entry,            ///< a user lacks a field, or has a bad or unknown one
    users_file_duplicate_access_key_id,  ///< two users share an access key id
    authorization_header_malformed,      ///< not `AWS4-HMAC-SHA256 Credential=.., SignedHeaders=..`
};

/// The category of every `errc` value; its name is "mongo_aws".
const std::error_category& category() noexcept;

/// Makes `errc` values usable as std::error_code (found by argument-dependent lookup).
std::error_code make_error_code(errc code) noexcept;

/// A failure with its explanation. `message` is this library's own text: what was wrong and
/// what to check. `server_message` is what the peer said (MongoDB's errmsg, STS's Message), kept
/// apart because it is not ours; `server_code` is the peer's code when it gave one (MongoDB's
/// numeric code or STS's error code, as text). None of them ever holds a secret.
struct error {
    std::error_code code;
    std::string message;
    std::string server_code;
    std::string server_message;

    /// One line for logs and the CLI: the message, then the server's code and text if any.
    [[nodiscard]] std::string to_string() const;
};

/// Builds an `error` from a code and this library's message.
error make_error(errc code, std::string message);

/// Writes `err.to_string()`.
std::ostream& operator<<(std::ostream& out, const error& err);

/// The enumerator's own name (`"imds_token_refused"`): a stable identifier for machine-read
/// output such as the CLI's --json. "unknown" for a value outside the enumeration.
[[nodiscard]] std::string_view name_of(errc code) noexcept;

/// name_of() for an error of this library's category; for another category (std::errc...),
/// its category name and value (`"system:111"`).
[[nodiscard]] std::string code_name(const std::error_code& code);

}  // namespace mongo_aws

template <>
struct std::is_error_code_enum<mongo_aws::errc> : std::true_type {};
