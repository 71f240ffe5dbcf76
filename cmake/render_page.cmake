# Renders one manual page as plain text (no bold, underline or colour) with groff:
# cmake -DGROFF=path -DPAGE=man/peerlog-session.1 -DOUTPUT=file.txt -P render_page.cmake
get_filename_component(directory ${OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${directory})
execute_process(COMMAND ${GROFF} -man -Tutf8 -P-cbou ${PAGE} OUTPUT_FILE ${OUTPUT}
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    file(REMOVE ${OUTPUT})
    message(FATAL_ERROR "groff could not render ${PAGE}: ${result}")
endif()
