// authMechanismProperties: `KEY:value` entries split before decoding, then taken into a
// credential under the names its mechanism knows.
#include "connection_string_detail.hpp"
#include "quote_untrusted.hpp"

#include <algorithm>

namespace mongo_aws::uri_detail {

namespace {

constexpr std::string_view aws_session_token = "AWS_SESSION_TOKEN";

std::string entry_label(std::size_t index) {
    return "entry " + std::to_string(index + 1) + " of authMechanismProperties";
}

}  // namespace

result<std::vector<raw_property>> split_properties(std::string_view raw) {
    std::vector<raw_property> properties;
    std::size_t index = 0;
    std::size_t start = 0;
    while (true) {
        const auto comma = raw.find(',', start);
        const auto entry = raw.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        // The entry itself is never quoted: it may be a session token written without its key.
        const auto colon = entry.find(':');
        if (entry.empty()) {
            return make_error(errc::uri_invalid_auth_mechanism_property,
                              entry_label(index) + " is empty (look for a stray ',')");
        }
        if (colon == std::string_view::npos) {
            return make_error(errc::uri_invalid_auth_mechanism_property,
                              entry_label(index) + " has no ':': write KEY:value");
        }
        auto name = percent_decode(entry.substr(0, colon), "the name in " + entry_label(index));
        if (!name) {
            return std::move(name).error();
        }
        if (name->empty()) {
            return make_error(errc::uri_invalid_auth_mechanism_property,
                              entry_label(index) + " has no name before its ':'");
        }
        properties.push_back({std::move(name).value(), entry.substr(colon + 1)});
        if (comma == std::string_view::npos) {
            return properties;
        }
        start = comma + 1;
        ++index;
    }
}

result<void> take_properties(const std::vector<raw_property>& properties,
                             std::span<const std::string_view> known, auth_mechanism mechanism,
                             uri_credential& credential) {
    const auto mechanism_text = std::string(to_string(mechanism));
    for (const auto& property : properties) {
        const auto canonical = std::find_if(known.begin(), known.end(), [&](auto candidate) {
            return iequals(candidate, property.name);
        });
        if (canonical == known.end()) {
            return make_error(
                errc::uri_invalid_auth_mechanism_property,
                "authMechanismProperties has " + detail::quote_untrusted(property.name) +
                    ", which " + mechanism_text + " does not know: its " +
                    (known.size() == 1 ? "only property is " : "properties are ") + joined(known));
        }
        const auto name = std::string(*canonical);
        const bool repeated =
            std::any_of(credential.mechanism_properties.begin(),
                        credential.mechanism_properties.end(),
                        [&](const mechanism_property& seen) { return seen.name == name; }) ||
            (name == aws_session_token && credential.aws_session_token);
        if (repeated) {
            return make_error(errc::uri_invalid_auth_mechanism_property,
                              "authMechanismProperties gives " + name + " more than once");
        }
        const auto what = "the value of " + name + " in authMechanismProperties";
        if (name == aws_session_token) {
            auto token = percent_decode_secret(property.raw_value, what);
            if (!token) {
                return std::move(token).error();
            }
            if (token->empty() || has_control_character(token->reveal())) {
                return make_error(errc::uri_invalid_auth_mechanism_property,
                                  "AWS_SESSION_TOKEN is empty or has a control character "
                                  "(a stray newline?): give the token exactly, percent-encoded");
            }
            credential.aws_session_token = std::move(token).value();
            continue;
        }
        auto value = percent_decode(property.raw_value, what);
        if (!value) {
            return std::move(value).error();
        }
        if (value->empty() || has_control_character(*value)) {
            return make_error(errc::uri_invalid_auth_mechanism_property,
                              name +
                                  " in authMechanismProperties is empty or has a control "
                                  "character");
        }
        credential.mechanism_properties.push_back({name, std::move(value).value()});
    }
    return {};
}

}  // namespace mongo_aws::uri_detail
