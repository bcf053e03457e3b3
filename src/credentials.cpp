#include <mongo_aws/credentials.hpp>
#include <mongo_aws/timestamp.hpp>

#include <ostream>

namespace mongo_aws {

std::string redact_access_key_id(std::string_view access_key_id) {
    constexpr std::size_t shown = 4;
    if (access_key_id.size() > 3 * shown) {
        return std::string(access_key_id.substr(0, shown)) + "\u2026" +
               std::string(access_key_id.substr(access_key_id.size() - shown));
    }
    // Too short to show both ends without revealing most of it.
    const auto tail = access_key_id.size() > 2 ? access_key_id.substr(access_key_id.size() - 2)
                                               : std::string_view{};
    return "\u2026" + std::string(tail);
}

std::ostream& operator<<(std::ostream& out, const credentials& creds) {
    out << "credentials{access_key_id=" << redact_access_key_id(creds.access_key_id)
        << ", secret=" << creds.secret_access_key << ", session_token=";
    if (creds.session_token.empty()) {
        out << "none";
    } else {
        out << creds.session_token;
    }
    out << ", expiration=" << (creds.expiration ? format_iso8601(*creds.expiration) : "none")
        << "}";
    return out;
}

}  // namespace mongo_aws
