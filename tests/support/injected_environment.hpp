// An environment for tests, read from a map instead of the process's variables.
#pragma once

#include <mongo_aws/environment.hpp>

#include <functional>
#include <map>
#include <string>

namespace mongo_aws::test {

/// Variable name to value; a name that is absent is unset.
using variables = std::map<std::string, std::string, std::less<>>;

/// read_environment() over `vars` (a test failure, and the test stops, when it refuses them).
environment env_of(variables vars);

}  // namespace mongo_aws::test
