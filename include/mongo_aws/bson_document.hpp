// bson_document: how this library holds a BSON document (owned bytes, checked once, viewed
// through libbson), and bson_ptr for documents callers build with libbson.
#pragma once

#include <mongo_aws/result.hpp>

#include <bson/bson.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace mongo_aws {

/// An owning pointer to a heap `bson_t` (from bson_new, bson_copy, BCON_NEW,
/// bson_new_from_data): bson_destroy runs on every path, errors and exceptions included.
/// (A class rather than std::unique_ptr<bson_t>: GCC warns that bson_t's alignment attribute is
/// lost as a template argument.)
class bson_ptr {
public:
    /// Holds nothing.
    bson_ptr() noexcept = default;
    /// Takes ownership of `doc` (may be null).
    explicit bson_ptr(bson_t* doc) noexcept : doc_(doc) {}
    bson_ptr(const bson_ptr&) = delete;             ///< one owner: move, or bson_copy
    bson_ptr& operator=(const bson_ptr&) = delete;  ///< one owner: move, or bson_copy
    /// Takes ownership from `other`, which is left null.
    bson_ptr(bson_ptr&& other) noexcept : doc_(other.doc_) { other.doc_ = nullptr; }
    /// Destroys the held document, then takes ownership from `other`.
    bson_ptr& operator=(bson_ptr&& other) noexcept {
        bson_t* const taken = other.doc_;  // (not std::exchange: clang-14 loses the alignment)
        other.doc_ = nullptr;
        reset(taken);
        return *this;
    }
    /// Destroys the held document, if any.
    ~bson_ptr() { reset(); }

    /// The document, or null.
    [[nodiscard]] bson_t* get() const noexcept { return doc_; }
    /// The document. Precondition: not null.
    [[nodiscard]] bson_t& operator*() const noexcept { return *doc_; }
    /// The document's members (e.g. `len`). Precondition: not null.
    [[nodiscard]] bson_t* operator->() const noexcept { return doc_; }
    /// True when a document is held.
    explicit operator bool() const noexcept { return doc_ != nullptr; }
    /// Destroys the held document (if any) and holds `doc` instead.
    void reset(bson_t* doc = nullptr) noexcept {
        if (doc_ != nullptr && doc_ != doc) {
            bson_destroy(doc_);
        }
        doc_ = doc;
    }

private:
    bson_t* doc_ = nullptr;
};

/// How many levels of documents and arrays may nest inside a document from outside (MongoDB's
/// default maxBSONDepth, src/mongo/bson/bson_depth.h). libbson 1.23's bson_validate recurses once
/// per level with no limit, so without this bound a few megabytes of `{"": {"": ...}}` overflow the
/// stack.
inline constexpr int max_bson_depth = 200;

class bson_view;  // below

/// A BSON document this library owns: its bytes in a std::vector, so it copies, moves and frees
/// like any value (no bson_destroy to forget, nothing leaked on an error path). A document built
/// by from_bytes() has been checked (length, nesting depth, bson_validate); view() then gives
/// libbson a read-only `bson_t` over the same bytes, without copying. Default: `{}`. A moved-from
/// document is only fit to be assigned to or destroyed (its view() is then `{}`).
class bson_document {
public:
    /// The empty document `{}`.
    bson_document();

    /// Checks untrusted bytes and copies them. `bytes` must be exactly one document: its length
    /// prefix at least 5 and equal to bytes.size() (else errc::bson_length_invalid), nested at
    /// most max_bson_depth levels and accepted by bson_validate (else errc::bson_invalid).
    /// Strings are not required to be UTF-8: values a server echoes back need not be, and this
    /// library only ever shows them escaped.
    [[nodiscard]] static result<bson_document> from_bytes(std::span<const std::uint8_t> bytes);

    /// Copies a document built with libbson (trusted, not re-validated).
    [[nodiscard]] static bson_document from_bson(const bson_t& doc);

    /// The document's bytes, length prefix included.
    [[nodiscard]] std::span<const std::uint8_t> bytes() const noexcept { return bytes_; }

    /// The document's length in bytes.
    [[nodiscard]] std::size_t size() const noexcept { return bytes_.size(); }

    /// A read-only `bson_t` over bytes() for libbson's readers (bson_iter_init, bson_has_field),
    /// without copying. It borrows: use it while this document lives and is not assigned to.
    [[nodiscard]] bson_view view() const noexcept;

    /// Byte-for-byte equality.
    friend bool operator==(const bson_document& a, const bson_document& b) = default;

private:
    explicit bson_document(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}

    std::vector<std::uint8_t> bytes_;
};

/// A read-only `bson_t` over a bson_document's bytes. Neither copyable nor movable: libbson's
/// static `bson_t` points into itself, so a copy would dangle. It borrows the document's bytes
/// and must not outlive the document. No bson_destroy needed.
class bson_view {
public:
    /// Views `doc` (a moved-from document is viewed as `{}`).
    explicit bson_view(const bson_document& doc) noexcept;
    bson_view(const bson_view&) = delete;             ///< would dangle (see above)
    bson_view& operator=(const bson_view&) = delete;  ///< would dangle (see above)
    /// Nothing to free: the bytes belong to the document.
    ~bson_view() = default;

    /// The `bson_t`, for libbson calls.
    [[nodiscard]] const bson_t* get() const noexcept { return &bson_; }

    /// The `bson_t`, for libbson calls taking a reference (and this library's encoders).
    [[nodiscard]] const bson_t& operator*() const noexcept { return bson_; }

private:
    bson_t bson_{};
};

}  // namespace mongo_aws
