// The connection-string parser: what a user checks before handing it the string that holds
// their database address and AWS credentials. Cases marked "spec" come from MongoDB's
// connection-string specification tests (source/connection-string/tests/invalid-uris.yml).
#define BOOST_TEST_MODULE connection_string
#include <mongo_aws/connection_string.hpp>
#include <mongo_aws/error.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using mongo_aws::auth_mechanism;
using mongo_aws::connection_string;
using mongo_aws::errc;
using mongo_aws::parse_connection_string;
using namespace std::chrono_literals;

namespace {

connection_string accepted(std::string_view uri) {
    auto parsed = parse_connection_string(uri);
    if (!parsed) {
        BOOST_FAIL("refused " << uri << ": " << parsed.error());
    }
    return std::move(parsed).value();
}

mongo_aws::error refused(std::string_view uri, errc expected) {
    auto parsed = parse_connection_string(uri);
    if (parsed) {
        BOOST_FAIL("accepted " << uri);
    }
    BOOST_TEST(parsed.error().code == mongo_aws::make_error_code(expected),
               uri << " refused as: " << parsed.error());
    return parsed.error();
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

template <class T>
std::string printed(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

}  // namespace

// --- Scheme and characters ---

BOOST_AUTO_TEST_CASE(srv_scheme_is_refused_until_srv_support_comes) {
    const auto err =
        refused("mongodb+srv://cluster0.example.mongodb.net/", errc::uri_invalid_scheme);
    BOOST_TEST(contains(err.message, "mongodb+srv"));
    BOOST_TEST(contains(err.message, "not supported yet"));
}

BOOST_AUTO_TEST_CASE(other_schemes_are_refused) {
    refused("mongo://localhost:27017", errc::uri_invalid_scheme);  // spec
    refused("", errc::uri_invalid_scheme);                         // spec
    refused("localhost:27017", errc::uri_invalid_scheme);
    const auto err = refused("MONGODB://localhost", errc::uri_invalid_scheme);
    BOOST_TEST(contains(err.message, "lower case"));
}

BOOST_AUTO_TEST_CASE(a_missing_scheme_is_reported_without_quoting_the_password) {
    const auto err = refused("AKIDEXAMPLE:hunter2secret@localhost", errc::uri_invalid_scheme);
    BOOST_TEST(!contains(err.message, "hunter2"));
}

BOOST_AUTO_TEST_CASE(a_trailing_newline_is_refused_with_a_hint) {
    const auto err = refused("mongodb://localhost/\n", errc::uri_invalid_character);
    BOOST_TEST(contains(err.message, "newline"));
}

BOOST_AUTO_TEST_CASE(a_space_inside_is_refused) {
    const auto err = refused("mongodb://localhost/my db", errc::uri_invalid_character);
    BOOST_TEST(contains(err.message, "%20"));
}

// --- Hosts ---

BOOST_AUTO_TEST_CASE(a_host_without_port_gets_27017) {
    const auto parsed = accepted("mongodb://db.example.com");
    BOOST_TEST_REQUIRE(parsed.hosts.size() == 1U);
    BOOST_TEST(parsed.hosts[0].host == "db.example.com");
    BOOST_TEST(parsed.hosts[0].port == 27017);
    BOOST_TEST(!parsed.hosts[0].ipv6_literal);
}

BOOST_AUTO_TEST_CASE(several_hosts_keep_their_order_and_ports) {
    const auto parsed = accepted("mongodb://a.example.com:27018,b.example.com,10.0.0.3:1/?w=1");
    BOOST_TEST_REQUIRE(parsed.hosts.size() == 3U);
    BOOST_TEST(parsed.hosts[0].host == "a.example.com");
    BOOST_TEST(parsed.hosts[0].port == 27018);
    BOOST_TEST(parsed.hosts[1].host == "b.example.com");
    BOOST_TEST(parsed.hosts[1].port == 27017);
    BOOST_TEST(parsed.hosts[2].host == "10.0.0.3");
    BOOST_TEST(parsed.hosts[2].port == 1);
}

BOOST_AUTO_TEST_CASE(ipv6_literals_are_accepted_in_brackets) {
    const auto parsed = accepted("mongodb://[::1]:27019,[2001:db8::7],[::ffff:192.0.2.1]:65535");
    BOOST_TEST_REQUIRE(parsed.hosts.size() == 3U);
    BOOST_TEST(parsed.hosts[0].host == "::1");
    BOOST_TEST(parsed.hosts[0].port == 27019);
    BOOST_TEST(parsed.hosts[0].ipv6_literal);
    BOOST_TEST(parsed.hosts[1].host == "2001:db8::7");
    BOOST_TEST(parsed.hosts[1].port == 27017);
    BOOST_TEST(parsed.hosts[2].port == 65535);
    BOOST_TEST(printed(parsed.hosts[0]) == "[::1]:27019");
}

BOOST_AUTO_TEST_CASE(invalid_ipv6_literals_are_refused) {
    for (const auto* uri :
         {"mongodb://[::g]", "mongodb://[1:2:3]:27017", "mongodb://[]", "mongodb://[::1",
          "mongodb://[::1]x", "mongodb://[fe80::1%25eth0]", "mongodb://[:::1]"}) {
        BOOST_TEST_CONTEXT(uri) {
            refused(uri, errc::uri_invalid_host);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_ipv6_address_without_brackets_is_refused) {
    refused("mongodb://::1", errc::uri_invalid_host);
    refused("mongodb://localhost::27017", errc::uri_invalid_host);       // spec
    refused("mongodb://localhost,localhost::", errc::uri_invalid_host);  // spec
}

BOOST_AUTO_TEST_CASE(ports_outside_1_to_65535_are_refused) {
    for (const auto* uri :
         {"mongodb://localhost:0/", "mongodb://localhost:65536", "mongodb://localhost:-1",
          "mongodb://localhost:foo", "mongodb://[::1]:0/", "mongodb://[::1]:65536",
          "mongodb://localhost:", "mongodb://localhost:99999999999999999999", "mongodb://[::1]:"}) {
        BOOST_TEST_CONTEXT(uri) {
            refused(uri, errc::uri_invalid_port);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_connection_string_without_host_is_refused) {
    refused("mongodb://", errc::uri_missing_host);                          // spec
    refused("mongodb:///tmp/mongodb-27017.sock/", errc::uri_missing_host);  // spec
    refused("mongodb://user:pass@/admin", errc::uri_missing_host);
}

BOOST_AUTO_TEST_CASE(an_empty_entry_in_the_host_list_is_refused) {
    refused("mongodb://a.example.com,,b.example.com", errc::uri_invalid_host);
    refused("mongodb://a.example.com,", errc::uri_invalid_host);
    refused("mongodb://:27017", errc::uri_invalid_host);
}

BOOST_AUTO_TEST_CASE(options_must_follow_a_slash) {
    const auto err = refused("mongodb://example.com?w=1", errc::uri_invalid_host);  // spec
    BOOST_TEST(contains(err.message, "host/?option=value"));
}

BOOST_AUTO_TEST_CASE(host_names_with_invalid_characters_or_empty_labels_are_refused) {
    refused("mongodb://exa!mple.com", errc::uri_invalid_host);
    refused("mongodb://a..example.com", errc::uri_invalid_host);
    refused("mongodb://.example.com", errc::uri_invalid_host);
    BOOST_TEST(accepted("mongodb://example.com./").hosts[0].host == "example.com.");
}

BOOST_AUTO_TEST_CASE(unix_domain_sockets_are_refused) {
    const auto err = refused("mongodb://%2Ftmp%2Fmongodb-27017.sock", errc::uri_invalid_host);
    BOOST_TEST(contains(err.message, "Unix domain sockets"));
}

// --- User information ---

BOOST_AUTO_TEST_CASE(user_and_password_are_percent_decoded) {
    // %2B is '+'; a literal '+' stays a '+' (not a space, as in HTML forms).
    const auto parsed = accepted(
        "mongodb://AKID%2Bx+y:wJal%2FrXU%2Btn%3A%40+z@localhost/?authMechanism=MONGODB-AWS");
    BOOST_TEST_REQUIRE(parsed.credential.has_value());
    BOOST_TEST(*parsed.credential->username == "AKID+x+y");
    BOOST_TEST(parsed.credential->password->reveal() == "wJal/rXU+tn:@+z");
}

BOOST_AUTO_TEST_CASE(an_invalid_percent_escape_is_refused_without_quoting_it) {
    for (const auto* uri : {"mongodb://AKID:S3CRETpw%zz@localhost", "mongodb://AKID:S3CRETpw%2@h",
                            "mongodb://AKID:S3CRETpw%@h", "mongodb://us%zzer:S3CRETpw@h"}) {
        BOOST_TEST_CONTEXT(uri) {
            const auto err = refused(uri, errc::uri_invalid_percent_encoding);
            BOOST_TEST(!contains(err.message, "S3CRET"));
        }
    }
    refused("mongodb://localhost/db%zz", errc::uri_invalid_percent_encoding);
    refused("mongodb://localhost/?appName=a%zz", errc::uri_invalid_percent_encoding);
}

BOOST_AUTO_TEST_CASE(unescaped_reserved_characters_in_userinfo_are_refused) {
    for (const auto* uri : {"mongodb://alice:foo:bar@127.0.0.1",     // spec
                            "mongodb://alice@@127.0.0.1",            // spec
                            "mongodb://alice@foo:bar@127.0.0.1",     // spec
                            "mongodb://alice/@localhost/db",         // spec
                            "mongodb://alice/bob:foo@localhost/db",  // spec
                            "mongodb://alice:foo/bar@localhost/db",  // spec
                            "mongodb://alice:f?o@localhost/", "mongodb://alice:f#o@localhost/",
                            "mongodb://alice:f[o@localhost/", "mongodb://alice:f]o@localhost/",
                            "mongodb://al?ce:foo@localhost/"}) {
        BOOST_TEST_CONTEXT(uri) {
            refused(uri, errc::uri_invalid_userinfo);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_slash_in_the_password_is_reported_without_quoting_the_password) {
    // The first '/' ends the hosts, so "12" would look like a port and "S3CRET" like a database.
    for (const auto* uri : {"mongodb://AKID:S3CRET/pw@localhost/", "mongodb://AKID:12/S3CRET@h/"}) {
        BOOST_TEST_CONTEXT(uri) {
            const auto err = refused(uri, errc::uri_invalid_userinfo);
            BOOST_TEST(contains(err.message, "%2F"));
            BOOST_TEST(!contains(err.message, "S3CRET"));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_empty_user_name_is_refused) {
    refused("mongodb://@localhost/", errc::uri_invalid_userinfo);
    refused("mongodb://:pw@localhost/", errc::uri_password_without_username);
}

// --- Database ---

BOOST_AUTO_TEST_CASE(the_database_is_percent_decoded) {
    BOOST_TEST(accepted("mongodb://localhost/my%2Ddb?w=1").database == "my-db");
    BOOST_TEST(accepted("mongodb://localhost/").database.empty());
    BOOST_TEST(accepted("mongodb://localhost").database.empty());
}

BOOST_AUTO_TEST_CASE(forbidden_characters_in_the_database_are_refused) {
    for (const auto* uri :
         {"mongodb://localhost/a%20b", "mongodb://localhost/a$b", "mongodb://localhost/a%2Fb",
          "mongodb://localhost/a/b", "mongodb://localhost/a%5Cb", "mongodb://localhost/a%22b",
          "mongodb://localhost/a%00b"}) {
        BOOST_TEST_CONTEXT(uri) {
            refused(uri, errc::uri_invalid_database);
        }
    }
}

// --- Options ---

BOOST_AUTO_TEST_CASE(option_names_ignore_case) {
    const auto parsed = accepted(
        "mongodb://localhost/?AUTHMECHANISM=MONGODB-AWS&authsource=$external&TLS=true&"
        "connecttimeoutms=5");
    BOOST_TEST_REQUIRE(parsed.credential.has_value());
    BOOST_TEST((parsed.credential->mechanism == auth_mechanism::mongodb_aws));
    BOOST_TEST((parsed.tls == true));
    BOOST_TEST(parsed.connect_timeout->count() == 5);
    BOOST_TEST(parsed.other_options.empty());
}

BOOST_AUTO_TEST_CASE(an_option_without_equals_sign_is_refused) {
    refused("mongodb://example.com/?w", errc::uri_invalid_option);  // spec
    refused("mongodb://example.com/?=1", errc::uri_invalid_option);
    // A token with an unescaped '&' ends up as an option without '=': its tail is not quoted.
    const auto err = refused(
        "mongodb://AKID:pw@h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:"
        "ab&T0KENtail",
        errc::uri_invalid_option);
    BOOST_TEST(!contains(err.message, "T0KEN"));
    BOOST_TEST(contains(err.message, "%26"));
}

BOOST_AUTO_TEST_CASE(other_options_are_kept_in_order_with_decoded_values) {
    const auto parsed = accepted(
        "mongodb://localhost/?replicaSet=rs0&appName=my%20app&readPreferenceTags=dc:ny&"
        "readPreferenceTags=&");
    BOOST_TEST_REQUIRE(parsed.other_options.size() == 4U);
    BOOST_TEST(parsed.other_options[0].name == "replicaSet");
    BOOST_TEST(parsed.other_options[0].value == "rs0");
    BOOST_TEST(parsed.other_options[1].value == "my app");
    BOOST_TEST(parsed.other_options[2].value == "dc:ny");
    BOOST_TEST(parsed.other_options[3].value.empty());
    BOOST_TEST(parsed.warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_repeated_option_keeps_the_last_value_and_warns) {
    const auto parsed = accepted("mongodb://localhost/?timeoutMS=10&timeoutms=20");
    BOOST_TEST(parsed.timeout->count() == 20);
    BOOST_TEST_REQUIRE(parsed.warnings.size() == 1U);
    BOOST_TEST(contains(parsed.warnings[0], "timeoutMS"));
}

BOOST_AUTO_TEST_CASE(tls_and_ssl_must_agree) {
    refused("mongodb://localhost/?tls=true&ssl=false", errc::uri_invalid_option);
    refused("mongodb://localhost/?ssl=true&tls=false", errc::uri_invalid_option);
    BOOST_TEST((accepted("mongodb://localhost/?tls=true&ssl=true").tls == true));
    BOOST_TEST((accepted("mongodb://localhost/?ssl=false").tls == false));
    BOOST_TEST(!accepted("mongodb://localhost/").tls.has_value());
}

BOOST_AUTO_TEST_CASE(tls_must_be_true_or_false) {
    for (const auto* uri : {"mongodb://localhost/?tls=yes", "mongodb://localhost/?tls=",
                            "mongodb://localhost/?ssl=1", "mongodb://localhost/?tls=TRUE"}) {
        BOOST_TEST_CONTEXT(uri) {
            refused(uri, errc::uri_invalid_option);
        }
    }
}

BOOST_AUTO_TEST_CASE(tls_ca_file_is_percent_decoded_and_not_empty) {
    BOOST_TEST(
        *accepted("mongodb://localhost/?tlsCAFile=%2Fetc%2Fssl%2Fca%20bundle.pem").tls_ca_file ==
        "/etc/ssl/ca bundle.pem");
    refused("mongodb://localhost/?tlsCAFile=", errc::uri_invalid_option);
}

BOOST_AUTO_TEST_CASE(timeouts_are_non_negative_milliseconds) {
    const auto parsed = accepted("mongodb://localhost/?connectTimeoutMS=2500&timeoutMS=0");
    BOOST_TEST((parsed.connect_timeout == 2500ms));
    BOOST_TEST((parsed.timeout == 0ms));  // 0: no bound
    for (const auto* value : {"-1", "1.5", "", "10s", "+5", "99999999999999999999", "0x10"}) {
        BOOST_TEST_CONTEXT(value) {
            refused("mongodb://localhost/?timeoutMS=" + std::string(value),
                    errc::uri_invalid_option);
            refused("mongodb://localhost/?connectTimeoutMS=" + std::string(value),
                    errc::uri_invalid_option);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_empty_auth_source_is_refused) {
    refused("mongodb://localhost/admin?authSource=", errc::uri_invalid_auth_source);
}

// --- Mechanisms ---

BOOST_AUTO_TEST_CASE(an_unknown_mechanism_is_refused) {
    refused("mongodb://u:p@localhost/?authMechanism=MONGODB-CR", errc::uri_invalid_auth_mechanism);
    refused("mongodb://u:p@localhost/?authMechanism=", errc::uri_invalid_auth_mechanism);
}

BOOST_AUTO_TEST_CASE(a_lower_case_mechanism_is_refused_with_the_right_spelling) {
    const auto err =
        refused("mongodb://localhost/?authMechanism=mongodb-aws", errc::uri_invalid_auth_mechanism);
    BOOST_TEST(contains(err.message, "authMechanism=MONGODB-AWS"));
}

BOOST_AUTO_TEST_CASE(scram_needs_a_password) {
    refused("mongodb://user@localhost/", errc::uri_username_without_password);
    refused("mongodb://user@localhost/?authMechanism=SCRAM-SHA-256",
            errc::uri_username_without_password);
}

BOOST_AUTO_TEST_CASE(mechanism_properties_need_a_mechanism_that_takes_them) {
    refused("mongodb://localhost/?authMechanismProperties=SERVICE_NAME:x",
            errc::uri_invalid_auth_mechanism_property);
    refused("mongodb://u:p@localhost/?authMechanism=SCRAM-SHA-256&authMechanismProperties=A:b",
            errc::uri_invalid_auth_mechanism_property);
}

// --- MONGODB-AWS ---

BOOST_AUTO_TEST_CASE(aws_explicit_credentials_and_session_token_are_accepted) {
    const auto parsed = accepted(
        "mongodb://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI%2FK7MDENG@localhost/"
        "?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:FwoGZX%2BIvYXdz");
    BOOST_TEST_REQUIRE(parsed.credential.has_value());
    const auto& credential = *parsed.credential;
    BOOST_TEST((credential.mechanism == auth_mechanism::mongodb_aws));
    BOOST_TEST(*credential.username == "AKIAIOSFODNN7EXAMPLE");
    BOOST_TEST(credential.password->reveal() == "wJalrXUtnFEMI/K7MDENG");
    BOOST_TEST(credential.aws_session_token->reveal() == "FwoGZX+IvYXdz");
    BOOST_TEST(credential.source == "$external");
    BOOST_TEST(credential.mechanism_properties.empty());
}

BOOST_AUTO_TEST_CASE(aws_without_credentials_leaves_them_to_the_environment) {
    const auto parsed = accepted("mongodb://localhost/?authMechanism=MONGODB-AWS");
    BOOST_TEST_REQUIRE(parsed.credential.has_value());
    BOOST_TEST(!parsed.credential->username.has_value());
    BOOST_TEST(!parsed.credential->password.has_value());
    BOOST_TEST(!parsed.credential->aws_session_token.has_value());
}

BOOST_AUTO_TEST_CASE(aws_user_name_without_password_is_refused) {
    refused("mongodb://AKIDEXAMPLE@localhost/?authMechanism=MONGODB-AWS",
            errc::uri_username_without_password);
    refused("mongodb://AKIDEXAMPLE:@localhost/?authMechanism=MONGODB-AWS",
            errc::uri_username_without_password);
}

BOOST_AUTO_TEST_CASE(aws_password_without_user_name_is_refused) {
    const auto err = refused("mongodb://:S3CRETpw@localhost/?authMechanism=MONGODB-AWS",
                             errc::uri_password_without_username);
    BOOST_TEST(!contains(err.message, "S3CRET"));
}

BOOST_AUTO_TEST_CASE(aws_session_token_without_user_and_password_is_refused) {
    const auto err = refused(
        "mongodb://localhost/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:"
        "T0KENsecret",
        errc::uri_session_token_without_credentials);
    BOOST_TEST(!contains(err.message, "T0KEN"));
}

BOOST_AUTO_TEST_CASE(aws_auth_source_must_be_external) {
    refused("mongodb://AKID:pw@localhost/?authMechanism=MONGODB-AWS&authSource=admin",
            errc::uri_invalid_auth_source);
    BOOST_TEST(accepted("mongodb://AKID:pw@localhost/db?authMechanism=MONGODB-AWS&authSource="
                        "%24external")
                   .credential->source == "$external");
}

BOOST_AUTO_TEST_CASE(aws_unknown_property_is_refused_by_name) {
    const auto err = refused(
        "mongodb://AKID:pw@localhost/?authMechanism=MONGODB-AWS&authMechanismProperties="
        "AWS_SESSION_TOKEN:tok,AWS_REGION:us-east-1",
        errc::uri_invalid_auth_mechanism_property);
    BOOST_TEST(contains(err.message, "AWS_REGION"));
    BOOST_TEST(!contains(err.message, "us-east-1"));
}

BOOST_AUTO_TEST_CASE(property_names_ignore_case) {
    const auto parsed = accepted(
        "mongodb://AKID:pw@localhost/?authMechanism=MONGODB-AWS&authMechanismProperties="
        "aws_session_token:tok");
    BOOST_TEST(parsed.credential->aws_session_token->reveal() == "tok");
}

BOOST_AUTO_TEST_CASE(a_property_value_may_hold_colons_and_encoded_commas) {
    // Split at the first ':' only; %2C is decoded after splitting, so it stays in the value.
    const auto parsed = accepted(
        "mongodb://AKID:pw@localhost/?authMechanism=MONGODB-AWS&authMechanismProperties="
        "AWS_SESSION_TOKEN:ab:cd%2Cef%3D%3D");
    BOOST_TEST(parsed.credential->aws_session_token->reveal() == "ab:cd,ef==");
}

BOOST_AUTO_TEST_CASE(malformed_properties_are_refused_without_quoting_values) {
    const std::string prefix =
        "mongodb://AKID:pw@localhost/?authMechanism=MONGODB-AWS&authMechanismProperties=";
    for (const auto* properties :
         {"T0KENsecret", "AWS_SESSION_TOKEN:T0KENsecret,", ",AWS_SESSION_TOKEN:T0KENsecret",
          "AWS_SESSION_TOKEN:", ":T0KENsecret", "AWS_SESSION_TOKEN:T0KENsecret%0A",
          "AWS_SESSION_TOKEN:T0KENsecret,AWS_SESSION_TOKEN:T0KENsecret", ""}) {
        BOOST_TEST_CONTEXT(properties) {
            const auto err =
                refused(prefix + properties, errc::uri_invalid_auth_mechanism_property);
            BOOST_TEST(!contains(err.message, "T0KEN"));
        }
    }
    const auto err =
        refused(prefix + "AWS_SESSION_TOKEN:T0KENsecret%zz", errc::uri_invalid_percent_encoding);
    BOOST_TEST(!contains(err.message, "T0KEN"));
}

// --- Printing and messages ---

BOOST_AUTO_TEST_CASE(printing_never_shows_password_or_token) {
    const auto parsed = accepted(
        "mongodb://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI%2FK7MDENG@db.example.com/"
        "?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:FwoGZXIvYXdzEXAMPLE"
        "&tlsCertificateKeyFilePassword=hunter2");
    const auto text = printed(parsed);
    BOOST_TEST(!contains(text, "wJalrXUtnFEMI"));
    BOOST_TEST(!contains(text, "K7MDENG"));
    BOOST_TEST(!contains(text, "FwoGZXIvYXdz"));
    BOOST_TEST(!contains(text, "hunter2"));
    BOOST_TEST(!contains(text, "AKIAIOSFODNN7EXAMPLE"));
    BOOST_TEST(contains(text, "AKIA\u2026MPLE"));
    BOOST_TEST(contains(text, "password=<redacted>"));
    BOOST_TEST(contains(text, "AWS_SESSION_TOKEN:<redacted>"));
    BOOST_TEST(contains(text, "tlsCertificateKeyFilePassword"));
    BOOST_TEST(contains(text, "db.example.com:27017"));
}

BOOST_AUTO_TEST_CASE(printing_escapes_control_characters) {
    const auto parsed = accepted("mongodb://u%0Aser:pw@localhost/");
    const auto text = printed(parsed);
    BOOST_TEST(!contains(text, "\n"));
    BOOST_TEST(contains(text, "u\\x0aser"));
}

BOOST_AUTO_TEST_CASE(messages_quote_at_most_64_bytes_of_input) {
    const std::string long_host(10000, 'a');
    const auto err = refused("mongodb://" + long_host + "!", errc::uri_invalid_host);
    BOOST_TEST(err.message.size() < 400U);
}
