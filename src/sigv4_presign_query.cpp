// SigV4 in the query string (presigned URL).
#include "sigv4_canonical.hpp"
#include "sigv4_crypto.hpp"
#include "sigv4_signer.hpp"
#include "sigv4_validate.hpp"

#include <mongo_aws/sigv4.hpp>

namespace mongo_aws::sigv4 {

result<presigned_query_result> presign_query(const request& req, const credentials& creds,
                                             const options& opts, const signing_key* key) {
    if (auto expires = detail::validate_expires(opts); !expires) {
        return std::move(expires).error();
    }
    auto prepared = detail::prepare_signing(req, creds, opts, key);
    if (!prepared) {
        return std::move(prepared).error();
    }
    const auto& context = *prepared;
    const auto headers = detail::canonicalize_headers(req.headers);
    const auto& token = creds.session_token;

    presigned_query_result presigned;
    auto& added = presigned.added_query;
    added.emplace_back("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    added.emplace_back("X-Amz-Credential", creds.access_key_id + "/" + context.scope);
    added.emplace_back("X-Amz-Date", context.amz_date);
    added.emplace_back("X-Amz-SignedHeaders", headers.signed_names);
    added.emplace_back("X-Amz-Expires", std::to_string(opts.presign_expires.count()));
    if (!token.empty()) {
        added.emplace_back("X-Amz-Security-Token", std::string(token.reveal()));
    }

    auto query = req.query;
    for (const auto& parameter : added) {
        if (!(opts.omit_session_token && parameter.first == "X-Amz-Security-Token")) {
            query.push_back(parameter);
        }
    }

    auto& parts = presigned.parts;
    parts.canonical_request = detail::canonical_request(
        req.method, detail::canonical_path(req.path, opts), detail::canonical_query(query), headers,
        detail::to_hex(detail::sha256(req.body)));
    parts.string_to_sign =
        detail::string_to_sign(context.amz_date, context.scope, parts.canonical_request);
    parts.signed_headers = headers.signed_names;
    parts.signature = detail::signature_of(context.key, parts.string_to_sign);

    added.emplace_back("X-Amz-Signature", parts.signature);
    return presigned;
}

}  // namespace mongo_aws::sigv4
