#include "replies.hpp"

#include <mongo_aws/sasl_commands.hpp>

#include <string>

namespace mongo_aws::test_server::internal {
namespace {

void append_string(bson_t* doc, const char* key, std::string_view value) {
    bson_append_utf8(doc, key, -1, value.data(), static_cast<int>(value.size()));
}

}  // namespace

bson_ptr error_reply(std::int32_t code, std::string_view code_name, std::string_view errmsg) {
    bson_ptr doc(bson_new());
    bson_append_double(doc.get(), "ok", -1, 0.0);
    append_string(doc.get(), "errmsg", errmsg);
    bson_append_int32(doc.get(), "code", -1, code);
    append_string(doc.get(), "codeName", code_name);
    return doc;
}

bson_ptr ok_reply() {
    bson_ptr doc(bson_new());
    bson_append_double(doc.get(), "ok", -1, 1.0);
    return doc;
}

bson_ptr hello_reply(const hello_request& request, std::chrono::system_clock::time_point now,
                     std::int64_t connection_id) {
    bson_ptr doc(bson_new());
    bson_t* out = doc.get();
    if (request.hello_ok) {
        bson_append_bool(out, "helloOk", -1, true);
    }
    bson_append_bool(out, request.legacy_name ? "ismaster" : "isWritablePrimary", -1, true);
    bson_append_int32(out, "maxBsonObjectSize", -1, 16 * 1024 * 1024);
    bson_append_int32(out, "maxMessageSizeBytes", -1, 48'000'000);
    bson_append_int32(out, "maxWriteBatchSize", -1, 100'000);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    bson_append_date_time(out, "localTime", -1, millis);
    bson_append_int32(out, "logicalSessionTimeoutMinutes", -1, 30);
    bson_append_int64(out, "connectionId", -1, connection_id);
    bson_append_int32(out, "minWireVersion", -1, 0);
    bson_append_int32(out, "maxWireVersion", -1, max_wire_version);
    bson_append_bool(out, "readOnly", -1, false);
    if (request.sasl_supported_mechs) {
        bson_t mechanisms;
        bson_append_array_begin(out, "saslSupportedMechs", -1, &mechanisms);
        append_string(&mechanisms, "0", sasl_mechanism);
        bson_append_array_end(out, &mechanisms);
    }
    bson_append_double(out, "ok", -1, 1.0);
    return doc;
}

bson_ptr build_info_reply() {
    bson_ptr doc(bson_new());
    bson_t* out = doc.get();
    append_string(out, "version", "6.0.0");
    bson_t version_array;
    bson_append_array_begin(out, "versionArray", -1, &version_array);
    for (const char* key : {"0", "1", "2", "3"}) {
        bson_append_int32(&version_array, key, -1, key[0] == '0' ? 6 : 0);
    }
    bson_append_array_end(out, &version_array);
    bson_append_int32(out, "maxBsonObjectSize", -1, 16 * 1024 * 1024);
    bson_append_double(out, "ok", -1, 1.0);
    return doc;
}

bson_ptr connection_status_reply(const std::optional<identity>& authenticated) {
    bson_ptr doc(bson_new());
    bson_t* out = doc.get();
    bson_t auth_info;
    bson_append_document_begin(out, "authInfo", -1, &auth_info);
    bson_t users;
    bson_append_array_begin(&auth_info, "authenticatedUsers", -1, &users);
    if (authenticated) {
        bson_t user;
        bson_append_document_begin(&users, "0", -1, &user);
        append_string(&user, "user", authenticated->user_name);
        append_string(&user, "db", sasl_database);
        bson_append_document_end(&users, &user);
    }
    bson_append_array_end(&auth_info, &users);
    bson_t roles;
    bson_append_array_begin(&auth_info, "authenticatedUserRoles", -1, &roles);
    bson_append_array_end(&auth_info, &roles);
    bson_append_document_end(out, &auth_info);
    bson_append_double(out, "ok", -1, 1.0);
    return doc;
}

}  // namespace mongo_aws::test_server::internal
