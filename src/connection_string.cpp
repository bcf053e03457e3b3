// parse_connection_string: splits `mongodb://userinfo@hosts/database?options` into its parts
// (connection-string spec, "Reference Implementation") and hands each to its parser.
#include "connection_string_detail.hpp"
#include "quote_untrusted.hpp"

#include <mongo_aws/connection_string.hpp>

#include <algorithm>
#include <array>

namespace mongo_aws {

namespace {

constexpr std::string_view mongodb_scheme = "mongodb://";
constexpr std::string_view srv_scheme = "mongodb+srv://";

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) noexcept {
    return text.size() >= prefix.size() &&
           uri_detail::iequals(text.substr(0, prefix.size()), prefix);
}

// A space or control character is never part of a connection string; most often it is a
// newline left by the file or the `echo` the string came from.
result<void> check_characters(std::string_view uri) {
    for (std::size_t i = 0; i < uri.size(); ++i) {
        const auto byte = static_cast<unsigned char>(uri[i]);
        if (byte > 0x20 && byte != 0x7f) {
            continue;
        }
        const bool at_an_end =
            i == 0 ||
            std::all_of(uri.begin() + static_cast<std::ptrdiff_t>(i), uri.end(),
                        [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
        std::string message = "the connection string has ";
        message += byte == ' '
                       ? std::string("a space")
                       : "the control character " + detail::quote_untrusted(uri.substr(i, 1), 1);
        message += " at byte " + std::to_string(i);
        message += at_an_end ? ": remove the whitespace around it (a trailing newline often comes "
                               "from the file or the `echo` it was read from)"
                             : ": percent-encode it (a space is %20)";
        return make_error(errc::uri_invalid_character, std::move(message));
    }
    return {};
}

result<void> check_scheme(std::string_view uri) {
    if (uri.empty()) {
        return make_error(errc::uri_invalid_scheme,
                          "the connection string is empty: it starts with mongodb://");
    }
    if (starts_with_ignoring_case(uri, srv_scheme)) {
        return make_error(errc::uri_invalid_scheme,
                          "mongodb+srv:// connection strings are not supported yet (SRV lookup "
                          "comes in a later version): list the hosts in a mongodb:// string");
    }
    if (uri.substr(0, mongodb_scheme.size()) == mongodb_scheme) {
        return {};
    }
    // Quote the scheme only: what follows may be a user name and password.
    const auto end = uri.find("://");
    const auto scheme = uri.substr(0, end);
    const bool plain_scheme = end != std::string_view::npos && end <= 32 &&
                              std::all_of(scheme.begin(), scheme.end(), [](char c) {
                                  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                         (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
                              });
    std::string problem = "the connection string does not start with mongodb://";
    if (plain_scheme) {
        problem =
            uri_detail::iequals(scheme, "mongodb")
                ? "the scheme " + detail::quote_untrusted(scheme) + " must be written in lower case"
                : "the scheme " + detail::quote_untrusted(scheme) + " is not mongodb";
    }
    return make_error(
        errc::uri_invalid_scheme,
        problem + ": write mongodb://[user:password@]host[:port][/database][?options]");
}

// The percent-encoded form a reserved character must take in the user information.
struct reserved_character {
    char character;
    std::string_view encoded;
};

constexpr std::array<reserved_character, 7> userinfo_reserved{{
    {':', "%3A"},
    {'/', "%2F"},
    {'?', "%3F"},
    {'#', "%23"},
    {'[', "%5B"},
    {']', "%5D"},
    {'@', "%40"},
}};

result<void> check_userinfo_part(std::string_view part, std::string_view what) {
    for (const auto& reserved : userinfo_reserved) {
        if (part.find(reserved.character) != std::string_view::npos) {
            return make_error(errc::uri_invalid_userinfo,
                              std::string(what) + " has an unescaped '" + reserved.character +
                                  "': percent-encode it as " + std::string(reserved.encoded) +
                                  " (percent-encode the whole user name and password)");
        }
    }
    return {};
}

result<void> read_userinfo(std::string_view userinfo, uri_detail::auth_inputs& inputs) {
    inputs.has_userinfo = true;
    const auto colon = userinfo.find(':');
    const auto user = userinfo.substr(0, colon);
    if (auto checked = check_userinfo_part(user, "the user name"); !checked) {
        return checked;
    }
    auto username = uri_detail::percent_decode(user, "the user name");
    if (!username) {
        return std::move(username).error();
    }
    inputs.username = std::move(username).value();
    if (colon == std::string_view::npos) {
        return {};
    }
    const auto raw_password = userinfo.substr(colon + 1);
    if (auto checked = check_userinfo_part(raw_password, "the password"); !checked) {
        return checked;
    }
    auto password = uri_detail::percent_decode_secret(raw_password, "the password");
    if (!password) {
        return std::move(password).error();
    }
    inputs.password = std::move(password).value();
    return {};
}

result<std::string> read_database(std::string_view path) {
    auto database = uri_detail::percent_decode(path, "the database name");
    if (!database) {
        return database;
    }
    // Characters the connection-string spec forbids in a database name, once decoded.
    constexpr std::string_view forbidden("/\\ \"$\0", 6);
    const auto bad = database->find_first_of(forbidden);
    if (bad != std::string::npos) {
        return make_error(errc::uri_invalid_database,
                          "the database name " + detail::quote_untrusted(*database) + " has " +
                              detail::quote_untrusted(std::string_view(*database).substr(bad, 1)) +
                              ", which a database name cannot contain");
    }
    return database;
}

}  // namespace

result<connection_string> parse_connection_string(std::string_view uri) {
    if (auto checked = check_characters(uri); !checked) {
        return std::move(checked).error();
    }
    if (auto checked = check_scheme(uri); !checked) {
        return std::move(checked).error();
    }
    const auto rest = uri.substr(mongodb_scheme.size());
    const auto slash = rest.find('/');
    const auto authority = rest.substr(0, slash);
    const auto after_slash =
        slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    const auto question = after_slash.find('?');
    const auto path = after_slash.substr(0, question);
    const auto query =
        question == std::string_view::npos ? std::string_view{} : after_slash.substr(question + 1);

    // An '@' after the first '/' means the user information had a '/' in it: report that
    // before anything quotes a host or database made of pieces of a password.
    if (path.find('@') != std::string_view::npos) {
        return make_error(errc::uri_invalid_userinfo,
                          "the connection string has an '@' after its first '/': a '/' in the "
                          "user name or password must be percent-encoded as %2F (and an '@' in "
                          "a database name as %40)");
    }

    uri_detail::auth_inputs inputs;
    const auto at = authority.rfind('@');
    const auto host_info = at == std::string_view::npos ? authority : authority.substr(at + 1);
    if (at != std::string_view::npos) {
        if (auto read = read_userinfo(authority.substr(0, at), inputs); !read) {
            return std::move(read).error();
        }
    }

    connection_string parsed;
    auto hosts = uri_detail::parse_host_list(host_info);
    if (!hosts) {
        return std::move(hosts).error();
    }
    parsed.hosts = std::move(hosts).value();

    auto database = read_database(path);
    if (!database) {
        return std::move(database).error();
    }
    parsed.database = std::move(database).value();

    auto options = uri_detail::parse_options(query);
    if (!options) {
        return std::move(options).error();
    }
    inputs.database = parsed.database;
    auto credential = uri_detail::build_credential(std::move(inputs), options->auth);
    if (!credential) {
        return std::move(credential).error();
    }
    parsed.credential = std::move(credential).value();
    parsed.tls = options->tls;
    parsed.tls_ca_file = std::move(options->tls_ca_file);
    parsed.connect_timeout = options->connect_timeout;
    parsed.timeout = options->timeout;
    parsed.other_options = std::move(options->other);
    parsed.warnings = std::move(options->warnings);
    return parsed;
}

}  // namespace mongo_aws
