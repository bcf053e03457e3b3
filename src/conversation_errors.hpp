// What the conversation's source files share.
#pragma once

#include <mongo_aws/conversation.hpp>

#include <string_view>

namespace mongo_aws::detail {

/// errc::conversation_out_of_order for `step` called in state `current`.
[[nodiscard]] error out_of_order(std::string_view step, conversation::state current);

}  // namespace mongo_aws::detail
