# mongo_aws_set_warnings(target): the project's warning policy, applied to every target it builds.
function(mongo_aws_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                             -Wnon-virtual-dtor -Wold-style-cast)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        # GCC 12 at -O2 misreads Asio's awaitable frame allocator (its own operator new/delete
        # pair) as a mismatched new/delete: a false positive on every coroutine.
        target_compile_options(${target} PRIVATE -Wno-mismatched-new-delete)
    endif()
    if(MONGO_AWS_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# Asio coroutines on clang-14 need these two definitions (Asio 1.22 does not detect them).
set(MONGO_AWS_ASIO_DEFINITIONS ASIO_NO_DEPRECATED ASIO_HAS_CO_AWAIT=1 ASIO_HAS_STD_COROUTINE=1)
