// Little-endian fields in and out of wire messages. The reader never reads past its span: every
// read says whether the bytes were there, so callers check before they use a value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace mongo_aws::wire::detail {

class byte_reader {
public:
    explicit byte_reader(std::span<const std::uint8_t> bytes, std::size_t base_offset = 0)
        : bytes_(bytes), base_offset_(base_offset) {}

    [[nodiscard]] std::size_t remaining() const noexcept { return bytes_.size() - position_; }
    [[nodiscard]] bool at_end() const noexcept { return remaining() == 0; }

    /// Offset of the next byte within the whole message (for error messages).
    [[nodiscard]] std::size_t offset() const noexcept { return base_offset_ + position_; }

    [[nodiscard]] std::optional<std::uint8_t> read_uint8() noexcept {
        if (remaining() < 1) {
            return std::nullopt;
        }
        return bytes_[position_++];
    }

    [[nodiscard]] std::optional<std::uint32_t> read_uint32() noexcept {
        if (remaining() < 4) {
            return std::nullopt;
        }
        const auto value = load_uint32(bytes_.subspan(position_, 4));
        position_ += 4;
        return value;
    }

    [[nodiscard]] std::optional<std::int32_t> read_int32() noexcept {
        const auto value = read_uint32();
        if (!value) {
            return std::nullopt;
        }
        return static_cast<std::int32_t>(*value);  // two's complement, defined since C++20
    }

    [[nodiscard]] std::optional<std::int64_t> read_int64() noexcept {
        const auto low = read_uint32();
        if (!low) {
            return std::nullopt;
        }
        const auto high = read_uint32();
        if (!high) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>((std::uint64_t{*high} << 32U) | *low);
    }

    /// The next 4 bytes as a little-endian int32, without consuming them.
    [[nodiscard]] std::optional<std::int32_t> peek_int32() const noexcept {
        if (remaining() < 4) {
            return std::nullopt;
        }
        return static_cast<std::int32_t>(load_uint32(bytes_.subspan(position_, 4)));
    }

    /// A NUL-terminated string within the remaining bytes (the NUL is consumed, not returned);
    /// nullopt, consuming nothing, when no NUL is left.
    [[nodiscard]] std::optional<std::string_view> read_cstring() noexcept {
        const auto rest = bytes_.subspan(position_);
        for (std::size_t i = 0; i < rest.size(); ++i) {
            if (rest[i] == 0) {
                const std::string_view text(reinterpret_cast<const char*>(rest.data()), i);
                position_ += i + 1;
                return text;
            }
        }
        return std::nullopt;
    }

    /// The next `count` bytes. Precondition: count <= remaining().
    [[nodiscard]] std::span<const std::uint8_t> take(std::size_t count) noexcept {
        const auto part = bytes_.subspan(position_, count);
        position_ += count;
        return part;
    }

private:
    static std::uint32_t load_uint32(std::span<const std::uint8_t> four) noexcept {
        return std::uint32_t{four[0]} | (std::uint32_t{four[1]} << 8U) |
               (std::uint32_t{four[2]} << 16U) | (std::uint32_t{four[3]} << 24U);
    }

    std::span<const std::uint8_t> bytes_;
    std::size_t base_offset_;
    std::size_t position_ = 0;
};

inline void append_uint32(std::vector<std::uint8_t>& out, std::uint32_t value) {
    for (unsigned shift = 0; shift < 32; shift += 8) {
        out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xFFU));
    }
}

inline void append_int32(std::vector<std::uint8_t>& out, std::int32_t value) {
    append_uint32(out, static_cast<std::uint32_t>(value));
}

inline void append_int64(std::vector<std::uint8_t>& out, std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value);
    append_uint32(out, static_cast<std::uint32_t>(bits & 0xFFFFFFFFU));
    append_uint32(out, static_cast<std::uint32_t>(bits >> 32U));
}

inline void append_bytes(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

inline void append_cstring(std::vector<std::uint8_t>& out, std::string_view text) {
    out.insert(out.end(), text.begin(), text.end());
    out.push_back(0);
}

/// Writes `value` as a little-endian int32 at `offset` (for lengths known only at the end).
inline void store_int32(std::vector<std::uint8_t>& out, std::size_t offset, std::int32_t value) {
    const auto bits = static_cast<std::uint32_t>(value);
    for (unsigned i = 0; i < 4; ++i) {
        out[offset + i] = static_cast<std::uint8_t>((bits >> (8U * i)) & 0xFFU);
    }
}

}  // namespace mongo_aws::wire::detail
