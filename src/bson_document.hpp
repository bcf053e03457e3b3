// Small RAII helpers over libbson for the SASL payloads and commands.
#pragma once

#include <bson/bson.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace mongo_aws::detail {

/// An owned, growable bson_t. Not movable: libbson keeps small documents inline.
class bson_builder {
public:
    bson_builder() noexcept { bson_init(&doc_); }
    /// Preallocates `capacity` bytes, so that a document of at most that size is never moved
    /// (and can be wiped completely before it is freed).
    explicit bson_builder(std::size_t capacity) noexcept : heap_(bson_sized_new(capacity)) {}
    bson_builder(const bson_builder&) = delete;
    bson_builder& operator=(const bson_builder&) = delete;
    ~bson_builder() { bson_destroy(get()); }

    [[nodiscard]] bson_t* get() noexcept { return heap_ != nullptr ? heap_ : &doc_; }

    /// A copy of the document's bytes.
    [[nodiscard]] std::vector<std::uint8_t> bytes() {
        const std::uint8_t* data = bson_get_data(get());
        return {data, data + get()->len};
    }

    /// Overwrites the document's bytes (they held a session token).
    void wipe() noexcept;

private:
    bson_t doc_{};
    bson_t* heap_ = nullptr;
};

/// Views `bytes` as a BSON document when it is one (lengths consistent, every element well
/// formed, nested documents included). On failure, `*error_offset` (when given) is where
/// libbson found the first problem, or 0 when the framing itself is wrong.
[[nodiscard]] bool view_bson(std::span<const std::uint8_t> bytes, bson_t& view,
                             std::size_t* error_offset = nullptr) noexcept;

/// A readable name for a BSON element type ("binary", "string", "int32", ...).
[[nodiscard]] std::string_view bson_type_name(bson_type_t type) noexcept;

/// The string value of a UTF-8 element (which may hold NUL bytes; its length says where it ends).
[[nodiscard]] std::string_view utf8_value(const bson_iter_t& iter) noexcept;

}  // namespace mongo_aws::detail
