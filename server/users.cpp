// The user table: checking each identity once, when it is added, and finding it by key id.
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/test_server/users.hpp>

#include <algorithm>
#include <string>

namespace mongo_aws::test_server {
namespace {

bool is_control(char character) noexcept {
    const auto byte = static_cast<unsigned char>(character);
    return byte < 0x20 || byte == 0x7F;
}

// The signer's rule: the id goes in `Credential=<id>/<day>/...`, so no space, `/` or `,`.
bool is_key_id_byte(char character) noexcept {
    const auto byte = static_cast<unsigned char>(character);
    return byte > 0x20 && byte < 0x7F && byte != '/' && byte != ',';
}

error invalid(const user& entry, std::string what) {
    const std::string who = entry.access_key_id.empty()
                                ? std::string("a user")
                                : "user " + redact_access_key_id(entry.access_key_id);
    return make_error(errc::users_file_invalid_entry, who + ": " + std::move(what));
}

result<void> check(const user& entry) {
    if (entry.access_key_id.empty()) {
        return invalid(entry, "the access key id is empty");
    }
    if (!std::all_of(entry.access_key_id.begin(), entry.access_key_id.end(), is_key_id_byte)) {
        return invalid(entry,
                       "the access key id has a space, '/', ',', control or non-ASCII byte (it "
                       "must fit in an Authorization header's credential scope)");
    }
    if (entry.secret_access_key.empty()) {
        return invalid(entry, "the secret access key is empty");
    }
    const auto token = entry.session_token.reveal();
    if (std::any_of(token.begin(), token.end(), is_control)) {
        return invalid(entry, "the session token has a control byte (a stray newline?)");
    }
    if (!entry.arn.starts_with("arn:")) {
        return invalid(entry, "the ARN does not start with \"arn:\"");
    }
    if (std::any_of(entry.arn.begin(), entry.arn.end(), is_control)) {
        return invalid(entry, "the ARN has a control byte");
    }
    return {};
}

}  // namespace

std::string mongodb_user_name(std::string_view arn) {
    // arn:<partition>:sts::<account>:assumed-role/<role>/<session>
    constexpr std::string_view prefix = "arn:";
    constexpr std::string_view assumed_role = "assumed-role/";
    if (!arn.starts_with(prefix)) {
        return std::string(arn);
    }
    std::string_view rest = arn.substr(prefix.size());
    const auto partition_end = rest.find(':');
    if (partition_end == std::string_view::npos) {
        return std::string(arn);
    }
    rest.remove_prefix(partition_end + 1);
    if (!rest.starts_with("sts::")) {
        return std::string(arn);
    }
    const auto resource_start = rest.find(':', 5);
    if (resource_start == std::string_view::npos) {
        return std::string(arn);
    }
    const std::string_view resource = rest.substr(resource_start + 1);
    if (!resource.starts_with(assumed_role)) {
        return std::string(arn);
    }
    const auto role_end = resource.find('/', assumed_role.size());
    if (role_end == std::string_view::npos || role_end == assumed_role.size() ||
        role_end + 1 == resource.size()) {
        return std::string(arn);
    }
    const auto keep = arn.size() - resource.size() + role_end + 1;
    return std::string(arn.substr(0, keep)) + "*";
}

result<void> user_table::add(user entry) {
    if (auto valid = check(entry); !valid) {
        return valid;
    }
    if (find(entry.access_key_id) != nullptr) {
        return make_error(errc::users_file_duplicate_access_key_id,
                          "two users have the access key id " +
                              redact_access_key_id(entry.access_key_id) +
                              ": each access key id must name one user");
    }
    users_.push_back(std::move(entry));
    return {};
}

const user* user_table::find(std::string_view access_key_id) const noexcept {
    const auto found = std::find_if(users_.begin(), users_.end(), [&](const user& entry) {
        return entry.access_key_id == access_key_id;
    });
    return found == users_.end() ? nullptr : &*found;
}

}  // namespace mongo_aws::test_server
