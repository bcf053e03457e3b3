// The parts of a SigV4 canonical request, each built by its own function.
#pragma once

#include <mongo_aws/sigv4.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mongo_aws::sigv4::detail {

/// Removes `.` and `..` segments and empty segments (`//`), as aws-c-auth does: the result
/// starts with `/` and ends with `/` when the input did; `..` never climbs above the root.
[[nodiscard]] std::string normalize_path(std::string_view path);

/// The canonical URI: the path (`/` when empty), normalised when asked, encoded once more when
/// `double_uri_encode`.
[[nodiscard]] std::string canonical_path(std::string_view path, const options& opts);

/// Canonical headers: `name:value\n` lines sorted by lowercase name, duplicates joined with `,`
/// in the order given; and the signed-headers list `a;b;c`.
struct canonical_headers {
    std::string lines;
    std::string signed_names;
};

/// Canonicalises `headers` (lowercase names; values trimmed and runs of spaces and tabs made one
/// space). Names must already be valid tokens.
[[nodiscard]] canonical_headers canonicalize_headers(const std::vector<header>& headers);

/// The canonical query string: every name and value encoded, sorted by encoded name then value.
[[nodiscard]] std::string canonical_query(
    const std::vector<std::pair<std::string, std::string>>& parameters);

/// Method, path, query, headers, signed headers and payload hash, joined as SigV4 specifies.
[[nodiscard]] std::string canonical_request(std::string_view method, std::string_view path,
                                            std::string_view query,
                                            const canonical_headers& headers,
                                            std::string_view payload_hash);

/// `AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex SHA-256 of the canonical request>`.
[[nodiscard]] std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                                         std::string_view canonical_request);

}  // namespace mongo_aws::sigv4::detail
