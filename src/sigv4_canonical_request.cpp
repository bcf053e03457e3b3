// Canonical headers, canonical query, the canonical request and the string to sign.
#include "sigv4_canonical.hpp"
#include "sigv4_crypto.hpp"

#include <algorithm>

namespace mongo_aws::sigv4::detail {
namespace {

bool is_blank(char character) noexcept {
    return character == ' ' || character == '\t';
}

std::string lowercase(std::string_view text) {
    std::string lower(text);
    for (char& character : lower) {
        if (character >= 'A' && character <= 'Z') {
            character = static_cast<char>(character - 'A' + 'a');
        }
    }
    return lower;
}

// AWS: "trim leading and trailing spaces, convert sequential spaces to a single space". Tabs
// count as spaces here, as HTTP's optional whitespace does.
void append_trimmed_value(std::string& out, std::string_view value) {
    bool pending_space = false;
    bool wrote = false;
    for (const char character : value) {
        if (is_blank(character)) {
            pending_space = wrote;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += character;
        wrote = true;
    }
}

struct named_value {
    std::string name;
    const std::string* value;
};

}  // namespace

canonical_headers canonicalize_headers(const std::vector<header>& headers) {
    std::vector<named_value> sorted;
    sorted.reserve(headers.size());
    for (const auto& entry : headers) {
        sorted.push_back({lowercase(entry.name), &entry.value});
    }
    // Stable: values of a repeated header keep the order in which they were given.
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const named_value& a, const named_value& b) { return a.name < b.name; });

    canonical_headers result;
    for (std::size_t index = 0; index < sorted.size(); ++index) {
        const bool repeat = index > 0 && sorted[index].name == sorted[index - 1].name;
        if (repeat) {
            result.lines += ',';
        } else {
            if (index > 0) {
                result.lines += '\n';
                result.signed_names += ';';
            }
            result.lines += sorted[index].name;
            result.lines += ':';
            result.signed_names += sorted[index].name;
        }
        append_trimmed_value(result.lines, *sorted[index].value);
    }
    if (!sorted.empty()) {
        result.lines += '\n';
    }
    return result;
}

std::string canonical_query(const std::vector<std::pair<std::string, std::string>>& parameters) {
    std::vector<std::pair<std::string, std::string>> encoded;
    encoded.reserve(parameters.size());
    for (const auto& [name, value] : parameters) {
        encoded.emplace_back(uri_encode(name, false), uri_encode(value, false));
    }
    std::sort(encoded.begin(), encoded.end());

    std::string query;
    for (const auto& [name, value] : encoded) {
        if (!query.empty()) {
            query += '&';
        }
        query += name;
        query += '=';
        query += value;
    }
    return query;
}

std::string canonical_request(std::string_view method, std::string_view path,
                              std::string_view query, const canonical_headers& headers,
                              std::string_view payload_hash) {
    std::string request;
    request.reserve(method.size() + path.size() + query.size() + headers.lines.size() +
                    headers.signed_names.size() + payload_hash.size() + 5);
    request.append(method).append("\n");
    request.append(path).append("\n");
    request.append(query).append("\n");
    request.append(headers.lines).append("\n");
    request.append(headers.signed_names).append("\n");
    request.append(payload_hash);
    return request;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
    std::string text = "AWS4-HMAC-SHA256\n";
    text.append(amz_date).append("\n");
    text.append(scope).append("\n");
    text.append(to_hex(sha256(canonical_request)));
    return text;
}

}  // namespace mongo_aws::sigv4::detail
