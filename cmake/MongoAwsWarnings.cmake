# mongo_aws_set_warnings(target): the project's warning policy, applied to every target it builds.
function(mongo_aws_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                             -Wnon-virtual-dtor -Wold-style-cast)
    if(MONGO_AWS_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# Asio coroutines on clang-14 need these two definitions (Asio 1.22 does not detect them).
set(MONGO_AWS_ASIO_DEFINITIONS ASIO_NO_DEPRECATED ASIO_HAS_CO_AWAIT=1 ASIO_HAS_STD_COROUTINE=1)
