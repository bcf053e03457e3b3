// The response parser: a message_reader whose start line is a status line.
#include "http_head_lines.hpp"
#include "http_message_reader.hpp"

#include <mongo_aws/http_response.hpp>

namespace mongo_aws::http {
namespace detail {

class response_reader final : public message_reader {
public:
    explicit response_reader(parser_limits limits) noexcept
        : message_reader({"HTTP response", "status line", errc::http_malformed_status_line},
                         limits) {}

    response message;

private:
    result<start_line_facts> read_start_line(std::string_view line) override {
        auto parsed = parse_status_line(line);
        if (!parsed) {
            return std::move(parsed).error();
        }
        if (parsed->status == 101) {
            return make_error(errc::http_malformed_status_line,
                              "HTTP response is 101 Switching Protocols, but this client never "
                              "asks to upgrade the connection");
        }
        message.status = parsed->status;
        message.reason.assign(parsed->reason);
        message.minor_version = parsed->minor_version;
        start_line_facts facts;
        facts.minor_version = parsed->minor_version;
        facts.interim = parsed->status < 200;
        facts.bodyless = parsed->status == 204 || parsed->status == 304;
        facts.until_close_allowed = true;
        return facts;
    }

    std::vector<header>& headers() noexcept override { return message.headers; }
    std::string& body() noexcept override { return message.body; }
};

}  // namespace detail

response_parser::response_parser(parser_limits limits)
    : reader_(std::make_unique<detail::response_reader>(limits)) {}

response_parser::~response_parser() = default;
response_parser::response_parser(response_parser&& other) noexcept = default;
response_parser& response_parser::operator=(response_parser&& other) noexcept = default;

result<parse_status> response_parser::feed(std::string_view bytes) {
    return reader_->feed(bytes);
}

result<parse_status> response_parser::finish_on_eof() {
    return reader_->finish_on_eof();
}

bool response_parser::complete() const noexcept {
    return reader_->complete();
}

const response& response_parser::message() const noexcept {
    return reader_->message;
}

response response_parser::release() noexcept {
    return std::move(reader_->message);
}

std::string_view response_parser::leftover() const noexcept {
    return reader_->leftover();
}

}  // namespace mongo_aws::http
