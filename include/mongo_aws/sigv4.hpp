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
struct header {
    std::string name;
    std::string value;
};

/// An HTTP request to sign. `path` is raw (not percent-encoded, may hold `..`, `//`, UTF-8);
/// `query` holds decoded name/value pairs in the order given.
struct request {
    std::string method;
    std::string path = "/";
    std::vector<std::pair<std::string, std::string>> query;
    std::vector<header> headers;
    std::string body;
};

/// How to sign.
struct options {
    std::string region;
    std::string service;
    std::chrono::system_clock::time_point timestamp;
    bool normalize_path = true;       ///< remove dot segments and collapse `//` in the path
    bool double_uri_encode = true;    ///< encode each path segment once more (all but S3)
    bool sign_body = false;           ///< add and sign `x-amz-content-sha256`
    bool omit_session_token = false;  ///< add the token after signing, unsigned
    std::chrono::seconds presign_expires{3600};  ///< `X-Amz-Expires` for the query form
};

/// The derived key HMAC(HMAC(HMAC(HMAC("AWS4"+secret, day), region), service), "aws4_request").
/// It depends only on (secret, day, region, service), so callers may cache it for a day.
/// Wiped when destroyed.
class signing_key {
public:
    signing_key() = default;
    signing_key(const signing_key&) = default;
    signing_key& operator=(const signing_key&) = default;
    ~signing_key();

    [[nodiscard]] const std::array<std::uint8_t, 32>& bytes() const noexcept { return bytes_; }

private:
    friend signing_key derive_signing_key(std::string_view, std::string_view, std::string_view,
                                          std::string_view);
    std::array<std::uint8_t, 32> bytes_{};
};

/// Derives the signing key; `day` is `YYYYMMDD`.
[[nodiscard]] signing_key derive_signing_key(std::string_view secret_access_key,
                                             std::string_view day, std::string_view region,
                                             std::string_view service);

/// `YYYYMMDD'T'HHMMSS'Z'` (the X-Amz-Date format) of a UTC time.
[[nodiscard]] std::string amz_date(std::chrono::system_clock::time_point when);

/// Every intermediate of one signature, for tests and diagnostics (none of it is secret).
struct signature_parts {
    std::string canonical_request;
    std::string string_to_sign;
    std::string signed_headers;  ///< `host;x-amz-date;...`
    std::string signature;       ///< lowercase hex
};

/// The outcome of header signing: the headers to add to the request, in order (X-Amz-Date,
/// X-Amz-Security-Token when there is a token, x-amz-content-sha256 when sign_body, then
/// Authorization), plus the intermediates.
struct signed_headers_result {
    std::vector<header> added_headers;
    std::string authorization;  ///< the Authorization header's value
    std::string amz_date;       ///< the X-Amz-Date value used
    signature_parts parts;
};

/// Signs with the `Authorization` header. When `key` is given it must be the key for
/// (credentials' secret, options' day, region, service); otherwise it is derived.
/// Errors (errc::sigv4_invalid_request): an empty method, a header name with a byte outside
/// HTTP's token set, a header value or path with CR, LF or NUL; errc::credentials_incomplete.
result<signed_headers_result> sign_headers(const request& req, const credentials& creds,
                                           const options& opts, const signing_key* key = nullptr);

/// The outcome of presigning: the query parameters to append, in order (X-Amz-Algorithm,
/// X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires, X-Amz-Security-Token,
/// X-Amz-Signature), decoded; plus the intermediates.
struct presigned_query_result {
    std::vector<std::pair<std::string, std::string>> added_query;
    signature_parts parts;
};

/// Signs in the query string (presigned URL form). Same errors as sign_headers.
result<presigned_query_result> presign_query(const request& req, const credentials& creds,
                                             const options& opts, const signing_key* key = nullptr);

/// RFC 3986 percent-encoding as SigV4 wants it: unreserved bytes kept, the rest `%XX` uppercase;
/// with `keep_slash`, `/` is kept (paths).
[[nodiscard]] std::string uri_encode(std::string_view text, bool keep_slash);

}  // namespace mongo_aws::sigv4
