// The two HTTP parser targets' shared check: feed the input in the pieces it chooses, then in
// one piece, and require the same outcome; a complete message stays complete, an error stays.
#pragma once

#include "fuzz_support.hpp"

#include <mongo_aws/error.hpp>
#include <mongo_aws/http_message.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>

namespace mongo_aws::fuzz {

/// How one parse ended.
struct http_outcome {
    std::optional<std::error_code> error;  ///< set on failure
    bool complete = false;                 ///< true when a whole message was parsed
};

/// Feeds `bytes` to a new `Parser` in `pieces`, then finish_on_eof() if it is not complete.
template <class Parser>
http_outcome feed_all(Parser& parser, std::span<const std::uint8_t> bytes, piece_sizes pieces,
                      http::parser_limits limits) {
    parser = Parser(limits);
    while (true) {
        const std::size_t size = pieces.next(bytes.size());
        const auto fed = parser.feed(as_text(bytes.first(size)));
        bytes = bytes.subspan(size);
        if (!fed) {
            return {fed.error().code, false};
        }
        if (*fed == http::parse_status::complete) {
            return {std::nullopt, true};
        }
        if (bytes.empty()) {
            break;
        }
    }
    const auto finished = parser.finish_on_eof();
    if (!finished) {
        return {finished.error().code, false};
    }
    return {std::nullopt, *finished == http::parse_status::complete};
}

/// The whole check on one input: byte 0's high bit selects small limits (64-byte head, 128-byte
/// body, so that the caps are reached within libFuzzer's input sizes), piece_sizes reads the
/// split, `same` compares two complete messages.
template <class Parser, class Same>
void check_split_invariance(std::span<const std::uint8_t> input, Same same) {
    const bool small_limits = !input.empty() && (input[0] & 0x80U) != 0;
    const piece_sizes pieces(input);
    http::parser_limits limits;
    if (small_limits) {
        limits.max_header_bytes = 64;
        limits.max_body_bytes = 128;
    }
    Parser in_pieces;
    const auto split = feed_all(in_pieces, input, pieces, limits);
    Parser whole;
    std::span<const std::uint8_t> no_sizes;
    const auto at_once = feed_all(whole, input, piece_sizes(no_sizes), limits);

    require(split.error == at_once.error && split.complete == at_once.complete,
            "the outcome depends on how the bytes were split");
    if (split.complete) {
        require(in_pieces.complete(), "complete() disagrees with feed()");
        require(same(in_pieces.message(), whole.message()),
                "the message depends on how the bytes were split");
        require(in_pieces.message().body.size() <= limits.max_body_bytes, "a body above the limit");
        const auto again = in_pieces.feed("GET / HTTP/1.1\r\n\r\n");
        require(again && *again == http::parse_status::complete,
                "a complete parser did not stay complete");
        const auto body = in_pieces.message().body;
        require(in_pieces.release().body == body, "release() changed the body");
    } else if (split.error) {
        const auto again = in_pieces.feed("x");
        require(!again && again.error().code == *split.error, "an error was not final");
    }
}

/// True when two header lists are equal, name and value.
template <class Headers>
bool same_headers(const Headers& a, const Headers& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name || a[i].value != b[i].value) {
            return false;
        }
    }
    return true;
}

}  // namespace mongo_aws::fuzz
