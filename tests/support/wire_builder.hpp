// Hand-crafting wire messages for tests: little-endian fields appended one by one, so that each
// test shows the exact bytes it sends (laid out as in the MongoDB wire protocol reference).
#pragma once

#include <mongo_aws/bson_document.hpp>

#include <bson/bson.h>

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::test {

/// Bytes appended field by field; message() patches messageLength to the final size.
class wire_builder {
public:
    /// Starts with a header; messageLength is patched by message().
    static wire_builder header(std::int32_t request_id, std::int32_t response_to,
                               std::int32_t op_code) {
        wire_builder out;
        out.int32(0).int32(request_id).int32(response_to).int32(op_code);
        return out;
    }

    wire_builder& uint8(std::uint8_t value) {
        bytes_.push_back(value);
        return *this;
    }
    wire_builder& uint32(std::uint32_t value) {
        for (unsigned shift = 0; shift < 32; shift += 8) {
            bytes_.push_back(static_cast<std::uint8_t>((value >> shift) & 0xFFU));
        }
        return *this;
    }
    wire_builder& int32(std::int32_t value) { return uint32(static_cast<std::uint32_t>(value)); }
    wire_builder& int64(std::int64_t value) {
        const auto bits = static_cast<std::uint64_t>(value);
        uint32(static_cast<std::uint32_t>(bits & 0xFFFFFFFFU));
        return uint32(static_cast<std::uint32_t>(bits >> 32U));
    }
    wire_builder& cstring(std::string_view text) {
        bytes_.insert(bytes_.end(), text.begin(), text.end());
        bytes_.push_back(0);
        return *this;
    }
    wire_builder& raw(std::span<const std::uint8_t> bytes) {
        bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
        return *this;
    }
    wire_builder& document(const bson_t& doc) { return raw({bson_get_data(&doc), doc.len}); }

    /// The bytes so far, as they are (messageLength not patched).
    [[nodiscard]] const std::vector<std::uint8_t>& bytes() const { return bytes_; }
    [[nodiscard]] std::size_t size() const { return bytes_.size(); }

    /// The bytes with messageLength set to their size.
    [[nodiscard]] std::vector<std::uint8_t> message() const {
        auto out = bytes_;
        set_length(out, static_cast<std::int32_t>(out.size()));
        return out;
    }

    /// Overwrites messageLength (the first 4 bytes) of a message.
    static void set_length(std::vector<std::uint8_t>& message, std::int32_t length) {
        const auto bits = static_cast<std::uint32_t>(length);
        for (unsigned i = 0; i < 4; ++i) {
            message.at(i) = static_cast<std::uint8_t>((bits >> (8U * i)) & 0xFFU);
        }
    }

private:
    std::vector<std::uint8_t> bytes_;
};

/// A document from canonical or relaxed extended JSON; throws on a typo in the test.
inline bson_ptr json(std::string_view text) {
    bson_error_t error{};
    bson_ptr doc(bson_new_from_json(reinterpret_cast<const std::uint8_t*>(text.data()),
                                    static_cast<ssize_t>(text.size()), &error));
    if (!doc) {
        throw std::invalid_argument(std::string("bad test JSON: ") + error.message);
    }
    return doc;
}

/// A bson_document from extended JSON.
inline bson_document json_document(std::string_view text) {
    return bson_document::from_bson(*json(text));
}

/// Canonical extended JSON of a document, for readable comparisons.
inline std::string to_json(const bson_document& doc) {
    const auto view = doc.view();
    char* text = bson_as_canonical_extended_json(view.get(), nullptr);
    std::string out = text != nullptr ? text : "<unprintable>";
    bson_free(text);
    return out;
}

}  // namespace mongo_aws::test
