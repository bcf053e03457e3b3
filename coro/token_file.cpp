#include "token_file.hpp"

#include <openssl/crypto.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>

namespace mongo_aws::detail {

namespace {

struct file_closer {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};

error unreadable(std::string_view variable, const std::string& path, const std::string& why) {
    return make_error(errc::token_file_unreadable, "cannot read the token file " +
                                                       std::string(variable) + "=" + path + ": " +
                                                       why + "; check the path and its mount");
}

std::string system_reason(int code) {
    return std::generic_category().message(code);
}

}  // namespace

result<secret_string> read_token_file(const std::string& path, std::string_view variable,
                                      std::size_t max_bytes) {
    errno = 0;
    const std::unique_ptr<std::FILE, file_closer> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        return unreadable(variable, path, system_reason(errno));
    }
    std::string contents;
    contents.reserve(max_bytes);  // no reallocation: no unwiped copy left behind
    std::array<char, 4096> chunk{};
    bool too_large = false;
    bool failed = false;
    int read_error = 0;
    while (true) {
        const auto got = std::fread(chunk.data(), 1, chunk.size(), file.get());
        if (contents.size() + got > max_bytes) {
            too_large = true;
            break;
        }
        contents.append(chunk.data(), got);
        if (got < chunk.size()) {
            if (std::ferror(file.get()) != 0) {
                failed = true;
                read_error = errno;
            }
            break;
        }
    }
    secret_string token(contents);
    OPENSSL_cleanse(chunk.data(), chunk.size());
    OPENSSL_cleanse(contents.data(), contents.size());
    if (too_large) {
        return unreadable(variable, path,
                          "it is larger than " + std::to_string(max_bytes) + " bytes");
    }
    if (failed) {
        // Reading a directory fails here with EISDIR.
        return unreadable(variable, path, system_reason(read_error));
    }
    return token;
}

}  // namespace mongo_aws::detail
