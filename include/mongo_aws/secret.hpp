// secret_string: text that must never be printed and must not outlive its use in memory.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace mongo_aws {

/// Overwrites `size` bytes at `data` in a way the compiler cannot elide (OPENSSL_cleanse).
void secure_wipe(void* data, std::size_t size) noexcept;

/// An allocator that wipes every block before giving it back, so that a string that grows or
/// shrinks leaves no copy of a secret behind in freed memory.
template <class T>
struct wiping_allocator {
    using value_type = T;

    wiping_allocator() noexcept = default;
    template <class U>
    wiping_allocator(const wiping_allocator<U>& /*other*/) noexcept {}  // NOLINT: rebinding

    T* allocate(std::size_t count) { return std::allocator<T>{}.allocate(count); }
    void deallocate(T* pointer, std::size_t count) noexcept {
        secure_wipe(pointer, count * sizeof(T));
        std::allocator<T>{}.deallocate(pointer, count);
    }

    friend bool operator==(const wiping_allocator&, const wiping_allocator&) noexcept {
        return true;
    }
};

/// A secret (secret access key, session token, web-identity token, container authorization
/// token). Its bytes are wiped when it is destroyed or reassigned, it prints as "<redacted>",
/// and equality takes the same time whatever the contents (CRYPTO_memcmp).
/// Reading it is explicit: reveal().
class secret_string {
public:
    using storage = std::basic_string<char, std::char_traits<char>, wiping_allocator<char>>;

    secret_string() = default;
    explicit secret_string(std::string_view text) : text_(text.data(), text.size()) {}
    secret_string(const secret_string&) = default;
    secret_string(secret_string&& other) noexcept;
    secret_string& operator=(const secret_string& other);
    secret_string& operator=(secret_string&& other) noexcept;
    ~secret_string();

    /// The secret in clear, for the few places that need it (signing, a request header).
    [[nodiscard]] std::string_view reveal() const noexcept { return text_; }
    [[nodiscard]] bool empty() const noexcept { return text_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return text_.size(); }

    /// Wipes the contents and leaves the secret empty.
    void clear() noexcept;

    /// Constant-time for equal lengths; unequal lengths compare unequal at once (length is not
    /// considered secret).
    friend bool operator==(const secret_string& a, const secret_string& b) noexcept;

private:
    storage text_;
};

/// Writes "<redacted>" (or "<empty>"): a secret never reaches a stream in clear.
std::ostream& operator<<(std::ostream& out, const secret_string& secret);

}  // namespace mongo_aws
