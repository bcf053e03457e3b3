#include "handshake_commands.hpp"

#include "bson_builder.hpp"

#include <mongo_aws/command_reply.hpp>

#include <bson/bson.h>

#include <string>
#include <sys/utsname.h>

namespace mongo_aws::detail {

namespace {

// MongoDB 4.4: the first server with MONGODB-AWS.
constexpr int min_wire_version_for_aws = 9;

void append_text(bson_t* doc, const char* key, std::string_view value) {
    bson_append_utf8(doc, key, -1, value.data(), static_cast<int>(value.size()));
}

}  // namespace

bson_document handshake_command(std::string_view app_name) {
    bson_builder command;
    bson_append_int32(command.get(), "isMaster", -1, 1);
    bson_append_bool(command.get(), "helloOk", -1, true);
    bson_t client;
    bson_append_document_begin(command.get(), "client", -1, &client);
    if (!app_name.empty()) {
        bson_t application;
        bson_append_document_begin(&client, "application", -1, &application);
        append_text(&application, "name", app_name.substr(0, 128));
        bson_append_document_end(&client, &application);
    }
    bson_t driver;
    bson_append_document_begin(&client, "driver", -1, &driver);
    append_text(&driver, "name", "mongo-aws");
    append_text(&driver, "version", MONGO_AWS_VERSION);
    bson_append_document_end(&client, &driver);
    bson_t os;
    bson_append_document_begin(&client, "os", -1, &os);
    utsname system{};
    if (uname(&system) == 0) {
        append_text(&os, "type", system.sysname);
        append_text(&os, "architecture", system.machine);
    } else {
        append_text(&os, "type", "unknown");
    }
    bson_append_document_end(&client, &os);
    append_text(&client, "platform", "C++20, standalone Asio");
    bson_append_document_end(command.get(), &client);
    return bson_document::from_bson(*command.get());
}

std::string command_name(const bson_document& command) {
    const auto view = command.view();
    bson_iter_t iter;
    if (bson_iter_init(&iter, &*view) && bson_iter_next(&iter)) {
        return bson_iter_key(&iter);
    }
    return "command";
}

result<void> check_command_ok(const bson_document& reply, std::string_view command_name) {
    auto fields = parse_command_reply(reply);
    if (!fields) {
        return std::move(fields).error();
    }
    return check_ok(*fields, command_name);
}

result<handshake_reply> read_handshake_reply(const bson_document& reply) {
    if (auto ok = check_command_ok(reply, "isMaster"); !ok) {
        return std::move(ok).error();
    }
    handshake_reply out;
    const auto view = reply.view();
    bson_iter_t iter;
    if (bson_iter_init_find(&iter, &*view, "maxWireVersion") &&
        (BSON_ITER_HOLDS_INT32(&iter) || BSON_ITER_HOLDS_INT64(&iter))) {
        const auto value = bson_iter_as_int64(&iter);
        out.max_wire_version = value > 1000 ? 1000 : static_cast<int>(value);
    }
    if (out.max_wire_version < min_wire_version_for_aws) {
        return make_error(errc::server_too_old,
                          "the server's maxWireVersion is " + std::to_string(out.max_wire_version) +
                              ": MONGODB-AWS needs MongoDB 4.4 or later (wire version 9)");
    }
    return out;
}

bson_document simple_command(std::string_view name) {
    bson_builder command;
    bson_append_int32(command.get(), std::string(name).c_str(), -1, 1);
    return bson_document::from_bson(*command.get());
}

result<std::vector<std::string>> read_authenticated_users(const bson_document& reply) {
    if (auto ok = check_command_ok(reply, "connectionStatus"); !ok) {
        return std::move(ok).error();
    }
    const auto view = reply.view();
    bson_iter_t iter;
    bson_iter_t users;
    if (!bson_iter_init(&iter, &*view) ||
        !bson_iter_find_descendant(&iter, "authInfo.authenticatedUsers", &users)) {
        return make_error(errc::reply_field_missing,
                          "the connectionStatus reply has no authInfo.authenticatedUsers");
    }
    if (!BSON_ITER_HOLDS_ARRAY(&users)) {
        return make_error(errc::reply_field_wrong_type,
                          "authInfo.authenticatedUsers in the connectionStatus reply is not an "
                          "array");
    }
    std::vector<std::string> out;
    bson_iter_t entry;
    if (!bson_iter_recurse(&users, &entry)) {
        return out;
    }
    while (bson_iter_next(&entry)) {
        bson_iter_t field;
        if (BSON_ITER_HOLDS_DOCUMENT(&entry) && bson_iter_recurse(&entry, &field) &&
            bson_iter_find(&field, "user") && BSON_ITER_HOLDS_UTF8(&field)) {
            out.emplace_back(utf8_value(field));
        }
    }
    return out;
}

}  // namespace mongo_aws::detail
