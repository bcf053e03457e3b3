#include "bson_builder.hpp"

#include "bson_validate.hpp"

#include <mongo_aws/secret.hpp>

namespace mongo_aws::detail {

void bson_builder::wipe() noexcept {
    bson_t* doc = get();
    // bson_get_data() is const; the buffer belongs to this builder, so writing it is fine.
    secure_wipe(const_cast<std::uint8_t*>(bson_get_data(doc)), doc->len);
}

result<void> view_bson(std::span<const std::uint8_t> bytes, bson_t& view) {
    if (auto valid = validate_bson(bytes); !valid) {
        return valid;
    }
    // validate_bson checked the length prefix against the size and the final NUL, as
    // bson_init_static does.
    if (!bson_init_static(&view, bytes.data(), bytes.size())) {
        return make_error(errc::bson_length_invalid,
                          "a BSON document's length prefix does not match its size");
    }
    return {};
}

// MongoDB's names (as in `$type`).
std::string_view bson_type_name(bson_type_t type) noexcept {
    switch (type) {
        case BSON_TYPE_DOUBLE:
            return "double";
        case BSON_TYPE_UTF8:
            return "string";
        case BSON_TYPE_DOCUMENT:
            return "object";
        case BSON_TYPE_ARRAY:
            return "array";
        case BSON_TYPE_BINARY:
            return "binData";
        case BSON_TYPE_UNDEFINED:
            return "undefined";
        case BSON_TYPE_OID:
            return "objectId";
        case BSON_TYPE_BOOL:
            return "bool";
        case BSON_TYPE_DATE_TIME:
            return "date";
        case BSON_TYPE_NULL:
            return "null";
        case BSON_TYPE_REGEX:
            return "regex";
        case BSON_TYPE_DBPOINTER:
            return "dbPointer";
        case BSON_TYPE_CODE:
            return "javascript";
        case BSON_TYPE_SYMBOL:
            return "symbol";
        case BSON_TYPE_CODEWSCOPE:
            return "javascriptWithScope";
        case BSON_TYPE_INT32:
            return "int";
        case BSON_TYPE_TIMESTAMP:
            return "timestamp";
        case BSON_TYPE_INT64:
            return "long";
        case BSON_TYPE_DECIMAL128:
            return "decimal";
        case BSON_TYPE_MINKEY:
            return "minKey";
        case BSON_TYPE_MAXKEY:
            return "maxKey";
        default:
            return "unknown type";
    }
}

std::string_view utf8_value(const bson_iter_t& iter) noexcept {
    std::uint32_t length = 0;
    const char* text = bson_iter_utf8(&iter, &length);
    return {text, length};
}

}  // namespace mongo_aws::detail
