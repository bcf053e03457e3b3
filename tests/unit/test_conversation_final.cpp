// The MONGODB-AWS client-final step: the signed STS GetCallerIdentity request, packaged as
// `{a, d, t}`. The signature is checked two ways: rebuilt here from the AWS SigV4 rules with
// OpenSSL directly, and against values computed with botocore (AWS's own Python signer).
#define BOOST_TEST_MODULE conversation_final
#include "support/sasl_payloads.hpp"

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/sigv4.hpp>

#include <boost/test/unit_test.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <string>
#include <system_error>

using mongo_aws::conversation;
using mongo_aws::credentials;
using mongo_aws::errc;
using mongo_aws::secret_string;
namespace test = mongo_aws::test;

namespace {
using bytes = std::vector<std::uint8_t>;
using namespace std::chrono;

constexpr std::string_view access_key_id = "AKIDEXAMPLE";
constexpr std::string_view secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view session_token = "FwoGZXIvYXdzEXAMPLETOKEN";

const auto client_nonce = test::fixed_client_nonce(1);  // bytes 1..32

// 2020-02-03T04:05:06Z
const system_clock::time_point signing_time =
    sys_days{year{2020} / February / 3} + hours{4} + minutes{5} + seconds{6};

credentials example_credentials(bool with_token) {
    credentials creds;
    creds.access_key_id = std::string(access_key_id);
    creds.secret_access_key = secret_string(secret_key);
    if (with_token) {
        creds.session_token = secret_string(session_token);
    }
    return creds;
}

conversation at_client_final(std::string_view host) {
    conversation conv([](std::span<std::uint8_t> out) {
        std::copy(client_nonce.begin(), client_nonce.end(), out.begin());
    });
    BOOST_REQUIRE(conv.client_first().has_value());
    BOOST_REQUIRE(
        conv.server_first(test::server_first_payload(test::server_nonce_for(client_nonce), host))
            .has_value());
    return conv;
}

// The payload's fields, all of which must be strings.
std::map<std::string, std::string> decode(const bytes& payload) {
    bson_t doc;
    BOOST_REQUIRE(bson_init_static(&doc, payload.data(), payload.size()));
    BOOST_REQUIRE(bson_validate(&doc, BSON_VALIDATE_NONE, nullptr));
    std::map<std::string, std::string> fields;
    bson_iter_t iter;
    BOOST_REQUIRE(bson_iter_init(&iter, &doc));
    while (bson_iter_next(&iter)) {
        BOOST_REQUIRE(bson_iter_type(&iter) == BSON_TYPE_UTF8);
        std::uint32_t length = 0;
        const char* text = bson_iter_utf8(&iter, &length);
        BOOST_REQUIRE(fields.emplace(bson_iter_key(&iter), std::string(text, length)).second);
    }
    return fields;
}

std::map<std::string, std::string> sign(std::string_view host, bool with_token) {
    auto conv = at_client_final(host);
    const auto payload = conv.client_final(example_credentials(with_token), signing_time);
    BOOST_REQUIRE(payload.has_value());
    return decode(*payload);
}

// The value after `name=` in the Authorization header, up to the next ',' or the end.
std::string auth_part(const std::string& authorization, std::string_view name) {
    const auto at = authorization.find(std::string(name) + "=");
    BOOST_REQUIRE(at != std::string::npos);
    const auto start = at + name.size() + 1;
    return authorization.substr(start, authorization.find(',', start) - start);
}

std::string hex(const unsigned char* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4U];
        out += digits[data[i] & 0x0fU];
    }
    return out;
}

std::string sha256_hex(std::string_view text) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    return hex(digest.data(), digest.size());
}

std::string hmac(std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &length);
    return {reinterpret_cast<const char*>(out.data()), length};
}

std::string base64_of_server_nonce() {
    const auto s = test::server_nonce_for(client_nonce);
    std::array<unsigned char, 89> text{};
    const int length = EVP_EncodeBlock(text.data(), s.data(), static_cast<int>(s.size()));
    return {reinterpret_cast<const char*>(text.data()), static_cast<std::size_t>(length)};
}

// The signature per AWS's SigV4 documentation, rebuilt from the request MONGODB-AWS specifies
// and the date and token the payload carries.
std::string expected_signature(std::string_view host, std::string_view region,
                               const std::map<std::string, std::string>& fields) {
    const std::string date = fields.at("d");
    const bool has_token = fields.count("t") != 0;
    std::string canonical_headers =
        "content-length:43\n"
        "content-type:application/x-www-form-urlencoded\n"
        "host:" +
        std::string(host) +
        "\n"
        "x-amz-date:" +
        date + "\n";
    if (has_token) {
        canonical_headers += "x-amz-security-token:" + fields.at("t") + "\n";
    }
    canonical_headers +=
        "x-mongodb-gs2-cb-flag:n\n"
        "x-mongodb-server-nonce:" +
        base64_of_server_nonce() + "\n";
    const std::string signed_headers =
        has_token ? "content-length;content-type;host;x-amz-date;x-amz-security-token;"
                    "x-mongodb-gs2-cb-flag;x-mongodb-server-nonce"
                  : "content-length;content-type;host;x-amz-date;"
                    "x-mongodb-gs2-cb-flag;x-mongodb-server-nonce";
    const std::string canonical_request = "POST\n/\n\n" + canonical_headers + "\n" +
                                          signed_headers + "\n" +
                                          sha256_hex("Action=GetCallerIdentity&Version=2011-06-15");
    const std::string day = date.substr(0, 8);
    const std::string scope = day + "/" + std::string(region) + "/sts/aws4_request";
    const std::string string_to_sign =
        "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + sha256_hex(canonical_request);
    const std::string key = hmac(
        hmac(hmac(hmac("AWS4" + std::string(secret_key), day), region), "sts"), "aws4_request");
    const std::string signature = hmac(key, string_to_sign);
    return hex(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
}

bool contains(const bytes& haystack, std::string_view needle) {
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
           haystack.end();
}
}  // namespace

BOOST_AUTO_TEST_CASE(payload_is_a_and_d_without_a_token) {
    const auto fields = sign("sts.amazonaws.com", false);
    BOOST_TEST(fields.size() == 2U);
    BOOST_TEST(fields.count("a") == 1U);
    BOOST_TEST(fields.count("d") == 1U);
}

BOOST_AUTO_TEST_CASE(t_is_the_session_token_when_there_is_one) {
    const auto fields = sign("sts.amazonaws.com", true);
    BOOST_TEST(fields.size() == 3U);
    BOOST_REQUIRE(fields.count("t") == 1U);
    BOOST_TEST(fields.at("t") == session_token);
}

BOOST_AUTO_TEST_CASE(d_is_the_amz_date_of_now) {
    const auto date = sign("sts.amazonaws.com", false).at("d");
    BOOST_TEST(date == "20200203T040506Z");
    BOOST_TEST(date.size() == 16U);
    BOOST_TEST(
        std::all_of(date.begin(), date.begin() + 8, [](char c) { return c >= '0' && c <= '9'; }));
    BOOST_TEST(date[8] == 'T');
    BOOST_TEST(date[15] == 'Z');
}

BOOST_AUTO_TEST_CASE(authorization_names_the_credential_scope) {
    const auto a = sign("sts.us-west-2.amazonaws.com", false).at("a");
    BOOST_TEST(a.rfind("AWS4-HMAC-SHA256 Credential=", 0) == 0U);
    BOOST_TEST(auth_part(a, "Credential") == "AKIDEXAMPLE/20200203/us-west-2/sts/aws4_request");
}

BOOST_AUTO_TEST_CASE(signed_headers_are_exactly_the_specs_without_token) {
    const auto a = sign("sts.amazonaws.com", false).at("a");
    BOOST_TEST(auth_part(a, "SignedHeaders") ==
               "content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;"
               "x-mongodb-server-nonce");
}

BOOST_AUTO_TEST_CASE(signed_headers_are_exactly_the_specs_with_token) {
    const auto a = sign("sts.amazonaws.com", true).at("a");
    BOOST_TEST(auth_part(a, "SignedHeaders") ==
               "content-length;content-type;host;x-amz-date;x-amz-security-token;"
               "x-mongodb-gs2-cb-flag;x-mongodb-server-nonce");
}

BOOST_AUTO_TEST_CASE(signature_verifies_independently) {
    for (const bool with_token : {false, true}) {
        for (const auto& [host, region] :
             {std::pair<std::string, std::string>{"sts.amazonaws.com", "us-east-1"},
              {"sts.us-west-2.amazonaws.com", "us-west-2"},
              {"localhost", "us-east-1"}}) {
            BOOST_TEST_CONTEXT(host << (with_token ? " with token" : " without token")) {
                const auto fields = sign(host, with_token);
                BOOST_TEST(auth_part(fields.at("a"), "Signature") ==
                           expected_signature(host, region, fields));
            }
        }
    }
}

// Expected values computed with botocore 1.43.11's SigV4Auth("sts", region) on the same request
// (POST https://<host>/, the five headers, the 43-byte body), clock fixed at 2020-02-03T04:05:06Z.
BOOST_AUTO_TEST_CASE(signature_matches_botocore) {
    BOOST_TEST(auth_part(sign("sts.us-west-2.amazonaws.com", false).at("a"), "Signature") ==
               "c5f63bbb4559aad86305b1dbd516a707f24a8a7aa0650ae0f08e7b99945a0b9c");
    BOOST_TEST(auth_part(sign("sts.us-west-2.amazonaws.com", true).at("a"), "Signature") ==
               "7d213bdccf67bb768c760abdfcba62e0a5434cdd51475fac22534d2cd2bd0f30");
    BOOST_TEST(auth_part(sign("sts.amazonaws.com", false).at("a"), "Signature") ==
               "8265e0f762f6f39b31f5362ae1ea22df2debc15036c07cd8ef3cddf4b80ef8ef");
    BOOST_TEST(auth_part(sign("sts.amazonaws.com", true).at("a"), "Signature") ==
               "a43423a56832241ef4f7165e52cbb695dde6f564a1a0e24dff08fe4ebc3b040b");
}

BOOST_AUTO_TEST_CASE(cached_signing_key_gives_the_same_payload) {
    const auto key =
        mongo_aws::sigv4::derive_signing_key(secret_key, "20200203", "us-west-2", "sts");
    auto derived = at_client_final("sts.us-west-2.amazonaws.com");
    auto cached = at_client_final("sts.us-west-2.amazonaws.com");
    const auto creds = example_credentials(true);
    BOOST_TEST(derived.client_final(creds, signing_time).value() ==
               cached.client_final(creds, signing_time, &key).value());
}

BOOST_AUTO_TEST_CASE(cached_signing_key_is_used) {
    // A key of the right scope derived from another secret signs differently: the cached key,
    // not the credentials' secret, was used.
    const auto other =
        mongo_aws::sigv4::derive_signing_key("another secret", "20200203", "us-west-2", "sts");
    auto conv = at_client_final("sts.us-west-2.amazonaws.com");
    const auto fields =
        decode(conv.client_final(example_credentials(false), signing_time, &other).value());
    BOOST_TEST(auth_part(fields.at("a"), "Signature") !=
               "c5f63bbb4559aad86305b1dbd516a707f24a8a7aa0650ae0f08e7b99945a0b9c");
}

BOOST_AUTO_TEST_CASE(secret_key_never_leaves) {
    for (const bool with_token : {false, true}) {
        auto conv = at_client_final("sts.amazonaws.com");
        const auto payload =
            conv.client_final(example_credentials(with_token), signing_time).value();
        BOOST_TEST(!contains(payload, secret_key));
        BOOST_TEST(!contains(payload, "wJalrXUtnFEMI"));
    }
}

BOOST_AUTO_TEST_CASE(incomplete_credentials_are_rejected) {
    auto no_key_id = example_credentials(true);
    no_key_id.access_key_id.clear();
    auto no_secret = example_credentials(true);
    no_secret.secret_access_key.clear();
    for (const auto& creds : {no_key_id, no_secret}) {
        auto conv = at_client_final("sts.amazonaws.com");
        const auto payload = conv.client_final(creds, signing_time);
        BOOST_REQUIRE(!payload.has_value());
        BOOST_TEST(payload.error().code == errc::credentials_incomplete);
        BOOST_TEST(payload.error().message.find("wJalrXUtnFEMI") == std::string::npos);
        BOOST_TEST(payload.error().message.find(session_token) == std::string::npos);
        BOOST_TEST((conv.current_state() == conversation::state::failed));
    }
}

BOOST_AUTO_TEST_CASE(client_final_before_server_first_is_out_of_order) {
    conversation fresh;
    const auto early = fresh.client_final(example_credentials(false), signing_time);
    BOOST_REQUIRE(!early.has_value());
    BOOST_TEST(early.error().code == errc::conversation_out_of_order);

    conversation started;
    BOOST_REQUIRE(started.client_first().has_value());
    const auto still_early = started.client_final(example_credentials(false), signing_time);
    BOOST_REQUIRE(!still_early.has_value());
    BOOST_TEST(still_early.error().code == errc::conversation_out_of_order);
}

BOOST_AUTO_TEST_CASE(client_final_twice_is_out_of_order) {
    auto conv = at_client_final("sts.amazonaws.com");
    BOOST_REQUIRE(conv.client_final(example_credentials(false), signing_time).has_value());
    BOOST_TEST((conv.current_state() == conversation::state::client_final_sent));
    const auto again = conv.client_final(example_credentials(false), signing_time);
    BOOST_REQUIRE(!again.has_value());
    BOOST_TEST(again.error().code == errc::conversation_out_of_order);
}

BOOST_AUTO_TEST_CASE(token_with_a_control_byte_is_refused_not_sent) {
    auto creds = example_credentials(false);
    creds.session_token = secret_string(std::string(session_token) + "\n");
    auto conv = at_client_final("sts.amazonaws.com");
    const auto payload = conv.client_final(creds, signing_time);
    BOOST_REQUIRE(!payload.has_value());
    BOOST_TEST(payload.error().code == errc::sigv4_invalid_credentials);
    BOOST_TEST(payload.error().to_string().find(session_token) == std::string::npos);
    BOOST_TEST(payload.error().to_string().find("wJalrXUtnFEMI") == std::string::npos);
    BOOST_TEST((conv.current_state() == conversation::state::failed));
}
