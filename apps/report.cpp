#include "report.hpp"

#include "json_writer.hpp"

#include <mongo_aws/timestamp.hpp>

#include <ctime>
#include <ostream>

namespace mongo_aws::cli {

int report_failure(std::ostream& out, std::ostream& err, bool json, std::string_view command,
                   const error& failure) {
    if (json) {
        json_writer error_object;
        error_object.field("code", code_name(failure.code)).field("message", failure.to_string());
        out << json_writer().field("ok", false).raw_field("error", error_object.str()).str()
            << '\n';
    } else {
        err << "mongo-aws " << command << ": " << failure.to_string() << '\n';
    }
    return exit_failed;
}

step_log verbose_log(std::ostream& err, bool verbose) {
    if (!verbose) {
        return {};
    }
    const auto started = std::chrono::steady_clock::now();
    return [&err, started](std::string_view line) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        err << "  [" << ms << " ms] " << line << '\n';
    };
}

std::string describe_expiration(
    const std::optional<std::chrono::system_clock::time_point>& expiration) {
    if (!expiration) {
        return "none";
    }
    const auto left = std::chrono::duration_cast<std::chrono::minutes>(
        *expiration - std::chrono::system_clock::now());
    const auto minutes = left.count();
    std::string when = minutes < 0 ? "expired"
                                   : "in " + std::to_string(minutes / 60) + "h " +
                                         std::to_string(minutes % 60) + "m";
    return format_iso8601(*expiration) + " (" + when + ")";
}

}  // namespace mongo_aws::cli
