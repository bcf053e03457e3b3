// What the fuzz targets share: cutting one input into several messages or pieces, a check that
// aborts (so that libFuzzer, or the replay test, reports the input), and the fixed identities of
// the conversation targets. The fixtures equal those of tests/support/session_client.cpp, where
// the recorded seeds come from (tests/unit/test_fuzz_seeds.cpp), so that a seed replays the same
// conversation, signature included, in the fuzz target.
#pragma once

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/secret.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>

namespace mongo_aws::fuzz {

/// Aborts with `what` when `condition` is false: a broken property is a finding, like a crash.
inline void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz property broken: %s\n",
                     what);  // NOLINT(cppcoreguidelines-pro-type-vararg)
        std::abort();
    }
}

/// The input as text.
inline std::string_view as_text(std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};  // NOLINT
}

/// Takes the next wire message off the front of `input`: as many bytes as its messageLength
/// (the first 4 bytes, little-endian) says when that fits, else everything left (so that a
/// decoder also sees lengths that lie).
inline std::span<const std::uint8_t> next_message(std::span<const std::uint8_t>& input) {
    std::size_t take = input.size();
    if (input.size() >= 4) {
        const std::uint32_t length = std::uint32_t{input[0]} | (std::uint32_t{input[1]} << 8U) |
                                     (std::uint32_t{input[2]} << 16U) |
                                     (std::uint32_t{input[3]} << 24U);
        if (length >= 16 && length <= input.size()) {
            take = length;
        }
    }
    const auto message = input.first(take);
    input = input.subspan(take);
    return message;
}

/// Piece sizes for an incremental parser, chosen by the input's first bytes: the low 4 bits of
/// byte 0 say how many size bytes follow (0: the whole rest in one piece); the sizes are used
/// in turn, again and again. A size byte of 0 feeds an empty piece, then one byte.
class piece_sizes {
public:
    /// Reads the sizes off the front of `input`.
    explicit piece_sizes(std::span<const std::uint8_t>& input) {
        if (input.empty()) {
            return;
        }
        const std::size_t count = std::min<std::size_t>(input[0] & 0x0fU, input.size() - 1);
        sizes_ = input.subspan(1, count);
        input = input.subspan(1 + count);
    }

    /// The size of the next piece, at most `left`; 0 once (before a 1) for an empty piece.
    std::size_t next(std::size_t left) {
        if (sizes_.empty()) {
            return left;
        }
        std::size_t size = sizes_[turn_ % sizes_.size()];
        ++turn_;
        if (size == 0) {
            size = empty_given_ ? 1 : 0;
            empty_given_ = !empty_given_;
            if (empty_given_) {
                --turn_;  // the same size byte gives the one byte next
            }
        }
        return std::min(size, left);
    }

private:
    std::span<const std::uint8_t> sizes_;
    std::size_t turn_ = 0;
    bool empty_given_ = false;
};

/// The client nonce of the conversation targets: 32 bytes counting up from 100.
inline nonce_source fixed_client_nonce() {
    return [](std::span<std::uint8_t> out) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i] = static_cast<std::uint8_t>(100 + i);
        }
    };
}

/// The server's 32 nonce bytes: counting up from 200 (as example_server_options).
inline nonce_source fixed_server_nonce() {
    return [](std::span<std::uint8_t> out) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i] = static_cast<std::uint8_t>(200 + i);
        }
    };
}

/// The signing time and the server's clock: 2020-02-03T04:05:06Z (as example_server_time).
inline std::chrono::system_clock::time_point fixed_time() {
    using namespace std::chrono;
    return sys_days{year{2020} / February / 3} + hours{4} + minutes{5} + seconds{6};
}

/// Long-term credentials (as example_long_term_credentials).
inline credentials long_term_credentials() {
    credentials creds;
    creds.access_key_id = "AKIDEXAMPLE";
    creds.secret_access_key = secret_string("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    return creds;
}

/// Temporary credentials (as example_temporary_credentials).
inline credentials temporary_credentials() {
    credentials creds;
    creds.access_key_id = "ASIDEXAMPLE";
    creds.secret_access_key = secret_string("temporarySecretKeyEXAMPLE/0123456789abcd");
    creds.session_token = secret_string("FwoGZXIvYXdzEXAMPLETOKEN");
    return creds;
}

/// The ARNs of the two users above.
inline constexpr std::string_view long_term_arn = "arn:aws:iam::123456789012:user/alice";
inline constexpr std::string_view temporary_arn =
    "arn:aws:sts::123456789012:assumed-role/app/i-0abc";

}  // namespace mongo_aws::fuzz
