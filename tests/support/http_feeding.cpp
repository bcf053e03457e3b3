#include "support/http_feeding.hpp"

namespace mongo_aws::test {
namespace {

std::string describe_headers(const std::vector<http::header>& headers) {
    std::string text = "[";
    for (const auto& field : headers) {
        text += http_escape(field.name) + ": " + http_escape(field.value) + "; ";
    }
    return text + "]";
}

}  // namespace

std::string http_escape(std::string_view bytes) {
    static constexpr std::string_view digits = "0123456789ABCDEF";
    std::string text;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F && c != '\\') {
            text += c;
        } else {
            text += "\\x";
            text += digits[byte >> 4U];
            text += digits[byte & 0x0FU];
        }
    }
    return text;
}

std::string describe(const http::response& message) {
    return "HTTP/1." + std::to_string(message.minor_version) + " " +
           std::to_string(message.status) + " " + http_escape(message.reason) + " " +
           describe_headers(message.headers) + " body " + http_escape(message.body);
}

std::string describe(const http::request& message) {
    return http_escape(message.method) + " " + http_escape(message.target) + " HTTP/1." +
           std::to_string(message.minor_version) + " " + describe_headers(message.headers) +
           " body " + http_escape(message.body);
}

}  // namespace mongo_aws::test
