#include "bson_document.hpp"

#include <mongo_aws/secret.hpp>

#include <limits>

namespace mongo_aws::detail {

void bson_builder::wipe() noexcept {
    bson_t* doc = get();
    // bson_get_data() is const; the buffer belongs to this builder, so writing it is fine.
    secure_wipe(const_cast<std::uint8_t*>(bson_get_data(doc)), doc->len);
}

bool view_bson(std::span<const std::uint8_t> bytes, bson_t& view,
               std::size_t* error_offset) noexcept {
    if (error_offset != nullptr) {
        *error_offset = 0;
    }
    // bson_init_static checks the declared length against the size and the final NUL.
    constexpr std::size_t min_document_size = 5;
    if (bytes.size() < min_document_size ||
        bytes.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()) ||
        !bson_init_static(&view, bytes.data(), bytes.size())) {
        return false;
    }
    std::size_t offset = 0;
    if (!bson_validate(&view, BSON_VALIDATE_NONE, &offset)) {
        if (error_offset != nullptr) {
            *error_offset = offset;
        }
        return false;
    }
    return true;
}

std::string_view bson_type_name(bson_type_t type) noexcept {
    switch (type) {
        case BSON_TYPE_DOUBLE:
            return "double";
        case BSON_TYPE_UTF8:
            return "string";
        case BSON_TYPE_DOCUMENT:
            return "document";
        case BSON_TYPE_ARRAY:
            return "array";
        case BSON_TYPE_BINARY:
            return "binary";
        case BSON_TYPE_BOOL:
            return "bool";
        case BSON_TYPE_NULL:
            return "null";
        case BSON_TYPE_INT32:
            return "int32";
        case BSON_TYPE_INT64:
            return "int64";
        case BSON_TYPE_DECIMAL128:
            return "decimal128";
        default:
            return "another BSON type";
    }
}

std::string_view utf8_value(const bson_iter_t& iter) noexcept {
    std::uint32_t length = 0;
    const char* text = bson_iter_utf8(&iter, &length);
    return {text, length};
}

}  // namespace mongo_aws::detail
