#include "http_chunked.hpp"

#include "http_head_lines.hpp"
#include "http_syntax.hpp"

#include <algorithm>
#include <limits>

namespace mongo_aws::http::detail {
namespace {

// A chunk-size line holds a size and perhaps extensions, which this decoder ignores; the cap
// bounds what a peer can make it buffer.
constexpr std::size_t max_size_line = 1024;
constexpr std::size_t max_quoted_size = 20;

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace

error chunked_decoder::chunk_error(errc code, const std::string& problem) const {
    return make_error(code, std::string(message_) + " chunked body: " + problem);
}

result<parse_status> chunked_decoder::feed(std::string_view& input, std::string& body) {
    while (!input.empty() && stage_ != stage::done) {
        switch (stage_) {
            case stage::size_line:
            case stage::trailer: {
                const bool trailer = stage_ == stage::trailer;
                const auto budget =
                    trailer ? limits_.max_header_bytes - trailer_bytes_ : max_size_line;
                switch (take_line(input, line_, budget)) {
                    case line_state::partial:
                        return parse_status::need_more;
                    case line_state::too_long:
                        return trailer ? chunk_error(errc::http_headers_too_large,
                                                     "the trailer section exceeds " +
                                                         std::to_string(limits_.max_header_bytes) +
                                                         " bytes")
                                       : chunk_error(errc::http_invalid_chunk,
                                                     "a chunk-size line exceeds " +
                                                         std::to_string(max_size_line) + " bytes");
                    case line_state::bare_lf:
                        return chunk_error(errc::http_invalid_chunk,
                                           trailer ? "a trailer line ends with a bare LF"
                                                   : "a chunk-size line ends with a bare LF");
                    case line_state::complete:
                        break;
                }
                auto outcome = trailer ? on_trailer_line() : on_size_line(body);
                line_.clear();
                if (!outcome) {
                    return outcome;
                }
                break;
            }
            case stage::data: {
                const auto take =
                    static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, input.size()));
                body.append(input.substr(0, take));
                input.remove_prefix(take);
                chunk_left_ -= take;
                if (chunk_left_ == 0) {
                    stage_ = stage::data_cr;
                }
                break;
            }
            case stage::data_cr:
            case stage::data_lf: {
                const char expected = stage_ == stage::data_cr ? '\r' : '\n';
                if (input.front() != expected) {
                    return chunk_error(
                        errc::http_invalid_chunk,
                        "the " + std::to_string(chunk_size_) +
                            "-byte chunk is not followed by CRLF (found byte " +
                            describe_byte(static_cast<unsigned char>(input.front())) +
                            "): the chunk size does not match the data");
                }
                input.remove_prefix(1);
                stage_ = stage_ == stage::data_cr ? stage::data_lf : stage::size_line;
                break;
            }
            case stage::done:
                break;
        }
    }
    return stage_ == stage::done ? parse_status::complete : parse_status::need_more;
}

result<parse_status> chunked_decoder::on_size_line(std::string& body) {
    const std::string_view line = line_;
    std::uint64_t size = 0;
    std::size_t digits = 0;
    for (; digits < line.size() && hex_value(line[digits]) >= 0; ++digits) {
        if (size > (std::numeric_limits<std::uint64_t>::max() >> 4U)) {
            return chunk_error(errc::http_invalid_chunk,
                               "chunk size " +
                                   quote_untrusted(line.substr(0, digits + 1), max_quoted_size) +
                                   " does not fit in 64 bits");
        }
        size = (size << 4U) | static_cast<std::uint64_t>(hex_value(line[digits]));
    }
    if (digits == 0) {
        return chunk_error(errc::http_invalid_chunk,
                           line.empty() ? std::string("a chunk-size line is empty")
                                        : "a chunk-size line starts with byte " +
                                              describe_byte(static_cast<unsigned char>(line[0])) +
                                              ", not a hex digit");
    }
    // After the size: nothing, or optional whitespace and `;` starting the extensions.
    const auto rest = line.substr(digits);
    const auto extension = rest.find_first_not_of(" \t");
    if (extension != std::string_view::npos) {
        if (rest[extension] != ';') {
            return chunk_error(errc::http_invalid_chunk,
                               "chunk size " +
                                   quote_untrusted(line.substr(0, digits), max_quoted_size) +
                                   " is followed by byte " +
                                   describe_byte(static_cast<unsigned char>(rest[extension])) +
                                   " instead of CRLF or `;`");
        }
        if (const auto bad = find_control_byte(rest); bad != std::string_view::npos) {
            return chunk_error(errc::http_invalid_chunk,
                               "a chunk extension has control byte " +
                                   describe_byte(static_cast<unsigned char>(rest[bad])));
        }
    } else if (!rest.empty()) {
        return chunk_error(errc::http_invalid_chunk,
                           "chunk size " +
                               quote_untrusted(line.substr(0, digits), max_quoted_size) +
                               " is followed by whitespace but no extension");
    }
    if (size == 0) {
        stage_ = stage::trailer;
        return parse_status::need_more;
    }
    if (size > limits_.max_body_bytes - body.size()) {
        return chunk_error(errc::http_body_too_large,
                           "a chunk of " + std::to_string(size) + " bytes after " +
                               std::to_string(body.size()) +
                               " bytes of data exceeds the body cap of " +
                               std::to_string(limits_.max_body_bytes) + " bytes");
    }
    chunk_size_ = size;
    chunk_left_ = size;
    stage_ = stage::data;
    return parse_status::need_more;
}

result<parse_status> chunked_decoder::on_trailer_line() {
    trailer_bytes_ += line_.size() + 2;
    if (line_.empty()) {
        stage_ = stage::done;
        return parse_status::complete;
    }
    ++trailer_fields_;
    auto field = parse_field_line(line_, field_place{message_, "trailer field", trailer_fields_});
    if (!field) {
        return std::move(field).error();
    }
    return parse_status::need_more;
}

std::string chunked_decoder::position(const std::string& body) const {
    const auto data = " after " + std::to_string(body.size()) + " bytes of data";
    switch (stage_) {
        case stage::size_line:
            return "in a chunk-size line" + data;
        case stage::data:
            return "inside a " + std::to_string(chunk_size_) + "-byte chunk, " +
                   std::to_string(chunk_left_) + " bytes short," + data;
        case stage::data_cr:
        case stage::data_lf:
            return "before the CRLF that ends a chunk" + data;
        case stage::trailer:
            return "in the trailer section (the last chunk arrived)";
        case stage::done:
            break;
    }
    return "after the end of the chunked body";
}

}  // namespace mongo_aws::http::detail
