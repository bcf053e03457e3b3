// Writing the one JSON object that `--json` prints: keys in the order given, strings escaped
// (RFC 8259), nothing else. Small enough that a library would add more than it saves.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mongo_aws::cli {

/// `text` as a JSON string literal, quotes included; bytes that are not valid UTF-8 are
/// replaced by U+FFFD so that the output is always valid JSON.
[[nodiscard]] std::string json_string(std::string_view text);

/// Builds one JSON object or array, member by member.
class json_writer {
public:
    /// Starts an object (`{`) or, with `array`, an array (`[`).
    explicit json_writer(bool array = false);

    json_writer& field(std::string_view key, std::string_view value);
    json_writer& field(std::string_view key, const char* value);
    json_writer& field(std::string_view key, bool value);
    json_writer& field(std::string_view key, long long value);
    json_writer& field(std::string_view key, int value);
    json_writer& field(std::string_view key, std::size_t value);
    /// A member whose value is already JSON (a nested object or array from another writer).
    json_writer& raw_field(std::string_view key, std::string_view json);
    /// An array element that is already JSON.
    json_writer& raw_element(std::string_view json);
    /// An array element that is a string.
    json_writer& element(std::string_view value);

    /// The text, closed.
    [[nodiscard]] std::string str() const;

private:
    void key(std::string_view name);

    std::string text_;
    bool array_;
    bool empty_ = true;
};

}  // namespace mongo_aws::cli
