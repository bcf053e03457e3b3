// OP_QUERY: what a server receives as a legacy first handshake.
#include "wire_decode_parts.hpp"
#include "wire_text.hpp"

#include <string>

namespace mongo_aws::wire::detail {

result<op_query> parse_op_query(const message_header& header,
                                std::span<const std::uint8_t> message) {
    byte_reader reader(message.subspan(header_size), header_size);
    const auto flags = reader.read_int32();
    if (!flags) {
        return make_error(errc::message_too_short,
                          "an OP_QUERY needs 4 bytes of flags after its header; the message ends "
                          "first");
    }
    const auto name = reader.read_cstring();
    if (!name) {
        return make_error(errc::op_query_malformed_namespace,
                          "the OP_QUERY fullCollectionName has no terminating NUL before the end "
                          "of the message");
    }
    const auto dot = name->find('.');
    if (dot == std::string_view::npos || dot == 0) {
        return make_error(errc::op_query_malformed_namespace,
                          "the OP_QUERY fullCollectionName " +
                              quote_untrusted(*name, max_quoted_bytes) +
                              " is not `<database>.<collection>` (e.g. `admin.$cmd`)");
    }
    const auto number_to_skip = reader.read_int32();
    const auto number_to_return = reader.read_int32();
    if (!number_to_skip || !number_to_return) {
        return make_error(errc::message_too_short,
                          "an OP_QUERY needs numberToSkip and numberToReturn after "
                          "fullCollectionName; the message ends first");
    }
    auto query = read_document(reader, "the OP_QUERY query");
    if (!query) {
        return std::move(query).error();
    }
    op_query result_query;
    result_query.header = header;
    result_query.flags = *flags;
    result_query.full_collection_name = std::string(*name);
    result_query.number_to_skip = *number_to_skip;
    result_query.number_to_return = *number_to_return;
    result_query.query = std::move(*query);
    if (!reader.at_end()) {
        auto selector = read_document(reader, "the OP_QUERY returnFieldsSelector");
        if (!selector) {
            return std::move(selector).error();
        }
        result_query.return_fields_selector = std::move(*selector);
    }
    if (!reader.at_end()) {
        return make_error(errc::message_trailing_bytes,
                          "the OP_QUERY has " + std::to_string(reader.remaining()) +
                              " bytes after its query and returnFieldsSelector");
    }
    return result_query;
}

}  // namespace mongo_aws::wire::detail
