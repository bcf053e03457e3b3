#include "command_fields.hpp"

#include "bson_builder.hpp"

#include <cmath>

namespace mongo_aws::test_server::internal {
namespace {

// (A bson_iter_t out-parameter, not std::optional<bson_iter_t>: the optional would lose the
// type's 128-byte alignment.)
bool find(const bson_t& command, const char* key, bson_iter_t& iter) noexcept {
    return bson_iter_init_find(&iter, &command, key);
}

}  // namespace

std::string_view command_name(const bson_t& command) noexcept {
    bson_iter_t iter;
    if (!bson_iter_init(&iter, &command) || !bson_iter_next(&iter)) {
        return {};
    }
    return bson_iter_key(&iter);
}

std::optional<std::string_view> string_field(const bson_t& command, const char* key) noexcept {
    bson_iter_t iter;
    if (!find(command, key, iter) || !BSON_ITER_HOLDS_UTF8(&iter)) {
        return std::nullopt;
    }
    return mongo_aws::detail::utf8_value(iter);
}

std::optional<std::span<const std::uint8_t>> binary_field(const bson_t& command,
                                                          const char* key) noexcept {
    bson_iter_t iter;
    if (!find(command, key, iter) || !BSON_ITER_HOLDS_BINARY(&iter)) {
        return std::nullopt;
    }
    bson_subtype_t subtype{};
    std::uint32_t length = 0;
    const std::uint8_t* data = nullptr;
    bson_iter_binary(&iter, &subtype, &length, &data);
    if (data == nullptr) {
        return std::span<const std::uint8_t>{};
    }
    return std::span<const std::uint8_t>(data, length);
}

std::optional<std::int64_t> integer_field(const bson_t& command, const char* key) noexcept {
    bson_iter_t iter;
    if (!find(command, key, iter)) {
        return std::nullopt;
    }
    switch (bson_iter_type(&iter)) {
        case BSON_TYPE_INT32:
            return bson_iter_int32(&iter);
        case BSON_TYPE_INT64:
            return bson_iter_int64(&iter);
        case BSON_TYPE_DOUBLE: {
            const double value = bson_iter_double(&iter);
            // Within ±2^53, where every integer is exact and the conversion is defined.
            constexpr double limit = 9007199254740992.0;
            if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) <= limit) {
                return static_cast<std::int64_t>(value);
            }
            return std::nullopt;
        }
        default:
            return std::nullopt;
    }
}

bool flag_field(const bson_t& command, const char* key) noexcept {
    bson_iter_t iter;
    return find(command, key, iter) && bson_iter_as_bool(&iter);
}

}  // namespace mongo_aws::test_server::internal
