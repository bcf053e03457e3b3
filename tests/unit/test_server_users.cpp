// The test server's users: the users file format, the checks on each user, and the user name
// MongoDB gives an ARN.
#define BOOST_TEST_MODULE server_users
#include <mongo_aws/test_server/users.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace ts = mongo_aws::test_server;
using mongo_aws::errc;
using mongo_aws::secret_string;

namespace {

constexpr std::string_view two_users = R"({
  "users": [
    {"access_key_id": "AKIAIOSFODNN7EXAMPLE",
     "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
     "arn": "arn:aws:iam::123456789012:user/alice"},
    {"access_key_id": "ASIAIOSFODNN7EXAMPLE",
     "secret_access_key": "temporarySecretKeyEXAMPLE",
     "session_token": "FwoGZXIvYXdzEXAMPLETOKEN",
     "arn": "arn:aws:sts::123456789012:assumed-role/app/i-0abc"}
  ]
})";

// The error of a users file that must be refused.
mongo_aws::error refused(std::string_view json, errc expected) {
    auto parsed = ts::parse_users(json);
    BOOST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().code == std::error_code(expected));
    return parsed.error();
}

std::string user_json(std::string_view members) {
    return R"({"users": [{)" + std::string(members) + "}]}";
}

bool mentions(const mongo_aws::error& err, std::string_view text) {
    return err.message.find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_users_file_gives_each_user) {
    const auto table = ts::parse_users(two_users).value();
    BOOST_REQUIRE(table.size() == 2U);
    const auto* alice = table.find("AKIAIOSFODNN7EXAMPLE");
    BOOST_REQUIRE(alice != nullptr);
    BOOST_TEST(alice->secret_access_key.reveal() == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    BOOST_TEST(alice->session_token.empty());
    BOOST_TEST(alice->arn == "arn:aws:iam::123456789012:user/alice");
    const auto* app = table.find("ASIAIOSFODNN7EXAMPLE");
    BOOST_REQUIRE(app != nullptr);
    BOOST_TEST(app->session_token.reveal() == "FwoGZXIvYXdzEXAMPLETOKEN");
}

BOOST_AUTO_TEST_CASE(find_compares_the_key_id_exactly) {
    const auto table = ts::parse_users(two_users).value();
    BOOST_TEST(table.find("akiaiosfodnn7example") == nullptr);
    BOOST_TEST(table.find("AKIAIOSFODNN7EXAMPL") == nullptr);
    BOOST_TEST(table.find("") == nullptr);
}

BOOST_AUTO_TEST_CASE(an_empty_list_is_a_table_without_users) {
    BOOST_TEST(ts::parse_users(R"({"users": []})").value().empty());
}

BOOST_AUTO_TEST_CASE(text_that_is_not_json_is_refused) {
    BOOST_TEST(mentions(refused("{\"users\": [", errc::users_file_malformed), "not valid JSON"));
}

BOOST_AUTO_TEST_CASE(the_document_must_be_an_object_with_a_users_array) {
    BOOST_TEST(mentions(refused("[]", errc::users_file_malformed), "not a JSON object"));
    BOOST_TEST(mentions(refused("{}", errc::users_file_malformed), "no `users`"));
    BOOST_TEST(mentions(refused(R"({"users": {}})", errc::users_file_malformed),
                        "`users` is not an array"));
    BOOST_TEST(mentions(refused(R"({"users": [], "user": []})", errc::users_file_malformed),
                        "unknown top-level member \"user\""));
}

BOOST_AUTO_TEST_CASE(a_file_above_the_size_bound_is_refused) {
    const std::string big =
        R"({"users": [], "pad": ")" + std::string(ts::max_users_file_size, 'x') + "\"}";
    BOOST_TEST(mentions(refused(big, errc::users_file_malformed), "more than 1048576"));
}

BOOST_AUTO_TEST_CASE(a_user_must_be_an_object) {
    BOOST_TEST(mentions(refused(R"({"users": ["AKID"]})", errc::users_file_invalid_entry),
                        "users[0] is not a JSON object"));
}

BOOST_AUTO_TEST_CASE(a_user_needs_a_key_id_a_secret_and_an_arn) {
    BOOST_TEST(
        mentions(refused(user_json(R"("secret_access_key": "s", "arn": "arn:aws:iam::1:user/a")"),
                         errc::users_file_invalid_entry),
                 "has no `access_key_id`"));
    BOOST_TEST(mentions(refused(user_json(R"("access_key_id": "AKIDEXAMPLE", "arn": "arn:x")"),
                                errc::users_file_invalid_entry),
                        "has no `secret_access_key`"));
    BOOST_TEST(
        mentions(refused(user_json(R"("access_key_id": "AKIDEXAMPLE", "secret_access_key": "s")"),
                         errc::users_file_invalid_entry),
                 "has no `arn`"));
}

BOOST_AUTO_TEST_CASE(errors_name_the_entry_and_its_key_id_redacted_never_the_secret) {
    const std::string json = R"({"users": [
        {"access_key_id": "AKIDFIRST0000000", "secret_access_key": "s1", "arn": "arn:a"},
        {"access_key_id": "AKIDSECOND000000", "secret_access_key": "topSecretValue", "arm": "x"}]})";
    const auto err = refused(json, errc::users_file_invalid_entry);
    BOOST_TEST(mentions(err, "users[1] (AKID…0000)"));
    BOOST_TEST(mentions(err, "unknown member \"arm\""));
    BOOST_TEST(!mentions(err, "topSecretValue"));
    BOOST_TEST(!mentions(err, "AKIDSECOND000000"));
}

BOOST_AUTO_TEST_CASE(a_member_that_is_not_a_string_is_refused) {
    BOOST_TEST(mentions(
        refused(user_json(R"("access_key_id": 12, "secret_access_key": "s", "arn": "arn:a")"),
                errc::users_file_invalid_entry),
        "`access_key_id` is not a JSON string"));
}

BOOST_AUTO_TEST_CASE(a_member_given_twice_is_refused) {
    BOOST_TEST(mentions(
        refused(
            user_json(
                R"("access_key_id": "AKIDEXAMPLE", "secret_access_key": "s", "arn": "arn:a", "arn": "arn:b")"),
            errc::users_file_invalid_entry),
        "`arn` twice"));
}

BOOST_AUTO_TEST_CASE(an_empty_session_token_is_refused) {
    BOOST_TEST(mentions(
        refused(
            user_json(
                R"("access_key_id": "AKIDEXAMPLE", "secret_access_key": "s", "session_token": "", "arn": "arn:a")"),
            errc::users_file_invalid_entry),
        "empty `session_token`"));
}

BOOST_AUTO_TEST_CASE(a_key_id_that_cannot_go_in_a_credential_scope_is_refused) {
    for (const std::string_view id : {"AKID/EXAMPLE", "AKID EXAMPLE", "AKID,EXAMPLE", "AKID\\n"}) {
        BOOST_TEST_INFO(id);
        BOOST_TEST(mentions(refused(user_json(R"("access_key_id": ")" + std::string(id) +
                                              R"(", "secret_access_key": "s", "arn": "arn:a")"),
                                    errc::users_file_invalid_entry),
                            "access key id has a space"));
    }
}

BOOST_AUTO_TEST_CASE(an_arn_must_start_with_arn) {
    BOOST_TEST(mentions(
        refused(user_json(
                    R"("access_key_id": "AKIDEXAMPLE", "secret_access_key": "s", "arn": "alice")"),
                errc::users_file_invalid_entry),
        "does not start with \"arn:\""));
}

BOOST_AUTO_TEST_CASE(a_token_with_a_control_byte_is_refused) {
    BOOST_TEST(mentions(
        refused(
            user_json(
                R"("access_key_id": "AKIDEXAMPLE", "secret_access_key": "s", "session_token": "tok\n", "arn": "arn:a")"),
            errc::users_file_invalid_entry),
        "control byte"));
}

BOOST_AUTO_TEST_CASE(two_users_with_one_key_id_are_refused) {
    const std::string json = R"({"users": [
        {"access_key_id": "AKIDEXAMPLE", "secret_access_key": "s1", "arn": "arn:a"},
        {"access_key_id": "AKIDEXAMPLE", "secret_access_key": "s2", "arn": "arn:b"}]})";
    BOOST_TEST(mentions(refused(json, errc::users_file_duplicate_access_key_id), "users[1]"));
}

BOOST_AUTO_TEST_CASE(add_checks_users_built_in_code) {
    ts::user_table table;
    BOOST_TEST(
        table.add({"AKIDEXAMPLE", secret_string("s"), {}, "arn:aws:iam::1:user/a"}).has_value());
    const auto empty_secret = table.add({"AKIDOTHER", {}, {}, "arn:aws:iam::1:user/b"});
    BOOST_REQUIRE(!empty_secret.has_value());
    BOOST_TEST(empty_secret.error().code == std::error_code(errc::users_file_invalid_entry));
    BOOST_TEST(table.size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_users_file_is_read_from_disk) {
    const auto path = std::filesystem::temp_directory_path() / "mongo_aws_test_server_users.json";
    {
        std::ofstream file(path, std::ios::binary);
        file << two_users;
    }
    const auto table = ts::load_users_file(path);
    std::filesystem::remove(path);
    BOOST_TEST(table.value().size() == 2U);
}

BOOST_AUTO_TEST_CASE(a_missing_users_file_is_unreadable) {
    const auto table = ts::load_users_file("/nonexistent/mongo-aws/users.json");
    BOOST_REQUIRE(!table.has_value());
    BOOST_TEST(table.error().code == std::error_code(errc::users_file_unreadable));
    BOOST_TEST(mentions(table.error(), "/nonexistent/mongo-aws/users.json"));
}

// The ARNs and user names of MongoDB's own MONGODB-AWS tests (mongodb/mongo enterprise
// jstests/external_auth/lib/aws_common.json: each user's `arn` and `simplifiedArn`).
BOOST_AUTO_TEST_CASE(mongodb_names_users_after_their_arn) {
    BOOST_TEST(ts::mongodb_user_name("arn:aws:iam::123456789012:user/Alice") ==
               "arn:aws:iam::123456789012:user/Alice");
    BOOST_TEST(ts::mongodb_user_name("arn:aws-foo:iam::123456789012:user/Carl") ==
               "arn:aws-foo:iam::123456789012:user/Carl");
}

BOOST_AUTO_TEST_CASE(mongodb_names_an_assumed_role_session_after_its_role) {
    BOOST_TEST(ts::mongodb_user_name("arn:aws:sts::557821124784:assumed-role/cat/Puff") ==
               "arn:aws:sts::557821124784:assumed-role/cat/*");
    BOOST_TEST(ts::mongodb_user_name("arn:aws-cn:sts::1:assumed-role/r/s") ==
               "arn:aws-cn:sts::1:assumed-role/r/*");
}

BOOST_AUTO_TEST_CASE(arns_that_are_not_assumed_role_sessions_are_kept) {
    for (const std::string_view arn :
         {"arn:aws:sts::1:assumed-role/r", "arn:aws:sts::1:assumed-role//s",
          "arn:aws:sts::1:assumed-role/r/", "arn:aws:sts::1:federated-user/bob", "arn:aws",
          "not-an-arn", ""}) {
        BOOST_TEST(ts::mongodb_user_name(arn) == arn);
    }
}
