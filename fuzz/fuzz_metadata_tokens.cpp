// libFuzzer target: the small bodies the credential sources read and put into their next
// request: the IMDS session token (parse_imds_token), the IMDS role name (parse_imds_role_name),
// the container authorization token file (parse_container_authorization_token) and the
// web-identity token file (parse_web_identity_token). What a parser accepts, the request
// builder that uses it must accept too.
// Seeds: the stand-ins' token and role replies and the token files of the fetcher tests,
// recorded (tests/unit/test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/endpoint_request.hpp>
#include <mongo_aws/environment.hpp>
#include <mongo_aws/metadata_requests.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    const auto text = fuzz::as_text(std::span<const std::uint8_t>(data, size));
    const endpoint_location imds{url_scheme::http, "169.254.169.254", 80, "/"};

    const auto token = parse_imds_token(text);
    if (token) {
        fuzz::require(!token->empty() && token->size() <= max_imds_token_size,
                      "an IMDS token accepted empty or too long");
        fuzz::require(imds_role_name_request(imds, *token).has_value(),
                      "an accepted IMDS token was refused in a request");
    }
    if (const auto role = parse_imds_role_name(text)) {
        fuzz::require(!role->empty() && role->size() <= max_imds_role_name_size,
                      "a role name accepted empty or too long");
        const secret_string fixed_token("AQAEAxyz-token==");
        fuzz::require(
            imds_credentials_request(imds, token ? *token : fixed_token, *role).has_value(),
            "an accepted role name was refused in a request");
    }
    if (const auto container = parse_container_authorization_token(text)) {
        fuzz::require(!container->empty() && container->size() <= max_container_token_size,
                      "a container token accepted empty or too long");
        environment env;
        env.container_relative_uri = "/v2/credentials/fuzz";
        fuzz::require(container_credentials_request(env, &*container).has_value(),
                      "an accepted container token was refused in a request");
    }
    if (const auto web = parse_web_identity_token(text)) {
        fuzz::require(!web->empty() && web->size() <= max_web_identity_token_size,
                      "a web identity token accepted empty or too long");
        environment env;
        env.role_arn = "arn:aws:iam::123456789012:role/web";
        env.role_session_name = "fuzz";
        fuzz::require(web_identity_request(env, *web).has_value(),
                      "an accepted web identity token was refused in a request");
    }
    return 0;
}
