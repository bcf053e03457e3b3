// Feeding HTTP parsers the same bytes in every way a socket could deliver them: whole, split in
// two at every position, one byte at a time. Whatever the split, the outcome must be the same.
#pragma once

#include <mongo_aws/http.hpp>

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace mongo_aws::test {

/// Whether the peer closes the connection after the bytes (then finish_on_eof() is called).
enum class then { stay_open, close };

/// Everything a caller can observe once a parser has been fed.
template <class Message>
struct parse_outcome {
    bool ok = false;
    http::parse_status status = http::parse_status::need_more;
    std::error_code code;    ///< when !ok
    std::string error_text;  ///< when !ok
    Message message;
    std::string unconsumed;  ///< leftover(), then every byte fed after completion
};

/// `bytes` with CR, LF and other non-printable bytes escaped.
std::string http_escape(std::string_view bytes);

/// A canonical text of a message, escaped, for comparing outcomes and showing differences.
std::string describe(const http::response& message);
std::string describe(const http::request& message);

template <class Message>
std::string describe(const parse_outcome<Message>& outcome) {
    std::string text =
        outcome.ok ? (outcome.status == http::parse_status::complete ? "complete" : "need_more")
                   : "error " + outcome.code.message() + ": " + outcome.error_text;
    return text + " | " + describe(outcome.message) + " | unconsumed " +
           http_escape(outcome.unconsumed);
}

/// Feeds the pieces in order to a fresh parser, then finish_on_eof() when `end` is close.
template <class Parser>
auto feed_pieces(const std::vector<std::string_view>& pieces, then end,
                 http::parser_limits limits) {
    Parser parser(limits);
    mongo_aws::result<http::parse_status> last = http::parse_status::need_more;
    std::string fed_after_completion;
    for (const auto piece : pieces) {
        if (parser.complete()) {
            fed_after_completion += piece;  // a complete parser consumes nothing more
        }
        last = parser.feed(piece);
    }
    if (end == then::close) {
        last = parser.finish_on_eof();
    }
    parse_outcome<std::decay_t<decltype(parser.message())>> outcome;
    outcome.ok = last.has_value();
    if (outcome.ok) {
        outcome.status = *last;
    } else {
        outcome.code = last.error().code;
        outcome.error_text = last.error().message;
    }
    outcome.message = parser.message();
    outcome.unconsumed = std::string(parser.leftover()) + fed_after_completion;
    return outcome;
}

/// The outcome of feeding `bytes` whole, and the first way of feeding them (a split position or
/// one byte at a time) that gave a different outcome, if any.
template <class Message>
struct every_way_outcome {
    parse_outcome<Message> whole;
    std::optional<std::string> difference;
};

/// Feeds `bytes` whole, then split in two at every position, then one byte at a time (each to a
/// fresh parser) and compares every outcome with the whole one.
template <class Parser>
auto parse_every_way(std::string_view bytes, then end = then::stay_open,
                     http::parser_limits limits = {}) {
    auto whole = feed_pieces<Parser>({bytes}, end, limits);
    every_way_outcome<decltype(whole.message)> all{whole, std::nullopt};
    const auto expected = describe(whole);
    const auto compare = [&](const auto& outcome, const std::string& how) {
        if (!all.difference && describe(outcome) != expected) {
            all.difference = how + " gave " + describe(outcome) + "\n  whole gave " + expected;
        }
    };
    for (std::size_t split = 1; split < bytes.size(); ++split) {
        compare(feed_pieces<Parser>({bytes.substr(0, split), bytes.substr(split)}, end, limits),
                "split at " + std::to_string(split));
    }
    std::vector<std::string_view> single_bytes;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        single_bytes.push_back(bytes.substr(i, 1));
    }
    compare(feed_pieces<Parser>(single_bytes, end, limits), "one byte at a time");
    return all;
}

/// The outcome of feeding `bytes` whole; the test fails (and stops) when another way of feeding
/// them gave a different one, naming it.
template <class Parser>
auto parse_checked(std::string_view bytes, then end = then::stay_open,
                   http::parser_limits limits = {}) {
    auto all = parse_every_way<Parser>(bytes, end, limits);
    BOOST_TEST_REQUIRE(!all.difference.has_value(), all.difference.value_or(""));
    return all.whole;
}

/// A whole message was parsed.
template <class Message>
bool is_complete(const parse_outcome<Message>& parsed) {
    return parsed.ok && parsed.status == http::parse_status::complete;
}

/// No error yet, and the message is not complete.
template <class Message>
bool needs_more(const parse_outcome<Message>& parsed) {
    return parsed.ok && parsed.status == http::parse_status::need_more;
}

/// The parser refused the bytes with `code`.
template <class Message>
bool failed_with(const parse_outcome<Message>& parsed, errc code) {
    return !parsed.ok && parsed.code == std::error_code(code);
}

}  // namespace mongo_aws::test
