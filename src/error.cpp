#include <mongo_aws/error.hpp>

#include <ostream>

namespace mongo_aws {
namespace {

class mongo_aws_category final : public std::error_category {
public:
    [[nodiscard]] const char* name() const noexcept override { return "mongo_aws"; }

    [[nodiscard]] std::string message(int value) const override {
        return describe(static_cast<errc>(value));
    }

private:
    static const char* describe(errc code) {
        switch (code) {
            case errc::server_payload_malformed:
                return "server-first payload is not valid BSON";
            case errc::server_payload_missing_field:
                return "server-first payload lacks a field";
            case errc::server_payload_wrong_type:
                return "server-first field has the wrong type";
            case errc::server_nonce_wrong_length:
                return "server nonce is not 64 bytes";
            case errc::server_nonce_mismatch:
                return "server nonce does not extend ours";
            case errc::sts_host_empty:
                return "STS host is empty";
            case errc::sts_host_too_long:
                return "STS host is longer than 255 bytes";
            case errc::sts_host_empty_label:
                return "STS host has an empty label";
            case errc::sts_host_leading_dot:
                return "STS host starts with a dot";
            case errc::sts_host_trailing_dot:
                return "STS host ends with a dot";
            case errc::sts_host_invalid_character:
                return "STS host has an invalid character";
            case errc::conversation_out_of_order:
                return "conversation step out of order";
            case errc::credentials_incomplete:
                return "credentials are incomplete";
            case errc::random_bytes_failed:
                return "random number generator failed";
            case errc::sasl_payload_too_large:
                return "SASL payload too large";
            case errc::sigv4_invalid_request:
                return "request cannot be signed";
            case errc::sigv4_invalid_header_name:
                return "header name cannot be signed";
            case errc::sigv4_invalid_header_value:
                return "header value cannot be signed";
            case errc::sigv4_reserved_header:
                return "request already has a signing header";
            case errc::sigv4_missing_host:
                return "request to sign has no Host header";
            case errc::sigv4_reserved_query_parameter:
                return "query already has a signing parameter";
            case errc::sigv4_invalid_scope:
                return "invalid SigV4 region or service";
            case errc::sigv4_invalid_expires:
                return "invalid X-Amz-Expires";
            case errc::sigv4_invalid_credentials:
                return "credentials cannot be used to sign";
            case errc::message_too_short:
                return "wire message is too short";
            case errc::message_length_negative:
                return "wire message length is negative";
            case errc::message_too_large:
                return "wire message exceeds maxMessageSizeBytes";
            case errc::message_length_mismatch:
                return "wire message length does not match";
            case errc::message_unknown_opcode:
                return "wire message has an unknown opcode";
            case errc::message_response_to_mismatch:
                return "reply answers another request";
            case errc::op_msg_unknown_required_flag:
                return "OP_MSG has an unknown required flag";
            case errc::op_msg_unknown_section_kind:
                return "OP_MSG has an unknown section kind";
            case errc::op_msg_missing_body:
                return "OP_MSG has no body section";
            case errc::op_msg_duplicate_body:
                return "OP_MSG has more than one body section";
            case errc::op_msg_section_truncated:
                return "OP_MSG section runs past the message";
            case errc::op_reply_no_document:
                return "OP_REPLY returned no document";
            case errc::op_reply_query_failure:
                return "OP_REPLY reports a query failure";
            case errc::bson_length_invalid:
                return "BSON length is invalid";
            case errc::bson_invalid:
                return "BSON document is invalid";
            case errc::reply_field_missing:
                return "command reply lacks a field";
            case errc::reply_field_wrong_type:
                return "command reply field has the wrong type";
            case errc::command_failed:
                return "server command failed";
            case errc::message_trailing_bytes:
                return "wire message has trailing bytes";
            case errc::op_msg_section_malformed:
                return "OP_MSG document sequence is malformed";
            case errc::op_msg_missing_database:
                return "OP_MSG request has no $db";
            case errc::op_query_malformed_namespace:
                return "OP_QUERY has a malformed fullCollectionName";
            case errc::command_document_invalid:
                return "command cannot be encoded";
            case errc::uri_invalid_scheme:
                return "connection string has an invalid scheme";
            case errc::uri_missing_host:
                return "connection string has no host";
            case errc::uri_invalid_host:
                return "connection string has an invalid host";
            case errc::uri_invalid_port:
                return "connection string has an invalid port";
            case errc::uri_invalid_percent_encoding:
                return "invalid percent-encoding";
            case errc::uri_invalid_userinfo:
                return "connection string has invalid user info";
            case errc::uri_invalid_option:
                return "connection string has an invalid option";
            case errc::uri_username_without_password:
                return "user name without password";
            case errc::uri_password_without_username:
                return "password without user name";
            case errc::uri_session_token_without_credentials:
                return "session token without user name and password";
            case errc::uri_invalid_auth_source:
                return "invalid authSource";
            case errc::uri_invalid_auth_mechanism:
                return "invalid authMechanism";
            case errc::uri_invalid_auth_mechanism_property:
                return "invalid authMechanismProperties";
            case errc::uri_invalid_character:
                return "connection string has a space or control character";
            case errc::uri_invalid_database:
                return "connection string has an invalid database name";
            case errc::json_malformed:
                return "reply is not valid JSON";
            case errc::json_missing_field:
                return "reply lacks a field";
            case errc::json_wrong_type:
                return "reply field has the wrong type";
            case errc::ec2_code_not_success:
                return "instance metadata reports a failure";
            case errc::sts_error_response:
                return "STS returned an error";
            case errc::timestamp_invalid:
                return "invalid ISO-8601 timestamp";
            case errc::json_too_large:
                return "reply is too large to parse";
            case errc::http_malformed_status_line:
                return "malformed HTTP status line";
            case errc::http_malformed_request_line:
                return "malformed HTTP request line";
            case errc::http_malformed_header:
                return "malformed HTTP header";
            case errc::http_headers_too_large:
                return "HTTP headers too large";
            case errc::http_invalid_content_length:
                return "invalid HTTP Content-Length";
            case errc::http_invalid_chunk:
                return "invalid HTTP chunk";
            case errc::http_body_too_large:
                return "HTTP body too large";
            case errc::http_unsupported_encoding:
                return "unsupported HTTP transfer encoding";
            case errc::http_incomplete:
                return "HTTP message ended early";
            case errc::http_invalid_request:
                return "HTTP request cannot be serialized";
            case errc::timeout:
                return "timed out";
            case errc::cancelled:
                return "cancelled";
            case errc::resolve_failed:
                return "host name could not be resolved";
            case errc::connect_failed:
                return "connection failed";
            case errc::tls_failed:
                return "TLS handshake failed";
            case errc::network_error:
                return "network error";
            case errc::env_invalid_number:
                return "environment variable is not a valid number";
            case errc::env_invalid_value:
                return "environment variable has an invalid value";
            case errc::environment_credentials_incomplete:
                return "AWS credentials in the environment are incomplete";
            case errc::no_credentials_found:
                return "no AWS credentials found";
            case errc::source_not_configured:
                return "credential source is not configured";
            case errc::endpoint_url_invalid:
                return "invalid endpoint URL";
            case errc::region_invalid:
                return "invalid AWS region";
            case errc::container_relative_uri_invalid:
                return "invalid container credentials relative URI";
            case errc::container_address_not_allowed:
                return "container credentials address not allowed";
            case errc::container_authorization_token_invalid:
                return "invalid container authorization token";
            case errc::imds_token_invalid:
                return "invalid instance metadata token";
            case errc::imds_role_name_invalid:
                return "invalid instance metadata role name";
            case errc::web_identity_token_invalid:
                return "invalid web identity token";
            case errc::credentials_expired:
                return "credentials expired";
            case errc::credential_source_unavailable:
                return "credential source unavailable";
            case errc::credential_source_threw:
                return "credential source threw an exception";
            case errc::url_invalid_scheme:
                return "URL scheme is not http or https";
            case errc::url_missing_host:
                return "URL has no host";
            case errc::url_invalid_host:
                return "URL has an invalid host";
            case errc::url_invalid_port:
                return "URL has an invalid port";
            case errc::url_userinfo_not_allowed:
                return "URL has user info";
            case errc::url_fragment_not_allowed:
                return "URL has a fragment";
            case errc::url_invalid_target:
                return "URL has an invalid path or query";
            case errc::tls_ca_file_unusable:
                return "CA file cannot be loaded";
            case errc::token_file_unreadable:
                return "token file cannot be read";
            case errc::endpoint_http_error:
                return "credential endpoint answered an HTTP error";
            case errc::imds_token_refused:
                return "IMDSv2 token request refused";
            case errc::server_too_old:
                return "server too old for MONGODB-AWS";
            case errc::users_file_unreadable:
                return "users file cannot be read";
            case errc::users_file_malformed:
                return "users file is not valid";
            case errc::users_file_invalid_entry:
                return "users file has an invalid user";
            case errc::users_file_duplicate_access_key_id:
                return "users file has an access key id twice";
            case errc::authorization_header_malformed:
                return "Authorization header is malformed";
        }
        return "unknown mongo_aws error";
    }
};

}  // namespace

const std::error_category& category() noexcept {
    static const mongo_aws_category instance;
    return instance;
}

std::error_code make_error_code(errc code) noexcept {
    return {static_cast<int>(code), category()};
}

error make_error(errc code, std::string message) {
    return error{make_error_code(code), std::move(message), {}, {}};
}

std::string error::to_string() const {
    std::string line = message.empty() ? code.message() : message;
    if (!server_code.empty() || !server_message.empty()) {
        line += " (server said";
        if (!server_code.empty()) {
            line += ": code " + server_code;
        }
        if (!server_message.empty()) {
            line += ": " + server_message;
        }
        line += ")";
    }
    return line;
}

std::ostream& operator<<(std::ostream& out, const error& err) {
    return out << err.to_string();
}

}  // namespace mongo_aws

namespace mongo_aws {

std::string code_name(const std::error_code& code) {
    if (code.category() == category()) {
        return std::string(name_of(static_cast<errc>(code.value())));
    }
    return std::string(code.category().name()) + ":" + std::to_string(code.value());
}

}  // namespace mongo_aws
