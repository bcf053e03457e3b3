#include "quote_untrusted.hpp"

namespace mongo_aws::detail {

std::string escape_untrusted(std::string_view text, std::size_t limit) {
    static constexpr char hex[] = "0123456789abcdef";
    const bool cut = text.size() > limit;
    const auto shown = cut ? text.substr(0, limit) : text;
    std::string out;
    out.reserve(shown.size() + 3);
    for (const char c : shown) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte >= 0x20 && byte <= 0x7e) {
            out += c;
        } else {
            out += "\\x";
            out += hex[byte >> 4U];
            out += hex[byte & 0x0fU];
        }
    }
    if (cut) {
        out += "\u2026";
    }
    return out;
}

std::string quote_untrusted(std::string_view text, std::size_t limit) {
    return '"' + escape_untrusted(text, limit) + '"';
}

}  // namespace mongo_aws::detail
