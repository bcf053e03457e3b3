// Text helpers of the connection-string parser: percent-decoding, comparing, listing.
#include "connection_string_detail.hpp"

#include <algorithm>
#include <optional>

namespace mongo_aws::uri_detail {

namespace {

std::optional<unsigned> hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return static_cast<unsigned>(c - '0');
    }
    if (c >= 'a' && c <= 'f') {
        return static_cast<unsigned>(c - 'a' + 10);
    }
    if (c >= 'A' && c <= 'F') {
        return static_cast<unsigned>(c - 'A' + 10);
    }
    return std::nullopt;
}

char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Decodes into `out`; returns the offset of the first malformed escape, if any.
std::optional<std::size_t> decode_into(std::string_view encoded, std::string& out) {
    out.clear();
    out.reserve(encoded.size());
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '%') {
            out.push_back(encoded[i]);
            continue;
        }
        if (encoded.size() - i < 3) {
            return i;
        }
        const auto high = hex_value(encoded[i + 1]);
        const auto low = hex_value(encoded[i + 2]);
        if (!high || !low) {
            return i;
        }
        out.push_back(static_cast<char>((*high << 4U) | *low));
        i += 2;
    }
    return std::nullopt;
}

error bad_escape(std::string_view what, std::size_t offset) {
    return make_error(errc::uri_invalid_percent_encoding,
                      std::string(what) + " has an invalid percent-encoding at byte " +
                          std::to_string(offset) +
                          ": '%' must be followed by two hexadecimal digits (write a literal '%' "
                          "as %25)");
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool has_control_character(std::string_view text) noexcept {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

std::string joined(std::span<const std::string_view> names) {
    std::string text;
    for (const auto name : names) {
        text += text.empty() ? "" : ", ";
        text += name;
    }
    return text;
}

result<std::string> percent_decode(std::string_view encoded, std::string_view what) {
    std::string decoded;
    if (const auto bad = decode_into(encoded, decoded)) {
        return bad_escape(what, *bad);
    }
    return decoded;
}

result<secret_string> percent_decode_secret(std::string_view encoded, std::string_view what) {
    std::string decoded;
    const auto bad = decode_into(encoded, decoded);
    secret_string secret(bad ? std::string_view{} : std::string_view(decoded));
    secure_wipe(decoded.data(), decoded.capacity());
    if (bad) {
        return bad_escape(what, *bad);
    }
    return secret;
}

}  // namespace mongo_aws::uri_detail
