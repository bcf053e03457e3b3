#include "support/nested_bson.hpp"

namespace mongo_aws::test {

std::vector<std::uint8_t> nested_documents(std::size_t depth) {
    std::vector<std::uint8_t> out;
    out.reserve(5 + 7 * depth);
    auto append_length = [&out](std::size_t length) {
        for (unsigned shift = 0; shift < 32; shift += 8) {
            out.push_back(static_cast<std::uint8_t>((length >> shift) & 0xFFU));
        }
    };
    for (std::size_t level = 0; level < depth; ++level) {
        append_length(5 + 7 * (depth - level));
        out.push_back(0x03);
        out.push_back(0);
    }
    append_length(5);
    out.insert(out.end(), depth + 1, 0);
    return out;
}

}  // namespace mongo_aws::test
