// AWS's own SigV4 test suite (awslabs/aws-c-auth, ../shared/sigv4-test-suite/v4): every case,
// in the header form and the query form, canonical request, string to sign, signature and
// signed request compared byte for byte. One Boost.Test case per folder: header/<folder> and
// query/<folder>.
#define BOOST_TEST_NO_MAIN

#include "support/shared_data.hpp"

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/sigv4.hpp>

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sigv4 = mongo_aws::sigv4;
using mongo_aws::test::read_file;

namespace {

const std::filesystem::path suite_relative = "sigv4-test-suite/v4";
constexpr std::size_t suite_case_count = 38;  // SOURCE.md: 38 cases x 10 files

// One case of the suite: the request to sign, as the signer takes it, and the request as
// written in request.txt (to rebuild the signed request the suite expects).
struct suite_case {
    sigv4::request request;
    mongo_aws::credentials creds;
    sigv4::options opts;
    std::string method;
    std::string raw_path;
    std::string raw_query;  // verbatim, without '?'
    std::string version;
    std::vector<std::string> raw_header_lines;
};

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.emplace_back(text.substr(start));
            break;
        }
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

int hex_value(char digit) {
    if (digit >= '0' && digit <= '9') {
        return digit - '0';
    }
    if (digit >= 'A' && digit <= 'F') {
        return digit - 'A' + 10;
    }
    if (digit >= 'a' && digit <= 'f') {
        return digit - 'a' + 10;
    }
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string decoded;
    for (std::size_t index = 0; index < text.size(); ++index) {
        if (text[index] == '%' && index + 2 < text.size() && hex_value(text[index + 1]) >= 0 &&
            hex_value(text[index + 2]) >= 0) {
            decoded +=
                static_cast<char>(hex_value(text[index + 1]) * 16 + hex_value(text[index + 2]));
            index += 2;
        } else {
            decoded += text[index];
        }
    }
    return decoded;
}

int number(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        throw std::runtime_error("not a number: " + std::string(text));
    }
    return value;
}

// The suite's timestamps are all `YYYY-MM-DDTHH:MM:SSZ`.
std::chrono::system_clock::time_point parse_timestamp(std::string_view text) {
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
        throw std::runtime_error("unexpected timestamp: " + std::string(text));
    }
    using namespace std::chrono;
    const year_month_day date{year{number(text.substr(0, 4))},
                              month{static_cast<unsigned>(number(text.substr(5, 2)))},
                              day{static_cast<unsigned>(number(text.substr(8, 2)))}};
    return sys_days{date} + hours{number(text.substr(11, 2))} +
           minutes{number(text.substr(14, 2))} + seconds{number(text.substr(17, 2))};
}

void read_context(const std::filesystem::path& folder, suite_case& out) {
    simdjson::dom::parser parser;
    const simdjson::padded_string json(read_file(folder / "context.json"));
    const simdjson::dom::element context = parser.parse(json);

    const simdjson::dom::element creds = context["credentials"];
    out.creds.access_key_id = std::string(std::string_view(creds["access_key_id"]));
    out.creds.secret_access_key =
        mongo_aws::secret_string(std::string_view(creds["secret_access_key"]));
    std::string_view token;
    if (creds["token"].get(token) == simdjson::SUCCESS) {
        out.creds.session_token = mongo_aws::secret_string(token);
    }

    out.opts.region = std::string(std::string_view(context["region"]));
    out.opts.service = std::string(std::string_view(context["service"]));
    out.opts.timestamp = parse_timestamp(std::string_view(context["timestamp"]));
    out.opts.presign_expires =
        std::chrono::seconds(context["expiration_in_seconds"].get_int64().value());
    out.opts.normalize_path = context["normalize"].get_bool().value();
    out.opts.sign_body = context["sign_body"].get_bool().value();
    out.opts.double_uri_encode = true;  // as the origin harness signs
    bool omit = false;
    if (context["omit_session_token"].get(omit) == simdjson::SUCCESS) {
        out.opts.omit_session_token = omit;
    }
}

// request.txt: request line, `Name:value` lines (a line starting with whitespace continues the
// previous value), blank line, body.
void read_request(const std::filesystem::path& folder, suite_case& out) {
    const auto text = read_file(folder / "request.txt");
    const auto blank = text.find("\n\n");
    std::string_view head(text);
    if (blank != std::string::npos) {
        head = std::string_view(text).substr(0, blank);
        out.request.body = text.substr(blank + 2);
    } else if (head.ends_with('\n')) {
        head.remove_suffix(1);
    }
    const auto lines = split_lines(head);

    // The target may hold spaces (get-space-*): the method ends at the first space, the
    // version starts after the last.
    const std::string& request_line = lines.at(0);
    const auto first_space = request_line.find(' ');
    const auto last_space = request_line.rfind(' ');
    out.method = request_line.substr(0, first_space);
    out.version = request_line.substr(last_space + 1);
    const auto target = request_line.substr(first_space + 1, last_space - first_space - 1);
    const auto question = target.find('?');
    out.raw_path = target.substr(0, question);
    out.raw_query = question == std::string::npos ? "" : target.substr(question + 1);

    out.request.method = out.method;
    out.request.path = out.raw_path;
    std::size_t start = 0;
    while (!out.raw_query.empty() && start <= out.raw_query.size()) {
        auto end = out.raw_query.find('&', start);
        if (end == std::string::npos) {
            end = out.raw_query.size();
        }
        const std::string_view pair = std::string_view(out.raw_query).substr(start, end - start);
        const auto equals = pair.find('=');
        out.request.query.emplace_back(
            percent_decode(pair.substr(0, equals)),
            equals == std::string_view::npos ? "" : percent_decode(pair.substr(equals + 1)));
        start = end + 1;
    }

    for (std::size_t index = 1; index < lines.size(); ++index) {
        const std::string& line = lines[index];
        out.raw_header_lines.push_back(line);
        if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
            // obs-fold: RFC 9112 section 5.2, replaced by one space.
            out.request.headers.back().value += " " + line.substr(line.find_first_not_of(" \t"));
            continue;
        }
        const auto colon = line.find(':');
        out.request.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
    }
}

suite_case load_case(const std::filesystem::path& folder) {
    suite_case loaded;
    read_context(folder, loaded);
    read_request(folder, loaded);
    return loaded;
}

// The signed request the suite expects: split into request line, header lines and body.
struct http_message {
    std::string request_line;
    std::vector<std::string> header_lines;
    std::string body;
};

http_message split_message(const std::string& text) {
    const auto blank = text.find("\n\n");
    BOOST_TEST_REQUIRE(blank != std::string::npos);
    auto lines = split_lines(std::string_view(text).substr(0, blank));
    http_message message;
    message.request_line = lines.at(0);
    message.header_lines.assign(lines.begin() + 1, lines.end());
    message.body = text.substr(blank + 2);
    return message;
}

// The original header lines, verbatim and first; then the added ones, in any order (the suite
// lists X-Amz-Security-Token before X-Amz-Date; this library's contract lists X-Amz-Date first).
void check_header_lines(const suite_case& loaded, const http_message& expected,
                        std::vector<std::string> added) {
    const auto original = loaded.raw_header_lines.size();
    BOOST_TEST_REQUIRE(expected.header_lines.size() == original + added.size());
    for (std::size_t index = 0; index < original; ++index) {
        BOOST_TEST(expected.header_lines[index] == loaded.raw_header_lines[index]);
    }
    std::vector<std::string> expected_added(
        expected.header_lines.begin() + static_cast<std::ptrdiff_t>(original),
        expected.header_lines.end());
    std::sort(expected_added.begin(), expected_added.end());
    std::sort(added.begin(), added.end());
    BOOST_TEST(added == expected_added, boost::test_tools::per_element());
}

void check_header_form(const std::filesystem::path& folder) {
    const auto loaded = load_case(folder);
    const auto signed_request = sigv4::sign_headers(loaded.request, loaded.creds, loaded.opts);
    BOOST_TEST_REQUIRE(signed_request.has_value(),
                       (signed_request ? "" : signed_request.error().to_string()));
    const auto& parts = signed_request->parts;
    BOOST_TEST(parts.canonical_request == read_file(folder / "header-canonical-request.txt"));
    BOOST_TEST(parts.string_to_sign == read_file(folder / "header-string-to-sign.txt"));
    BOOST_TEST(parts.signature == read_file(folder / "header-signature.txt"));

    const auto expected = split_message(read_file(folder / "header-signed-request.txt"));
    BOOST_TEST(expected.request_line == loaded.method + " " + loaded.raw_path +
                                            (loaded.raw_query.empty() ? "" : "?") +
                                            loaded.raw_query + " " + loaded.version);
    std::vector<std::string> added;
    for (const auto& extra : signed_request->added_headers) {
        added.push_back(extra.name + ":" + extra.value);
    }
    check_header_lines(loaded, expected, added);
    BOOST_TEST(expected.body == loaded.request.body);
}

void check_query_form(const std::filesystem::path& folder) {
    const auto loaded = load_case(folder);
    const auto presigned = sigv4::presign_query(loaded.request, loaded.creds, loaded.opts);
    BOOST_TEST_REQUIRE(presigned.has_value(), (presigned ? "" : presigned.error().to_string()));
    const auto& parts = presigned->parts;
    BOOST_TEST(parts.canonical_request == read_file(folder / "query-canonical-request.txt"));
    BOOST_TEST(parts.string_to_sign == read_file(folder / "query-string-to-sign.txt"));
    BOOST_TEST(parts.signature == read_file(folder / "query-signature.txt"));

    const auto expected = split_message(read_file(folder / "query-signed-request.txt"));
    const auto query = (loaded.raw_query.empty() ? "" : loaded.raw_query + "&") +
                       sigv4::encode_query(presigned->added_query);
    BOOST_TEST(expected.request_line ==
               loaded.method + " " + loaded.raw_path + "?" + query + " " + loaded.version);
    check_header_lines(loaded, expected, {});
    BOOST_TEST(expected.body == loaded.request.body);
}

std::vector<std::filesystem::path> case_folders() {
    std::vector<std::filesystem::path> folders;
    for (const auto& entry :
         std::filesystem::directory_iterator(mongo_aws::test::shared_dir() / suite_relative)) {
        if (entry.is_directory()) {
            folders.push_back(entry.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

void suite_has_every_case() {
    BOOST_TEST(case_folders().size() == suite_case_count);
}

}  // namespace

bool init_unit_test() {
    namespace utf = boost::unit_test;
    utf::framework::master_test_suite().p_name.value = "sigv4_suite";
    if (!std::filesystem::exists(mongo_aws::test::shared_dir() / suite_relative)) {
        return true;  // main() reports the run as skipped before it gets here
    }
    utf::framework::master_test_suite().add(
        utf::make_test_case(&suite_has_every_case, "suite_has_every_case", __FILE__, __LINE__));
    auto* header_suite = BOOST_TEST_SUITE("header");
    auto* query_suite = BOOST_TEST_SUITE("query");
    for (const auto& folder : case_folders()) {
        const auto name = folder.filename().string();
        header_suite->add(
            utf::make_test_case([folder] { check_header_form(folder); }, name, __FILE__, __LINE__));
        query_suite->add(
            utf::make_test_case([folder] { check_query_form(folder); }, name, __FILE__, __LINE__));
    }
    utf::framework::master_test_suite().add(header_suite);
    utf::framework::master_test_suite().add(query_suite);
    return true;
}

MONGO_AWS_CONFORMANCE_MAIN(suite_relative)
