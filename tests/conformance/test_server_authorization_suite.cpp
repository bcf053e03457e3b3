// The test server's Authorization-header parser on AWS's own signed requests (the SigV4 suite of
// awslabs/aws-c-auth in ../shared/sigv4-test-suite/v4): for every case, the parts read from the
// `Authorization:` line of header-signed-request.txt equal the case's context.json (key id,
// region, service, the day of its timestamp), the signed-header line of
// header-canonical-request.txt and header-signature.txt. One Boost.Test case per folder.
#define BOOST_TEST_NO_MAIN

#include "support/shared_data.hpp"

#include <mongo_aws/test_server/authorization_header.hpp>

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ts = mongo_aws::test_server;
using mongo_aws::test::read_file;

namespace {

const std::filesystem::path suite_relative = "sigv4-test-suite/v4";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return lines;
}

void check_case(const std::filesystem::path& folder) {
    std::string authorization;
    for (const auto& line : lines_of(read_file(folder / "header-signed-request.txt"))) {
        if (line.starts_with("Authorization:")) {
            authorization = line.substr(14);
        }
    }
    BOOST_TEST_REQUIRE(!authorization.empty());
    const auto parsed = ts::parse_authorization_header(authorization);
    BOOST_TEST_REQUIRE(parsed.has_value(), (parsed ? "" : parsed.error().message));

    simdjson::dom::parser parser;
    const simdjson::padded_string json(read_file(folder / "context.json"));
    const simdjson::dom::element context = parser.parse(json);
    BOOST_TEST(parsed->access_key_id == std::string_view(context["credentials"]["access_key_id"]));
    BOOST_TEST(parsed->region == std::string_view(context["region"]));
    BOOST_TEST(parsed->service == std::string_view(context["service"]));
    const std::string_view timestamp = context["timestamp"];
    std::string day(timestamp.substr(0, 10));  // YYYY-MM-DD
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    BOOST_TEST(parsed->date == day);

    // The canonical request's next-to-last line lists the signed headers.
    const auto canonical = lines_of(read_file(folder / "header-canonical-request.txt"));
    BOOST_TEST_REQUIRE(canonical.size() >= 2U);
    BOOST_TEST(parsed->signed_headers == canonical[canonical.size() - 2]);
    BOOST_TEST(parsed->signature == read_file(folder / "header-signature.txt"));
}

}  // namespace

bool init_unit_test() {
    namespace utf = boost::unit_test;
    utf::framework::master_test_suite().p_name.value = "server_authorization_suite";
    const auto root = mongo_aws::test::shared_dir() / suite_relative;
    if (!std::filesystem::exists(root)) {
        return true;  // main() reports the run as skipped before it gets here
    }
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(root)) {
        if (entry.is_directory()) {
            folders.push_back(entry.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    for (const auto& folder : folders) {
        utf::framework::master_test_suite().add(utf::make_test_case(
            [folder] { check_case(folder); }, folder.filename().string(), __FILE__, __LINE__));
    }
    return true;
}

MONGO_AWS_CONFORMANCE_MAIN(suite_relative)
