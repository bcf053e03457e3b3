#include "client_final_payload.hpp"

#include "bson_builder.hpp"

#include <array>
#include <string_view>

namespace mongo_aws::test_server::internal {
namespace {

refusal malformed(std::string what) {
    return {rejection::sasl_continue_payload_malformed,
            "the saslContinue payload " + std::move(what) +
                "; expected the BSON document {a: <Authorization header>, d: <X-Amz-Date>, "
                "t: <session token, only with temporary credentials>}"};
}

}  // namespace

std::optional<refusal> read_client_final(std::span<const std::uint8_t> payload,
                                         client_final_fields& out) {
    bson_t doc;
    if (auto valid = mongo_aws::detail::view_bson(payload, doc); !valid) {
        return malformed("is not a valid BSON document (" + valid.error().message + ")");
    }
    bson_iter_t iter;
    if (!bson_iter_init(&iter, &doc)) {
        return malformed("cannot be read");
    }
    constexpr std::array<std::string_view, 3> names = {"a", "d", "t"};
    std::array<bool, 3> seen{};
    while (bson_iter_next(&iter)) {
        const std::string_view key = bson_iter_key(&iter);
        std::size_t slot = 0;
        while (slot < names.size() && names.at(slot) != key) {
            ++slot;
        }
        if (slot == names.size()) {
            continue;
        }
        if (seen.at(slot)) {
            return malformed("has `" + std::string(key) + "` twice");
        }
        seen.at(slot) = true;
        if (!BSON_ITER_HOLDS_UTF8(&iter)) {
            return malformed("has `" + std::string(key) + "` of type " +
                             std::string(mongo_aws::detail::bson_type_name(bson_iter_type(&iter))) +
                             ", expected string");
        }
        const std::string_view value = mongo_aws::detail::utf8_value(iter);
        if (slot == 0) {
            out.authorization = value;
        } else if (slot == 1) {
            out.amz_date = value;
        } else if (value.empty()) {
            return malformed("has an empty `t` (leave it out when there is no session token)");
        } else {
            out.session_token.emplace(value);
        }
    }
    if (!seen[0]) {
        return malformed("has no `a` (the Authorization header)");
    }
    if (!seen[1]) {
        return malformed("has no `d` (the X-Amz-Date)");
    }
    return std::nullopt;
}

}  // namespace mongo_aws::test_server::internal
