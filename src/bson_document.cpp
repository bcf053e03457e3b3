#include "bson_validate.hpp"

#include <mongo_aws/bson_document.hpp>

#include <array>
#include <string>
#include <vector>

namespace mongo_aws {
namespace {

constexpr std::array<std::uint8_t, 5> empty_document = {5, 0, 0, 0, 0};

// Walks every nested document, array and code-with-scope scope with an explicit stack of at most
// 1 + max_bson_depth iterators, so that bson_validate, which recurses, never meets deeper nesting.
// bson_iter_next checks each element's bounds; a corrupt element ends the walk as invalid.
result<void> check_nesting(const std::uint8_t* data, std::size_t length) {
    std::vector<bson_iter_t> stack;
    bson_iter_t top{};
    if (!bson_iter_init_from_data(&top, data, length)) {
        return make_error(errc::bson_invalid,
                          "a BSON document's header or final byte is corrupt; the peer sent a "
                          "damaged document");
    }
    stack.push_back(top);
    while (!stack.empty()) {
        bson_iter_t& current = stack.back();
        if (!bson_iter_next(&current)) {
            if (current.err_off != 0) {
                return make_error(errc::bson_invalid,
                                  "a BSON element is cut short or of an unknown type (byte " +
                                      std::to_string(current.err_off) +
                                      " of the document holding it); the peer sent a damaged "
                                      "document");
            }
            stack.pop_back();
            continue;
        }
        bson_iter_t child{};
        bool nested = false;
        bool child_ok = true;
        switch (bson_iter_type(&current)) {
            case BSON_TYPE_DOCUMENT:
            case BSON_TYPE_ARRAY:
                nested = true;
                child_ok = bson_iter_recurse(&current, &child);
                break;
            case BSON_TYPE_CODEWSCOPE: {
                std::uint32_t code_length = 0;
                std::uint32_t scope_length = 0;
                const std::uint8_t* scope = nullptr;
                (void)bson_iter_codewscope(&current, &code_length, &scope_length, &scope);
                nested = true;
                child_ok =
                    scope != nullptr && bson_iter_init_from_data(&child, scope, scope_length);
                break;
            }
            default:
                break;
        }
        if (!nested) {
            continue;
        }
        if (!child_ok) {
            return make_error(
                errc::bson_invalid,
                "a nested BSON document is corrupt; the peer sent a damaged document");
        }
        if (stack.size() > static_cast<std::size_t>(max_bson_depth)) {  // top level + 200
            return make_error(errc::bson_invalid,
                              "a BSON document is nested deeper than " +
                                  std::to_string(max_bson_depth) +
                                  " levels (MongoDB's own limit); refused before validation");
        }
        stack.push_back(child);  // `current` is not used after this point
    }
    return {};
}

}  // namespace

result<void> detail::validate_bson(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 5) {
        return make_error(
            errc::bson_length_invalid,
            "a BSON document needs at least 5 bytes, got " + std::to_string(bytes.size()));
    }
    const auto declared = static_cast<std::int32_t>(
        std::uint32_t{bytes[0]} | (std::uint32_t{bytes[1]} << 8U) |
        (std::uint32_t{bytes[2]} << 16U) | (std::uint32_t{bytes[3]} << 24U));
    if (declared < 5 || static_cast<std::size_t>(declared) != bytes.size()) {
        return make_error(errc::bson_length_invalid,
                          "a BSON document declares " + std::to_string(declared) + " bytes but " +
                              std::to_string(bytes.size()) + " were given");
    }
    if (auto nesting = check_nesting(bytes.data(), bytes.size()); !nesting) {
        return std::move(nesting).error();
    }
    bson_t view{};
    std::size_t error_offset = 0;
    if (!bson_init_static(&view, bytes.data(), bytes.size()) ||
        !bson_validate(&view, BSON_VALIDATE_NONE, &error_offset)) {
        return make_error(errc::bson_invalid, "a BSON document fails validation at byte " +
                                                  std::to_string(error_offset) +
                                                  "; the peer sent a damaged document");
    }
    return {};
}

bson_document::bson_document() : bytes_(empty_document.begin(), empty_document.end()) {}

result<bson_document> bson_document::from_bytes(std::span<const std::uint8_t> bytes) {
    if (auto valid = detail::validate_bson(bytes); !valid) {
        return std::move(valid).error();
    }
    return bson_document(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
}

bson_document bson_document::from_bson(const bson_t& doc) {
    const std::uint8_t* data = bson_get_data(&doc);
    return bson_document(std::vector<std::uint8_t>(data, data + doc.len));
}

bson_view bson_document::view() const noexcept {
    return bson_view(*this);  // guaranteed copy elision: the view is built in place
}

bson_view::bson_view(const bson_document& doc) noexcept {
    const auto bytes = doc.bytes();
    if (bytes.empty() || !bson_init_static(&bson_, bytes.data(), bytes.size())) {
        bson_init(&bson_);  // a moved-from document: `{}`, inline, nothing to free
    }
}

}  // namespace mongo_aws
