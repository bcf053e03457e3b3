#include "quote.hpp"

namespace mongo_aws::detail {
namespace {

void append_escaped(std::string& out, std::string_view text) {
    static constexpr char hex_digits[] = "0123456789abcdef";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte > 0x7e) {
            out += "\\x";
            out += hex_digits[byte >> 4U];
            out += hex_digits[byte & 0x0fU];
        } else {
            out += c;
        }
    }
}

std::string size_note(std::size_t size) {
    return " (" + std::to_string(size) + " bytes)";
}

}  // namespace

std::string escape_untrusted(std::string_view text, std::size_t limit) {
    std::string out;
    append_escaped(out, text.substr(0, limit));
    if (text.size() > limit) {
        out += "..." + size_note(text.size());
    }
    return out;
}

std::string quote_untrusted(std::string_view text, std::size_t limit) {
    std::string out = "\"";
    append_escaped(out, text.substr(0, limit));
    if (text.size() > limit) {
        out += "...\"" + size_note(text.size());
    } else {
        out += '"';
    }
    return out;
}

}  // namespace mongo_aws::detail
