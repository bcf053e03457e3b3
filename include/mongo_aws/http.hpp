// HTTP/1.1 messages, sans-I/O: requests (type, serializer, parser) and responses (type, parser).
#pragma once

#include <mongo_aws/http_message.hpp>
#include <mongo_aws/http_request.hpp>
#include <mongo_aws/http_response.hpp>
