// SigV4 with the Authorization header.
#include "sigv4_canonical.hpp"
#include "sigv4_crypto.hpp"
#include "sigv4_signer.hpp"

#include <mongo_aws/sigv4.hpp>

namespace mongo_aws::sigv4 {

result<signed_headers_result> sign_headers(const request& req, const credentials& creds,
                                           const options& opts, const signing_key* key) {
    auto prepared = detail::prepare_signing(req, creds, opts, key);
    if (!prepared) {
        return std::move(prepared).error();
    }
    const auto& context = *prepared;
    const auto payload_hash = detail::to_hex(detail::sha256(req.body));
    const auto& token = creds.session_token;

    signed_headers_result signed_result;
    signed_result.amz_date = context.amz_date;
    auto& added = signed_result.added_headers;
    added.push_back({"X-Amz-Date", context.amz_date});
    if (!token.empty()) {
        added.push_back({"X-Amz-Security-Token", std::string(token.reveal())});
    }
    if (opts.sign_body) {
        added.push_back({"x-amz-content-sha256", payload_hash});
    }

    std::vector<header> to_sign = req.headers;
    for (const auto& extra : added) {
        if (!(opts.omit_session_token && extra.name == "X-Amz-Security-Token")) {
            to_sign.push_back(extra);
        }
    }
    const auto headers = detail::canonicalize_headers(to_sign);

    auto& parts = signed_result.parts;
    parts.canonical_request =
        detail::canonical_request(req.method, detail::canonical_path(req.path, opts),
                                  detail::canonical_query(req.query), headers, payload_hash);
    parts.string_to_sign =
        detail::string_to_sign(context.amz_date, context.scope, parts.canonical_request);
    parts.signed_headers = headers.signed_names;
    parts.signature = detail::signature_of(context.key, parts.string_to_sign);

    signed_result.authorization = "AWS4-HMAC-SHA256 Credential=" + creds.access_key_id + "/" +
                                  context.scope + ", SignedHeaders=" + parts.signed_headers +
                                  ", Signature=" + parts.signature;
    added.push_back({"Authorization", signed_result.authorization});
    return signed_result;
}

}  // namespace mongo_aws::sigv4
