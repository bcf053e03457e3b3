// OP_MSG: flagBits, then sections (one kind-0 body, any kind-1 document sequences), then an
// optional checksum.
#include "wire_decode_parts.hpp"
#include "wire_text.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace mongo_aws::wire::detail {
namespace {

// Bits 0-15 are required: a receiver that does not know one set there must refuse the message.
constexpr std::uint32_t required_bits = 0xFFFFU;
constexpr std::uint32_t known_required_bits = flag_checksum_present | flag_more_to_come;

std::string hex32(std::uint32_t value) {
    std::array<char, 11> text{};
    std::snprintf(text.data(), text.size(), "0x%08x", value);
    return text.data();
}

result<document_sequence> read_sequence(byte_reader& sections) {
    const auto start = std::to_string(sections.offset() - 1);  // where its kind byte was
    const auto size = sections.read_int32();
    if (!size) {
        return make_error(errc::op_msg_section_truncated,
                          "the kind-1 section at byte " + start +
                              " has no room for its 4-byte size; the message is truncated");
    }
    // The size counts itself, the identifier and its NUL, and the documents.
    if (*size < 5) {
        return make_error(errc::op_msg_section_malformed,
                          "the kind-1 section at byte " + start + " declares " +
                              std::to_string(*size) +
                              " bytes, too few for its size and a NUL-terminated identifier");
    }
    const auto content_size = static_cast<std::size_t>(*size) - 4;
    if (content_size > sections.remaining()) {
        return make_error(errc::op_msg_section_truncated,
                          "the kind-1 section at byte " + start + " declares " +
                              std::to_string(*size) + " bytes, but only " +
                              std::to_string(sections.remaining() + 4) +
                              " remain; the message is truncated or corrupt");
    }
    const auto content_offset = sections.offset();
    byte_reader section(sections.take(content_size), content_offset);
    const auto identifier = section.read_cstring();
    if (!identifier) {
        return make_error(errc::op_msg_section_malformed,
                          "the identifier of the kind-1 section at byte " + start +
                              " has no NUL within the section");
    }
    document_sequence sequence;
    sequence.identifier = std::string(*identifier);
    const auto where =
        "a document of the kind-1 section " + quote_untrusted(*identifier, max_quoted_bytes);
    while (!section.at_end()) {
        auto document = read_document(section, where);
        if (!document) {
            return std::move(document).error();
        }
        sequence.documents.push_back(std::move(*document));
    }
    return sequence;
}

}  // namespace

result<op_msg> parse_op_msg(const message_header& header, std::span<const std::uint8_t> message) {
    byte_reader reader(message.subspan(header_size), header_size);
    const auto flag_bits = reader.read_uint32();
    if (!flag_bits) {
        return make_error(errc::message_too_short,
                          "an OP_MSG needs 4 bytes of flagBits after its header, the message ends "
                          "first");
    }
    const auto unknown = *flag_bits & required_bits & ~known_required_bits;
    if (unknown != 0) {
        return make_error(errc::op_msg_unknown_required_flag,
                          "the OP_MSG flagBits " + hex32(*flag_bits) + " set required bits " +
                              hex32(unknown) +
                              " this library does not know; the peer speaks a newer protocol "
                              "version or the message is corrupt");
    }
    op_msg msg;
    msg.header = header;
    msg.flag_bits = *flag_bits;

    auto sections_size = reader.remaining();
    if (msg.checksum_present()) {
        // The CRC-32C is stripped, not verified: TCP's checksum (and TLS's integrity, when used)
        // already protect the bytes in transit, and OpenSSL offers no CRC-32C to check it with.
        if (sections_size < 4) {
            return make_error(errc::message_too_short,
                              "the OP_MSG sets checksumPresent but has no room for the 4-byte "
                              "checksum");
        }
        sections_size -= 4;
    }
    const auto sections_offset = reader.offset();  // before take() moves it
    byte_reader sections(reader.take(sections_size), sections_offset);

    bool has_body = false;
    while (!sections.at_end()) {
        const auto kind_offset = std::to_string(sections.offset());
        const auto kind = sections.read_uint8().value_or(0);
        if (kind == 0) {
            if (has_body) {
                return make_error(errc::op_msg_duplicate_body,
                                  "the OP_MSG has a second kind-0 (body) section at byte " +
                                      kind_offset + "; a message has exactly one");
            }
            auto body = read_document(sections, "the OP_MSG body");
            if (!body) {
                return std::move(body).error();
            }
            msg.body = std::move(*body);
            has_body = true;
        } else if (kind == 1) {
            auto sequence = read_sequence(sections);
            if (!sequence) {
                return std::move(sequence).error();
            }
            msg.sequences.push_back(std::move(*sequence));
        } else {
            return make_error(errc::op_msg_unknown_section_kind,
                              "the OP_MSG has a section of kind " + std::to_string(kind) +
                                  " at byte " + kind_offset +
                                  "; only kinds 0 and 1 exist, the message is corrupt");
        }
    }
    if (!has_body) {
        return make_error(errc::op_msg_missing_body,
                          "the OP_MSG has no kind-0 (body) section; a message has exactly one");
    }
    return msg;
}

}  // namespace mongo_aws::wire::detail
