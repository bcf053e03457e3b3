#include "endpoint_url.hpp"

#include <mongo_aws/url.hpp>

#include <string>
#include <utility>

namespace mongo_aws::detail {

result<endpoint_location> parse_endpoint_url(std::string_view text, std::string_view variable) {
    auto parsed = parse_url(text);
    if (!parsed) {
        // Keep parse_url's reason (it quotes the text, bounded) and name the variable.
        return make_error(
            errc::endpoint_url_invalid,
            std::string(variable) + " is not a usable URL: " + std::move(parsed).error().message);
    }
    return endpoint_location{parsed->scheme, std::move(parsed->host), parsed->port,
                             std::move(parsed->target)};
}

}  // namespace mongo_aws::detail
