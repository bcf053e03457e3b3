// The GetCallerIdentity request a MONGODB-AWS client signs: exactly what the server replays.
#define BOOST_TEST_MODULE sts_request
#include <mongo_aws/sts_request.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace {
std::array<std::uint8_t, 64> counting_nonce() {
    std::array<std::uint8_t, 64> nonce{};
    for (std::size_t i = 0; i < nonce.size(); ++i) {
        nonce[i] = static_cast<std::uint8_t>(i);
    }
    return nonce;
}

const std::string* find_header(const mongo_aws::sigv4::request& req, std::string_view name) {
    for (const auto& header : req.headers) {
        if (header.name == name) {
            return &header.value;
        }
    }
    return nullptr;
}
}  // namespace

BOOST_AUTO_TEST_CASE(request_is_post_to_the_root_without_query) {
    const auto req = mongo_aws::make_sts_request("sts.amazonaws.com", counting_nonce());
    BOOST_TEST(req.method == "POST");
    BOOST_TEST(req.path == "/");
    BOOST_TEST(req.query.empty());
}

BOOST_AUTO_TEST_CASE(body_is_get_caller_identity) {
    const auto req = mongo_aws::make_sts_request("sts.amazonaws.com", counting_nonce());
    BOOST_TEST(req.body == "Action=GetCallerIdentity&Version=2011-06-15");
    BOOST_TEST(req.body.size() == 43U);
}

BOOST_AUTO_TEST_CASE(headers_are_exactly_the_five_before_signing) {
    const auto req = mongo_aws::make_sts_request("sts.us-west-2.amazonaws.com", counting_nonce());
    BOOST_TEST(req.headers.size() == 5U);
    const auto* content_type = find_header(req, "Content-Type");
    const auto* content_length = find_header(req, "Content-Length");
    const auto* host = find_header(req, "Host");
    const auto* flag = find_header(req, "X-MongoDB-GS2-CB-Flag");
    BOOST_REQUIRE(content_type != nullptr);
    BOOST_REQUIRE(content_length != nullptr);
    BOOST_REQUIRE(host != nullptr);
    BOOST_REQUIRE(flag != nullptr);
    BOOST_TEST(*content_type == "application/x-www-form-urlencoded");
    BOOST_TEST(*content_length == "43");
    BOOST_TEST(*host == "sts.us-west-2.amazonaws.com");
    BOOST_TEST(*flag == "n");
}

BOOST_AUTO_TEST_CASE(server_nonce_header_is_base64_of_all_64_bytes) {
    const auto req = mongo_aws::make_sts_request("sts.amazonaws.com", counting_nonce());
    const auto* nonce = find_header(req, "X-MongoDB-Server-Nonce");
    BOOST_REQUIRE(nonce != nullptr);
    // Python: base64.b64encode(bytes(range(64))).
    BOOST_TEST(*nonce ==
               "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7"
               "PD0+Pw==");
}
