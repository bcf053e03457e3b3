#include "support/sasl_payloads.hpp"

namespace mongo_aws::test {

std::vector<std::uint8_t> bytes_of(const bson_t* doc) {
    const std::uint8_t* data = bson_get_data(doc);
    return {data, data + doc->len};
}

std::array<std::uint8_t, 32> fixed_client_nonce(std::uint8_t first) {
    std::array<std::uint8_t, 32> nonce{};
    for (std::size_t i = 0; i < nonce.size(); ++i) {
        nonce[i] = static_cast<std::uint8_t>(first + i);
    }
    return nonce;
}

std::vector<std::uint8_t> server_nonce_for(std::span<const std::uint8_t> client_nonce) {
    std::vector<std::uint8_t> s(client_nonce.begin(), client_nonce.end());
    for (std::size_t i = 0; i < 32; ++i) {
        s.push_back(static_cast<std::uint8_t>(200 + i));
    }
    return s;
}

std::vector<std::uint8_t> server_first_payload(std::span<const std::uint8_t> s,
                                               std::string_view host) {
    bson_t doc;
    bson_init(&doc);
    bson_append_binary(&doc, "s", -1, BSON_SUBTYPE_BINARY, s.data(),
                       static_cast<std::uint32_t>(s.size()));
    bson_append_utf8(&doc, "h", -1, host.data(), static_cast<int>(host.size()));
    auto bytes = bytes_of(&doc);
    bson_destroy(&doc);
    return bytes;
}

}  // namespace mongo_aws::test
