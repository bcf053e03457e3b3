// The order of the checks: the payload's shape, then the scope, the clock, the user, the
// token, the signed headers, and the signature last (the only check that needs the secret).
#include "amz_date.hpp"
#include "client_final_payload.hpp"
#include "quote_untrusted.hpp"
#include "signature_check.hpp"

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/sts_host.hpp>
#include <mongo_aws/test_server/authorization_header.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <chrono>

namespace mongo_aws::test_server {
namespace {

using mongo_aws::detail::quote_untrusted;

std::string expected_region(std::string_view host) {
    return validate_sts_host(host) ? sts_region(host) : std::string();
}

std::optional<refusal> check_scope(const authorization_header& header, std::string_view amz_date,
                                   const expectation& expected) {
    if (header.service != sts_service) {
        return refusal{rejection::service_mismatch,
                       "the credential scope names the service " + quote_untrusted(header.service) +
                           ", expected \"sts\": MONGODB-AWS signs an STS request"};
    }
    if (header.date != amz_date.substr(0, 8)) {
        return refusal{rejection::scope_date_mismatch,
                       "the credential scope's day " + quote_untrusted(header.date) +
                           " is not the day of the X-Amz-Date " + quote_untrusted(amz_date) +
                           ": sign with one clock reading for both"};
    }
    const std::string region = expected_region(expected.sts_host);
    if (header.region != region) {
        return refusal{rejection::region_mismatch,
                       "the credential scope names the region " + quote_untrusted(header.region) +
                           ", but the STS host " + quote_untrusted(expected.sts_host) + " means " +
                           (region.empty() ? "none (it is invalid)" : region) +
                           ": derive the region from the host the server named"};
    }
    return std::nullopt;
}

std::optional<refusal> check_clock(std::chrono::system_clock::time_point signed_at,
                                   std::string_view amz_date, const expectation& expected) {
    using std::chrono::seconds;
    const auto distance = std::chrono::duration_cast<seconds>(signed_at - expected.now);
    if (distance > expected.max_clock_skew || -distance > expected.max_clock_skew) {
        const bool ahead = distance.count() > 0;
        return refusal{rejection::clock_skew,
                       "the X-Amz-Date " + quote_untrusted(amz_date) + " is " +
                           std::to_string(ahead ? distance.count() : -distance.count()) + " s " +
                           (ahead ? "ahead of" : "behind") + " the server's clock; at most " +
                           std::to_string(expected.max_clock_skew.count()) +
                           " s are allowed: check the client's clock (NTP)"};
    }
    return std::nullopt;
}

std::optional<refusal> check_session_token(const user& known,
                                           const internal::client_final_fields& fields) {
    const std::string who = "the user " + redact_access_key_id(known.access_key_id);
    if (!known.session_token.empty() && !fields.session_token) {
        return refusal{rejection::session_token_missing,
                       who +
                           " has temporary credentials, but the client sent no session token "
                           "(`t`): send the token that came with the key"};
    }
    if (known.session_token.empty() && fields.session_token) {
        return refusal{rejection::session_token_unexpected,
                       who +
                           " has long-term credentials, but the client sent a session token "
                           "(`t`): is the key paired with another identity's token?"};
    }
    if (fields.session_token && !(*fields.session_token == known.session_token)) {
        return refusal{rejection::session_token_mismatch,
                       "the session token (`t`) is not the one issued with " + who +
                           "'s key: is the token stale or from another identity?"};
    }
    return std::nullopt;
}

}  // namespace

verification verify_client_final(std::span<const std::uint8_t> payload, const expectation& expected,
                                 const user_table& users) {
    internal::client_final_fields fields;
    if (auto refused = internal::read_client_final(payload, fields)) {
        return *refused;
    }
    const auto signed_at = internal::parse_amz_date(fields.amz_date);
    if (!signed_at) {
        return refusal{rejection::date_malformed, "the X-Amz-Date (`d`) " +
                                                      quote_untrusted(fields.amz_date) +
                                                      " is not a date-time YYYYMMDD'T'HHMMSS'Z'"};
    }
    auto header = parse_authorization_header(fields.authorization);
    if (!header) {
        return refusal{rejection::authorization_malformed, header.error().message};
    }
    if (auto refused = check_scope(*header, fields.amz_date, expected)) {
        return *refused;
    }
    if (auto refused = check_clock(*signed_at, fields.amz_date, expected)) {
        return *refused;
    }
    const user* known = users.find(header->access_key_id);
    if (known == nullptr) {
        return refusal{rejection::unknown_access_key_id,
                       "no user has the access key id " +
                           redact_access_key_id(header->access_key_id) +
                           ": check the users file, and which credentials the client found"};
    }
    if (auto refused = check_session_token(*known, fields)) {
        return *refused;
    }
    if (auto refused = internal::check_signed_headers(*header, fields.session_token.has_value())) {
        return *refused;
    }
    if (auto refused = internal::check_signature(*header, fields, *signed_at, expected,
                                                 known->secret_access_key)) {
        return *refused;
    }
    return identity{known->access_key_id, known->arn, mongodb_user_name(known->arn)};
}

}  // namespace mongo_aws::test_server
