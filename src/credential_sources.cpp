#include "quote_untrusted.hpp"
#include "text_checks.hpp"

#include <mongo_aws/credential_sources.hpp>

#include <optional>
#include <ostream>
#include <utility>

namespace mongo_aws {

std::string_view to_string(credential_source source) noexcept {
    switch (source) {
        case credential_source::explicit_credentials:
            return "explicit";
        case credential_source::custom:
            return "custom";
        case credential_source::environment:
            return "environment";
        case credential_source::web_identity:
            return "web_identity";
        case credential_source::ecs:
            return "ecs";
        case credential_source::ec2:
            return "ec2";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& out, credential_source source) {
    return out << to_string(source);
}

std::string_view to_string(source_status status) noexcept {
    switch (status) {
        case source_status::chosen:
            return "chosen";
        case source_status::skipped:
            return "skipped";
        case source_status::error:
            return "error";
        case source_status::shadowed:
            return "shadowed";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& out, const source_selection& selection) {
    for (const auto& report : selection.reports) {
        out << "  " << report.source << ": " << to_string(report.status) << ": " << report.detail
            << "\n";
    }
    return out;
}

namespace {

// What one source's own settings say, before priorities are applied.
struct assessment {
    enum class kind { absent, configured, invalid };
    kind state = kind::absent;
    std::string detail;            // why absent, or what configures it
    std::optional<error> failure;  // when invalid
};

assessment configured(std::string detail) {
    return {assessment::kind::configured, std::move(detail), std::nullopt};
}

assessment absent(std::string detail) {
    return {assessment::kind::absent, std::move(detail), std::nullopt};
}

assessment invalid(errc code, std::string message) {
    auto err = make_error(code, message);
    return {assessment::kind::invalid, std::move(message), std::move(err)};
}

assessment assess_explicit(const credentials* creds) {
    if (creds == nullptr) {
        return absent("no credentials in the connection string or client options");
    }
    const bool has_id = !creds->access_key_id.empty();
    const bool has_secret = !creds->secret_access_key.empty();
    if (has_id && has_secret) {
        return configured("credentials given in the connection string or client options");
    }
    std::string missing = !has_id && !has_secret ? "the access key id (user name) and the "
                                                   "secret access key (password)"
                          : !has_id              ? "the access key id (user name)"
                                                 : "the secret access key (password)";
    return invalid(
        errc::credentials_incomplete,
        "the credentials given in the connection string or client options lack " + missing);
}

assessment assess_custom(bool has_custom_provider) {
    if (has_custom_provider) {
        return configured("a custom credential provider is set");
    }
    return absent("no custom credential provider is set");
}

assessment assess_environment(const environment& env) {
    const bool id = env.access_key_id.has_value();
    const bool secret = env.secret_access_key.has_value();
    const bool token = env.session_token.has_value();
    if (!id && !secret && !token) {
        return absent("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN are not set");
    }
    if (id && secret) {
        return configured(token ? "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and "
                                  "AWS_SESSION_TOKEN are set"
                                : "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set");
    }
    std::string set;
    std::string unset;
    const auto add = [](std::string& list, std::string_view name) {
        list += list.empty() ? "" : " and ";
        list += name;
    };
    add(id ? set : unset, "AWS_ACCESS_KEY_ID");
    add(secret ? set : unset, "AWS_SECRET_ACCESS_KEY");
    if (token) {
        add(set, "AWS_SESSION_TOKEN");
    }
    const bool plural_set = set.find(" and ") != std::string::npos;
    const bool plural_unset = unset.find(" and ") != std::string::npos;
    return invalid(errc::environment_credentials_incomplete,
                   set + (plural_set ? " are" : " is") + " set but " + unset +
                       (plural_unset ? " are" : " is") +
                       " not: environment credentials need both AWS_ACCESS_KEY_ID and "
                       "AWS_SECRET_ACCESS_KEY (AWS_SESSION_TOKEN is optional); set the "
                       "missing one or unset the others");
}

assessment assess_web_identity(const environment& env) {
    const bool file = env.web_identity_token_file.has_value();
    const bool role = env.role_arn.has_value();
    if (file && role) {
        return configured("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are set (role " +
                          detail::quote_untrusted(*env.role_arn, 128) + ")");
    }
    if (file) {
        return absent("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not");
    }
    if (role) {
        return absent("AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not");
    }
    return absent("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set");
}

assessment assess_ecs(const environment& env) {
    if (env.container_relative_uri) {
        return configured(env.container_full_uri
                              ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set (it wins over "
                                "AWS_CONTAINER_CREDENTIALS_FULL_URI, also set)"
                              : "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set");
    }
    if (env.container_full_uri) {
        return configured("AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
    }
    return absent(
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not "
        "set");
}

assessment assess_ec2(const environment& env) {
    if (env.ec2_metadata_disabled) {
        return absent("turned off by AWS_EC2_METADATA_DISABLED=true");
    }
    if (env.ec2_metadata_endpoint) {
        return configured("instance metadata (IMDSv2) at " +
                          detail::quote_untrusted(*env.ec2_metadata_endpoint, 128) +
                          " from AWS_EC2_METADATA_SERVICE_ENDPOINT");
    }
    return configured("instance metadata (IMDSv2) at http://169.254.169.254");
}

assessment assess(credential_source source, const credentials* explicit_credentials,
                  bool has_custom_provider, const environment& env) {
    switch (source) {
        case credential_source::explicit_credentials:
            return assess_explicit(explicit_credentials);
        case credential_source::custom:
            return assess_custom(has_custom_provider);
        case credential_source::environment:
            return assess_environment(env);
        case credential_source::web_identity:
            return assess_web_identity(env);
        case credential_source::ecs:
            return assess_ecs(env);
        case credential_source::ec2:
            return assess_ec2(env);
    }
    return absent("unknown source");
}

}  // namespace

source_selection select_credential_source(const credentials* explicit_credentials,
                                          bool has_custom_provider, const environment& env) {
    std::optional<credential_source> first;  // the first source not absent
    std::optional<error> failure;
    std::vector<source_report> reports;
    std::vector<credential_source> sdk_candidates;
    std::string none_found = "no AWS credentials found";
    for (const auto source : all_credential_sources) {
        auto found = assess(source, explicit_credentials, has_custom_provider, env);
        if (found.state == assessment::kind::absent) {
            none_found += (reports.empty() ? ": " : "; ") + std::string(to_string(source)) + ": " +
                          found.detail;
            reports.push_back({source, source_status::skipped, std::move(found.detail)});
            continue;
        }
        const bool usable = found.state == assessment::kind::configured;
        if (usable) {
            sdk_candidates.push_back(source);
        }
        if (first) {
            reports.push_back({source, source_status::shadowed,
                               (usable ? "configured (" : "configured but unusable (") +
                                   found.detail + "), but " + std::string(to_string(*first)) +
                                   " comes first"});
            continue;
        }
        first = source;
        if (usable) {
            reports.push_back({source, source_status::chosen, std::move(found.detail)});
        } else {
            failure = std::move(found.failure);
            reports.push_back({source, source_status::error, std::move(found.detail)});
        }
    }

    if (failure) {
        return {std::move(*failure), std::move(reports), std::move(sdk_candidates)};
    }
    if (first) {
        return {*first, std::move(reports), std::move(sdk_candidates)};
    }
    return {make_error(errc::no_credentials_found, std::move(none_found)), std::move(reports),
            std::move(sdk_candidates)};
}

}  // namespace mongo_aws
