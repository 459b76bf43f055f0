# Install rules and the Debian package (CPack). `cpack -G DEB` in a configured tree, or
# `cpack --preset deb` from the source tree, writes stampede_<version>-1_<arch>.deb; docs/packaging.md.
include(GNUInstallDirs)

set(STAMPEDE_HOMEPAGE "https://stampede.example" CACHE STRING
    "Project home page written into the package and the AppStream metainfo (set it when publishing)")
# AppStream wants a reverse-DNS id: the home page's host, reversed, then ".Stampede".
string(REGEX REPLACE "^[a-z]+://([^/:]+).*" "\\1" _host "${STAMPEDE_HOMEPAGE}")
string(REPLACE "." ";" _labels "${_host}")
list(REVERSE _labels)
list(JOIN _labels "." STAMPEDE_APPSTREAM_ID)
string(APPEND STAMPEDE_APPSTREAM_ID ".Stampede")
string(TIMESTAMP STAMPEDE_RELEASE_DATE "%Y-%m-%d" UTC)
string(TIMESTAMP STAMPEDE_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(STAMPEDE_PACKAGE_RELEASE 1)
# Every directory the package creates: 0755 (lintian: non-standard-dir-perm).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(_pkg ${PROJECT_SOURCE_DIR}/packaging)
set(_gen ${PROJECT_BINARY_DIR}/packaging)

# Desktop integration: menu entry, scenario MIME type, AppStream metainfo, icons.
install(FILES ${_pkg}/linux/stampede.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_pkg}/linux/stampede-scenario.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
    RENAME stampede.xml)
configure_file(${_pkg}/linux/stampede.metainfo.xml.in ${_gen}/${STAMPEDE_APPSTREAM_ID}.metainfo.xml @ONLY)
install(FILES ${_gen}/${STAMPEDE_APPSTREAM_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(DIRECTORY ${_pkg}/icons/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)

# Examples: the scenarios (also compiled into the binary as the built-in templates) and the
# simulated gateway's configuration.
file(GLOB _scenarios CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/resources/scenarios/*.json)
install(FILES ${_scenarios} DESTINATION ${CMAKE_INSTALL_DATADIR}/stampede/scenarios)
install(FILES ${PROJECT_SOURCE_DIR}/resources/gateway/example.json DESTINATION ${CMAKE_INSTALL_DATADIR}/stampede/gateway)

# Documentation (Help > Open the Documentation finds it beside the binary), licence, changelog.
set(_doc ${CMAKE_INSTALL_DATADIR}/doc/stampede)
file(GLOB _docs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${_docs} DESTINATION ${_doc})
install(FILES ${PROJECT_SOURCE_DIR}/docs/images/dashboard.png ${PROJECT_SOURCE_DIR}/docs/images/editor.png
    ${PROJECT_SOURCE_DIR}/docs/images/report.png DESTINATION ${_doc}/images)
install(FILES ${_pkg}/debian/copyright DESTINATION ${_doc})
configure_file(${_pkg}/debian/changelog.in ${_gen}/changelog.Debian @ONLY)
add_custom_command(OUTPUT ${_gen}/changelog.Debian.gz
    COMMAND gzip -9n -c ${_gen}/changelog.Debian > ${_gen}/changelog.Debian.gz
    DEPENDS ${_gen}/changelog.Debian VERBATIM)
add_custom_target(stampede_changelog ALL DEPENDS ${_gen}/changelog.Debian.gz)
install(FILES ${_gen}/changelog.Debian.gz DESTINATION ${_doc})

# The package.
set(CPACK_PACKAGE_NAME stampede)
set(CPACK_PACKAGE_VENDOR "The Stampede maintainers")
set(CPACK_PACKAGE_CONTACT "Stampede maintainers <maintainers@stampede.example>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "load tester for OpenAI-compatible AI API gateways")
set(CPACK_PACKAGE_DESCRIPTION
    "Stampede is a desktop load tester for AI API gateways (OpenAI, LiteLLM,\n"
    "Portkey, vLLM and commercial gateways serving many models behind one base\n"
    "URL). It sends real requests with a weighted model mix and a ramp profile\n"
    "and shows latency percentiles, time to first token, throughput, tokens, cost\n"
    "and errors live, per model, with SLO thresholds, CSV and a self-contained\n"
    "HTML report. The same scenario runs headless in CI (stampede run), and a\n"
    "simulated gateway (stampede gateway) lets every feature be tried without a\n"
    "key.")
# Lines under 80 columns with the leading space (lintian: extended-description-line-too-long).
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${STAMPEDE_PACKAGE_RELEASE})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${STAMPEDE_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time, not linked: Qt's extra platform plugins (offscreen for headless screenshots),
# the TLS backend's OpenSSL (qt6/plugins/tls/libqopensslbackend.so dlopens libssl3).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libssl3")
# CJK prompts and model names; a Secret Service keychain for remembered keys; Wayland sessions; the
# SVG icon engine.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "fonts-wqy-microhei, gnome-keyring | kwalletmanager | keepassxc, qt6-wayland, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
