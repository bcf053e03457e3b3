// `mongo-aws ping URI`: connect, authenticate, and ask the server who we are; or many times.
#pragma once

#include "arguments.hpp"

#include <iosfwd>

namespace mongo_aws::cli {

/// Runs args.count authentications (each a new connection), args.concurrency at a time, on one
/// thread with one credential cache, each followed by connectionStatus. Prints the
/// authenticated user and timings (or, for several, successes, failures, distinct users and
/// min/median/max). Returns 0 when all succeeded, 1 otherwise.
int run_ping(const arguments& args, std::ostream& out, std::ostream& err);

}  // namespace mongo_aws::cli
