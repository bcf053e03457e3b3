// `mongo-aws credentials`: the credential chain as authentication runs it, explained.
#pragma once

#include "arguments.hpp"

#include <iosfwd>

namespace mongo_aws::cli {

/// Looks credentials up once (the process environment, the library's own fetchers) and prints
/// which source answered, the access key id redacted, whether there is a session token, the
/// expiration, and each source's outcome, reason and time. Returns the exit status.
int run_credentials(const arguments& args, std::ostream& out, std::ostream& err);

}  // namespace mongo_aws::cli
