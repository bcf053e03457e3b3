#include "http_message_reader.hpp"

#include "http_framing.hpp"
#include "http_head_lines.hpp"
#include "http_syntax.hpp"

#include <algorithm>

namespace mongo_aws::http::detail {

error message_reader::fail(error err) {
    stage_ = stage::failed;
    error_ = err;
    return err;
}

result<parse_status> message_reader::feed(std::string_view bytes) {
    if (stage_ == stage::failed) {
        return *error_;
    }
    if (stage_ == stage::complete) {
        return parse_status::complete;
    }
    auto outcome = advance(bytes);
    if (!outcome) {
        return fail(std::move(outcome).error());
    }
    if (*outcome == parse_status::complete) {
        stage_ = stage::complete;
        leftover_.assign(bytes);
    }
    return outcome;
}

result<parse_status> message_reader::advance(std::string_view& input) {
    for (;;) {
        switch (stage_) {
            case stage::start_line:
            case stage::header_lines: {
                if (input.empty()) {
                    return parse_status::need_more;
                }
                auto whole_line = read_head_line(input);
                if (!whole_line) {
                    return std::move(whole_line).error();
                }
                if (!*whole_line) {
                    return parse_status::need_more;
                }
                break;  // a whole line was handled; the stage may have moved on
            }
            case stage::body_by_length: {
                const auto take =
                    static_cast<std::size_t>(std::min<std::uint64_t>(length_left_, input.size()));
                body().append(input.substr(0, take));
                input.remove_prefix(take);
                length_left_ -= take;
                return length_left_ == 0 ? parse_status::complete : parse_status::need_more;
            }
            case stage::body_chunked:
                return chunked_->feed(input, body());
            case stage::body_until_close: {
                // Up to the cap, so that the body kept after an error does not depend on how
                // the bytes were split.
                const auto room = limits_.max_body_bytes - body().size();
                body().append(input.substr(0, room));
                if (input.size() > room) {
                    return make_error(errc::http_body_too_large,
                                      std::string(names_.message) +
                                          " body, delimited by the connection closing, exceeds "
                                          "the body cap of " +
                                          std::to_string(limits_.max_body_bytes) + " bytes");
                }
                input = {};
                return parse_status::need_more;
            }
            case stage::complete:
                return parse_status::complete;
            case stage::failed:
                return *error_;
        }
    }
}

result<bool> message_reader::read_head_line(std::string_view& input) {
    const bool first = stage_ == stage::start_line;
    switch (take_line(input, line_, limits_.max_header_bytes - head_bytes_)) {
        case line_state::partial:
            return false;
        case line_state::too_long:
            return make_error(errc::http_headers_too_large,
                              std::string(names_.message) + " head exceeds " +
                                  std::to_string(limits_.max_header_bytes) +
                                  " bytes (the cap, parser_limits::max_header_bytes)");
        case line_state::bare_lf:
            return first ? make_error(names_.start_line_error, std::string(names_.message) + " " +
                                                                   std::string(names_.start_line) +
                                                                   " ends with a bare LF, not CRLF")
                         : make_error(errc::http_malformed_header,
                                      std::string(names_.message) + " header " +
                                          std::to_string(header_count_ + 1) +
                                          " ends with a bare LF, not CRLF");
        case line_state::complete:
            break;
    }
    head_bytes_ += line_.size() + 2;
    auto handled = on_head_line();
    line_.clear();
    if (!handled) {
        return std::move(handled).error();
    }
    return true;
}

result<void> message_reader::on_head_line() {
    if (stage_ == stage::start_line) {
        auto facts = read_start_line(line_);
        if (!facts) {
            return std::move(facts).error();
        }
        facts_ = *facts;
        stage_ = stage::header_lines;
        return {};
    }
    if (line_.empty()) {
        return on_end_of_head();
    }
    ++header_count_;
    auto field = parse_field_line(line_, field_place{names_.message, "header", header_count_});
    if (!field) {
        return std::move(field).error();
    }
    headers().push_back(std::move(*field));
    return {};
}

result<void> message_reader::on_end_of_head() {
    if (facts_.interim) {
        // A 1xx response: its headers say nothing about the final response, which follows.
        ++interim_count_;
        headers().clear();
        header_count_ = 0;
        stage_ = stage::start_line;
        return {};
    }
    if (facts_.bodyless) {
        stage_ = stage::complete;
        return {};
    }
    auto framing = decide_framing(
        headers(), framing_context{names_.message, facts_.minor_version, facts_.until_close_allowed,
                                   limits_.max_body_bytes});
    if (!framing) {
        return std::move(framing).error();
    }
    switch (framing->how) {
        case body_framing::kind::none:
            stage_ = stage::complete;
            break;
        case body_framing::kind::length:
            length_ = framing->length;
            length_left_ = framing->length;
            body().reserve(static_cast<std::size_t>(framing->length));  // at most the cap
            stage_ = length_ == 0 ? stage::complete : stage::body_by_length;
            break;
        case body_framing::kind::chunked:
            chunked_.emplace(names_.message, limits_);
            stage_ = stage::body_chunked;
            break;
        case body_framing::kind::until_close:
            stage_ = stage::body_until_close;
            break;
    }
    return {};
}

result<parse_status> message_reader::finish_on_eof() {
    switch (stage_) {
        case stage::complete:
            return parse_status::complete;
        case stage::failed:
            return *error_;
        case stage::body_until_close:
            stage_ = stage::complete;
            return parse_status::complete;
        default:
            break;
    }
    return fail(make_error(errc::http_incomplete, std::string(names_.message) +
                                                      " incomplete: the peer closed the "
                                                      "connection " +
                                                      eof_position()));
}

std::string message_reader::eof_position() {
    switch (stage_) {
        case stage::start_line:
            if (head_bytes_ == 0 && line_.empty()) {
                return "before sending any byte";
            }
            return interim_count_ > 0 && line_.empty()
                       ? "after an interim 1xx response, before the final one"
                       : "in the " + std::string(names_.start_line);
        case stage::header_lines:
            return "in the headers (" + std::to_string(header_count_) + " complete so far)";
        case stage::body_by_length:
            return "after " + std::to_string(length_ - length_left_) + " of the " +
                   std::to_string(length_) + " body bytes announced by Content-Length";
        case stage::body_chunked:
            return chunked_->position(body());
        default:
            break;
    }
    return "";
}

}  // namespace mongo_aws::http::detail
