#include "serve_command.hpp"

#include "demo_user.hpp"
#include "report.hpp"

#include <mongo_aws/test_server/certificates.hpp>
#include <mongo_aws/test_server/credential_endpoints.hpp>
#include <mongo_aws/test_server/mongodb_listener.hpp>

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>

#include <csignal>
#include <memory>
#include <optional>
#include <ostream>

namespace mongo_aws::cli {

int run_serve(const arguments& args, std::ostream& out, std::ostream& err) {
    auto options = std::make_shared<test_server::server_options>();
    if (args.users_file.empty()) {
        if (auto added = options->users.add(demo_user()); !added) {
            return report_failure(out, err, false, "serve", added.error());
        }
    } else {
        auto users = test_server::load_users_file(args.users_file);
        if (!users) {
            return report_failure(out, err, false, "serve", users.error());
        }
        options->users = std::move(*users);
    }
    for (const auto& name : args.faults) {
        const auto fault = test_server::parse_fault(name);
        if (!fault) {
            err << "mongo-aws serve: unknown fault '" << name << "'; known faults:";
            for (const auto& description : test_server::all_faults()) {
                err << ' ' << description.name;
            }
            err << '\n';
            return exit_usage;
        }
        options->faults.insert(*fault);
    }
    if (auto checked = test_server::check_options(*options); !checked) {
        return report_failure(out, err, false, "serve", checked.error());
    }

    asio::io_context io(1);
    std::optional<test_server::test_pki> pki;
    test_server::listener_options listen;
    listen.port = args.port;
    listen.log = verbose_log(err, args.verbose);
    if (args.tls) {
        pki.emplace();
        listen.tls = pki->localhost();
    }
    const auto first_user = options->users.users().front();
    std::optional<test_server::mongodb_listener> mongodb;
    std::optional<test_server::credential_endpoints> endpoints;
    try {
        mongodb.emplace(io.get_executor(), options, listen);
        test_server::credential_endpoint_options endpoint_options;
        endpoint_options.issued = first_user;
        endpoints.emplace(io.get_executor(), std::move(endpoint_options));
    } catch (const std::exception& failure) {
        return report_failure(
            out, err, false, "serve",
            make_error(errc::network_error, std::string("cannot listen: ") + failure.what()));
    }

    out << "mongo-aws serve: ready: mongodb " << mongodb->host_and_port()
        << (args.tls ? " (tls, tlsCAFile=" + pki->trusted_ca_file().string() + ")" : "")
        << ", credential endpoints " << endpoints->base_url() << " (imds, ecs "
        << endpoints->container_url() << ", sts), " << options->users.size()
        << " user(s), handing out " << redact_access_key_id(first_user.access_key_id) << std::endl;

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const std::error_code&, int) {
        mongodb->stop();
        endpoints->stop();
    });
    io.run();
    const auto& counters = mongodb->counters();
    const auto imds_role_path = std::string(test_server::imds_credentials_path) +
                                test_server::credential_endpoint_options{}.imds_role_name;
    err << "mongo-aws serve: stopped after " << counters.connections << " connection(s), "
        << counters.authentications << " authentication(s), " << counters.refusals
        << " refusal(s); credential requests: imds token "
        << endpoints->request_count(std::string(test_server::imds_token_path))
        << ", imds credentials " << endpoints->request_count(imds_role_path) << '\n';
    return exit_ok;
}

}  // namespace mongo_aws::cli
