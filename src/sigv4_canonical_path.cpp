// The canonical URI: path normalisation and the second encoding.
#include "sigv4_canonical.hpp"

namespace mongo_aws::sigv4::detail {

std::string normalize_path(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        const auto segment = path.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }

    std::string normalized = "/";
    for (std::size_t index = 0; index < segments.size(); ++index) {
        normalized += segments[index];
        if (index + 1 < segments.size() || path.ends_with('/')) {
            normalized += '/';
        }
    }
    return normalized;
}

std::string canonical_path(std::string_view path, const options& opts) {
    std::string canonical = path.empty() ? std::string("/") : std::string(path);
    if (opts.normalize_path) {
        canonical = normalize_path(canonical);
    }
    if (opts.double_uri_encode) {
        canonical = uri_encode(canonical, true);
    }
    return canonical;
}

}  // namespace mongo_aws::sigv4::detail
