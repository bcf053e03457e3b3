// The users file: JSON in, a checked user table out (see users.hpp for the format).
#include "quote_untrusted.hpp"

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/test_server/users.hpp>

#include <simdjson.h>

#include <array>
#include <fstream>
#include <string>

namespace mongo_aws::test_server {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

error malformed(std::string what) {
    return make_error(errc::users_file_malformed,
                      "users file: " + std::move(what) +
                          R"(; expected {"users": [{"access_key_id": ..., "secret_access_key": )"
                          R"(..., "arn": ..., "session_token": ... (optional)}, ...]})");
}

class entry_reader {
public:
    entry_reader(std::size_t index, element value) : index_(index), value_(value) {}

    result<user> read() {
        object members;
        if (value_.get_object().get(members) != simdjson::SUCCESS) {
            return invalid("is not a JSON object");
        }
        // The access key id first, so that later messages can name the user.
        for (auto [key, value] : members) {
            if (key == "access_key_id") {
                if (auto read = string_member(key, value, entry_.access_key_id); !read) {
                    return std::move(read).error();
                }
            }
        }
        std::array<bool, 4> seen{};
        for (auto [key, value] : members) {
            std::size_t slot = 0;
            if (key == "access_key_id") {
                slot = 0;
            } else if (key == "secret_access_key") {
                slot = 1;
            } else if (key == "session_token") {
                slot = 2;
            } else if (key == "arn") {
                slot = 3;
            } else {
                return invalid("has an unknown member " + detail::quote_untrusted(key) +
                               " (known: access_key_id, secret_access_key, session_token, arn)");
            }
            if (seen.at(slot)) {
                return invalid("has `" + std::string(key) + "` twice");
            }
            seen.at(slot) = true;
            std::string text;
            if (auto read = string_member(key, value, text); !read) {
                return std::move(read).error();
            }
            if (slot == 1) {
                entry_.secret_access_key = secret_string(text);
            } else if (slot == 2) {
                entry_.session_token = secret_string(text);
            } else if (slot == 3) {
                entry_.arn = text;
            }
            secure_wipe(text.data(), text.size());
        }
        constexpr std::array<std::string_view, 4> names = {"access_key_id", "secret_access_key",
                                                           "session_token", "arn"};
        for (std::size_t slot : {0U, 1U, 3U}) {
            if (!seen.at(slot)) {
                return invalid("has no `" + std::string(names.at(slot)) + "`");
            }
        }
        if (seen[2] && entry_.session_token.empty()) {
            return invalid("has an empty `session_token` (leave it out for long-term keys)");
        }
        return std::move(entry_);
    }

private:
    result<void> string_member(std::string_view key, element value, std::string& out) {
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS) {
            return invalid("`" + std::string(key) + "` is not a JSON string");
        }
        out.assign(text);
        return {};
    }

    [[nodiscard]] error invalid(std::string what) const {
        std::string who = "users[" + std::to_string(index_) + "]";
        if (!entry_.access_key_id.empty()) {
            who += " (" + redact_access_key_id(entry_.access_key_id) + ")";
        }
        return make_error(errc::users_file_invalid_entry,
                          "users file: " + who + " " + std::move(what));
    }

    std::size_t index_;
    element value_;
    user entry_;
};

result<user_table> parse_root(element root) {
    object members;
    if (root.get_object().get(members) != simdjson::SUCCESS) {
        return malformed("the document is not a JSON object");
    }
    simdjson::dom::array list;
    bool have_users = false;
    for (auto [key, value] : members) {
        if (key != "users") {
            return malformed("unknown top-level member " + detail::quote_untrusted(key));
        }
        if (have_users) {
            return malformed("`users` is given twice");
        }
        have_users = true;
        if (value.get_array().get(list) != simdjson::SUCCESS) {
            return malformed("`users` is not an array");
        }
    }
    if (!have_users) {
        return malformed("there is no `users` member");
    }
    user_table table;
    std::size_t index = 0;
    for (element value : list) {
        auto entry = entry_reader(index, value).read();
        if (!entry) {
            return std::move(entry).error();
        }
        if (auto added = table.add(std::move(*entry)); !added) {
            error err = std::move(added).error();
            err.message = "users file: users[" + std::to_string(index) + "]: " + err.message;
            return err;
        }
        ++index;
    }
    return table;
}

}  // namespace

result<user_table> parse_users(std::string_view json) {
    if (json.size() > max_users_file_size) {
        return malformed("it has " + std::to_string(json.size()) + " bytes, more than " +
                         std::to_string(max_users_file_size));
    }
    simdjson::padded_string padded(json);
    simdjson::dom::parser parser;
    element root;
    auto parsed = parser.parse(padded).get(root);
    result<user_table> table = parsed == simdjson::SUCCESS
                                   ? parse_root(root)
                                   : malformed(std::string("it is not valid JSON (") +
                                               simdjson::error_message(parsed) + ")");
    secure_wipe(padded.data(), padded.size());
    return table;
}

result<user_table> load_users_file(const std::filesystem::path& path) {
    const std::string name = detail::quote_untrusted(path.string(), 256);
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return make_error(errc::users_file_unreadable,
                          name + ": cannot open the users file; check the path and permissions");
    }
    std::string text(max_users_file_size + 1, '\0');
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (file.bad()) {
        secure_wipe(text.data(), text.size());
        return make_error(errc::users_file_unreadable, name + ": reading the users file failed");
    }
    text.resize(static_cast<std::size_t>(file.gcount()));
    auto table = parse_users(text);
    secure_wipe(text.data(), text.size());
    if (!table) {
        error err = std::move(table).error();
        err.message = name + ": " + err.message;
        return err;
    }
    return table;
}

}  // namespace mongo_aws::test_server
