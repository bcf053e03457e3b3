#include <mongo_aws/test_server/verifier.hpp>

#include <ostream>

namespace mongo_aws::test_server {

std::string_view to_string(rejection reason) noexcept {
    switch (reason) {
        case rejection::database_not_external:
            return "database_not_external";
        case rejection::sasl_start_payload_malformed:
            return "sasl_start_payload_malformed";
        case rejection::client_nonce_wrong_length:
            return "client_nonce_wrong_length";
        case rejection::channel_binding_unsupported:
            return "channel_binding_unsupported";
        case rejection::sasl_continue_payload_malformed:
            return "sasl_continue_payload_malformed";
        case rejection::date_malformed:
            return "date_malformed";
        case rejection::authorization_malformed:
            return "authorization_malformed";
        case rejection::service_mismatch:
            return "service_mismatch";
        case rejection::scope_date_mismatch:
            return "scope_date_mismatch";
        case rejection::region_mismatch:
            return "region_mismatch";
        case rejection::clock_skew:
            return "clock_skew";
        case rejection::unknown_access_key_id:
            return "unknown_access_key_id";
        case rejection::session_token_missing:
            return "session_token_missing";
        case rejection::session_token_unexpected:
            return "session_token_unexpected";
        case rejection::session_token_mismatch:
            return "session_token_mismatch";
        case rejection::signed_header_missing:
            return "signed_header_missing";
        case rejection::signed_header_unexpected:
            return "signed_header_unexpected";
        case rejection::signed_headers_not_canonical:
            return "signed_headers_not_canonical";
        case rejection::signature_mismatch:
            return "signature_mismatch";
        case rejection::injected_fault:
            return "injected_fault";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& out, rejection reason) {
    return out << to_string(reason);
}

}  // namespace mongo_aws::test_server
