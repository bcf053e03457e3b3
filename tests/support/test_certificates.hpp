// The test server's run-time certificates (include/mongo_aws/test_server/certificates.hpp),
// named in the tests' namespace.
#pragma once

#include <mongo_aws/test_server/certificates.hpp>

namespace mongo_aws::test {

using test_server::pem_identity;
using test_server::shared_test_pki;
using test_server::test_pki;

}  // namespace mongo_aws::test
