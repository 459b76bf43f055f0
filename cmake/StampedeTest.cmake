# stampede_add_test(NAME SOURCES... LINKS ... LABEL core|ui|integration|bench [TIMEOUT s])
# One QtTest executable -> link room libraries (never re-list sources) -> add_test -> offscreen.
# Each test also carries the label room-<folder> (room-engine, room-app, ...): the sanitizer stages
# select by it (tests/sanitize/run.sh).
function(stampede_add_test name)
    cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LINKS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test stampede_test_support ${ARG_LINKS})
    if(TARGET stampede_tsan_bridge)
        target_link_libraries(${name} PRIVATE stampede_tsan_bridge)
    endif()
    if(NOT ARG_LABEL)
        set(ARG_LABEL core)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    if(ARG_LABEL STREQUAL "bench")
        return()
    endif()
    add_test(NAME ${name} COMMAND ${name})
    get_filename_component(room ${CMAKE_CURRENT_SOURCE_DIR} NAME)
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABEL};room-${room}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TZ=UTC;XDG_RUNTIME_DIR=${CMAKE_BINARY_DIR}/xdg-runtime;XDG_DATA_HOME=${CMAKE_BINARY_DIR}/xdg-data;XDG_CONFIG_HOME=${CMAKE_BINARY_DIR}/xdg-config;LC_ALL=C.UTF-8;STAMPEDE_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data")
endfunction()
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/xdg-runtime)
file(CHMOD ${CMAKE_BINARY_DIR}/xdg-runtime DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
