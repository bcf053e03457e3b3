// Errors: a code programs can branch on, a message people can act on, the server's words apart.
#define BOOST_TEST_MODULE error
#include <mongo_aws/error.hpp>
#include <mongo_aws/result.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using mongo_aws::errc;

BOOST_AUTO_TEST_CASE(codes_belong_to_the_mongo_aws_category) {
    const std::error_code code = errc::server_nonce_mismatch;
    BOOST_TEST(code.category().name() == std::string("mongo_aws"));
    BOOST_TEST(code.message() == "server nonce does not extend ours");
    BOOST_TEST(code != std::error_code(errc::server_nonce_wrong_length));
}

BOOST_AUTO_TEST_CASE(every_code_has_its_own_description) {
    const std::error_code first = errc::server_payload_malformed;
    const std::error_code last = errc::authorization_header_malformed;
    for (int value = first.value(); value <= last.value(); ++value) {
        const auto text = mongo_aws::category().message(value);
        BOOST_TEST_INFO("code " << value);
        BOOST_TEST(text != "unknown mongo_aws error");
    }
}

BOOST_AUTO_TEST_CASE(every_code_has_its_own_stable_name) {
    // --json prints these names; scripts match on them. (scripts/gen-error-names.py writes
    // them from the enumeration.)
    const std::error_code first = errc::server_payload_malformed;
    const std::error_code last = errc::authorization_header_malformed;
    std::set<std::string> seen;
    for (int value = first.value(); value <= last.value(); ++value) {
        const auto name = mongo_aws::name_of(static_cast<errc>(value));
        BOOST_TEST_INFO("code " << value);
        BOOST_TEST(name != "unknown");
        BOOST_TEST(seen.insert(std::string(name)).second);
    }
    BOOST_TEST(mongo_aws::name_of(errc::imds_token_refused) == "imds_token_refused");
    BOOST_TEST(mongo_aws::code_name(errc::timeout) == "timeout");
    BOOST_TEST(mongo_aws::code_name(std::make_error_code(std::errc::connection_refused)) ==
               "generic:" + std::to_string(static_cast<int>(std::errc::connection_refused)));
}

BOOST_AUTO_TEST_CASE(server_text_is_kept_apart_and_shown_after_ours) {
    auto err = mongo_aws::make_error(errc::command_failed, "saslContinue failed");
    err.server_code = "18";
    err.server_message = "Authentication failed.";
    BOOST_TEST(err.to_string() ==
               "saslContinue failed (server said: code 18: Authentication failed.)");
}

BOOST_AUTO_TEST_CASE(result_holds_a_value_or_an_error) {
    mongo_aws::result<int> good = 42;
    BOOST_TEST(good.has_value());
    BOOST_TEST(*good == 42);

    mongo_aws::result<int> bad = mongo_aws::make_error(errc::json_malformed, "not JSON");
    BOOST_TEST(!bad.has_value());
    BOOST_TEST(bad.error().code == std::error_code(errc::json_malformed));
    BOOST_CHECK_THROW(bad.value(), mongo_aws::exception);
    try {
        (void)bad.value();
    } catch (const mongo_aws::exception& thrown) {
        BOOST_TEST(thrown.code() == std::error_code(errc::json_malformed));
        BOOST_TEST(std::string(thrown.what()).find("not JSON") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(void_result_reports_success_or_error) {
    const mongo_aws::result<void> good;
    BOOST_TEST(good.has_value());
    const mongo_aws::result<void> bad = mongo_aws::make_error(errc::http_incomplete, "closed");
    BOOST_TEST(!bad.has_value());
    BOOST_CHECK_THROW(bad.value(), mongo_aws::exception);
}
