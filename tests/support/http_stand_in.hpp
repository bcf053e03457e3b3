// The test server's scripted HTTP stand-in (include/mongo_aws/test_server/http_stand_in.hpp),
// named in the tests' namespace.
#pragma once

#include "support/test_certificates.hpp"

#include <mongo_aws/test_server/http_stand_in.hpp>

namespace mongo_aws::test {

using test_server::answer;
using test_server::answer_after;
using test_server::body_framing;
using test_server::close_mid_body;
using test_server::close_without_answer;
using test_server::drip;
using test_server::http_stand_in;
using test_server::large_body;
using test_server::never_answer;
using test_server::reply_script;
using test_server::served_request;
using test_server::stand_in_options;

}  // namespace mongo_aws::test
