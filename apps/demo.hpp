// `mongo-aws demo`: the main job of the README's first command.
#pragma once

#include <iosfwd>

namespace mongo_aws::cli {

/// Starts the test server in-process on free loopback ports (a MongoDB endpoint that verifies
/// SigV4 signatures, and IMDS / ECS / STS stand-ins) and authenticates against it twice: with
/// environment credentials, then through the IMDS stand-in, printing each step (never a
/// secret). Returns the process exit status: 0 when both authentications succeeded, 1 otherwise.
int run_demo(std::ostream& out, std::ostream& err);

}  // namespace mongo_aws::cli
