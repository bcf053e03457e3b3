// mongo-aws: authenticate to MongoDB with MONGODB-AWS, and find out why it fails.
#include "arguments.hpp"
#include "credentials_command.hpp"
#include "demo.hpp"
#include "file_limit.hpp"
#include "ping_command.hpp"
#include "report.hpp"
#include "serve_command.hpp"

#include <iostream>
#include <span>

int main(int argc, char* argv[]) {
    using namespace mongo_aws::cli;
    const std::span<const char* const> args(argv + 1, static_cast<std::size_t>(argc - 1));
    auto parsed = parse_arguments(args);
    if (!parsed) {
        std::cerr << "mongo-aws: " << parsed.error().message << '\n';
        return exit_usage;
    }
    raise_open_file_limit();
    const auto& command = parsed->command;
    if (command == "help") {
        std::cout << usage_text();
        return exit_ok;
    }
    if (command == "credentials") {
        return run_credentials(*parsed, std::cout, std::cerr);
    }
    if (command == "demo") {
        return run_demo(std::cout, std::cerr);
    }
    if (command == "ping") {
        return run_ping(*parsed, std::cout, std::cerr);
    }
    return run_serve(*parsed, std::cout, std::cerr);
}
