// The incremental reader both HTTP parsers are built on: head lines, then the body as its
// framing says. The start line is the one part that differs; subclasses parse it.
#pragma once

#include "http_chunked.hpp"

#include <mongo_aws/http_message.hpp>
#include <mongo_aws/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::http::detail {

/// What the start line says about the rest of the message.
struct start_line_facts {
    int minor_version = 1;
    bool interim = false;              ///< a 1xx response: its head is dropped, another follows
    bool bodyless = false;             ///< 204, 304: no body whatever the headers say
    bool until_close_allowed = false;  ///< without framing headers the body runs to EOF
};

/// Reads one message. Every decision depends on the bytes alone, never on how they were split
/// across feed() calls, so any split gives the same message or the same error.
class message_reader {
public:
    message_reader(const message_reader&) = delete;
    message_reader& operator=(const message_reader&) = delete;
    message_reader(message_reader&&) = delete;
    message_reader& operator=(message_reader&&) = delete;
    virtual ~message_reader() = default;

    /// See response_parser::feed().
    [[nodiscard]] result<parse_status> feed(std::string_view bytes);

    /// See response_parser::finish_on_eof().
    [[nodiscard]] result<parse_status> finish_on_eof();

    [[nodiscard]] bool complete() const noexcept { return stage_ == stage::complete; }
    [[nodiscard]] std::string_view leftover() const noexcept { return leftover_; }

protected:
    /// How errors name things: the message and its start line.
    struct names {
        std::string_view message;     ///< "HTTP response"
        std::string_view start_line;  ///< "status line"
        errc start_line_error;        ///< for a start line that does not end with CRLF
    };

    message_reader(names naming, parser_limits limits) noexcept : names_(naming), limits_(limits) {}

    /// Parses and stores the start line (CRLF removed).
    virtual result<start_line_facts> read_start_line(std::string_view line) = 0;
    /// Where header fields go.
    virtual std::vector<header>& headers() noexcept = 0;
    /// Where the body goes.
    virtual std::string& body() noexcept = 0;

private:
    enum class stage {
        start_line,
        header_lines,
        body_by_length,
        body_chunked,
        body_until_close,
        complete,
        failed
    };

    result<parse_status> advance(std::string_view& input);
    /// Takes bytes of the current head line; true once a whole line was handled.
    result<bool> read_head_line(std::string_view& input);
    result<void> on_head_line();
    result<void> on_end_of_head();
    [[nodiscard]] std::string eof_position();
    error fail(error err);

    names names_;
    parser_limits limits_;
    stage stage_ = stage::start_line;
    std::optional<error> error_;
    std::string line_;
    std::size_t head_bytes_ = 0;
    std::size_t header_count_ = 0;
    std::size_t interim_count_ = 0;
    start_line_facts facts_;
    std::uint64_t length_ = 0;
    std::uint64_t length_left_ = 0;
    std::optional<chunked_decoder> chunked_;
    std::string leftover_;
};

}  // namespace mongo_aws::http::detail
