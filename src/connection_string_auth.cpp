// The credential of a connection string: the auth specification's rules for each mechanism
// (source/auth/auth.md, "MongoCredential Properties"), checked as its connection-string tests do.
#include "connection_string_detail.hpp"
#include "quote_untrusted.hpp"

#include <algorithm>
#include <array>

namespace mongo_aws::uri_detail {

namespace {

constexpr std::string_view external_source = "$external";

struct mechanism_name {
    auth_mechanism mechanism;
    std::string_view name;
};

constexpr std::array<mechanism_name, 7> mechanism_names{{
    {auth_mechanism::scram_sha_1, "SCRAM-SHA-1"},
    {auth_mechanism::scram_sha_256, "SCRAM-SHA-256"},
    {auth_mechanism::plain, "PLAIN"},
    {auth_mechanism::gssapi, "GSSAPI"},
    {auth_mechanism::mongodb_x509, "MONGODB-X509"},
    {auth_mechanism::mongodb_aws, "MONGODB-AWS"},
    {auth_mechanism::mongodb_oidc, "MONGODB-OIDC"},
}};

constexpr std::array<std::string_view, 1> aws_properties{"AWS_SESSION_TOKEN"};
constexpr std::array<std::string_view, 4> gssapi_properties{
    "SERVICE_NAME", "CANONICALIZE_HOST_NAME", "SERVICE_REALM", "SERVICE_HOST"};
constexpr std::array<std::string_view, 2> oidc_properties{"ENVIRONMENT", "TOKEN_RESOURCE"};

// The legacy booleans are allowed by the spec ("true" is forwardAndReverse, "false" is none).
constexpr std::array<std::string_view, 5> canonicalize_host_name_values{
    "none", "forward", "forwardAndReverse", "true", "false"};
constexpr std::array<std::string_view, 4> oidc_environments{"test", "azure", "gcp", "k8s"};

bool contains(std::span<const std::string_view> list, std::string_view value) noexcept {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::string label(std::optional<auth_mechanism> mechanism) {
    return mechanism ? std::string(to_string(*mechanism))
                     : std::string("the default mechanism (SCRAM)");
}

result<std::optional<auth_mechanism>> parse_mechanism(const std::optional<std::string>& name) {
    if (!name) {
        return std::optional<auth_mechanism>{};
    }
    std::string supported;
    for (const auto& entry : mechanism_names) {
        if (entry.name == *name) {
            return std::optional<auth_mechanism>{entry.mechanism};
        }
        if (iequals(entry.name, *name)) {
            return make_error(errc::uri_invalid_auth_mechanism,
                              "authMechanism=" + detail::quote_untrusted(*name) +
                                  ": mechanism names are upper case; write authMechanism=" +
                                  std::string(entry.name));
        }
        supported += supported.empty() ? "" : ", ";
        supported += entry.name;
    }
    return make_error(errc::uri_invalid_auth_mechanism,
                      "authMechanism=" + detail::quote_untrusted(*name) +
                          " is not a mechanism: use one of " + supported);
}

const std::string* find_property(const uri_credential& credential, std::string_view name) {
    for (const auto& property : credential.mechanism_properties) {
        if (property.name == name) {
            return &property.value;
        }
    }
    return nullptr;
}

result<void> require_external_source(const auth_options& options, auth_mechanism mechanism) {
    if (options.source && *options.source != external_source) {
        return make_error(errc::uri_invalid_auth_source,
                          "authSource=" + detail::quote_untrusted(*options.source) + ", but " +
                              std::string(to_string(mechanism)) +
                              " authenticates against $external: write authSource=$external "
                              "or leave authSource out");
    }
    return {};
}

result<void> require_username(const uri_credential& credential,
                              std::optional<auth_mechanism> mechanism) {
    if (!credential.username) {
        return make_error(
            errc::uri_invalid_auth_mechanism,
            label(mechanism) + " needs a user name: write mongodb://user:password@host/...");
    }
    return {};
}

result<void> refuse_password(const uri_credential& credential, auth_mechanism mechanism,
                             std::string_view why) {
    if (credential.password) {
        return make_error(errc::uri_invalid_auth_mechanism,
                          std::string(to_string(mechanism)) + " takes no password (" +
                              std::string(why) + "): remove ':password' from the user information");
    }
    return {};
}

result<void> refuse_properties(const std::vector<raw_property>& properties,
                               std::optional<auth_mechanism> mechanism) {
    if (!properties.empty()) {
        return make_error(errc::uri_invalid_auth_mechanism_property,
                          "authMechanismProperties does not apply to " + label(mechanism) +
                              ": remove it, or name the mechanism it is for in authMechanism");
    }
    return {};
}

// SCRAM-SHA-1, SCRAM-SHA-256, PLAIN, and no mechanism (negotiated SCRAM).
result<void> apply_password_rules(uri_credential& credential,
                                  const std::vector<raw_property>& properties,
                                  const auth_options& options, std::string_view database) {
    const auto mechanism = credential.mechanism;
    if (auto checked = require_username(credential, mechanism); !checked) {
        return checked;
    }
    if (!credential.password) {
        return make_error(errc::uri_username_without_password,
                          label(mechanism) +
                              " needs a password with the user name: write "
                              "user:password@ (both percent-encoded)");
    }
    if (auto checked = refuse_properties(properties, mechanism); !checked) {
        return checked;
    }
    const std::string_view fallback =
        mechanism == auth_mechanism::plain ? external_source : std::string_view("admin");
    credential.source =
        options.source ? *options.source : std::string(database.empty() ? fallback : database);
    return {};
}

result<void> apply_gssapi_rules(uri_credential& credential,
                                const std::vector<raw_property>& properties,
                                const auth_options& options) {
    if (auto checked = require_username(credential, auth_mechanism::gssapi); !checked) {
        return checked;
    }
    if (auto checked = require_external_source(options, auth_mechanism::gssapi); !checked) {
        return checked;
    }
    if (auto taken =
            take_properties(properties, gssapi_properties, auth_mechanism::gssapi, credential);
        !taken) {
        return taken;
    }
    const auto* canonicalize = find_property(credential, "CANONICALIZE_HOST_NAME");
    if (canonicalize != nullptr && !contains(canonicalize_host_name_values, *canonicalize)) {
        return make_error(errc::uri_invalid_auth_mechanism_property,
                          "CANONICALIZE_HOST_NAME:" + detail::quote_untrusted(*canonicalize) +
                              " is not one of " + joined(canonicalize_host_name_values));
    }
    if (find_property(credential, "SERVICE_NAME") == nullptr) {
        credential.mechanism_properties.push_back({"SERVICE_NAME", "mongodb"});
    }
    credential.source = external_source;
    return {};
}

result<void> apply_x509_rules(uri_credential& credential,
                              const std::vector<raw_property>& properties,
                              const auth_options& options) {
    if (auto checked = refuse_password(credential, auth_mechanism::mongodb_x509,
                                       "the client certificate proves the identity");
        !checked) {
        return checked;
    }
    if (auto checked = require_external_source(options, auth_mechanism::mongodb_x509); !checked) {
        return checked;
    }
    if (auto checked = refuse_properties(properties, auth_mechanism::mongodb_x509); !checked) {
        return checked;
    }
    credential.source = external_source;
    return {};
}

result<void> apply_aws_rules(uri_credential& credential,
                             const std::vector<raw_property>& properties,
                             const auth_options& options) {
    if (auto checked = require_external_source(options, auth_mechanism::mongodb_aws); !checked) {
        return checked;
    }
    if (credential.username && (!credential.password || credential.password->empty())) {
        return make_error(errc::uri_username_without_password,
                          "MONGODB-AWS has a user name (the access key id) but no password (the "
                          "secret access key): write ACCESS_KEY_ID:SECRET_ACCESS_KEY@ with both "
                          "percent-encoded, or give neither to use the environment or the "
                          "instance role");
    }
    if (credential.username && has_control_character(*credential.username)) {
        return make_error(errc::uri_invalid_userinfo,
                          "the MONGODB-AWS user name (the access key id) has a control character");
    }
    if (auto taken =
            take_properties(properties, aws_properties, auth_mechanism::mongodb_aws, credential);
        !taken) {
        return taken;
    }
    if (credential.aws_session_token && !(credential.username && credential.password)) {
        return make_error(errc::uri_session_token_without_credentials,
                          "AWS_SESSION_TOKEN is given without a user name and password: a "
                          "session token belongs with its access key id and secret access key "
                          "(write ACCESS_KEY_ID:SECRET_ACCESS_KEY@), or leave all three out");
    }
    credential.source = external_source;
    return {};
}

result<void> apply_oidc_rules(uri_credential& credential,
                              const std::vector<raw_property>& properties,
                              const auth_options& options) {
    if (auto checked = refuse_password(credential, auth_mechanism::mongodb_oidc,
                                       "the identity provider's token proves the identity");
        !checked) {
        return checked;
    }
    if (auto checked = require_external_source(options, auth_mechanism::mongodb_oidc); !checked) {
        return checked;
    }
    if (auto taken =
            take_properties(properties, oidc_properties, auth_mechanism::mongodb_oidc, credential);
        !taken) {
        return taken;
    }
    const auto* environment = find_property(credential, "ENVIRONMENT");
    if (environment == nullptr) {
        return make_error(errc::uri_invalid_auth_mechanism_property,
                          "MONGODB-OIDC needs authMechanismProperties=ENVIRONMENT:<" +
                              joined(oidc_environments) +
                              "> (a callback cannot be given in a connection string)");
    }
    if (!contains(oidc_environments, *environment)) {
        return make_error(errc::uri_invalid_auth_mechanism_property,
                          "ENVIRONMENT:" + detail::quote_untrusted(*environment) +
                              " is not one of " + joined(oidc_environments));
    }
    const bool needs_resource = *environment == "azure" || *environment == "gcp";
    const bool has_resource = find_property(credential, "TOKEN_RESOURCE") != nullptr;
    if (needs_resource != has_resource) {
        return make_error(errc::uri_invalid_auth_mechanism_property,
                          "ENVIRONMENT:" + *environment +
                              (needs_resource ? " needs TOKEN_RESOURCE (the token's audience)"
                                              : " takes no TOKEN_RESOURCE"));
    }
    if (*environment == "test" && credential.username) {
        return make_error(errc::uri_invalid_auth_mechanism,
                          "MONGODB-OIDC with ENVIRONMENT:test takes no user name");
    }
    credential.source = external_source;
    return {};
}

}  // namespace

result<std::optional<uri_credential>> build_credential(auth_inputs inputs,
                                                       const auth_options& options) {
    auto mechanism = parse_mechanism(options.mechanism);
    if (!mechanism) {
        return std::move(mechanism).error();
    }
    if (!inputs.has_userinfo && !*mechanism) {
        if (options.properties) {
            return make_error(errc::uri_invalid_auth_mechanism_property,
                              "authMechanismProperties is given without authMechanism: name "
                              "the mechanism (authMechanism=MONGODB-AWS)");
        }
        return std::optional<uri_credential>{};  // no authentication asked for
    }
    if (inputs.has_userinfo && (!inputs.username || inputs.username->empty())) {
        if (inputs.password) {
            return make_error(errc::uri_password_without_username,
                              "the connection string has a password but no user name: write "
                              "user:password@");
        }
        return make_error(errc::uri_invalid_userinfo,
                          "the connection string has an '@' with no user name before it: write "
                          "user:password@, or remove the '@'");
    }
    if (inputs.username && inputs.username->find('\0') != std::string::npos) {
        return make_error(errc::uri_invalid_userinfo, "the user name has a NUL byte (%00)");
    }

    std::vector<raw_property> properties;
    if (options.properties) {
        auto split = split_properties(*options.properties);
        if (!split) {
            return std::move(split).error();
        }
        properties = std::move(split).value();
    }

    uri_credential credential;
    credential.username = std::move(inputs.username);
    credential.password = std::move(inputs.password);
    credential.mechanism = *mechanism;
    result<void> applied;
    switch (mechanism->value_or(auth_mechanism::scram_sha_256)) {
        case auth_mechanism::scram_sha_1:
        case auth_mechanism::scram_sha_256:
        case auth_mechanism::plain:
            applied = apply_password_rules(credential, properties, options, inputs.database);
            break;
        case auth_mechanism::gssapi:
            applied = apply_gssapi_rules(credential, properties, options);
            break;
        case auth_mechanism::mongodb_x509:
            applied = apply_x509_rules(credential, properties, options);
            break;
        case auth_mechanism::mongodb_aws:
            applied = apply_aws_rules(credential, properties, options);
            break;
        case auth_mechanism::mongodb_oidc:
            applied = apply_oidc_rules(credential, properties, options);
            break;
    }
    if (!applied) {
        return std::move(applied).error();
    }
    return std::optional<uri_credential>{std::move(credential)};
}

}  // namespace mongo_aws::uri_detail
