// mongo-aws: authenticate to MongoDB with MONGODB-AWS, and find out why it fails.
#include "demo.hpp"

#include <iostream>
#include <string_view>

namespace {

constexpr int exit_usage = 2;

void print_usage(std::ostream& out) {
    out << "usage: mongo-aws <command>\n"
           "\n"
           "commands:\n"
           "  demo    run one MONGODB-AWS conversation against a scripted server, printing each\n"
           "          message (secrets redacted)\n"
           "  help    show this text\n";
}

}  // namespace

int main(int argc, char* argv[]) {
    if (argc < 2) {
        print_usage(std::cerr);
        return exit_usage;
    }
    const std::string_view command = argv[1];
    if (command == "demo" && argc == 2) {
        return mongo_aws::cli::run_demo(std::cout, std::cerr);
    }
    if (command == "help" || command == "--help" || command == "-h") {
        print_usage(std::cout);
        return 0;
    }
    std::cerr << "mongo-aws: unknown command or arguments: '" << command
              << "' (see 'mongo-aws help')\n";
    return exit_usage;
}
