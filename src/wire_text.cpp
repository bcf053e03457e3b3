#include "wire_text.hpp"

#include <array>

namespace mongo_aws::wire::detail {

std::string escape_bounded(std::string_view text, std::size_t max_bytes) {
    static constexpr std::array<char, 16> hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    const bool cut = text.size() > max_bytes;
    const auto shown = text.substr(0, max_bytes);
    std::string out;
    out.reserve(shown.size() + 3);
    for (const char c : shown) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F && c != '\\') {
            out += c;
        } else {
            out += "\\x";
            out += hex[byte >> 4U];
            out += hex[byte & 0x0FU];
        }
    }
    if (cut) {
        out += "...";
    }
    return out;
}

std::string quote_bytes(std::span<const std::uint8_t> bytes, std::size_t max_bytes) {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return '"' + escape_bounded(text, max_bytes) + '"';
}

}  // namespace mongo_aws::wire::detail
