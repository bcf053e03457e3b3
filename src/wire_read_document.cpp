// Reading one BSON document out of a message: the length libmongoc 1.23 trusts (and crashes on
// when it runs past the message) is checked here against the bytes that remain, first.
#include "wire_decode_parts.hpp"

#include <string>

namespace mongo_aws::wire::detail {

result<bson_document> read_document(byte_reader& reader, std::string_view where) {
    const auto at = " at byte " + std::to_string(reader.offset());
    const auto declared = reader.peek_int32();
    if (!declared) {
        return make_error(errc::bson_length_invalid,
                          std::string(where) + at + " needs a 4-byte length, only " +
                              std::to_string(reader.remaining()) +
                              " bytes remain; the message is truncated or corrupt");
    }
    if (*declared < 5) {
        return make_error(errc::bson_length_invalid,
                          std::string(where) + at + " declares " + std::to_string(*declared) +
                              " bytes, less than the 5 of an empty document; the message is "
                              "corrupt");
    }
    if (static_cast<std::size_t>(*declared) > reader.remaining()) {
        return make_error(errc::bson_length_invalid,
                          std::string(where) + at + " declares " + std::to_string(*declared) +
                              " bytes, but only " + std::to_string(reader.remaining()) +
                              " remain; the message is truncated or corrupt");
    }
    auto document = bson_document::from_bytes(reader.take(static_cast<std::size_t>(*declared)));
    if (!document) {
        auto err = std::move(document).error();
        err.message = std::string(where) + at + ": " + err.message;
        return err;
    }
    return document;
}

}  // namespace mongo_aws::wire::detail
