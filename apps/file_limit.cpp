#include "file_limit.hpp"

#include <cerrno>
#include <cstring>
#include <sys/resource.h>

namespace mongo_aws::cli {

long long raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return -1;
    }
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
        }
    }
    return limit.rlim_cur == RLIM_INFINITY ? -1 : static_cast<long long>(limit.rlim_cur);
}

bool is_out_of_descriptors(const std::string& message) {
    return message.find(std::strerror(EMFILE)) != std::string::npos ||
           message.find(std::strerror(ENFILE)) != std::string::npos;
}

}  // namespace mongo_aws::cli
