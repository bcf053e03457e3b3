// `mongo-aws serve`: the loopback test server as a process.
#pragma once

#include "arguments.hpp"

#include <iosfwd>

namespace mongo_aws::cli {

/// Runs the MongoDB listener (signatures verified against --users, or the demo user) and the
/// IMDS / ECS / STS endpoints handing out the first user's credentials, until SIGINT or SIGTERM.
/// Prints one line with its ports when ready. Returns 0 after a signal, 1 when it cannot start,
/// 2 for an unknown fault name.
int run_serve(const arguments& args, std::ostream& out, std::ostream& err);

}  // namespace mongo_aws::cli
