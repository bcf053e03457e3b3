// Open files: a thousand concurrent connections need a thousand descriptors.
#pragma once

#include <string>

namespace mongo_aws::cli {

/// Raises the soft limit on open files to the hard limit. Returns the limit now in force.
long long raise_open_file_limit();

/// True when `message` (an error's) says the process ran out of file descriptors.
[[nodiscard]] bool is_out_of_descriptors(const std::string& message);

}  // namespace mongo_aws::cli
