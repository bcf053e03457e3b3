// Small RAII helpers over libbson for the SASL payloads and commands.
#pragma once

#include <mongo_aws/result.hpp>

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

/// Views `bytes` in place as a BSON document once validate_bson() (bson_validate.hpp) accepts
/// them: the same length, depth and validity checks as bson_document::from_bytes, and its
/// errors (errc::bson_length_invalid, errc::bson_invalid). `view` borrows `bytes`.
[[nodiscard]] result<void> view_bson(std::span<const std::uint8_t> bytes, bson_t& view);

/// MongoDB's name for a BSON element type, as `$type` spells it ("binData", "string", "int",
/// "long", "object", ...), for messages.
[[nodiscard]] std::string_view bson_type_name(bson_type_t type) noexcept;

/// The string value of a UTF-8 element (which may hold NUL bytes; its length says where it ends).
[[nodiscard]] std::string_view utf8_value(const bson_iter_t& iter) noexcept;

}  // namespace mongo_aws::detail
