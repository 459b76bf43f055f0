# Compile settings every Stampede target links: Qt strictness and warnings (HOUSE_STYLE.md).
add_library(stampede_options INTERFACE)
target_compile_definitions(stampede_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER QT_NO_FOREACH
    STAMPEDE_VERSION="${PROJECT_VERSION}")
target_compile_options(stampede_options INTERFACE -Wall -Wextra -pedantic)
# Warnings are errors on our own targets (every room, the GUI, the binary, tests, benches, fuzzers);
# -DSTAMPEDE_WERROR=OFF for a compiler newer than Debian 12's gcc 12 / clang 14 that warns anew.
option(STAMPEDE_WERROR "Treat compiler warnings as errors on Stampede's targets" ON)
if(STAMPEDE_WERROR)
    target_compile_options(stampede_options INTERFACE -Werror)
endif()
target_compile_features(stampede_options INTERFACE cxx_std_20)

# stampede_core_library(NAME SOURCES... LINKS ...) : one static library per core room.
function(stampede_core_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
    add_library(stampede_${name} STATIC ${ARG_SOURCES})
    add_library(stampede::${name} ALIAS stampede_${name})
    target_include_directories(stampede_${name} PUBLIC ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(stampede_${name} PUBLIC stampede_options ${ARG_LINKS})
endfunction()
