// The first line of a message: a response's status line or a request's line.
#include "http_head_lines.hpp"
#include "http_syntax.hpp"

namespace mongo_aws::http::detail {
namespace {

constexpr std::size_t version_length = 8;  // "HTTP/1.1"

// The minor version of `HTTP/1.0` or `HTTP/1.1` (HTTP-name is case-sensitive), else -1.
int http_1_minor_version(std::string_view text) noexcept {
    if (text == "HTTP/1.1") {
        return 1;
    }
    if (text == "HTTP/1.0") {
        return 0;
    }
    return -1;
}

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

error bad_status_line(std::string_view line, std::string_view problem) {
    return make_error(errc::http_malformed_status_line,
                      "HTTP response status line " + quote_untrusted(line, max_quoted_bytes) + " " +
                          std::string(problem));
}

error bad_request_line(std::string_view problem) {
    return make_error(errc::http_malformed_request_line,
                      "HTTP request line " + std::string(problem));
}

}  // namespace

result<status_line> parse_status_line(std::string_view line) {
    status_line parsed;
    parsed.minor_version = http_1_minor_version(line.substr(0, version_length));
    if (parsed.minor_version < 0) {
        return bad_status_line(line, "does not start with HTTP/1.0 or HTTP/1.1");
    }
    if (line.size() == version_length || line[version_length] != ' ') {
        return bad_status_line(line, "lacks the space after the HTTP version");
    }
    const auto code = line.substr(version_length + 1, 3);
    constexpr std::size_t code_end = version_length + 4;
    if (code.size() != 3 || !is_digit(code[0]) || !is_digit(code[1]) || !is_digit(code[2]) ||
        (line.size() > code_end && line[code_end] != ' ')) {
        return bad_status_line(line, "does not have a 3-digit status code followed by a space");
    }
    parsed.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    if (parsed.status < 100 || parsed.status > 599) {
        return bad_status_line(line, "has a status code outside 100..599");
    }
    parsed.reason = line.size() > code_end ? line.substr(code_end + 1) : std::string_view{};
    if (const auto bad = find_control_byte(parsed.reason); bad != std::string_view::npos) {
        return bad_status_line(line,
                               "has control byte " +
                                   describe_byte(static_cast<unsigned char>(parsed.reason[bad])) +
                                   " in its reason phrase");
    }
    return parsed;
}

result<request_line> parse_request_line(std::string_view line) {
    if (line.empty()) {
        return bad_request_line("is empty (a stray CRLF before the request?)");
    }
    request_line parsed;
    const auto method_length = token_prefix_length(line);
    if (method_length == 0) {
        return bad_request_line("does not start with a method: found byte " +
                                describe_byte(static_cast<unsigned char>(line[0])));
    }
    parsed.method = line.substr(0, method_length);
    if (method_length == line.size() || line[method_length] != ' ') {
        return bad_request_line(
            "has " +
            (method_length == line.size()
                 ? std::string("nothing")
                 : "byte " + describe_byte(static_cast<unsigned char>(line[method_length]))) +
            " after the method " + quote_untrusted(parsed.method, max_quoted_bytes) +
            " where a space belongs");
    }
    // The version is found from the end, so that a space inside the target is reported as such.
    const auto rest = line.substr(method_length + 1);
    if (rest.size() < version_length + 2 || rest[rest.size() - version_length - 1] != ' ' ||
        http_1_minor_version(rest.substr(rest.size() - version_length)) < 0) {
        return bad_request_line("does not end with a target, a space and HTTP/1.0 or HTTP/1.1");
    }
    parsed.minor_version = http_1_minor_version(rest.substr(rest.size() - version_length));
    parsed.target = rest.substr(0, rest.size() - version_length - 1);
    for (std::size_t i = 0; i < parsed.target.size(); ++i) {
        const auto byte = static_cast<unsigned char>(parsed.target[i]);
        if (byte <= 0x20 || byte >= 0x7F) {
            return bad_request_line("has byte " + describe_byte(byte) + " at offset " +
                                    std::to_string(i) +
                                    " of its target (targets are visible ASCII, percent-encoded)");
        }
    }
    return parsed;
}

}  // namespace mongo_aws::http::detail
