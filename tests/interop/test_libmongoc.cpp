// Interoperability: Debian's libmongoc (a real MongoDB C driver with MONGODB-AWS) authenticates
// against the test server, which proves the server speaks the protocol as a real driver does
// (the handshake, OP_MSG, saslStart/saslContinue, the signature it verifies).
#define BOOST_TEST_MODULE libmongoc_interop
#include <mongo_aws/test_server/mongodb_listener.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <memory>
#include <mongoc/mongoc.h>
#include <string>
#include <thread>

namespace server = mongo_aws::test_server;

namespace {

constexpr auto key_id = "AKIDLIBMONGOCINTEROP";
constexpr auto secret = "libmongoc/interop+secret=key";  // '/', '+', '=' percent-encoded below
constexpr auto secret_in_uri = "libmongoc%2Finterop%2Bsecret%3Dkey";
constexpr auto token = "libmongoc-interop-session-token";
constexpr auto arn = "arn:aws:iam::123456789012:user/libmongoc";

// The test server on its own thread; libmongoc blocks the test's.
struct server_thread {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    std::shared_ptr<server::server_options> options = std::make_shared<server::server_options>();
    std::unique_ptr<server::mongodb_listener> listener;
    std::thread runner;

    explicit server_thread(bool with_token) {
        BOOST_TEST_REQUIRE(options->users
                               .add({key_id, mongo_aws::secret_string(secret),
                                     mongo_aws::secret_string(with_token ? token : ""), arn})
                               .has_value());
        listener = std::make_unique<server::mongodb_listener>(io.get_executor(), options);
        runner = std::thread([this] { io.run(); });
    }
    ~server_thread() { stop(); }

    // Stops the server and joins its thread (after which its counters may be read here).
    void stop() {
        if (runner.joinable()) {
            asio::post(io, [this] { listener->stop(); });
            work.reset();
            runner.join();
        }
    }
    server_thread(const server_thread&) = delete;
    server_thread& operator=(const server_thread&) = delete;
};

struct libmongoc_library {
    libmongoc_library() { mongoc_init(); }
    ~libmongoc_library() { mongoc_cleanup(); }
    libmongoc_library(const libmongoc_library&) = delete;
    libmongoc_library& operator=(const libmongoc_library&) = delete;
};

// connectionStatus through libmongoc: the authenticated user, or the driver's error.
std::string authenticated_user(const std::string& uri_text) {
    bson_error_t error;
    std::unique_ptr<mongoc_uri_t, decltype(&mongoc_uri_destroy)> uri(
        mongoc_uri_new_with_error(uri_text.c_str(), &error), mongoc_uri_destroy);
    BOOST_TEST_REQUIRE(uri != nullptr, "libmongoc refused the URI: " << error.message);
    std::unique_ptr<mongoc_client_t, decltype(&mongoc_client_destroy)> client(
        mongoc_client_new_from_uri(uri.get()), mongoc_client_destroy);
    BOOST_TEST_REQUIRE(client != nullptr);
    bson_t* command = BCON_NEW("connectionStatus", BCON_INT32(1));
    bson_t reply;
    const bool ok =
        mongoc_client_command_simple(client.get(), "admin", command, nullptr, &reply, &error);
    bson_destroy(command);
    std::string user = ok ? "" : std::string("error: ") + error.message;
    bson_iter_t iter;
    bson_iter_t found;
    if (ok && bson_iter_init(&iter, &reply) &&
        bson_iter_find_descendant(&iter, "authInfo.authenticatedUsers.0.user", &found) &&
        BSON_ITER_HOLDS_UTF8(&found)) {
        user = bson_iter_utf8(&found, nullptr);
    }
    bson_destroy(&reply);
    return user;
}

}  // namespace

BOOST_GLOBAL_FIXTURE(libmongoc_library);

BOOST_AUTO_TEST_CASE(libmongoc_authenticates_with_credentials_in_the_uri) {
    server_thread running(true);
    const auto uri = "mongodb://" + std::string(key_id) + ":" + secret_in_uri + "@" +
                     running.listener->host_and_port() +
                     "/?authMechanism=MONGODB-AWS&serverSelectionTimeoutMS=5000"
                     "&authMechanismProperties=AWS_SESSION_TOKEN:" +
                     token;
    BOOST_TEST(authenticated_user(uri) == arn);
}

BOOST_AUTO_TEST_CASE(libmongoc_authenticates_with_environment_credentials) {
    server_thread running(false);
    ::setenv("AWS_ACCESS_KEY_ID", key_id, 1);
    ::setenv("AWS_SECRET_ACCESS_KEY", secret, 1);
    ::unsetenv("AWS_SESSION_TOKEN");
    const auto uri = "mongodb://" + running.listener->host_and_port() +
                     "/?authMechanism=MONGODB-AWS&serverSelectionTimeoutMS=5000";
    BOOST_TEST(authenticated_user(uri) == arn);
    ::unsetenv("AWS_ACCESS_KEY_ID");
    ::unsetenv("AWS_SECRET_ACCESS_KEY");
}

BOOST_AUTO_TEST_CASE(libmongoc_is_refused_with_a_wrong_secret) {
    server_thread running(true);
    const auto uri = "mongodb://" + std::string(key_id) + ":wrong@" +
                     running.listener->host_and_port() +
                     "/?authMechanism=MONGODB-AWS&serverSelectionTimeoutMS=3000"
                     "&authMechanismProperties=AWS_SESSION_TOKEN:" +
                     token;
    const auto outcome = authenticated_user(uri);
    BOOST_TEST(outcome.find("error") == 0U);
    running.stop();
    BOOST_TEST(running.listener->counters().refusals >= 1U);
    BOOST_TEST(running.listener->counters().authentications == 0U);
}
