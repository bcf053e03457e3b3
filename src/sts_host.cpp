#include "quote_untrusted.hpp"

#include <mongo_aws/sts_host.hpp>

namespace mongo_aws {
namespace {

bool is_host_name_byte(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

error host_error(errc code, std::string_view what, std::string_view host) {
    return make_error(code, "the server named an invalid STS host " +
                                detail::quote_untrusted(host) + ": " + std::string(what) +
                                "; check the server's awsSTSHost setting");
}

}  // namespace

result<void> validate_sts_host(std::string_view host) {
    if (host.empty()) {
        return make_error(errc::sts_host_empty,
                          "the server named an empty STS host (`h` in its server-first payload); "
                          "check the server's awsSTSHost setting");
    }
    if (host.size() > max_sts_host_length) {
        return host_error(errc::sts_host_too_long,
                          "it has " + std::to_string(host.size()) + " bytes, more than " +
                              std::to_string(max_sts_host_length),
                          host);
    }
    for (std::size_t i = 0; i < host.size(); ++i) {
        if (!is_host_name_byte(host[i])) {
            return host_error(errc::sts_host_invalid_character,
                              "byte " + std::to_string(i) + " is not a letter, digit, '-' or '.'",
                              host);
        }
    }
    if (host.front() == '.') {
        return host_error(errc::sts_host_leading_dot, "it starts with '.'", host);
    }
    if (host.back() == '.') {
        return host_error(errc::sts_host_trailing_dot, "it ends with '.'", host);
    }
    if (host.find("..") != std::string_view::npos) {
        return host_error(errc::sts_host_empty_label, "it has an empty label ('..')", host);
    }
    return {};
}

std::string sts_region(std::string_view host) {
    constexpr std::string_view default_region = "us-east-1";
    const auto first_dot = host.find('.');
    if (host == "sts.amazonaws.com" || first_dot == std::string_view::npos) {
        return std::string(default_region);
    }
    const auto rest = host.substr(first_dot + 1);
    return std::string(rest.substr(0, rest.find('.')));
}

}  // namespace mongo_aws
