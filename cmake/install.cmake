# Installing peerlog: binary, static library, headers, CMake package, pkg-config file, manual
# pages and shell completions under the GNUInstallDirs prefixes; CPack builds a .deb of it all.
include(CMakePackageConfigHelpers)

install(TARGETS peerlog_core EXPORT peerlogTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/peerlog DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set(peerlog_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/peerlog)
install(EXPORT peerlogTargets NAMESPACE peerlog:: DESTINATION ${peerlog_cmake_dir})
configure_package_config_file(cmake/peerlogConfig.cmake.in
    ${PROJECT_BINARY_DIR}/peerlogConfig.cmake INSTALL_DESTINATION ${peerlog_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/peerlogConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/peerlogConfig.cmake
              ${PROJECT_BINARY_DIR}/peerlogConfigVersion.cmake
        DESTINATION ${peerlog_cmake_dir})
configure_file(cmake/peerlog.pc.in ${PROJECT_BINARY_DIR}/peerlog.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/peerlog.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES ${peerlog_team_sql} DESTINATION ${CMAKE_INSTALL_DATADIR}/peerlog/sql/team)

# Every page in man/, by its section.
file(GLOB peerlog_man1 CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.1)
file(GLOB peerlog_man5 CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.5)
install(FILES ${peerlog_man1} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${peerlog_man5} DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)

# Each page's text, rendered by groff when the build machine has it: `peerlog help` prints it
# where man is missing (build/man-text/PAGE.S.txt, installed in share/peerlog/man-text).
find_program(PEERLOG_GROFF groff)
if(PEERLOG_GROFF)
    set(peerlog_man_texts)
    foreach(page IN LISTS peerlog_man1 peerlog_man5)
        get_filename_component(name ${page} NAME)
        set(output ${PROJECT_BINARY_DIR}/man-text/${name}.txt)
        add_custom_command(OUTPUT ${output}
            COMMAND ${CMAKE_COMMAND} -DGROFF=${PEERLOG_GROFF} -DPAGE=${page} -DOUTPUT=${output}
                    -P ${PROJECT_SOURCE_DIR}/cmake/render_page.cmake
            DEPENDS ${page} ${PROJECT_SOURCE_DIR}/cmake/render_page.cmake
            COMMENT "Rendering ${name} as text")
        list(APPEND peerlog_man_texts ${output})
    endforeach()
    add_custom_target(peerlog_man_text ALL DEPENDS ${peerlog_man_texts})
    install(FILES ${peerlog_man_texts} DESTINATION ${CMAKE_INSTALL_DATADIR}/peerlog/man-text)
endif()

# Completions come from the built binary's own command definitions, so they cannot drift.
set(peerlog_completions)
foreach(shell bash zsh fish)
    set(output ${PROJECT_BINARY_DIR}/completions/peerlog.${shell})
    add_custom_command(OUTPUT ${output}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/completions
        COMMAND ${CMAKE_COMMAND} -DPEERLOG=$<TARGET_FILE:peerlog> -DSHELL_NAME=${shell}
                -DOUTPUT=${output} -P ${PROJECT_SOURCE_DIR}/cmake/write_completion.cmake
        DEPENDS peerlog ${PROJECT_SOURCE_DIR}/cmake/write_completion.cmake
        COMMENT "Generating the ${shell} completion")
    list(APPEND peerlog_completions ${output})
endforeach()
add_custom_target(peerlog_completions ALL DEPENDS ${peerlog_completions})
install(FILES ${PROJECT_BINARY_DIR}/completions/peerlog.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME peerlog)
# zsh looks in <prefix>/share/zsh/site-functions for /usr/local, but Debian's zsh looks in
# /usr/share/zsh/vendor-completions for packages (its fpath has no /usr/share/.../site-functions),
# so the directory is chosen when installing, for the prefix installed to (CPack's is .../usr).
install(CODE "
    set(zsh_dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/site-functions\")
    if(CMAKE_INSTALL_PREFIX MATCHES \"(^|/)usr/?$\")
        set(zsh_dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions\")
    endif()
    file(INSTALL \"${PROJECT_BINARY_DIR}/completions/peerlog.zsh\" DESTINATION \"\${zsh_dir}\"
         RENAME _peerlog)
")
# fish reads vendor_completions.d under each directory of XDG_DATA_DIRS (the XDG default is
# /usr/local/share:/usr/share), and /usr/share/fish/vendor_completions.d when it is unset.
install(FILES ${PROJECT_BINARY_DIR}/completions/peerlog.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d RENAME peerlog.fish)

set(CPACK_PACKAGE_NAME peerlog)
set(CPACK_PACKAGE_VENDOR "peerlog")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Record keeping for peer recovery support")
set(CPACK_PACKAGE_CONTACT "peerlog maintainers <peerlog@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps sees linked libraries only: libxlsxwriter, minizip and ICU's libicuuc are
# opened with dlopen (lib/CMakeLists), and so is libpq.so.5 by peerlog to read a team database
# URL (lib/database_url.cpp).
string(REGEX REPLACE "^lib(.*)\\.so\\.([0-9]+)$" "lib\\1\\2" xlsxwriter_package
       "${PEERLOG_XLSXWRITER_SONAME}")
string(REGEX REPLACE "^lib(.*)\\.so\\.([0-9]+)$" "lib\\1\\2" minizip_package
       "${PEERLOG_MINIZIP_SONAME}")
# Debian ships libicuuc.so.N in libicuN.
string(REGEX REPLACE "^libicuuc\\.so\\.([0-9]+)$" "libicu\\1" icu_package "${PEERLOG_ICUUC_SONAME}")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "${xlsxwriter_package}, ${minizip_package}, ${icu_package}, libpq5")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# As Debian policy asks: the binary stripped, the static library stripped of debug information
# (it keeps its symbols), manual pages gzipped.
set(CPACK_STRIP_FILES ON)
set(CPACK_PEERLOG_STRIP ${CMAKE_STRIP})
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/cpack_pre_build.cmake)
set(CPACK_GENERATOR DEB)
include(CPack)
