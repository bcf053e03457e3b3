// Percent-encoding as SigV4 wants it (RFC 3986 unreserved set, uppercase hex).
#include <mongo_aws/sigv4.hpp>

namespace mongo_aws::sigv4 {
namespace {

bool is_unreserved(unsigned char byte) noexcept {
    return (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
           (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' || byte == '~';
}

}  // namespace

std::string uri_encode(std::string_view text, bool keep_slash) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (const char character : text) {
        const auto byte = static_cast<unsigned char>(character);
        if (is_unreserved(byte) || (keep_slash && byte == '/')) {
            encoded += character;
        } else {
            encoded += '%';
            encoded += digits[byte >> 4U];
            encoded += digits[byte & 0x0FU];
        }
    }
    return encoded;
}

std::string encode_query(const std::vector<std::pair<std::string, std::string>>& parameters) {
    std::string query;
    for (const auto& [name, value] : parameters) {
        if (!query.empty()) {
            query += '&';
        }
        query += uri_encode(name, false);
        query += '=';
        query += uri_encode(value, false);
    }
    return query;
}

}  // namespace mongo_aws::sigv4
