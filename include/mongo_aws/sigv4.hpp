// AWS Signature Version 4 (header and presigned-query forms), sans I/O.
// Conformance: every case of AWS's own SigV4 test suite (aws-c-auth) matches byte for byte.
#pragma once

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mongo_aws::sigv4 {

/// One HTTP header as given (name case and value kept; canonicalisation happens when signing).
/// A value is one line: a folded (obs-fold) value must be unfolded first, each fold replaced by
/// a space, as RFC 9112 section 5.2 asks of a recipient.
struct header {
    std::string name;   ///< e.g. `Host`; a token (RFC 9110), any case
    std::string value;  ///< one line, as sent; no CR, LF or NUL
};

/// An HTTP request to sign.
/// `path` is the path as it appears in the request line, before `?` (empty means `/`). The signer
/// does not decode it: with `double_uri_encode` it percent-encodes it once more, as AWS does for
/// every service but S3, so a path with a byte outside RFC 3986's unreserved set (a space, UTF-8)
/// is signed as if it were sent encoded once. `query` holds decoded name/value pairs in the order
/// given. Every header given is signed; there must be a `Host` header.
struct request {
    std::string method;                                      ///< e.g. `POST`
    std::string path = "/";                                  ///< as in the request line
    std::vector<std::pair<std::string, std::string>> query;  ///< decoded name/value pairs
    std::vector<header> headers;                             ///< all signed; Host required
    std::string body;                                        ///< hashed into the signature
};

/// How to sign.
struct options {
    std::string region;   ///< e.g. `us-east-1`: letters, digits, `-`, `_`, `.`
    std::string service;  ///< e.g. `sts`: letters, digits, `-`, `_`, `.`
    std::chrono::system_clock::time_point timestamp;  ///< the signing time (X-Amz-Date, day)
    bool normalize_path = true;       ///< remove dot segments and collapse `//` in the path
    bool double_uri_encode = true;    ///< encode each path segment once more (all but S3)
    bool sign_body = false;           ///< header form: add and sign `x-amz-content-sha256`
    bool omit_session_token = false;  ///< add the token after signing, unsigned
    std::chrono::seconds presign_expires{3600};  ///< `X-Amz-Expires` for the query form: 1..604800
};

/// The derived key HMAC(HMAC(HMAC(HMAC("AWS4"+secret, day), region), service), "aws4_request").
/// It depends only on (secret, day, region, service), so callers may cache it for a day.
/// It remembers its day, region and service (not its secret): signing with a key whose scope
/// differs from the request's derives the right key instead (a key cached past midnight UTC
/// still signs correctly). Wiped when destroyed.
class signing_key {
public:
    /// An empty key: it matches no scope, so signing with it derives a key.
    signing_key() = default;
    /// Copies the key bytes and scope.
    signing_key(const signing_key&) = default;
    /// Copies the key bytes and scope.
    signing_key& operator=(const signing_key&) = default;
    /// Wipes the key bytes (OPENSSL_cleanse).
    ~signing_key();

    /// The 32 key bytes.
    [[nodiscard]] const std::array<std::uint8_t, 32>& bytes() const noexcept { return bytes_; }

    /// True when this key was derived for `day` (`YYYYMMDD`), `region` and `service`. A
    /// default-constructed key matches nothing.
    [[nodiscard]] bool matches(std::string_view day, std::string_view region,
                               std::string_view service) const noexcept;

private:
    friend signing_key derive_signing_key(std::string_view, std::string_view, std::string_view,
                                          std::string_view);
    std::array<std::uint8_t, 32> bytes_{};
    std::string day_;
    std::string region_;
    std::string service_;
};

/// Derives the signing key; `day` is `YYYYMMDD`.
[[nodiscard]] signing_key derive_signing_key(std::string_view secret_access_key,
                                             std::string_view day, std::string_view region,
                                             std::string_view service);

/// `YYYYMMDD'T'HHMMSS'Z'` (the X-Amz-Date format) of a UTC time.
[[nodiscard]] std::string amz_date(std::chrono::system_clock::time_point when);

/// Every intermediate of one signature, for tests and diagnostics. None of it holds the secret
/// key; `canonical_request` holds the session token when the token is signed.
struct signature_parts {
    std::string canonical_request;  ///< method, path, query, headers, signed headers, body hash
    std::string string_to_sign;     ///< algorithm, date, scope, canonical request hash
    std::string signed_headers;     ///< `host;x-amz-date;...`
    std::string signature;          ///< lowercase hex
};

/// The outcome of header signing: the headers to add to the request, in order (X-Amz-Date,
/// X-Amz-Security-Token when there is a token, x-amz-content-sha256 when sign_body, then
/// Authorization), plus the intermediates.
struct signed_headers_result {
    std::vector<header> added_headers;  ///< to send after the request's own headers
    std::string authorization;          ///< the Authorization header's value
    std::string amz_date;               ///< the X-Amz-Date value used
    signature_parts parts;              ///< the intermediates
};

/// Signs with the `Authorization` header. `key`, when given and derived for the options' day,
/// region and service, is used instead of deriving one; it must come from the credentials'
/// secret (the key does not remember the secret, so it cannot tell).
/// Errors: errc::credentials_incomplete (no access key id or secret);
/// errc::sigv4_invalid_credentials (an access key id that cannot go in a credential scope, a
/// session token with a control byte); errc::sigv4_invalid_scope (region or service);
/// errc::sigv4_invalid_request (an empty or non-token method; a path not starting with `/` or
/// holding `?`, `#`, CR, LF or NUL); errc::sigv4_invalid_header_name (empty or a byte outside
/// HTTP's token set); errc::sigv4_invalid_header_value (CR, LF or NUL);
/// errc::sigv4_reserved_header (Authorization, X-Amz-Date, X-Amz-Security-Token or
/// x-amz-content-sha256 already present: the signer adds them); errc::sigv4_missing_host;
/// errc::sigv4_reserved_query_parameter (an `X-Amz-` signing parameter in the query).
result<signed_headers_result> sign_headers(const request& req, const credentials& creds,
                                           const options& opts, const signing_key* key = nullptr);

/// The outcome of presigning: the query parameters to append, in order (X-Amz-Algorithm,
/// X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires, X-Amz-Security-Token,
/// X-Amz-Signature), decoded (see encode_query); plus the intermediates.
struct presigned_query_result {
    std::vector<std::pair<std::string, std::string>> added_query;  ///< after the request's own
    signature_parts parts;                                         ///< the intermediates
};

/// Signs in the query string (presigned URL form); the body is hashed, `sign_body` is not used.
/// Same errors as sign_headers, and errc::sigv4_invalid_expires when `presign_expires` is
/// outside 1..604800 seconds.
result<presigned_query_result> presign_query(const request& req, const credentials& creds,
                                             const options& opts, const signing_key* key = nullptr);

/// RFC 3986 percent-encoding as SigV4 wants it: unreserved bytes kept, the rest `%XX` uppercase;
/// with `keep_slash`, `/` is kept (paths).
[[nodiscard]] std::string uri_encode(std::string_view text, bool keep_slash);

/// `name=value&name=value` in the order given, each name and value uri_encode()d (slash
/// encoded too): the query string of a request, or what to append after presign_query.
[[nodiscard]] std::string encode_query(
    const std::vector<std::pair<std::string, std::string>>& parameters);

}  // namespace mongo_aws::sigv4
