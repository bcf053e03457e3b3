#include <mongo_aws/secret.hpp>

#include <openssl/crypto.h>

#include <ostream>
#include <utility>

namespace mongo_aws {

void secure_wipe(void* data, std::size_t size) noexcept {
    if (data != nullptr && size != 0) {
        OPENSSL_cleanse(data, size);
    }
}

namespace {
// A short string lives inside the string object (small-string optimisation), where the
// allocator never sees it: wipe the whole capacity before the buffer is released or reused.
void wipe_in_place(secret_string::storage& text) noexcept {
    secure_wipe(text.data(), text.capacity());
}
}  // namespace

// Moving takes the heap buffer as it is; a short string's bytes stay behind in `other`'s
// inline buffer until other.clear() wipes them.
secret_string::secret_string(secret_string&& other) noexcept : text_(std::move(other.text_)) {
    other.clear();
}

secret_string& secret_string::operator=(const secret_string& other) {
    if (this != &other) {
        clear();
        text_ = other.text_;
    }
    return *this;
}

secret_string& secret_string::operator=(secret_string&& other) noexcept {
    if (this != &other) {
        clear();
        text_ = std::move(other.text_);
        other.clear();
    }
    return *this;
}

secret_string::~secret_string() {
    wipe_in_place(text_);
}

void secret_string::clear() noexcept {
    wipe_in_place(text_);
    text_.clear();
}

bool operator==(const secret_string& a, const secret_string& b) noexcept {
    if (a.text_.size() != b.text_.size()) {
        return false;
    }
    return CRYPTO_memcmp(a.text_.data(), b.text_.data(), a.text_.size()) == 0;
}

std::ostream& operator<<(std::ostream& out, const secret_string& secret) {
    return out << (secret.empty() ? "<empty>" : "<redacted>");
}

}  // namespace mongo_aws
