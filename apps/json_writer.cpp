#include "json_writer.hpp"

#include <array>
#include <cstdio>

namespace mongo_aws::cli {

namespace {

// The length of the valid UTF-8 sequence at the start of `text`, or 0.
std::size_t utf8_sequence_length(std::string_view text) {
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = 0;
    unsigned minimum = 0;
    unsigned code = 0;
    if (lead < 0x80) {
        return 1;
    }
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        minimum = 0x80;
        code = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        minimum = 0x800;
        code = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        minimum = 0x10000;
        code = lead & 0x07U;
    } else {
        return 0;
    }
    if (text.size() < length) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[i]);
        if ((next & 0xC0U) != 0x80U) {
            return 0;
        }
        code = (code << 6U) | (next & 0x3FU);
    }
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    return code < minimum || code > 0x10FFFF || surrogate ? 0 : length;
}

}  // namespace

std::string json_string(std::string_view text) {
    std::string out = "\"";
    while (!text.empty()) {
        const auto c = static_cast<unsigned char>(text[0]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F) {
            std::array<char, 8> escaped{};
            std::snprintf(escaped.data(), escaped.size(), "\\u%04x", c);
            out += escaped.data();
        } else {
            const auto length = utf8_sequence_length(text);
            if (length == 0) {
                out += "\\ufffd";
                text.remove_prefix(1);
                continue;
            }
            out.append(text.substr(0, length));
            text.remove_prefix(length);
            continue;
        }
        text.remove_prefix(1);
    }
    out += '"';
    return out;
}

json_writer::json_writer(bool array) : text_(array ? "[" : "{"), array_(array) {}

void json_writer::key(std::string_view name) {
    if (!empty_) {
        text_ += ',';
    }
    empty_ = false;
    if (!array_) {
        text_ += json_string(name);
        text_ += ':';
    }
}

json_writer& json_writer::field(std::string_view key_name, std::string_view value) {
    key(key_name);
    text_ += json_string(value);
    return *this;
}

json_writer& json_writer::field(std::string_view key_name, const char* value) {
    return field(key_name, std::string_view(value));
}

json_writer& json_writer::field(std::string_view key_name, bool value) {
    key(key_name);
    text_ += value ? "true" : "false";
    return *this;
}

json_writer& json_writer::field(std::string_view key_name, long long value) {
    key(key_name);
    text_ += std::to_string(value);
    return *this;
}

json_writer& json_writer::field(std::string_view key_name, int value) {
    return field(key_name, static_cast<long long>(value));
}

json_writer& json_writer::field(std::string_view key_name, std::size_t value) {
    key(key_name);
    text_ += std::to_string(value);
    return *this;
}

json_writer& json_writer::raw_field(std::string_view key_name, std::string_view json) {
    key(key_name);
    text_ += json;
    return *this;
}

json_writer& json_writer::raw_element(std::string_view json) {
    key({});
    text_ += json;
    return *this;
}

json_writer& json_writer::element(std::string_view value) {
    key({});
    text_ += json_string(value);
    return *this;
}

std::string json_writer::str() const {
    return text_ + (array_ ? "]" : "}");
}

}  // namespace mongo_aws::cli
