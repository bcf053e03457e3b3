#include "support/injected_environment.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string_view>
#include <utility>

namespace mongo_aws::test {

environment env_of(variables vars) {
    auto env = read_environment(
        [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
            const auto found = vars.find(name);
            return found == vars.end() ? std::nullopt : std::optional<std::string>(found->second);
        });
    BOOST_TEST_REQUIRE(env.has_value());
    return std::move(env).value();
}

}  // namespace mongo_aws::test
