// Printing a parsed connection string for logs and diagnostics, without its secrets.
#include "quote_untrusted.hpp"

#include <mongo_aws/connection_string.hpp>
#include <mongo_aws/credentials.hpp>

#include <ostream>
#include <string>

namespace mongo_aws {

namespace {

// A value of the connection string, shown whole (it is the user's own configuration) but with
// control bytes, quotes and backslashes escaped, so that it cannot break a log line.
std::string escaped(std::string_view text) {
    return detail::escape_untrusted(text, text.size());
}

}  // namespace

std::string_view to_string(auth_mechanism mechanism) noexcept {
    switch (mechanism) {
        case auth_mechanism::scram_sha_1:
            return "SCRAM-SHA-1";
        case auth_mechanism::scram_sha_256:
            return "SCRAM-SHA-256";
        case auth_mechanism::plain:
            return "PLAIN";
        case auth_mechanism::gssapi:
            return "GSSAPI";
        case auth_mechanism::mongodb_x509:
            return "MONGODB-X509";
        case auth_mechanism::mongodb_aws:
            return "MONGODB-AWS";
        case auth_mechanism::mongodb_oidc:
            return "MONGODB-OIDC";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& out, const host_address& address) {
    if (address.ipv6_literal) {
        return out << '[' << escaped(address.host) << "]:" << address.port;
    }
    return out << escaped(address.host) << ':' << address.port;
}

std::ostream& operator<<(std::ostream& out, const uri_credential& credential) {
    out << "credential{username=";
    if (!credential.username) {
        out << "none";
    } else if (credential.mechanism == auth_mechanism::mongodb_aws) {
        out << redact_access_key_id(escaped(*credential.username));  // the access key id
    } else {
        out << escaped(*credential.username);
    }
    out << ", password=";
    if (credential.password) {
        out << *credential.password;
    } else {
        out << "none";
    }
    out << ", source=" << escaped(credential.source)
        << ", mechanism=" << (credential.mechanism ? to_string(*credential.mechanism) : "default");
    out << ", properties={";
    const char* separator = "";
    for (const auto& property : credential.mechanism_properties) {
        out << separator << property.name << ':' << escaped(property.value);
        separator = ", ";
    }
    if (credential.aws_session_token) {
        out << separator << "AWS_SESSION_TOKEN:" << *credential.aws_session_token;
    }
    return out << "}}";
}

std::ostream& operator<<(std::ostream& out, const connection_string& parsed) {
    out << "connection_string{hosts=[";
    const char* separator = "";
    for (const auto& host : parsed.hosts) {
        out << separator << host;
        separator = ", ";
    }
    out << "], database=" << (parsed.database.empty() ? "none" : escaped(parsed.database));
    out << ", ";
    if (parsed.credential) {
        out << *parsed.credential;
    } else {
        out << "credential=none";
    }
    out << ", tls=" << (parsed.tls ? (*parsed.tls ? "true" : "false") : "default");
    if (parsed.tls_ca_file) {
        out << ", tlsCAFile=" << escaped(*parsed.tls_ca_file);
    }
    if (parsed.connect_timeout) {
        out << ", connectTimeoutMS=" << parsed.connect_timeout->count();
    }
    if (parsed.timeout) {
        out << ", timeoutMS=" << parsed.timeout->count();
    }
    out << ", other_options=[";
    separator = "";
    for (const auto& option : parsed.other_options) {
        out << separator << escaped(option.name);
        separator = ", ";
    }
    return out << "]}";
}

}  // namespace mongo_aws
