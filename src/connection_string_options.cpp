// The options of a connection string (after `?`): `key=value` pairs separated by `&`.
#include "connection_string_detail.hpp"
#include "quote_untrusted.hpp"

#include <array>
#include <charconv>
#include <cstdint>

namespace mongo_aws::uri_detail {

namespace {

// The options this parser interprets, in their canonical spelling.
enum class known_option {
    auth_mechanism,
    auth_source,
    auth_mechanism_properties,
    tls,
    ssl,
    tls_ca_file,
    connect_timeout_ms,
    timeout_ms,
};

struct option_name {
    known_option option;
    std::string_view canonical;
};

constexpr std::array<option_name, 8> known_options{{
    {known_option::auth_mechanism, "authMechanism"},
    {known_option::auth_source, "authSource"},
    {known_option::auth_mechanism_properties, "authMechanismProperties"},
    {known_option::tls, "tls"},
    {known_option::ssl, "ssl"},
    {known_option::tls_ca_file, "tlsCAFile"},
    {known_option::connect_timeout_ms, "connectTimeoutMS"},
    {known_option::timeout_ms, "timeoutMS"},
}};

const option_name* find_known(std::string_view name) noexcept {
    for (const auto& known : known_options) {
        if (iequals(known.canonical, name)) {
            return &known;
        }
    }
    return nullptr;
}

std::string value_of(std::string_view canonical) {
    return "the value of option '" + std::string(canonical) + "'";
}

result<bool> parse_bool(std::string_view canonical, std::string_view value) {
    if (value == "true") {
        return true;
    }
    if (value == "false") {
        return false;
    }
    return make_error(errc::uri_invalid_option,
                      std::string(canonical) + "=" + detail::quote_untrusted(value) +
                          " is not a boolean: write " + std::string(canonical) + "=true or " +
                          std::string(canonical) + "=false");
}

result<std::chrono::milliseconds> parse_milliseconds(std::string_view canonical,
                                                     std::string_view value) {
    const auto invalid = [&](std::string_view why) {
        return make_error(errc::uri_invalid_option,
                          std::string(canonical) + "=" + detail::quote_untrusted(value) + " " +
                              std::string(why) +
                              ": write a whole number of milliseconds, 0 or more");
    };
    if (value.empty()) {
        return invalid("is empty");
    }
    for (const char c : value) {
        if (c < '0' || c > '9') {
            return invalid("is not a non-negative integer");
        }
    }
    std::int64_t count = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), count);
    if (ec != std::errc{} || end != value.data() + value.size()) {
        return invalid("is too large");
    }
    return std::chrono::milliseconds(count);
}

// The options given so far, by kind, to warn when one is repeated.
struct seen_options {
    std::array<bool, known_options.size()> seen{};

    bool mark(known_option option) noexcept {
        auto& flag = seen.at(static_cast<std::size_t>(option));
        const bool before = flag;
        flag = true;
        return before;
    }
};

result<void> apply_option(const option_name& known, std::string_view raw_value,
                          parsed_options& options) {
    if (known.option == known_option::auth_mechanism_properties) {
        options.auth.properties = raw_value;  // split before decoding, in the credential step
        return {};
    }
    auto decoded = percent_decode(raw_value, value_of(known.canonical));
    if (!decoded) {
        return std::move(decoded).error();
    }
    auto value = std::move(decoded).value();
    switch (known.option) {
        case known_option::auth_mechanism:
            options.auth.mechanism = std::move(value);
            return {};
        case known_option::auth_source:
            if (value.empty()) {
                return make_error(errc::uri_invalid_auth_source,
                                  "authSource is empty: name the database that holds the user "
                                  "(for MONGODB-AWS, authSource=$external), or leave it out");
            }
            options.auth.source = std::move(value);
            return {};
        case known_option::tls:
        case known_option::ssl: {
            auto flag = parse_bool(known.canonical, value);
            if (!flag) {
                return std::move(flag).error();
            }
            (known.option == known_option::tls ? options.tls : options.ssl) = *flag;
            return {};
        }
        case known_option::tls_ca_file:
            if (value.empty()) {
                return make_error(errc::uri_invalid_option,
                                  "tlsCAFile is empty: give the path of a PEM file of "
                                  "certificate authorities, or leave it out");
            }
            options.tls_ca_file = std::move(value);
            return {};
        case known_option::connect_timeout_ms:
        case known_option::timeout_ms: {
            auto duration = parse_milliseconds(known.canonical, value);
            if (!duration) {
                return std::move(duration).error();
            }
            (known.option == known_option::timeout_ms ? options.timeout : options.connect_timeout) =
                *duration;
            return {};
        }
        case known_option::auth_mechanism_properties:
            break;
    }
    return {};
}

}  // namespace

result<parsed_options> parse_options(std::string_view query) {
    parsed_options options;
    seen_options seen;
    std::size_t start = 0;
    std::size_t position = 0;
    while (start <= query.size()) {
        const auto amp = query.find('&', start);
        const auto pair = query.substr(
            start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
        start = amp == std::string_view::npos ? query.size() + 1 : amp + 1;
        ++position;
        if (pair.empty()) {
            continue;  // `?`, `&&` or a trailing `&`: nothing to read
        }
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos) {
            // Not quoted: it may be the tail of a secret that held an unescaped '&'.
            return make_error(errc::uri_invalid_option,
                              "option " + std::to_string(position) +
                                  " after the '?' has no '=': write name=value (a '&' inside a "
                                  "value must be percent-encoded as %26)");
        }
        const auto name = pair.substr(0, equals);
        const auto raw_value = pair.substr(equals + 1);
        if (name.empty()) {
            return make_error(errc::uri_invalid_option, "an option has a value but no name");
        }
        const auto* known = find_known(name);
        if (known == nullptr) {
            auto value =
                percent_decode(raw_value, "the value of option " + detail::quote_untrusted(name));
            if (!value) {
                return std::move(value).error();
            }
            options.other.push_back({std::string(name), std::move(value).value()});
            continue;
        }
        if (seen.mark(known->option)) {
            options.warnings.push_back("option '" + std::string(known->canonical) +
                                       "' is given more than once; the last value is used");
        }
        if (auto applied = apply_option(*known, raw_value, options); !applied) {
            return std::move(applied).error();
        }
    }
    if (options.tls && options.ssl && *options.tls != *options.ssl) {
        return make_error(errc::uri_invalid_option,
                          std::string("tls=") + (*options.tls ? "true" : "false") +
                              " and ssl=" + (*options.ssl ? "true" : "false") +
                              " disagree: ssl is the old name of tls; give only tls");
    }
    if (!options.tls) {
        options.tls = options.ssl;
    }
    return options;
}

}  // namespace mongo_aws::uri_detail
