// result<T>: a value or an `error`, the return type of every fallible call in the core.
// (C++20 has no std::expected; this is the small subset the library needs.)
#pragma once

#include <mongo_aws/error.hpp>

#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <variant>

namespace mongo_aws {

/// The exception thrown by the throwing forms of the API (and by result::value() on an error):
/// a std::system_error whose code is the error's code and whose what() is its one-line text.
class exception : public std::system_error {
public:
    explicit exception(mongo_aws::error err)
        : std::system_error(err.code, err.to_string()), error_(std::move(err)) {}

    /// The whole error, with the server's code and message kept apart.
    [[nodiscard]] const mongo_aws::error& error() const noexcept { return error_; }

private:
    mongo_aws::error error_;
};

/// Holds either a T or an `error`. Check with `if (r)` / has_value() before value().
template <class T>
class [[nodiscard]] result {
public:
    result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
    result(mongo_aws::error err)                                           // NOLINT: implicit
        : state_(std::in_place_index<1>, std::move(err)) {}

    [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    /// The value; throws mongo_aws::exception when this holds an error.
    T& value() & { return check(), std::get<0>(state_); }
    const T& value() const& { return check(), std::get<0>(state_); }
    T&& value() && { return check(), std::get<0>(std::move(state_)); }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    /// The error. Precondition: !has_value().
    [[nodiscard]] const mongo_aws::error& error() const& { return std::get<1>(state_); }
    [[nodiscard]] mongo_aws::error&& error() && { return std::get<1>(std::move(state_)); }

private:
    void check() const {
        if (!has_value()) {
            throw exception(std::get<1>(state_));
        }
    }

    std::variant<T, mongo_aws::error> state_;
};

/// result<void>: success, or an `error`.
template <>
class [[nodiscard]] result<void> {
public:
    result() = default;
    result(mongo_aws::error err) : error_(std::move(err)) {}  // NOLINT: implicit

    [[nodiscard]] bool has_value() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return has_value(); }

    /// Throws mongo_aws::exception when this holds an error.
    void value() const {
        if (error_) {
            throw exception(*error_);
        }
    }

    /// The error. Precondition: !has_value().
    [[nodiscard]] const mongo_aws::error& error() const& { return *error_; }
    [[nodiscard]] mongo_aws::error&& error() && { return std::move(*error_); }

private:
    std::optional<mongo_aws::error> error_;
};

}  // namespace mongo_aws
