// `mongo-aws demo`: the main job of the README's first command.
#pragma once

#include <iosfwd>

namespace mongo_aws::cli {

/// Runs one whole MONGODB-AWS conversation against a scripted server, in memory, printing each
/// message (secrets redacted). Returns the process exit status: 0 when the server accepted the
/// signature, 1 otherwise.
int run_demo(std::ostream& out, std::ostream& err);

}  // namespace mongo_aws::cli
