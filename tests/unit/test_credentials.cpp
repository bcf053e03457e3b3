// Credentials and secrets: what a user checks before trusting a library with a secret key.
#define BOOST_TEST_MODULE credentials
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/secret.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <sstream>

using mongo_aws::credentials;
using mongo_aws::secret_string;

namespace {
template <class T>
std::string printed(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

credentials example_credentials() {
    credentials creds;
    creds.access_key_id = "AKIAIOSFODNN7EXAMPLE";
    creds.secret_access_key = secret_string("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    creds.session_token = secret_string("FwoGZXIvYXdzEXAMPLETOKEN");
    return creds;
}
}  // namespace

BOOST_AUTO_TEST_CASE(secret_prints_redacted) {
    const secret_string secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    BOOST_TEST(printed(secret) == "<redacted>");
    BOOST_TEST(printed(secret_string{}) == "<empty>");
}

BOOST_AUTO_TEST_CASE(secret_reveal_returns_the_text) {
    const secret_string secret("token-value");
    BOOST_TEST(secret.reveal() == "token-value");
    BOOST_TEST(secret.size() == 11U);
}

BOOST_AUTO_TEST_CASE(secret_equality_compares_contents) {
    BOOST_TEST((secret_string("abc") == secret_string("abc")));
    BOOST_TEST(!(secret_string("abc") == secret_string("abd")));
    BOOST_TEST(!(secret_string("abc") == secret_string("abcd")));
}

BOOST_AUTO_TEST_CASE(moved_from_secret_is_empty) {
    secret_string original("a secret long enough to live on the heap, not inline");
    secret_string moved(std::move(original));
    BOOST_TEST(original.empty());  // NOLINT(bugprone-use-after-move): the point of the test
    BOOST_TEST(moved.reveal() == "a secret long enough to live on the heap, not inline");
}

BOOST_AUTO_TEST_CASE(clear_empties_the_secret) {
    secret_string secret("short");
    secret.clear();
    BOOST_TEST(secret.empty());
}

BOOST_AUTO_TEST_CASE(access_key_id_is_shortened) {
    BOOST_TEST(mongo_aws::redact_access_key_id("AKIAIOSFODNN7EXAMPLE") == "AKIA\u2026MPLE");
    BOOST_TEST(mongo_aws::redact_access_key_id("AKIDEXAMPLE") == "\u2026LE");
    BOOST_TEST(mongo_aws::redact_access_key_id("") == "\u2026");
}

BOOST_AUTO_TEST_CASE(credentials_never_print_secrets) {
    const auto text = printed(example_credentials());
    BOOST_TEST(text.find("wJalrXUtnFEMI") == std::string::npos);
    BOOST_TEST(text.find("FwoGZXIvYXdz") == std::string::npos);
    BOOST_TEST(text.find("AKIAIOSFODNN7EXAMPLE") == std::string::npos);
    BOOST_TEST(text.find("AKIA\u2026MPLE") != std::string::npos);
    BOOST_TEST(text.find("session_token=<redacted>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(credentials_without_token_say_none) {
    auto creds = example_credentials();
    creds.session_token.clear();
    BOOST_TEST(printed(creds).find("session_token=none") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(completeness_needs_key_id_and_secret) {
    auto creds = example_credentials();
    BOOST_TEST(creds.complete());
    creds.secret_access_key.clear();
    BOOST_TEST(!creds.complete());
}

BOOST_AUTO_TEST_CASE(expiry_is_inclusive) {
    auto creds = example_credentials();
    const auto now = std::chrono::system_clock::now();
    BOOST_TEST(!creds.expired_at(now));  // no expiration: long-term credentials
    creds.expiration = now;
    BOOST_TEST(creds.expired_at(now));
    BOOST_TEST(!creds.expired_at(now - std::chrono::seconds(1)));
}
