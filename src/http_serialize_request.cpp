// The bytes of a request. Every field is checked first: a CR or LF in a header value would let
// the value (perhaps a token read from a file) inject headers or split the request.
#include "http_syntax.hpp"

#include <mongo_aws/http_request.hpp>

namespace mongo_aws::http {
namespace {

using detail::describe_byte;
using detail::iequals;
using detail::max_quoted_bytes;
using detail::quote_untrusted;

constexpr std::size_t max_quoted_name = 40;

error invalid(const std::string& problem) {
    return make_error(errc::http_invalid_request, "HTTP request " + problem);
}

result<void> check_request_line(const request& req) {
    if (!detail::is_token(req.method)) {
        return invalid("method " + quote_untrusted(req.method, max_quoted_name) +
                       (req.method.empty() ? " is empty" : " is not a token"));
    }
    if (req.target.empty()) {
        return invalid("target is empty");
    }
    // The target may carry a presigned query: report the offending byte, not the target.
    for (std::size_t i = 0; i < req.target.size(); ++i) {
        const auto byte = static_cast<unsigned char>(req.target[i]);
        if (byte <= 0x20 || byte >= 0x7F) {
            return invalid("target has byte " + describe_byte(byte) + " at offset " +
                           std::to_string(i) + " (a target is visible ASCII, percent-encoded)");
        }
    }
    if (req.minor_version != 0 && req.minor_version != 1) {
        return invalid("version HTTP/1." + std::to_string(req.minor_version) +
                       " is neither HTTP/1.0 nor HTTP/1.1");
    }
    return {};
}

result<void> check_header(const header& field) {
    if (!detail::is_token(field.name)) {
        return invalid("header name " + quote_untrusted(field.name, max_quoted_name) +
                       (field.name.empty() ? " is empty" : " is not a token"));
    }
    const std::string_view value = field.value;
    if (const auto bad = detail::find_control_byte(value); bad != std::string_view::npos) {
        return invalid("header " + quote_untrusted(field.name, max_quoted_bytes) +
                       " has control byte " +
                       describe_byte(static_cast<unsigned char>(value[bad])) + " at offset " +
                       std::to_string(bad) + " of its value (the value is not shown)");
    }
    if (!value.empty() && (detail::is_ows(static_cast<unsigned char>(value.front())) ||
                           detail::is_ows(static_cast<unsigned char>(value.back())))) {
        return invalid("header " + quote_untrusted(field.name, max_quoted_bytes) +
                       " has leading or trailing whitespace in its value (the value is not shown)");
    }
    return {};
}

bool method_defines_content(std::string_view method) {
    return method == "POST" || method == "PUT" || method == "PATCH";
}

// Checks the headers as a whole; true when Content-Length must be added.
result<bool> check_headers(const request& req) {
    int hosts = 0;
    const header* content_length = nullptr;
    for (const auto& field : req.headers) {
        if (auto checked = check_header(field); !checked) {
            return std::move(checked).error();
        }
        if (iequals(field.name, "Host")) {
            ++hosts;
            if (field.value.empty()) {
                return invalid("Host header is empty");
            }
        } else if (iequals(field.name, "Transfer-Encoding")) {
            return invalid(
                "has a Transfer-Encoding header: this serializer frames bodies "
                "with Content-Length only");
        } else if (iequals(field.name, "Content-Length")) {
            if (content_length != nullptr) {
                return invalid("has two Content-Length headers");
            }
            content_length = &field;
        }
    }
    if (hosts != 1) {
        return invalid(hosts == 0 ? "has no Host header (HTTP/1.1 requires one)"
                                  : "has more than one Host header");
    }
    if (content_length != nullptr) {
        if (content_length->value != std::to_string(req.body.size())) {
            return invalid("Content-Length " + quote_untrusted(content_length->value, 24) +
                           " differs from the body's size, " + std::to_string(req.body.size()) +
                           " bytes");
        }
        return false;
    }
    return !req.body.empty() || method_defines_content(req.method);
}

}  // namespace

result<std::string> serialize_request(const request& req) {
    if (auto checked = check_request_line(req); !checked) {
        return std::move(checked).error();
    }
    auto add_content_length = check_headers(req);
    if (!add_content_length) {
        return std::move(add_content_length).error();
    }

    std::string out;
    std::size_t size = req.method.size() + req.target.size() + 16 + req.body.size() + 32;
    for (const auto& field : req.headers) {
        size += field.name.size() + field.value.size() + 4;
    }
    out.reserve(size);
    out.append(req.method).append(" ").append(req.target).append(" HTTP/1.");
    out += static_cast<char>('0' + req.minor_version);
    out.append("\r\n");
    for (const auto& field : req.headers) {
        out.append(field.name).append(": ").append(field.value).append("\r\n");
    }
    if (*add_content_length) {
        out.append("Content-Length: ").append(std::to_string(req.body.size())).append("\r\n");
    }
    out.append("\r\n").append(req.body);
    return out;
}

}  // namespace mongo_aws::http
