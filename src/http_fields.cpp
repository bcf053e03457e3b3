// Header lookup shared by requests and responses.
#include "http_syntax.hpp"

#include <mongo_aws/http_message.hpp>

namespace mongo_aws::http {

std::optional<std::string_view> find_header(const std::vector<header>& headers,
                                            std::string_view name) noexcept {
    for (const auto& field : headers) {
        if (detail::iequals(field.name, name)) {
            return std::string_view(field.value);
        }
    }
    return std::nullopt;
}

}  // namespace mongo_aws::http
