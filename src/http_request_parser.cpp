// The request parser: a message_reader whose start line is a request line.
#include "http_head_lines.hpp"
#include "http_message_reader.hpp"

#include <mongo_aws/http_request.hpp>

namespace mongo_aws::http {
namespace detail {

class request_reader final : public message_reader {
public:
    explicit request_reader(parser_limits limits) noexcept
        : message_reader({"HTTP request", "request line", errc::http_malformed_request_line},
                         limits) {}

    request message;

private:
    result<start_line_facts> read_start_line(std::string_view line) override {
        auto parsed = parse_request_line(line);
        if (!parsed) {
            return std::move(parsed).error();
        }
        message.method.assign(parsed->method);
        message.target.assign(parsed->target);
        message.minor_version = parsed->minor_version;
        start_line_facts facts;
        facts.minor_version = parsed->minor_version;
        return facts;  // a request without framing headers has no body (RFC 9112 section 6.3)
    }

    std::vector<header>& headers() noexcept override { return message.headers; }
    std::string& body() noexcept override { return message.body; }
};

}  // namespace detail

request_parser::request_parser(parser_limits limits)
    : reader_(std::make_unique<detail::request_reader>(limits)) {}

request_parser::~request_parser() = default;
request_parser::request_parser(request_parser&& other) noexcept = default;
request_parser& request_parser::operator=(request_parser&& other) noexcept = default;

result<parse_status> request_parser::feed(std::string_view bytes) {
    return reader_->feed(bytes);
}

result<parse_status> request_parser::finish_on_eof() {
    return reader_->finish_on_eof();
}

bool request_parser::complete() const noexcept {
    return reader_->complete();
}

const request& request_parser::message() const noexcept {
    return reader_->message;
}

request request_parser::release() noexcept {
    return std::move(reader_->message);
}

std::string_view request_parser::leftover() const noexcept {
    return reader_->leftover();
}

}  // namespace mongo_aws::http
