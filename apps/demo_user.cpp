#include "demo_user.hpp"

namespace mongo_aws::cli {

test_server::user demo_user() {
    return {"AKIAIOSFODNN7EXAMPLE", secret_string("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            secret_string("IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"),
            "arn:aws:sts::123456789012:assumed-role/demo-app/demo-session"};
}

}  // namespace mongo_aws::cli
