#include "sigv4_signer.hpp"

#include "sigv4_crypto.hpp"
#include "sigv4_validate.hpp"

namespace mongo_aws::sigv4::detail {

result<signing_context> prepare_signing(const request& req, const credentials& creds,
                                        const options& opts, const signing_key* cached_key) {
    if (auto checked = validate_credentials(creds); !checked) {
        return std::move(checked).error();
    }
    if (auto checked = validate_scope(opts); !checked) {
        return std::move(checked).error();
    }
    if (auto checked = validate_request(req); !checked) {
        return std::move(checked).error();
    }

    signing_context context;
    context.amz_date = amz_date(opts.timestamp);
    const auto day = std::string_view(context.amz_date).substr(0, 8);
    context.scope = std::string(day) + "/" + opts.region + "/" + opts.service + "/aws4_request";
    if (cached_key != nullptr && cached_key->matches(day, opts.region, opts.service)) {
        context.key = *cached_key;
    } else {
        context.key =
            derive_signing_key(creds.secret_access_key.reveal(), day, opts.region, opts.service);
    }
    return context;
}

std::string signature_of(const signing_key& key, std::string_view string_to_sign) {
    return to_hex(hmac_sha256(key.bytes(), string_to_sign));
}

}  // namespace mongo_aws::sigv4::detail
