#include "sigv4_validate.hpp"

#include "quote_untrusted.hpp"

#include <array>
#include <climits>
#include <cstddef>
#include <string>
#include <string_view>

namespace mongo_aws::sigv4::detail {
namespace {

// Untrusted text in a message: quote_untrusted(), and how long the text was when it is cut (a
// 10,000-byte path is itself the clue).
std::string quoted(std::string_view text) {
    constexpr std::size_t limit = 64;
    std::string out = mongo_aws::detail::quote_untrusted(text, limit);
    if (text.size() > limit) {
        out +=
            " (first " + std::to_string(limit) + " of " + std::to_string(text.size()) + " bytes)";
    }
    return out;
}

bool is_token_byte(unsigned char byte) noexcept {
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9')) {
        return true;
    }
    constexpr std::string_view specials = "!#$%&'*+-.^_`|~";
    return specials.find(static_cast<char>(byte)) != std::string_view::npos;
}

bool is_scope_byte(unsigned char byte) noexcept {
    return (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
           (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.';
}

bool is_line_break_or_nul(char character) noexcept {
    return character == '\r' || character == '\n' || character == '\0';
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t index = 0; index < a.size(); ++index) {
        auto left = static_cast<unsigned char>(a[index]);
        auto right = static_cast<unsigned char>(b[index]);
        if (left >= 'A' && left <= 'Z') {
            left = static_cast<unsigned char>(left - 'A' + 'a');
        }
        if (right >= 'A' && right <= 'Z') {
            right = static_cast<unsigned char>(right - 'A' + 'a');
        }
        if (left != right) {
            return false;
        }
    }
    return true;
}

// Returns the offset of the first byte for which `bad` holds, or npos.
template <class Predicate>
std::size_t find_bad(std::string_view text, Predicate bad) {
    for (std::size_t index = 0; index < text.size(); ++index) {
        if (bad(text[index])) {
            return index;
        }
    }
    return std::string_view::npos;
}

result<void> validate_method(std::string_view method) {
    if (method.empty()) {
        return make_error(errc::sigv4_invalid_request,
                          "cannot sign a request without a method: set request.method (e.g. "
                          "\"POST\")");
    }
    const auto bad = find_bad(method, [](char character) {
        return !is_token_byte(static_cast<unsigned char>(character));
    });
    if (bad != std::string_view::npos) {
        return make_error(errc::sigv4_invalid_request,
                          "the method " + quoted(method) + " has a byte outside HTTP's token set " +
                              "at offset " + std::to_string(bad) +
                              ": a method is a token such as " + "GET or POST");
    }
    return {};
}

result<void> validate_path(std::string_view path) {
    const auto line_break = find_bad(path, is_line_break_or_nul);
    if (line_break != std::string_view::npos) {
        return make_error(errc::sigv4_invalid_request,
                          "the path " + quoted(path) + " has a CR, LF or NUL byte at offset " +
                              std::to_string(line_break) + ": it cannot go in a request line");
    }
    if (!path.empty() && path.front() != '/') {
        return make_error(errc::sigv4_invalid_request,
                          "the path " + quoted(path) + " does not start with '/': give the path " +
                              "of the request line, without scheme or host");
    }
    if (path.find('?') != std::string_view::npos) {
        return make_error(errc::sigv4_invalid_request, "the path " + quoted(path) +
                                                           " holds '?': pass query parameters in " +
                                                           "request.query, not in the path");
    }
    if (path.find('#') != std::string_view::npos) {
        return make_error(
            errc::sigv4_invalid_request,
            "the path " + quoted(path) + " holds '#': a fragment is never sent, " + "remove it");
    }
    return {};
}

// Headers the signer adds itself: a second copy would be signed and sent twice.
constexpr std::array<std::string_view, 4> reserved_headers = {
    "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "x-amz-content-sha256"};

result<void> validate_header(const header& entry, std::size_t position) {
    if (entry.name.empty()) {
        return make_error(errc::sigv4_invalid_header_name,
                          "header #" + std::to_string(position + 1) + " has an empty name");
    }
    const auto bad_name = find_bad(entry.name, [](char character) {
        return !is_token_byte(static_cast<unsigned char>(character));
    });
    if (bad_name != std::string_view::npos) {
        return make_error(errc::sigv4_invalid_header_name,
                          "the header name " + quoted(entry.name) + " has a byte outside " +
                              "HTTP's token set at offset " + std::to_string(bad_name) +
                              " (no spaces, colons or control bytes)");
    }
    // The value itself is not quoted: it may be a credential of some other scheme.
    const auto bad_value = find_bad(entry.value, is_line_break_or_nul);
    if (bad_value != std::string_view::npos) {
        return make_error(errc::sigv4_invalid_header_value,
                          "the value of header " + quoted(entry.name) + " has a CR, LF or NUL " +
                              "byte at offset " + std::to_string(bad_value) + ": a folded value " +
                              "must be unfolded first (each line break and the whitespace after " +
                              "it replaced by one space)");
    }
    for (const auto reserved : reserved_headers) {
        if (iequals(entry.name, reserved)) {
            return make_error(errc::sigv4_reserved_header,
                              "the request already has a " + std::string(reserved) +
                                  " header: the signer adds it, remove it from request.headers");
        }
    }
    return {};
}

constexpr std::array<std::string_view, 7> reserved_parameters = {
    "X-Amz-Algorithm", "X-Amz-Credential",     "X-Amz-Date",     "X-Amz-SignedHeaders",
    "X-Amz-Expires",   "X-Amz-Security-Token", "X-Amz-Signature"};

}  // namespace

result<void> validate_credentials(const credentials& creds) {
    if (creds.access_key_id.empty()) {
        return make_error(errc::credentials_incomplete,
                          "cannot sign without an access key id: the credentials have none");
    }
    if (creds.secret_access_key.empty()) {
        return make_error(errc::credentials_incomplete,
                          "cannot sign without a secret access key: the credentials have none");
    }
    // "AWS4" + secret is an HMAC key, whose length OpenSSL takes as an int.
    if (creds.secret_access_key.size() > static_cast<std::size_t>(INT_MAX) - 4) {
        return make_error(errc::sigv4_invalid_credentials,
                          "the secret access key is longer than 2 GiB: it cannot be a real key");
    }
    const auto bad_key_id = find_bad(creds.access_key_id, [](char character) {
        const auto byte = static_cast<unsigned char>(character);
        return byte <= 0x20 || byte >= 0x7F || byte == '/' || byte == ',';
    });
    if (bad_key_id != std::string_view::npos) {
        return make_error(errc::sigv4_invalid_credentials,
                          "the access key id " + redact_access_key_id(creds.access_key_id) +
                              " has a space, '/', ',', control or non-ASCII byte at offset " +
                              std::to_string(bad_key_id) + ": check for stray whitespace or a " +
                              "newline where it was read from");
    }
    const auto bad_token = find_bad(creds.session_token.reveal(), [](char character) {
        const auto byte = static_cast<unsigned char>(character);
        return byte < 0x20 || byte == 0x7F;
    });
    if (bad_token != std::string_view::npos) {
        return make_error(errc::sigv4_invalid_credentials,
                          "the session token has a control byte at offset " +
                              std::to_string(bad_token) + " (often a trailing newline from the " +
                              "file or variable it was read from)");
    }
    return {};
}

result<void> validate_scope(const options& opts) {
    const std::pair<std::string_view, std::string_view> parts[] = {{"region", opts.region},
                                                                   {"service", opts.service}};
    for (const auto& [what, value] : parts) {
        if (value.empty()) {
            return make_error(errc::sigv4_invalid_scope,
                              "no " + std::string(what) + " given: set options." +
                                  std::string(what) + " (e.g. " +
                                  (what == "region" ? "us-east-1" : "sts") + ")");
        }
        const auto bad = find_bad(value, [](char character) {
            return !is_scope_byte(static_cast<unsigned char>(character));
        });
        if (bad != std::string_view::npos) {
            return make_error(errc::sigv4_invalid_scope,
                              "the " + std::string(what) + " " + quoted(value) + " has a byte " +
                                  "other than a letter, digit, '-', '_' or '.' at offset " +
                                  std::to_string(bad));
        }
    }
    return {};
}

result<void> validate_request(const request& req) {
    if (auto method = validate_method(req.method); !method) {
        return method;
    }
    if (auto path = validate_path(req.path); !path) {
        return path;
    }
    bool has_host = false;
    for (std::size_t index = 0; index < req.headers.size(); ++index) {
        if (auto checked = validate_header(req.headers[index], index); !checked) {
            return checked;
        }
        has_host = has_host || iequals(req.headers[index].name, "Host");
    }
    if (!has_host) {
        return make_error(errc::sigv4_missing_host,
                          "the request has no Host header: SigV4 always signs the host, add "
                          "\"Host: <the endpoint's host name>\" to request.headers");
    }
    for (const auto& parameter : req.query) {
        for (const auto reserved : reserved_parameters) {
            if (iequals(parameter.first, reserved)) {
                return make_error(errc::sigv4_reserved_query_parameter,
                                  "the query already has " + std::string(reserved) +
                                      ": remove the parameters of an earlier signature before "
                                      "signing again");
            }
        }
    }
    return {};
}

result<void> validate_expires(const options& opts) {
    constexpr std::chrono::seconds longest{604800};  // 7 days: the most AWS accepts
    if (opts.presign_expires.count() < 1 || opts.presign_expires > longest) {
        return make_error(errc::sigv4_invalid_expires,
                          "X-Amz-Expires of " + std::to_string(opts.presign_expires.count()) +
                              " seconds is outside 1..604800 (7 days), the range AWS accepts");
    }
    return {};
}

}  // namespace mongo_aws::sigv4::detail
