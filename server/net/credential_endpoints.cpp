#include <mongo_aws/test_server/credential_endpoints.hpp>
#include <mongo_aws/timestamp.hpp>

#include <array>
#include <chrono>
#include <ctime>
#include <map>
#include <string>
#include <utility>

namespace mongo_aws::test_server {

namespace {

constexpr std::string_view imds_token = "AQAEAMongoAwsTestServerImdsToken==";

// JSON string contents: the values here are keys, tokens and ARNs (printable ASCII); quotes and
// backslashes are escaped, control bytes dropped.
std::string json_escape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) >= 0x20) {
            out += c;
        }
    }
    return out;
}

int hex_digit(char c) {
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

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hex_digit(text[i + 1]);
            const int low = hex_digit(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += text[i] == '+' ? ' ' : text[i];
    }
    return out;
}

// An application/x-www-form-urlencoded body.
std::map<std::string, std::string, std::less<>> form_fields(std::string_view body) {
    std::map<std::string, std::string, std::less<>> fields;
    while (!body.empty()) {
        const auto end = body.find('&');
        const auto pair = body.substr(0, end);
        const auto equals = pair.find('=');
        if (equals != std::string_view::npos) {
            fields[percent_decode(pair.substr(0, equals))] =
                percent_decode(pair.substr(equals + 1));
        }
        body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
    }
    return fields;
}

reply_script json_reply(int status, std::string body) {
    return answer(status, std::move(body), {{"Content-Type", "application/json"}});
}

std::string expiration_after(std::chrono::seconds lifetime) {
    return format_iso8601(std::chrono::system_clock::now() + lifetime);
}

}  // namespace

credential_endpoints::credential_endpoints(const asio::any_io_executor& executor,
                                           credential_endpoint_options options)
    : options_(std::move(options)), server_(executor, options_.listen) {
    const auto& opts = options_;
    const auto& issued = opts.issued;

    server_.handle(std::string(imds_token_path), [](const http::request& request) {
        if (request.method != "PUT") {
            return answer(405, "");
        }
        if (!request.find_header("X-aws-ec2-metadata-token-ttl-seconds")) {
            return answer(400, "missing X-aws-ec2-metadata-token-ttl-seconds");
        }
        return answer(200, std::string(imds_token));
    });
    const auto token_ok = [](const http::request& request) {
        return request.find_header("X-aws-ec2-metadata-token").value_or("") == imds_token;
    };
    server_.handle(std::string(imds_credentials_path), [&opts, token_ok](const http::request& r) {
        return token_ok(r) ? answer(200, opts.imds_role_name) : answer(401, "");
    });
    server_.handle(std::string(imds_credentials_path) + opts.imds_role_name,
                   [&opts, &issued, token_ok](const http::request& r) {
                       if (!token_ok(r)) {
                           return answer(401, "");
                       }
                       return json_reply(
                           200, R"({"Code":"Success","LastUpdated":")" +
                                    format_iso8601(std::chrono::system_clock::now()) +
                                    R"(","Type":"AWS-HMAC","AccessKeyId":")" +
                                    json_escape(issued.access_key_id) + R"(","SecretAccessKey":")" +
                                    json_escape(issued.secret_access_key.reveal()) +
                                    R"(","Token":")" + json_escape(issued.session_token.reveal()) +
                                    R"(","Expiration":")" + expiration_after(opts.lifetime) +
                                    R"("})");
                   });
    server_.handle(opts.container_path, [&opts, &issued](const http::request& r) {
        if (!opts.container_authorization_token.empty() &&
            r.find_header("Authorization").value_or("") != opts.container_authorization_token) {
            return json_reply(
                401, R"({"code":"AccessDenied","message":"Authorization token missing or wrong"})");
        }
        return json_reply(200,
                          R"({"RoleArn":")" + json_escape(issued.arn) + R"(","AccessKeyId":")" +
                              json_escape(issued.access_key_id) + R"(","SecretAccessKey":")" +
                              json_escape(issued.secret_access_key.reveal()) + R"(","Token":")" +
                              json_escape(issued.session_token.reveal()) + R"(","Expiration":")" +
                              expiration_after(opts.lifetime) + R"("})");
    });
    server_.handle("/", [&opts, &issued](const http::request& r) {
        const auto fields = form_fields(r.body);
        const auto field = [&fields](std::string_view name) {
            const auto found = fields.find(name);
            return found == fields.end() ? std::string() : found->second;
        };
        if (r.method != "POST" || field("Action") != "AssumeRoleWithWebIdentity") {
            return json_reply(400, R"({"Error":{"Type":"Sender","Code":"InvalidAction",)"
                                   R"("Message":"only AssumeRoleWithWebIdentity is served"}})");
        }
        if (field("WebIdentityToken").empty() ||
            (!opts.web_identity_token.empty() &&
             field("WebIdentityToken") != opts.web_identity_token)) {
            return json_reply(400, R"({"Error":{"Type":"Sender","Code":"InvalidIdentityToken",)"
                                   R"("Message":"The web identity token is not valid"},)"
                                   R"("RequestId":"00000000-0000-4000-8000-000000000000"})");
        }
        const auto expires =
            std::chrono::duration_cast<std::chrono::seconds>(
                (std::chrono::system_clock::now() + opts.lifetime).time_since_epoch())
                .count();
        return json_reply(
            200, R"({"AssumeRoleWithWebIdentityResponse":{"AssumeRoleWithWebIdentityResult":{)"
                 R"("AssumedRoleUser":{"Arn":")" +
                     json_escape(issued.arn) + R"("},"Credentials":{"AccessKeyId":")" +
                     json_escape(issued.access_key_id) + R"(","SecretAccessKey":")" +
                     json_escape(issued.secret_access_key.reveal()) + R"(","SessionToken":")" +
                     json_escape(issued.session_token.reveal()) + R"(","Expiration":)" +
                     std::to_string(expires) + R"(}}}})");
    });
}

std::string credential_endpoints::base_url() const {
    return server_.base_url();
}

std::string credential_endpoints::container_url() const {
    return server_.base_url() + options_.container_path;
}

std::uint16_t credential_endpoints::port() const {
    return server_.port();
}

std::size_t credential_endpoints::request_count(const std::string& path) const {
    return server_.request_count(path);
}

void credential_endpoints::stop() {
    server_.stop();
}

}  // namespace mongo_aws::test_server
