// The MongoDB connection string (`mongodb://...`), parsed without I/O.
// Conformance: MongoDB's auth specification connection-string tests (see tests/conformance).
#pragma once

#include <mongo_aws/result.hpp>
#include <mongo_aws/secret.hpp>

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws {

/// The port a host of the host list gets when it names none.
inline constexpr std::uint16_t default_mongodb_port = 27017;

/// One entry of the host list.
struct host_address {
    std::string host;  ///< a host name or IPv4 address, or an IPv6 address without its brackets
    std::uint16_t port = default_mongodb_port;  ///< 1..65535
    bool ipv6_literal = false;                  ///< written as `[address]` in the connection string

    friend bool operator==(const host_address&, const host_address&) = default;
};

/// Writes `host:port`, or `[address]:port` for an IPv6 literal.
std::ostream& operator<<(std::ostream& out, const host_address& address);

/// The authentication mechanisms a connection string can name (`authMechanism`). Only
/// MONGODB-AWS is implemented by this library; the others are recognised so that their rules
/// are checked and a wrong connection string is refused with a precise reason.
enum class auth_mechanism {
    scram_sha_1,    ///< "SCRAM-SHA-1"
    scram_sha_256,  ///< "SCRAM-SHA-256"
    plain,          ///< "PLAIN" (LDAP)
    gssapi,         ///< "GSSAPI" (Kerberos)
    mongodb_x509,   ///< "MONGODB-X509"
    mongodb_aws,    ///< "MONGODB-AWS"
    mongodb_oidc,   ///< "MONGODB-OIDC"
};

/// The mechanism's name as MongoDB spells it (`"MONGODB-AWS"`).
[[nodiscard]] std::string_view to_string(auth_mechanism mechanism) noexcept;

/// One `authMechanismProperties` entry, percent-decoded, its name in canonical spelling
/// (`SERVICE_NAME`, `TOKEN_RESOURCE`...). The AWS session token is never one of these: it is
/// kept apart, as a secret (see `uri_credential::aws_session_token`).
struct mechanism_property {
    std::string name;
    std::string value;

    friend bool operator==(const mechanism_property&, const mechanism_property&) = default;
};

/// The credential a connection string describes, after the rules of its mechanism were checked.
/// Printing shows neither the password nor the session token (and, for MONGODB-AWS, the user
/// name, which is the access key id, only shortened).
struct uri_credential {
    std::optional<std::string> username;    ///< percent-decoded; absent when not given
    std::optional<secret_string> password;  ///< percent-decoded; absent when not given
    std::string source;  ///< where to authenticate: authSource, or the mechanism's default
    std::optional<auth_mechanism> mechanism;  ///< absent: negotiated with the server (SCRAM)
    std::vector<mechanism_property> mechanism_properties;  ///< in the order given, defaults last
    std::optional<secret_string> aws_session_token;        ///< MONGODB-AWS `AWS_SESSION_TOKEN`
};

/// Writes `credential{username=..., password=<redacted>|none, source=..., mechanism=...,
/// properties={...}}`, with the session token as `<redacted>`.
std::ostream& operator<<(std::ostream& out, const uri_credential& credential);

/// A connection option this library does not interpret (`replicaSet`, `w`, `appName`...), kept
/// so that the caller can pass it on or report it. Drivers warn about unknown options rather
/// than fail, and so does this parser.
struct uri_option {
    std::string name;   ///< as written
    std::string value;  ///< percent-decoded
};

/// A parsed `mongodb://` connection string.
struct connection_string {
    std::vector<host_address> hosts;  ///< at least one, in the order given
    std::string database;             ///< the default database, percent-decoded; empty if none
    /// Present when the connection string asks for authentication: it has user information
    /// (`user@`) or an `authMechanism`. An `authSource` or a database alone does not.
    std::optional<uri_credential> credential;
    std::optional<bool> tls;  ///< `tls` (or its older name `ssl`); absent when not given
    std::optional<std::string> tls_ca_file;  ///< `tlsCAFile`, percent-decoded
    /// `connectTimeoutMS`. Zero means no timeout, as in every MongoDB driver.
    std::optional<std::chrono::milliseconds> connect_timeout;
    /// `timeoutMS`, the bound of a whole operation (authentication included). Zero: no bound.
    std::optional<std::chrono::milliseconds> timeout;
    std::vector<uri_option> other_options;  ///< options not interpreted here, in order
    /// Things a driver would log at WARN level: an option given twice (the last one wins).
    std::vector<std::string> warnings;
};

/// Writes the hosts, database, credential (without secrets), TLS settings, timeouts and the
/// names (not the values, which may be secrets such as tlsCertificateKeyFilePassword) of the
/// other options.
std::ostream& operator<<(std::ostream& out, const connection_string& parsed);

/// Parses `mongodb://[user[:password]@]host1[:port1][,host2[:port2],...][/[database][?options]]`.
///
/// Option names are matched without regard to case; values and user information are
/// percent-decoded (`+` is a plus sign, not a space). The rules of the MongoDB auth
/// specification are applied to the credential: for MONGODB-AWS, `authSource` must be
/// `$external`, a user name needs a password and the reverse, `AWS_SESSION_TOKEN` needs both
/// and is the only property. Unlike the newest specification, a MONGODB-AWS user name and
/// password (and session token) are accepted: they are how this product's users pass explicit
/// credentials.
///
/// `mongodb+srv://` is refused with errc::uri_invalid_scheme for now (SRV lookup comes later).
/// Error messages quote at most a bounded, escaped part of the input and never any part of the
/// user information or of a mechanism property value.
[[nodiscard]] result<connection_string> parse_connection_string(std::string_view uri);

}  // namespace mongo_aws
