// Splitting an Authorization header into its parts; every rule broken has its own message.
#include "quote_untrusted.hpp"

#include <mongo_aws/test_server/authorization_header.hpp>

#include <algorithm>
#include <array>
#include <optional>

namespace mongo_aws::test_server {
namespace {

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view terminator = "aws4_request";
constexpr std::size_t signature_hex_digits = 64;

error malformed(std::string what) {
    return make_error(errc::authorization_header_malformed,
                      "the Authorization header (`a`) " + std::move(what) +
                          "; expected \"AWS4-HMAC-SHA256 Credential=<key id>/<YYYYMMDD>/<region>/"
                          "sts/aws4_request, SignedHeaders=<names>, Signature=<64 hex>\"");
}

std::string_view trim_spaces(std::string_view text) noexcept {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto end = text.find(separator);
        parts.push_back(text.substr(0, end));
        if (end == std::string_view::npos) {
            return parts;
        }
        text.remove_prefix(end + 1);
    }
}

bool is_digit(char character) noexcept {
    return character >= '0' && character <= '9';
}

bool is_lower_hex(char character) noexcept {
    return is_digit(character) || (character >= 'a' && character <= 'f');
}

result<void> read_credential(std::string_view value, authorization_header& out) {
    const auto parts = split(value, '/');
    if (parts.size() != 5) {
        return malformed("has a Credential of " + std::to_string(parts.size()) +
                         " `/`-separated parts, expected 5 (" + detail::quote_untrusted(value) +
                         ")");
    }
    constexpr std::array<std::string_view, 5> names = {"access key id", "date", "region", "service",
                                                       "terminator"};
    for (std::size_t index = 0; index < parts.size(); ++index) {
        if (parts[index].empty()) {
            return malformed("has a Credential with an empty " + std::string(names.at(index)));
        }
    }
    if (parts[1].size() != 8 || !std::all_of(parts[1].begin(), parts[1].end(), is_digit)) {
        return malformed("has a Credential date " + detail::quote_untrusted(parts[1]) +
                         " that is not 8 digits (YYYYMMDD)");
    }
    if (parts[4] != terminator) {
        return malformed("has a Credential ending in " + detail::quote_untrusted(parts[4]) +
                         " instead of \"aws4_request\"");
    }
    out.access_key_id = parts[0];
    out.date = parts[1];
    out.region = parts[2];
    out.service = parts[3];
    return {};
}

result<void> read_signed_headers(std::string_view value, authorization_header& out) {
    for (const auto name : split(value, ';')) {
        if (name.empty()) {
            return malformed("has an empty name in SignedHeaders " +
                             detail::quote_untrusted(value));
        }
        out.signed_header_names.emplace_back(name);
    }
    out.signed_headers = value;
    return {};
}

result<void> read_signature(std::string_view value, authorization_header& out) {
    if (value.size() != signature_hex_digits ||
        !std::all_of(value.begin(), value.end(), is_lower_hex)) {
        return malformed("has a Signature of " + std::to_string(value.size()) +
                         " bytes that is not 64 lowercase hex digits");
    }
    out.signature = value;
    return {};
}

}  // namespace

result<authorization_header> parse_authorization_header(std::string_view value) {
    if (value.size() > max_authorization_header_size) {
        return malformed("has " + std::to_string(value.size()) + " bytes, more than " +
                         std::to_string(max_authorization_header_size));
    }
    if (!value.starts_with(algorithm)) {
        return malformed("does not start with the algorithm \"AWS4-HMAC-SHA256\" (it starts " +
                         detail::quote_untrusted(value.substr(0, algorithm.size())) + ")");
    }
    std::string_view rest = value.substr(algorithm.size());
    if (rest.empty() || rest.front() != ' ') {
        return malformed("has no space after the algorithm");
    }
    rest = trim_spaces(rest);

    authorization_header out;
    std::array<bool, 3> seen{};
    for (const auto raw : split(rest, ',')) {
        const std::string_view component = trim_spaces(raw);
        const auto equals = component.find('=');
        if (equals == std::string_view::npos) {
            return malformed("has a component without '=': " + detail::quote_untrusted(component));
        }
        const std::string_view name = component.substr(0, equals);
        const std::string_view content = component.substr(equals + 1);
        std::size_t slot = 0;
        result<void> read;
        if (name == "Credential") {
            slot = 0;
            read = read_credential(content, out);
        } else if (name == "SignedHeaders") {
            slot = 1;
            read = read_signed_headers(content, out);
        } else if (name == "Signature") {
            slot = 2;
            read = read_signature(content, out);
        } else {
            return malformed("has an unknown component " + detail::quote_untrusted(name));
        }
        if (seen.at(slot)) {
            return malformed("has " + std::string(name) + " twice");
        }
        seen.at(slot) = true;
        if (!read) {
            return std::move(read).error();
        }
    }
    constexpr std::array<std::string_view, 3> names = {"Credential", "SignedHeaders", "Signature"};
    for (std::size_t slot = 0; slot < seen.size(); ++slot) {
        if (!seen.at(slot)) {
            return malformed("has no " + std::string(names.at(slot)));
        }
    }
    return out;
}

}  // namespace mongo_aws::test_server
