# Man pages: docs/man/<name>.<section>.scd (scdoc(5) sources) are configured (@PROJECT_VERSION@),
# turned into roff by scdoc and compressed into <build>/man/<name>.<section>.gz (target
# stampede_man, part of ALL), then installed into ${CMAKE_INSTALL_MANDIR}/man<section>.
# Included from the top-level CMakeLists.txt after add_subdirectory(app):
#     include(cmake/StampedeMan.cmake)
# Without scdoc the pages are skipped with a note; -DSTAMPEDE_REQUIRE_MAN=ON (a package build)
# makes that an error instead. The pages' date is the configure time, or $SOURCE_DATE_EPOCH when
# set (reproducible builds); gzip -n leaves out the file name and time.
#
# The same file is the build step (cmake -P): scdoc reads stdin and writes stdout, which
# execute_process redirects without a shell.

if(CMAKE_SCRIPT_MODE_FILE)
    # cmake -DSCDOC=... -DGZIP=... -DINPUT=x.scd -DOUTPUT=x.1 -DDATE_EPOCH=... -P StampedeMan.cmake
    # writes OUTPUT (roff) and OUTPUT.gz, or neither.
    foreach(_var SCDOC GZIP INPUT OUTPUT)
        if(NOT DEFINED ${_var})
            message(FATAL_ERROR "StampedeMan.cmake -P: ${_var} is not set")
        endif()
    endforeach()
    if(DATE_EPOCH)
        set(ENV{SOURCE_DATE_EPOCH} "${DATE_EPOCH}") # scdoc's .TH date
    endif()
    file(REMOVE "${OUTPUT}" "${OUTPUT}.gz")
    execute_process(COMMAND "${SCDOC}" INPUT_FILE "${INPUT}" OUTPUT_FILE "${OUTPUT}.tmp"
        ERROR_VARIABLE _error RESULT_VARIABLE _result)
    if(NOT _result EQUAL 0)
        file(REMOVE "${OUTPUT}.tmp")
        message(FATAL_ERROR "scdoc failed on ${INPUT} (${_result}): ${_error}")
    endif()
    file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
    execute_process(COMMAND "${GZIP}" -9n -c "${OUTPUT}" OUTPUT_FILE "${OUTPUT}.gz.tmp"
        ERROR_VARIABLE _error RESULT_VARIABLE _result)
    if(NOT _result EQUAL 0)
        file(REMOVE "${OUTPUT}" "${OUTPUT}.gz.tmp")
        message(FATAL_ERROR "gzip failed on ${OUTPUT} (${_result}): ${_error}")
    endif()
    file(RENAME "${OUTPUT}.gz.tmp" "${OUTPUT}.gz")
    return()
endif()

include_guard(GLOBAL)
include(GNUInstallDirs)

option(STAMPEDE_REQUIRE_MAN "Fail the configuration when scdoc is missing instead of skipping the man pages" OFF)

function(stampede_add_man_pages)
    set(source_dir ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../docs/man)
    cmake_path(NORMAL_PATH source_dir)
    set(build_dir ${PROJECT_BINARY_DIR}/man)

    find_program(SCDOC scdoc DOC "scdoc, to build the man pages (docs/man/*.scd)")
    find_program(GZIP_EXECUTABLE gzip DOC "gzip, to compress the man pages")
    if(NOT SCDOC OR NOT GZIP_EXECUTABLE)
        set(missing)
        if(NOT SCDOC)
            list(APPEND missing scdoc)
        endif()
        if(NOT GZIP_EXECUTABLE)
            list(APPEND missing gzip)
        endif()
        list(JOIN missing " and " missing)
        if(STAMPEDE_REQUIRE_MAN)
            message(FATAL_ERROR "${missing} not found, and STAMPEDE_REQUIRE_MAN is on: install what is missing "
                "(apt-get install scdoc) or turn STAMPEDE_REQUIRE_MAN off")
        endif()
        message(STATUS "${missing} not found: the man pages (docs/man/*.scd) are not built or installed")
        return()
    endif()

    # The pages' date: today (UTC), or SOURCE_DATE_EPOCH's day (string(TIMESTAMP) honours it).
    # Whole days, so that a reconfigure within the day leaves the build commands as they were.
    string(TIMESTAMP date_epoch "%s" UTC)
    math(EXPR date_epoch "${date_epoch} - ${date_epoch} % 86400")
    file(GLOB sources CONFIGURE_DEPENDS ${source_dir}/*.scd)
    list(SORT sources)
    set(pages)
    foreach(source IN LISTS sources)
        get_filename_component(page ${source} NAME_WLE) # stampede-run.1
        if(NOT page MATCHES "\\.([1-9][a-z]*)$")
            message(FATAL_ERROR "${source}: name it <page>.<section>.scd, e.g. stampede-run.1.scd")
        endif()
        set(section ${CMAKE_MATCH_1})
        set(configured ${build_dir}/${page}.scd)
        set(roff ${build_dir}/${page})
        configure_file(${source} ${configured} @ONLY)
        add_custom_command(OUTPUT ${roff} ${roff}.gz
            COMMAND ${CMAKE_COMMAND} -DSCDOC=${SCDOC} -DGZIP=${GZIP_EXECUTABLE} -DINPUT=${configured}
                -DOUTPUT=${roff} -DDATE_EPOCH=${date_epoch} -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE}
            DEPENDS ${configured} ${CMAKE_CURRENT_FUNCTION_LIST_FILE}
            COMMENT "Generating man page ${page}"
            VERBATIM)
        install(FILES ${roff}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
        list(APPEND pages ${roff}.gz)
    endforeach()
    add_custom_target(stampede_man ALL DEPENDS ${pages})
    set(STAMPEDE_MAN_PAGES ${pages} PARENT_SCOPE) # the .gz files, for tests
endfunction()

stampede_add_man_pages()
