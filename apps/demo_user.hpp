// The user the test server knows when no users file is given (`serve`, `demo`): AWS's own
// documentation example credentials, which are not real and safe to publish. Never printed in
// clear all the same (the access key id is shown redacted).
#pragma once

#include <mongo_aws/test_server/users.hpp>

namespace mongo_aws::cli {

/// AKIAIOSFODNN7EXAMPLE, its example secret, a session token, an assumed-role ARN.
[[nodiscard]] test_server::user demo_user();

}  // namespace mongo_aws::cli
