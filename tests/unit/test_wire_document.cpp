// bson_document: untrusted bytes checked once (length, nesting, bson_validate), then owned and
// viewed through libbson without copies or leaks.
#define BOOST_TEST_MODULE wire_document
#include "support/nested_bson.hpp"
#include "support/wire_builder.hpp"

#include <mongo_aws/bson_document.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <system_error>
#include <vector>

using mongo_aws::bson_document;
using mongo_aws::errc;
using mongo_aws::test::json;
using mongo_aws::test::nested_documents;

namespace {
std::vector<std::uint8_t> bytes_of(const bson_t& doc) {
    const auto* data = bson_get_data(&doc);
    return {data, data + doc.len};
}

errc code_of(const mongo_aws::result<bson_document>& doc) {
    BOOST_TEST_REQUIRE(!doc.has_value());
    BOOST_TEST_MESSAGE(doc.error().message);
    return static_cast<errc>(doc.error().code.value());
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_document_is_empty) {
    const bson_document doc;
    BOOST_TEST(doc.size() == 5U);
    const auto view = doc.view();
    BOOST_TEST(bson_count_keys(view.get()) == 0U);
}

BOOST_AUTO_TEST_CASE(valid_bytes_are_copied_and_viewable) {
    const auto source = json(R"({"a": 1, "b": {"c": [1, 2]}})");
    const auto doc = bson_document::from_bytes(bytes_of(*source));
    BOOST_TEST_REQUIRE(doc.has_value());
    BOOST_TEST(doc->size() == source->len);
    const auto view = doc->view();
    BOOST_TEST(bson_equal(view.get(), source.get()));
    BOOST_TEST(bson_has_field(view.get(), "b.c"));
}

BOOST_AUTO_TEST_CASE(from_bson_copies_and_compares_by_bytes) {
    const auto source = json(R"({"a": 1})");
    const auto copy = bson_document::from_bson(*source);
    BOOST_TEST((copy == *bson_document::from_bytes(bytes_of(*source))));
    BOOST_TEST(!(copy == bson_document{}));
}

BOOST_AUTO_TEST_CASE(fewer_than_5_bytes_is_bson_length_invalid) {
    const std::vector<std::uint8_t> bytes = {4, 0, 0, 0};
    BOOST_TEST((code_of(bson_document::from_bytes(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(length_prefix_different_from_the_bytes_is_bson_length_invalid) {
    auto bytes = bytes_of(*json(R"({"a": 1})"));
    bytes.push_back(0);
    BOOST_TEST((code_of(bson_document::from_bytes(bytes)) == errc::bson_length_invalid));
    bytes.resize(bytes.size() - 2);
    BOOST_TEST((code_of(bson_document::from_bytes(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(negative_length_prefix_is_bson_length_invalid) {
    const std::vector<std::uint8_t> bytes = {0xFF, 0xFF, 0xFF, 0xFF, 0};
    BOOST_TEST((code_of(bson_document::from_bytes(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(nested_document_running_past_its_parent_is_bson_invalid) {
    // {"d": {}} with the inner length raised from 5 to 50.
    auto bytes = bytes_of(*json(R"({"d": {}})"));
    bytes[7] = 50;  // 4 (length) + 1 (type) + 2 ("d\0"): the inner length's first byte
    BOOST_TEST((code_of(bson_document::from_bytes(bytes)) == errc::bson_invalid));
}

BOOST_AUTO_TEST_CASE(nesting_up_to_max_bson_depth_is_accepted) {
    BOOST_TEST(bson_document::from_bytes(nested_documents(mongo_aws::max_bson_depth)).has_value());
}

BOOST_AUTO_TEST_CASE(nesting_deeper_than_max_bson_depth_is_bson_invalid) {
    BOOST_TEST((code_of(bson_document::from_bytes(
                    nested_documents(mongo_aws::max_bson_depth + 1))) == errc::bson_invalid));
}

BOOST_AUTO_TEST_CASE(a_million_levels_are_refused_without_overflowing_the_stack) {
    // 7 MB, well inside maxMessageSizeBytes: libbson 1.23's bson_validate alone recurses once
    // per level and crashes on this.
    BOOST_TEST(
        (code_of(bson_document::from_bytes(nested_documents(1'000'000))) == errc::bson_invalid));
}

BOOST_AUTO_TEST_CASE(deep_arrays_count_as_nesting_too) {
    // The same shape with type 0x04 (array) at every level.
    auto bytes = nested_documents(mongo_aws::max_bson_depth + 1);
    for (std::size_t level = 0; level <= static_cast<std::size_t>(mongo_aws::max_bson_depth);
         ++level) {
        bytes[level * 6 + 4] = 0x04;
    }
    BOOST_TEST((code_of(bson_document::from_bytes(bytes)) == errc::bson_invalid));
}

BOOST_AUTO_TEST_CASE(strings_need_not_be_utf8) {
    // {"s": "\xff"}: a server may echo bytes that are not UTF-8; they are kept, shown escaped.
    const std::vector<std::uint8_t> bytes = {14, 0, 0, 0, 0x02, 's', 0, 2, 0, 0, 0, 0xFF, 0, 0};
    BOOST_TEST(bson_document::from_bytes(bytes).has_value());
}

BOOST_AUTO_TEST_CASE(moved_from_document_views_as_empty) {
    auto doc = bson_document::from_bson(*json(R"({"a": 1})"));
    const auto moved = std::move(doc);
    // NOLINTNEXTLINE(bugprone-use-after-move,clang-analyzer-cplusplus.Move): the point of the test
    const auto view = doc.view();
    BOOST_TEST(bson_count_keys(view.get()) == 0U);
    BOOST_TEST(moved.size() > 5U);
}

BOOST_AUTO_TEST_CASE(bson_ptr_owns_and_moves) {
    mongo_aws::bson_ptr first(bson_new());
    BSON_APPEND_INT32(first.get(), "a", 1);
    mongo_aws::bson_ptr second = std::move(first);
    BOOST_TEST(!first);  // NOLINT(bugprone-use-after-move): the point of the test
    BOOST_TEST(second->len > 5U);
    second.reset(bson_new());  // the first document is freed here (LeakSanitizer would say)
    BOOST_TEST(second->len == 5U);
}
