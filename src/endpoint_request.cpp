#include <mongo_aws/endpoint_request.hpp>

#include <ostream>

namespace mongo_aws {

namespace {
bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

std::string_view scheme_name(url_scheme scheme) noexcept {
    return scheme == url_scheme::https ? "https" : "http";
}

std::uint16_t default_port(url_scheme scheme) noexcept {
    return scheme == url_scheme::https ? 443 : 80;
}
}  // namespace

std::string endpoint_request::host_header() const {
    std::string value = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != default_port(scheme)) {
        value += ":" + std::to_string(port);
    }
    return value;
}

std::string endpoint_request::url() const {
    return std::string(scheme_name(scheme)) + "://" + host_header() + target;
}

const endpoint_header* endpoint_request::find_header(std::string_view name) const noexcept {
    for (const auto& header : headers) {
        if (equal_ignoring_case(header.name, name)) {
            return &header;
        }
    }
    return nullptr;
}

std::ostream& operator<<(std::ostream& out, const endpoint_request& request) {
    out << request.method << " " << request.url();
    for (const auto& header : request.headers) {
        out << "\n" << header.name << ": ";
        if (header.sensitive) {
            out << header.value;
        } else {
            out << header.value.reveal();
        }
    }
    if (!request.body.empty()) {
        out << "\n\n" << request.body;
    }
    return out;
}

}  // namespace mongo_aws
