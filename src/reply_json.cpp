#include "reply_json.hpp"

#include "quote_untrusted.hpp"

#include <mongo_aws/credential_replies.hpp>
#include <mongo_aws/secret.hpp>

#include <new>

namespace mongo_aws::detail {
namespace {

namespace dom = simdjson::dom;

// Real replies nest 4 levels at most; a small limit also bounds the wiping recursion below.
constexpr std::size_t max_depth = 64;

// simdjson unescapes every string of the document into its own buffer when it parses; the
// string_views it hands out point there. Overwrite them all, whichever of them were secrets.
void wipe_strings(dom::element value, std::size_t depth) noexcept {
    if (depth > max_depth) {
        return;
    }
    switch (value.type()) {
        case dom::element_type::STRING: {
            std::string_view text;
            if (value.get_string().get(text) == simdjson::SUCCESS) {
                // The buffer is simdjson's own heap array, not const memory.
                secure_wipe(const_cast<char*>(text.data()), text.size());
            }
            break;
        }
        case dom::element_type::ARRAY: {
            dom::array array;
            if (value.get_array().get(array) == simdjson::SUCCESS) {
                for (const dom::element child : array) {
                    wipe_strings(child, depth + 1);
                }
            }
            break;
        }
        case dom::element_type::OBJECT: {
            dom::object object;
            if (value.get_object().get(object) == simdjson::SUCCESS) {
                for (const dom::key_value_pair field : object) {
                    wipe_strings(field.value, depth + 1);
                }
            }
            break;
        }
        default:
            break;
    }
}

// A body that starts like JSON may be a truncated credentials document: never quote it.
bool looks_like_json(std::string_view body) noexcept {
    const auto start = body.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        return false;
    }
    const char first = body[start];
    return first == '{' || first == '[' || first == '"' || body.substr(start, 3) == "\xEF\xBB\xBF";
}

}  // namespace

json_reply::~json_reply() {
    if (parsed_) {
        wipe_strings(root_, 0);
    }
    if (copy_.data() != nullptr) {
        secure_wipe(copy_.data(), copy_.size());
    }
}

std::optional<error> json_reply::parse(std::string_view body) {
    const std::string name(source_.name);
    const std::string advice(source_.advice);
    if (body.size() > max_credential_reply_size) {
        return make_error(errc::json_too_large,
                          name + " is " + std::to_string(body.size()) + " bytes, more than the " +
                              std::to_string(max_credential_reply_size) +
                              " this library reads from a credentials endpoint: " + advice);
    }
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return make_error(errc::json_malformed, name + " is empty: " + advice);
    }
    copy_ = simdjson::padded_string(body.data(), body.size());
    if (copy_.data() == nullptr) {
        throw std::bad_alloc();
    }
    if (parser_.allocate(copy_.size(), max_depth) == simdjson::MEMALLOC) {
        throw std::bad_alloc();
    }
    const auto failure = parser_.parse(copy_).get(root_);
    if (failure == simdjson::MEMALLOC) {
        throw std::bad_alloc();
    }
    if (failure != simdjson::SUCCESS) {
        std::string message =
            name + " is not valid JSON (" + simdjson::error_message(failure) + ")";
        if (!looks_like_json(body)) {
            message += "; it starts with " + quote_untrusted(body);
        }
        return make_error(errc::json_malformed, message + ": " + advice);
    }
    parsed_ = true;
    return std::nullopt;
}

result<dom::object> json_reply::root_object() const {
    dom::object object;
    if (root_.get_object().get(object) != simdjson::SUCCESS) {
        return make_error(errc::json_wrong_type,
                          std::string(source_.name) + " is " +
                              std::string(describe_json_type(root_.type())) +
                              "; expected an object: " + std::string(source_.advice));
    }
    return object;
}

std::optional<dom::element> json_reply::find(dom::object object, std::string_view key) const {
    dom::element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return value;
}

result<std::string_view> json_reply::required_string(dom::object object, std::string_view parent,
                                                     std::string_view key) const {
    const auto value = find(object, key);
    if (!value) {
        return missing_field(field_path(parent, key));
    }
    std::string_view text;
    if (value->get_string().get(text) != simdjson::SUCCESS) {
        return wrong_type(field_path(parent, key), *value, "a string");
    }
    return text;
}

result<std::optional<std::string_view>> json_reply::optional_string(dom::object object,
                                                                    std::string_view parent,
                                                                    std::string_view key) const {
    const auto value = find(object, key);
    if (!value || value->is_null()) {
        return std::optional<std::string_view>();
    }
    auto text = required_string(object, parent, key);
    if (!text) {
        return std::move(text).error();
    }
    return std::optional<std::string_view>(*text);
}

result<dom::object> json_reply::required_object(dom::object object, std::string_view parent,
                                                std::string_view key) const {
    const auto value = find(object, key);
    if (!value) {
        return missing_field(field_path(parent, key));
    }
    dom::object child;
    if (value->get_object().get(child) != simdjson::SUCCESS) {
        return wrong_type(field_path(parent, key), *value, "an object");
    }
    return child;
}

result<std::optional<dom::object>> json_reply::optional_object(dom::object object,
                                                               std::string_view parent,
                                                               std::string_view key) const {
    const auto value = find(object, key);
    if (!value || value->is_null()) {
        return std::optional<dom::object>();
    }
    auto child = required_object(object, parent, key);
    if (!child) {
        return std::move(child).error();
    }
    return std::optional<dom::object>(*child);
}

result<time_point> json_reply::required_iso8601(dom::object object, std::string_view parent,
                                                std::string_view key) const {
    const auto text = required_string(object, parent, key);
    if (!text) {
        return text.error();
    }
    auto when = parse_iso8601(*text);
    if (!when) {
        return make_error(errc::timestamp_invalid, std::string(source_.name) + " field `" +
                                                       field_path(parent, key) +
                                                       "`: " + when.error().message);
    }
    return *when;
}

result<credentials> json_reply::required_temporary_credentials(dom::object object,
                                                               std::string_view parent,
                                                               std::string_view token_key) const {
    credentials creds;
    for (const std::string_view key :
         {std::string_view("AccessKeyId"), std::string_view("SecretAccessKey"), token_key}) {
        const auto value = required_string(object, parent, key);
        if (!value) {
            return value.error();
        }
        if (value->empty()) {
            return make_error(errc::credentials_incomplete,
                              std::string(source_.name) + " has an empty `" +
                                  field_path(parent, key) + "`: " + std::string(source_.advice));
        }
        if (key == "AccessKeyId") {
            creds.access_key_id = std::string(*value);
        } else if (key == "SecretAccessKey") {
            creds.secret_access_key = secret_string(*value);
        } else {
            creds.session_token = secret_string(*value);
        }
    }
    return creds;
}

error json_reply::missing_field(std::string_view path) const {
    return make_error(errc::json_missing_field, std::string(source_.name) + " lacks the field `" +
                                                    std::string(path) +
                                                    "`: " + std::string(source_.advice));
}

error json_reply::wrong_type(std::string_view path, dom::element found,
                             std::string_view expected) const {
    // Only the type is named, never the value: the field may hold a secret.
    return make_error(errc::json_wrong_type,
                      std::string(source_.name) + " field `" + std::string(path) + "` is " +
                          std::string(describe_json_type(found.type())) + "; expected " +
                          std::string(expected) + ": " + std::string(source_.advice));
}

std::string field_path(std::string_view parent, std::string_view key) {
    if (parent.empty()) {
        return std::string(key);
    }
    std::string path(parent);
    path += '.';
    path += key;
    return path;
}

std::string_view describe_json_type(dom::element_type type) noexcept {
    switch (type) {
        case dom::element_type::ARRAY:
            return "an array";
        case dom::element_type::OBJECT:
            return "an object";
        case dom::element_type::INT64:
        case dom::element_type::UINT64:
        case dom::element_type::DOUBLE:
            return "a number";
        case dom::element_type::STRING:
            return "a string";
        case dom::element_type::BOOL:
            return "a boolean";
        case dom::element_type::NULL_VALUE:
            return "null";
    }
    return "an unknown JSON value";
}

}  // namespace mongo_aws::detail
